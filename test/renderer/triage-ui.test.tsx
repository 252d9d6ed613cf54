// Team triage in the UI (issue 16), rendered over the FakeMailApi: sidebar views and counts, the reader's
// state and assignee controls with "by", multi-select with the 1/2/3 keys, and "who am I" in Settings (FR/EN).
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { giveElementsASize } from './element-size.js';
import { withTriage } from '../../renderer/store/triage-rows.js';
import { FakeMailApi } from './fake-api.js';
import { renderWith } from './render-app.js';

giveElementsASize();
afterEach(() => cleanup());

async function setup(locale: 'fr' | 'en' = 'fr') {
  const api = new FakeMailApi({ locale });
  api.settings.triage_name = 'Marie';
  const a = await api.createMailbox({ name: 'Contact', imap_server: 'imap.gmail.com', imap_port: 993, email_address: 'contact@gmail.com', email_password: 'x', use_ssl: true });
  api.addMessages([
    { mailbox_id: a.id, date: '2025-03-10T09:00:00Z', subject: 'Facture mars' },
    { mailbox_id: a.id, date: '2025-03-09T09:00:00Z', subject: 'Relance devis' },
    { mailbox_id: a.id, date: '2025-03-08T09:00:00Z', subject: 'Réclamation', triage: { state: 'doing', assignee: 'Jean', by: 'Jean', at: '2025-03-08T09:42:00Z', local_only: false } },
  ]);
  const view = renderWith(api, { locale });
  await screen.findByTestId('msg-list');
  return view;
}

const subjects = () => screen.queryAllByTestId('msg-row').map((r) => r.querySelector('.msg-subject')?.textContent);

describe('team triage in the UI', () => {
  it('the sidebar counts each view; a view lists its messages with their state and assignee', async () => {
    await setup();
    await waitFor(() => expect(screen.getByTestId('triage-count-todo').textContent).toBe('2'));
    expect(screen.getByTestId('triage-count-doing').textContent).toBe('1');
    expect(screen.queryByTestId('triage-count-mine')).toBeNull();
    fireEvent.click(screen.getByTestId('triage-view-doing'));
    await waitFor(() => expect(subjects()).toEqual(['Réclamation']));
    expect(screen.getByTestId('inbox-title').textContent).toBe('En cours');
    expect(screen.getByTestId('msg-triage').textContent).toBe('En cours → Jean');
    // Back to a folder view: the triage filter is dropped.
    fireEvent.click(screen.getByTestId('view-inbox'));
    await waitFor(() => expect(subjects()).toEqual(['Facture mars', 'Relance devis', 'Réclamation']));
  });

  it('the reader sets state and assignee, signed with my name', async () => {
    const { api } = await setup();
    fireEvent.click(screen.getByTestId('triage-view-todo'));
    await waitFor(() => expect(subjects()).toEqual(['Facture mars', 'Relance devis']));
    fireEvent.click(screen.getAllByTestId('msg-row')[0]!);
    const controls = await screen.findByTestId('reader-triage');
    await waitFor(() => expect(within(controls).getByRole('option', { name: 'Moi (Marie)' })).toBeTruthy());
    fireEvent.change(within(controls).getByTestId('triage-assignee'), { target: { value: 'Jean' } });
    fireEvent.click(within(controls).getByTestId('triage-set-done'));
    await waitFor(() => expect(screen.getByTestId('triage-by').textContent).toMatch(/^traité par Marie, \d\d:\d\d$/));
    const id = api.store.messages.find((m) => m.subject === 'Facture mars')!.id;
    expect(api.calls.filter((c) => c.method === 'setTriage').map((c) => c.arg)).toEqual([
      { ids: [id], assignee: 'Jean' },
      { ids: [id], state: 'done' },
    ]);
    await waitFor(() => expect(subjects()).toEqual(['Relance devis']));
    await waitFor(() => expect(screen.getByTestId('triage-count-done').textContent).toBe('1'));
  });

  it('multi-select: 2 puts the ticked messages in progress; m gives the open one to me', async () => {
    const { api } = await setup();
    fireEvent.click(screen.getByTestId('triage-view-todo'));
    await waitFor(() => expect(subjects()).toHaveLength(2));
    for (const box of screen.getAllByTestId('msg-select')) fireEvent.click(box);
    await screen.findByTestId('bulk-triage');
    fireEvent.keyDown(window, { key: '2' });
    await waitFor(() => expect(api.store.messages.filter((m) => m.triage.state === 'doing')).toHaveLength(3));
    fireEvent.click(screen.getByTestId('triage-view-doing'));
    await waitFor(() => expect(subjects()).toHaveLength(3));
    fireEvent.click(screen.getAllByTestId('msg-row')[0]!);
    await screen.findByTestId('reader-triage');
    fireEvent.keyDown(window, { key: 'm' });
    await waitFor(() => expect(screen.getByTestId('triage-count-mine').textContent).toBe('1'));
  });

  it('"who am I" in Settings is saved, and a name too long for a keyword is refused in English', async () => {
    const { api } = await setup('en');
    fireEvent.click(screen.getByTestId('nav-settings'));
    const field = await screen.findByTestId<HTMLInputElement>('settings-triage-name');
    await waitFor(() => expect(field.value).toBe('Marie'));
    fireEvent.change(field, { target: { value: 'Élisabeth-Éléonore de la Forêt' } });
    fireEvent.submit(field.closest('form')!);
    expect((await screen.findByTestId('settings-triage-error')).textContent).toContain('too long for an IMAP keyword');
    fireEvent.change(field, { target: { value: 'Léa' } });
    fireEvent.submit(field.closest('form')!);
    await screen.findByTestId('settings-triage-saved');
    expect(api.settings.triage_name).toBe('Léa');
  });
});

describe('withTriage', () => {
  it('changes only what was asked, and signs with my name', () => {
    const row = { triage: { state: 'todo', assignee: 'Jean', by: 'Jean', at: null, local_only: true } } as Parameters<typeof withTriage>[0];
    expect(withTriage(row, { state: 'done' }, 'Marie').triage).toEqual({ state: 'done', assignee: 'Jean', by: 'Marie', at: expect.any(String), local_only: true });
    expect(withTriage(row, { assignee: null }, null).triage).toEqual({ state: 'todo', assignee: null, by: null, at: expect.any(String), local_only: true });
  });
});
