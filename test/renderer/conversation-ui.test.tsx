// The conversation in the reader: a client wrote to contact@, a colleague answered from sales@ (in its Sent
// folder), the client answered that to sales@. Opening the follow-up shows the three, oldest first, one line
// each (sender, date, first line), the open one marked; a line unfolds, another opens on a click.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { giveElementsASize } from './element-size.js';
import { FakeMailApi } from './fake-api.js';
import { renderWith } from './render-app.js';

giveElementsASize();
afterEach(cleanup);

async function setup(locale: 'fr' | 'en' = 'fr') {
  const api = new FakeMailApi({ locale });
  const contact = await api.createMailbox({ name: 'Contact', imap_server: 'imap.example.fr', imap_port: 993, email_address: 'contact@example.fr', email_password: 'x', use_ssl: true, color: '#2563eb' });
  const sales = await api.createMailbox({ name: 'Ventes', imap_server: 'imap.example.fr', imap_port: 993, email_address: 'ventes@example.fr', email_password: 'x', use_ssl: true, color: '#dc2626' });
  const client = { name: 'Client Dupré', address: 'client@client.example.fr' };
  api.addMessages([
    // Added out of date order: the conversation is ordered by date.
    {
      mailbox_id: sales.id, date: '2025-03-12T09:00:00Z', subject: 'RE: Devis 40 couverts', from: client, message_id: '<follow@c>',
      references: ['<question@c>', '<answer@v>'], text: 'Parfait, on confirme pour samedi.',
    },
    { mailbox_id: contact.id, date: '2025-03-10T08:00:00Z', subject: 'Devis 40 couverts', from: client, message_id: '<question@c>', text: 'Bonjour, pouvez-vous nous faire un devis ?' },
    {
      mailbox_id: sales.id, date: '2025-03-11T14:00:00Z', subject: 'Re: Devis 40 couverts', from: { name: 'Léa (Ventes)', address: 'ventes@example.fr' },
      message_id: '<answer@v>', references: ['<question@c>'], folder: 'Sent', folder_role: 'sent', seen: true, text: 'Bonjour, voici notre devis pour samedi, 40 couverts.',
    },
    { mailbox_id: contact.id, date: '2025-03-09T08:00:00Z', subject: 'Seul', text: 'Un message sans réponse.' },
  ]);
  const view = renderWith(api, { locale });
  await screen.findByTestId('msg-list');
  return view;
}

async function openRow(subject: string): Promise<void> {
  const row = (await screen.findAllByTestId('msg-row')).find((r) => r.textContent?.includes(subject));
  fireEvent.click(row!);
  await waitFor(() => expect(screen.getByTestId('reader-subject').textContent).toBe(subject));
}

