// Views, actions, multi-select and shortcuts of the inbox (issue 14), rendered over the FakeMailApi.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { giveElementsASize } from './element-size.js';
import { applyToPages, staysInView } from '../../renderer/store/inbox-actions.js';
import type { MessageSummary } from '../../shared/types.js';
import { FakeMailApi } from './fake-api.js';
import { renderWith } from './render-app.js';

giveElementsASize();
afterEach(() => cleanup());

async function setup(locale: 'fr' | 'en' = 'fr') {
  const api = new FakeMailApi({ locale });
  const a = await api.createMailbox({ name: 'Contact', imap_server: 'imap.gmail.com', imap_port: 993, email_address: 'contact@gmail.com', email_password: 'x', use_ssl: true });
  api.addMessages([
    { mailbox_id: a.id, date: '2025-03-10T09:00:00Z', subject: 'Facture mars' },
    { mailbox_id: a.id, date: '2025-03-09T09:00:00Z', subject: 'Relance devis' },
    { mailbox_id: a.id, date: '2025-03-08T09:00:00Z', subject: 'Promo suspecte', folder: 'Junk', folder_role: 'junk' },
    { mailbox_id: a.id, date: '2025-03-07T09:00:00Z', subject: 'Devis envoyé', folder: 'Sent', folder_role: 'sent', seen: true },
  ]);
  const view = renderWith(api, { locale });
  await screen.findByTestId('msg-list');
  return view;
}

const subjects = () => screen.queryAllByTestId('msg-row').map((r) => r.querySelector('.msg-subject')?.textContent);

describe('folder views', () => {
  it('the sidebar lists the views with unread counts; each view shows its messages with their folder', async () => {
    await setup();
    await waitFor(() => expect(subjects()).toEqual(['Facture mars', 'Relance devis']));
    expect(screen.getByTestId('view-count-inbox').textContent).toBe('2');
    expect(screen.getByTestId('view-count-junk').textContent).toBe('1');
    fireEvent.click(screen.getByTestId('view-junk'));
    await waitFor(() => expect(subjects()).toEqual(['Promo suspecte']));
    expect(screen.getByTestId('inbox-title').textContent).toBe('Indésirables');
    expect(screen.getByTestId('msg-folder').textContent).toBe('Indésirables');
    fireEvent.click(screen.getByTestId('view-all'));
    await waitFor(() => expect(subjects()).toHaveLength(4));
    expect(screen.getAllByTestId('msg-folder').map((f) => f.textContent)).toEqual(['Réception', 'Réception', 'Indésirables', 'Envoyés']);
  });
});

describe('one unread number', () => {
  it('the « Boîte unifiée » badge is the « Réception » count (unread mail in other views is not in it), and both follow a read', async () => {
    await setup();
    const badge = () => screen.getByTestId('nav-inbox').querySelector('.nav-count')?.textContent;
    await waitFor(() => expect(screen.getByTestId('view-count-inbox').textContent).toBe('2'));
    expect(screen.getByTestId('view-count-junk').textContent).toBe('1');
    expect(badge()).toBe('2');
    fireEvent.click(screen.getAllByTestId('msg-row')[0]!);
    await waitFor(() => expect(screen.getByTestId('view-count-inbox').textContent).toBe('1'));
    expect(badge()).toBe('1');
  });
});

