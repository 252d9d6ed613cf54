// Compose on screen over the in-memory API: reply from the reader, the local draft surviving a closed window,
// the outbox with "Annuler l'envoi", a new message, a failure with its reason and "Renvoyer".
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { giveElementsASize } from './element-size.js';
import { DRAFT_KEY } from '../../renderer/store/compose-store.js';
import { FakeMailApi } from './fake-api.js';
import { renderWith } from './render-app.js';

giveElementsASize();
afterEach(() => {
  cleanup();
  localStorage.clear();
});

async function setup(api = new FakeMailApi({ locale: 'fr' })) {
  const mb = await api.createMailbox({
    name: 'Contact', imap_server: 'imap.orange.fr', imap_port: 993, email_address: 'contact@orange.fr', email_password: 'x', use_ssl: true,
    preset_id: 'orange', aliases: [{ name: 'Ventes', address: 'ventes@orange.fr' }],
  });
  api.addMessages([{ mailbox_id: mb.id, date: '2025-03-10T09:00:00Z', subject: 'Commande', from: { name: 'Client', address: 'client@ex.fr' }, text: 'Bonjour' }]);
  return { ...renderWith(api), mb };
}

describe('compose', () => {
  it('reply from the reader: the draft is kept locally across a closed window, then queued and undone', async () => {
    const { api, unmount } = await setup();
    fireEvent.click((await screen.findAllByTestId('msg-row'))[0]!);
    fireEvent.click(await screen.findByTestId('reply'));
    const pane = await screen.findByTestId('compose');
    expect(pane.getAttribute('data-kind')).toBe('reply');
    expect(within(pane).getByTestId('compose-source').textContent).toContain('Commande');
    fireEvent.change(within(pane).getByTestId('compose-text'), { target: { value: 'Merci, c’est noté.' } });
    expect(JSON.parse(localStorage.getItem(DRAFT_KEY)!)).toMatchObject({ kind: 'reply', text: 'Merci, c’est noté.' });

    // The window closes (or the app crashes) and opens again: the draft comes back.
    unmount();
    renderWith(api);
    const again = await screen.findByTestId('compose');
    expect(within(again).getByTestId<HTMLTextAreaElement>('compose-text').value).toBe('Merci, c’est noté.');

    fireEvent.click(within(again).getByTestId('compose-send'));
    await waitFor(() => expect(screen.queryByTestId('compose')).toBeNull());
    expect(api.callsOf('replyToMessage')).toEqual([expect.objectContaining({ all: false, text: 'Merci, c’est noté.' })]);
    expect(localStorage.getItem(DRAFT_KEY)).toBeNull();
    const item = await screen.findByTestId('outbox-item');
    expect(item.getAttribute('data-state')).toBe('queued');
    expect(item.textContent).toContain('En attente');
    fireEvent.click(within(item).getByTestId('outbox-undo'));
    await waitFor(() => expect(screen.queryByTestId('outbox-item')).toBeNull());
    expect(api.callsOf('cancelOutbox')).toHaveLength(1);
  });

  it('a new message from an alias; the outbox shows when it is sent', async () => {
    const { api } = await setup();
    fireEvent.click(await screen.findByTestId('compose-new'));
    const pane = await screen.findByTestId('compose');
    fireEvent.change(within(pane).getByTestId('compose-from'), { target: { value: 'ventes@orange.fr' } });
    fireEvent.change(within(pane).getByTestId('compose-to'), { target: { value: 'a@ex.fr, b@ex.fr' } });
    fireEvent.change(within(pane).getByTestId('compose-subject'), { target: { value: 'Tarifs' } });
    fireEvent.change(within(pane).getByTestId('compose-text'), { target: { value: 'Voici.' } });
    fireEvent.click(within(pane).getByTestId('compose-send'));
    const item = await screen.findByTestId('outbox-item');
    expect(api.callsOf('sendMessage')).toEqual([expect.objectContaining({ from: 'ventes@orange.fr', to: ['a@ex.fr', 'b@ex.fr'], subject: 'Tarifs' })]);
    api.outbox.deliver(Number(item.getAttribute('data-id')));
    await waitFor(() => expect(screen.getByTestId('outbox-item').getAttribute('data-state')).toBe('sent'));
    expect(screen.getByTestId('outbox-item').textContent).toContain('Envoyé');
  });

  it('an invalid recipient is explained in the pane and nothing is queued', async () => {
    const { api } = await setup();
    fireEvent.click(await screen.findByTestId('compose-new'));
    const pane = await screen.findByTestId('compose');
    fireEvent.change(within(pane).getByTestId('compose-to'), { target: { value: 'pas une adresse' } });
    fireEvent.click(within(pane).getByTestId('compose-send'));
    expect((await screen.findByTestId('compose-error')).textContent).toContain('Chaque destinataire doit être une adresse e-mail valide');
    expect(api.outbox.list()).toEqual([]);
  });
});

describe('sending settings in the mailbox editor', () => {
  it('shows the preset SMTP settings, tests them, explains a failure, and saves SMTP fields, signature and aliases', async () => {
    const { api, mb } = await setup();
    fireEvent.click(await screen.findByTestId('nav-mailboxes'));
    fireEvent.click(await screen.findByTestId(`mailbox-edit-${mb.id}`));
    const section = await screen.findByTestId('sending-settings');
    expect(within(section).getByTestId<HTMLInputElement>('edit-smtp-server').value).toBe('smtp.orange.fr');
    expect(within(section).getByTestId<HTMLInputElement>('edit-smtp-port').value).toBe('465');
    expect(within(section).getByTestId<HTMLInputElement>('edit-smtp-ssl').checked).toBe(true);
    expect(within(section).getByTestId<HTMLInputElement>('edit-aliases').value).toBe('Ventes <ventes@orange.fr>');

    fireEvent.click(within(section).getByTestId('edit-smtp-test'));
    expect((await within(section).findByTestId('edit-smtp-ok')).textContent).toContain('cette boîte peut envoyer');
    fireEvent.change(within(section).getByTestId('edit-smtp-server'), { target: { value: 'smtp.unreachable.test' } });
    fireEvent.click(within(section).getByTestId('edit-smtp-test'));
    expect((await within(section).findByTestId('edit-smtp-error')).textContent).toContain('Vérifiez');

    fireEvent.change(within(section).getByTestId('edit-smtp-server'), { target: { value: 'smtp.orange.fr' } });
    fireEvent.change(within(section).getByTestId('edit-signature'), { target: { value: 'Marie — Boulangerie' } });
    fireEvent.change(within(section).getByTestId('edit-aliases'), { target: { value: 'Ventes <ventes@orange.fr>, compta@orange.fr' } });
    fireEvent.click(screen.getByTestId('edit-save'));
    await waitFor(() => expect(api.callsOf('updateMailbox')).toHaveLength(1));
    expect(api.callsOf('updateMailbox')[0]).toMatchObject({
      patch: {
        smtp_server: 'smtp.orange.fr', smtp_port: 465, smtp_use_ssl: true, smtp_username: null, signature: 'Marie — Boulangerie',
        aliases: [{ name: 'Ventes', address: 'ventes@orange.fr' }, { name: '', address: 'compta@orange.fr' }],
      },
    });
    expect((await api.getMailbox({ id: mb.id })).aliases).toHaveLength(2);
  });
});