describe('the conversation in the reader', () => {
  it('lists the thread across mailboxes oldest first, one line each, the open message marked', async () => {
    await setup();
    await openRow('RE: Devis 40 couverts');
    const conversation = await screen.findByTestId('conversation');
    expect(within(conversation).getByRole('heading').textContent).toBe('Conversation (3 messages)');
    const items = within(conversation).getAllByTestId('conversation-item');
    expect(items.map((i) => i.querySelector('.conversation-who')!.textContent)).toEqual(['Client Dupré', 'Léa (Ventes)', 'Client Dupré']);
    expect(items.map((i) => i.querySelector('.conversation-first')!.textContent)).toEqual([
      'Bonjour, pouvez-vous nous faire un devis ?',
      'Bonjour, voici notre devis pour samedi, 40 couverts.',
      'Parfait, on confirme pour samedi.',
    ]);
    expect(items.map((i) => i.querySelector('.mailbox-chip')!.textContent)).toEqual(['Contact', 'Ventes', 'Ventes']);
    // Short date on the line as in the list, the full one in its title and once unfolded.
    expect(items[0]!.querySelector('time')!.textContent).toBe('10/03/2025');
    expect(items[0]!.querySelector('time')!.getAttribute('title')).toMatch(/^lundi 10 mars 2025 à \d\d:00$/);
    // The open one is marked and is not a link to itself; the others open.
    expect(items.map((i) => i.getAttribute('aria-current'))).toEqual([null, null, 'true']);
    expect(within(items[2]!).queryByTestId('conversation-open')).toBeNull();
    expect(items[2]!.textContent).toContain('ouvert');
    expect(within(items[0]!).getByTestId('conversation-open')).toBeTruthy();
    // Collapsed by default; a line unfolds to its subject and opening text, and folds again.
    expect(within(conversation).queryAllByTestId('conversation-more')).toHaveLength(0);
    const toggle = within(items[1]!).getByTestId('conversation-toggle');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(toggle.getAttribute('aria-label')).toBe('Déplier le message de Léa (Ventes)');
    fireEvent.click(toggle);
    const more = within(items[1]!).getByTestId('conversation-more');
    expect(more.textContent).toContain('Re: Devis 40 couverts');
    expect(more.textContent).toContain('voici notre devis');
    expect(more.textContent).toMatch(/mardi 11 mars 2025 à \d\d:00/);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(toggle);
    expect(within(items[1]!).queryByTestId('conversation-more')).toBeNull();
  });

  it('opens another message of the thread on a click, which then becomes the marked one', async () => {
    const { api } = await setup();
    await openRow('RE: Devis 40 couverts');
    const first = (await screen.findAllByTestId('conversation-item'))[0]!;
    fireEvent.click(within(first).getByTestId('conversation-open'));
    await waitFor(() => expect(screen.getByTestId('reader-subject').textContent).toBe('Devis 40 couverts'));
    expect(screen.getByTestId('reader-mailboxes').textContent).toContain('Contact');
    await waitFor(() => expect(screen.getAllByTestId('conversation-item').map((i) => i.getAttribute('aria-current'))).toEqual(['true', null, null]));
    // The colleague's answer, in sales@'s Sent folder (not in the Inbox list), opens from the thread too.
    fireEvent.click(within(screen.getAllByTestId('conversation-item')[1]!).getByTestId('conversation-open'));
    await waitFor(() => expect(screen.getByTestId('reader-subject').textContent).toBe('Re: Devis 40 couverts'));
    expect(screen.getByTestId('reader-mailboxes').textContent).toContain('Ventes');
    expect(api.callsOf('getMessage').length).toBeGreaterThanOrEqual(3);
  });

  it('takes in a reply synced while the message is open', async () => {
    const { api } = await setup();
    await openRow('Seul');
    await waitFor(() => expect(api.callsOf('getThread').length).toBeGreaterThan(0));
    expect(screen.queryByTestId('conversation')).toBeNull();
    const alone = api.store.messages.find((m) => m.subject === 'Seul')!;
    api.addMessages([{ mailbox_id: alone.mailbox_id, date: '2025-03-13T10:00:00Z', subject: 'Re: Seul', from: { name: 'Bruno', address: 'bruno@example.org' }, references: [alone.message_id!], text: 'Enfin une réponse.' }]);
    api.emit('messagesChanged', { mailbox_id: alone.mailbox_id });
    const conversation = await screen.findByTestId('conversation');
    const items = within(conversation).getAllByTestId('conversation-item');
    expect(items.map((i) => i.querySelector('.conversation-who')!.textContent)).toEqual([alone.from!.name, 'Bruno']);
    expect(items[0]!.getAttribute('aria-current')).toBe('true');
  });

  it('shows nothing for a message alone in its conversation', async () => {
    const { api } = await setup();
    await openRow('Seul');
    await waitFor(() => expect(api.callsOf('getThread').length).toBeGreaterThan(0));
    expect(screen.queryByTestId('conversation')).toBeNull();
  });

  it('speaks English: title plural, toggle label, open marker', async () => {
    await setup('en');
    await openRow('RE: Devis 40 couverts');
    const conversation = await screen.findByTestId('conversation');
    expect(within(conversation).getByRole('heading').textContent).toBe('Conversation (3 messages)');
    const items = within(conversation).getAllByTestId('conversation-item');
    expect(within(items[0]!).getByTestId('conversation-toggle').getAttribute('aria-label')).toBe('Expand the message from Client Dupré');
    expect(items[2]!.textContent).toContain('open');
  });
});