describe('actions', () => {
  it('archive from the reader takes the message out of the inbox at once', async () => {
    const { api } = await setup();
    await waitFor(() => expect(subjects()).toHaveLength(2));
    fireEvent.click(screen.getAllByTestId('msg-row')[0]!);
    const bar = await screen.findByTestId('reader-actions');
    fireEvent.click(within(bar).getByTestId('action-archive'));
    await waitFor(() => expect(subjects()).toEqual(['Relance devis']));
    expect(api.callsOf('messageAction').at(-1)).toMatchObject({ action: 'archive' });
    fireEvent.click(screen.getByTestId('view-archive'));
    await waitFor(() => expect(subjects()).toEqual(['Facture mars']));
  });

  it('not spam moves a Junk message back to the inbox; delete from Trash asks first', async () => {
    const { api } = await setup('en');
    fireEvent.click(await screen.findByTestId('view-junk'));
    await waitFor(() => expect(subjects()).toEqual(['Promo suspecte']));
    fireEvent.click(screen.getAllByTestId('msg-row')[0]!);
    fireEvent.click(within(await screen.findByTestId('reader-actions')).getByTestId('action-not-spam'));
    await waitFor(() => expect(subjects()).toEqual([]));
    fireEvent.click(screen.getByTestId('view-inbox'));
    await waitFor(() => expect(subjects()).toContain('Promo suspecte'));

    // To the Trash, then for good with a confirmation.
    fireEvent.click(screen.getAllByTestId('msg-row')[0]!);
    fireEvent.click(within(await screen.findByTestId('reader-actions')).getByTestId('action-delete'));
    fireEvent.click(screen.getByTestId('view-trash'));
    await waitFor(() => expect(subjects()).toHaveLength(1));
    fireEvent.click(screen.getAllByTestId('msg-row')[0]!);
    const del = within(await screen.findByTestId('reader-actions')).getByTestId('action-delete');
    expect(del.textContent).toBe('Delete for good');
    fireEvent.click(del);
    const dialog = await screen.findByTestId('confirm-delete');
    expect(dialog.textContent).toMatch(/cannot be recovered/);
    const before = api.callsOf('messageAction').length;
    fireEvent.click(screen.getByTestId('confirm-delete-cancel'));
    expect(api.callsOf('messageAction')).toHaveLength(before);
    fireEvent.click(del);
    fireEvent.click(await screen.findByTestId('confirm-delete-ok'));
    await waitFor(() => expect(subjects()).toEqual([]));
  });

  it('multi-select: tick two rows, star them together from the bulk bar', async () => {
    const { api } = await setup();
    await waitFor(() => expect(subjects()).toHaveLength(2));
    for (const box of screen.getAllByTestId('msg-select')) fireEvent.click(box);
    const bar = await screen.findByTestId('bulk-bar');
    expect(bar.textContent).toContain('2 messages sélectionnés');
    fireEvent.click(within(bar).getByTestId('action-flag'));
    await waitFor(() => expect(screen.getAllByTestId('msg-star')).toHaveLength(2));
    expect(api.callsOf('messageAction').at(-1)).toMatchObject({ action: 'flag' });
    expect((api.callsOf('messageAction').at(-1) as { ids: number[] }).ids).toHaveLength(2);
  });

  it('keyboard: s stars, e archives the open message; ? lists the shortcuts', async () => {
    const { api } = await setup('en');
    await waitFor(() => expect(subjects()).toHaveLength(2));
    fireEvent.click(screen.getAllByTestId('msg-row')[1]!);
    await screen.findByTestId('reader-actions');
    fireEvent.keyDown(window, { key: 's' });
    await waitFor(() => expect(api.callsOf('messageAction').at(-1)).toMatchObject({ action: 'flag' }));
    fireEvent.keyDown(window, { key: 'e' });
    await waitFor(() => expect(subjects()).toEqual(['Facture mars']));
    fireEvent.keyDown(window, { key: '?' });
    const help = await screen.findByTestId('shortcuts-help');
    expect(help.textContent).toContain('Archive');
    expect(help.textContent).toContain('Star / unstar');
    // Typing in the search box is not a shortcut.
    fireEvent.click(screen.getByTestId('shortcuts-close'));
    const calls = api.callsOf('messageAction').length;
    fireEvent.keyDown(screen.getByTestId('search-box'), { key: 'e' });
    expect(api.callsOf('messageAction')).toHaveLength(calls);
  });
});

describe('applyToPages', () => {
  const row = (id: number, role: MessageSummary['folder_role'] = 'inbox'): MessageSummary => ({
    id, mailbox_id: 1, mailbox_ids: [1], folder: 'INBOX', folder_role: role, action_error: null, triage: { state: null, assignee: null, by: null, at: null, local_only: false }, message_id: null, subject: `m${id}`,
    from: null, date: null, snippet: '', seen: false, flagged: false, has_attachments: false, size: 1,
  });
  it('removes rows leaving the view and re-flows the pages; keeps changed rows in place', () => {
    const pages = { 0: [row(1), row(2)], 1: [row(3), row(4)] };
    const moved = applyToPages(pages, new Set([2]), 'archive', 'inbox', 2);
    expect(moved.removed).toBe(1);
    expect(moved.pages[0]!.map((m) => m.id)).toEqual([1, 3]);
    expect(moved.pages[1]).toBeUndefined(); // short last page: fetched again
    const starred = applyToPages(pages, new Set([3]), 'flag', 'inbox', 2);
    expect(starred.removed).toBe(0);
    expect(starred.pages[1]![0]!.flagged).toBe(true);
  });
  it('knows which views a message stays in', () => {
    expect(staysInView(row(1), 'archive', 'all')).toBe(true);
    expect(staysInView(row(1, 'trash'), 'delete', 'all')).toBe(false);
    expect(staysInView(row(1), 'delete', 'trash')).toBe(true);
    expect(staysInView(row(1, 'junk'), 'not-spam', 'junk')).toBe(false);
  });
});

describe('folder choice in the mailbox editor', () => {
  it('lists the server folders with their role; ticking Trash saves the new choice', async () => {
    const { api, stores } = await setup('en');
    const id = stores.mailboxes.getState().mailboxes[0]!.id;
    stores.nav.getState().editMailbox(id);
    const choice = await screen.findByTestId('folder-choice');
    await within(choice).findByTestId('folder-choice-Trash');
    expect(within(choice).getByTestId<HTMLInputElement>('folder-choice-INBOX').disabled).toBe(true);
    expect(within(choice).getByTestId<HTMLInputElement>('folder-choice-Junk').checked).toBe(true);
    expect(choice.textContent).toContain('Junk — Spam');
    fireEvent.click(within(choice).getByTestId('folder-choice-Trash'));
    await screen.findByTestId('folder-choice-saved');
    expect(api.callsOf('updateMailbox').at(-1)).toMatchObject({ id, patch: { folders: ['Archive', 'Junk', 'Sent', 'Trash'] } });
  });
});
