// The wizard's last step on screen: the folders found on the server (defaults ticked, a change saved at
// once) and the outgoing server (preset or guess, testable, saved with "Ajouter la boîte"), over the fake API.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { MailboxPatch } from '../../shared/types.js';
import { FakeMailApi } from './fake-api.js';
import type { FakeServer } from './fake-api.js';
import { renderWith } from './render-app.js';

afterEach(cleanup);

const GMAIL: FakeServer = { host: 'imap.gmail.com', accounts: { 'contact@gmail.com': 'abcdefghijklmnop' }, messageCount: 12 };
const OWN: FakeServer = { host: 'imap.entreprise.fr', accounts: { 'compta@entreprise.fr': 's3cret' }, messageCount: 3 };

/** Address → (custom server) → password → test → the last step. */
async function toFinish(email: string, password: string, host?: string) {
  fireEvent.change(await screen.findByTestId('wizard-email-input'), { target: { value: email } });
  fireEvent.click(screen.getByTestId('wizard-email-next'));
  await screen.findByTestId('wizard-step-server');
  if (host) fireEvent.change(screen.getByTestId('wizard-server-input'), { target: { value: host } });
  fireEvent.click(screen.getByTestId('wizard-server-next'));
  fireEvent.change(await screen.findByTestId('wizard-password-input'), { target: { value: password } });
  fireEvent.click(screen.getByTestId('wizard-test-button'));
  await screen.findByTestId('wizard-test-success');
  fireEvent.click(screen.getByTestId('wizard-password-next'));
  return screen.findByTestId('wizard-step-finish');
}

const box = (id: string) => screen.getByTestId<HTMLInputElement>(id);
const patches = (api: FakeMailApi) => api.callsOf('updateMailbox') as Array<{ id: number; patch: MailboxPatch }>;

describe('wizard: folders on the last step', () => {
  it('lists the server’s folders with INBOX, Sent, Spam and Archive ticked; a change is saved at once; finishing keeps it', async () => {
    const api = new FakeMailApi({ servers: [GMAIL] });
    renderWith(api);
    await toFinish('contact@gmail.com', 'abcdefghijklmnop');
    // The welcome title stays although the paused draft already exists.
    expect(screen.getByText('Bienvenue dans Relève')).toBeTruthy();
    const [draft] = await api.listMailboxes();
    expect(draft).toMatchObject({ active: false, email_address: 'contact@gmail.com' });

    const choice = screen.getByTestId('folder-choice');
    await within(choice).findByTestId('folder-choice-Junk');
    expect(box('folder-choice-INBOX')).toMatchObject({ checked: true, disabled: true });
    for (const f of ['Sent', 'Junk', 'Archive']) expect(box(`folder-choice-${f}`).checked).toBe(true);
    for (const f of ['Clients', 'Trash']) expect(box(`folder-choice-${f}`).checked).toBe(false);

    fireEvent.click(box('folder-choice-Junk'));
    fireEvent.click(box('folder-choice-Clients'));
    await screen.findByTestId('folder-choice-saved');
    expect(patches(api).at(-1)).toEqual({ id: draft!.id, patch: { folders: ['Archive', 'Clients', 'Sent'] } });

    fireEvent.click(screen.getByTestId('wizard-create'));
    await screen.findByTestId(/^status-row-\d+$/);
    const [mb] = await api.listMailboxes();
    expect(mb).toMatchObject({ id: draft!.id, active: true });
    // Finishing does not touch the folder choice, nor send the password again.
    expect(patches(api).at(-1)!.patch).not.toHaveProperty('folders');
    expect(JSON.stringify(patches(api))).not.toContain('email_password');
  });

  it('"Ajouter la boîte" in one click: defaults kept, the draft turned on, nothing else asked', async () => {
    const api = new FakeMailApi({ servers: [GMAIL], locale: 'en' });
    renderWith(api, { locale: 'en' });
    await toFinish('contact@gmail.com', 'abcdefghijklmnop');
    fireEvent.click(screen.getByTestId('wizard-create'));
    await screen.findByTestId(/^status-row-\d+$/);
    expect(api.callsOf('createMailbox')).toHaveLength(1);
    expect(await api.listMailboxes()).toMatchObject([{ active: true, smtp_server: 'smtp.gmail.com', smtp_port: 465, smtp_use_ssl: true }]);
  });

  it('Back deletes the draft and asks for the connection test again; leaving the wizard deletes it too', async () => {
    const api = new FakeMailApi({ servers: [GMAIL] });
    const { stores } = renderWith(api);
    await toFinish('contact@gmail.com', 'abcdefghijklmnop');
    fireEvent.click(screen.getByTestId('wizard-back'));
    await screen.findByTestId('wizard-step-password');
    await waitFor(async () => expect(await api.listMailboxes()).toEqual([]));
    expect(box('wizard-password-input').value).toBe('');
    expect(screen.getByTestId<HTMLButtonElement>('wizard-password-next').disabled).toBe(true);

    fireEvent.change(box('wizard-password-input'), { target: { value: 'abcdefghijklmnop' } });
    fireEvent.click(screen.getByTestId('wizard-test-button'));
    await screen.findByTestId('wizard-test-success');
    fireEvent.click(screen.getByTestId('wizard-password-next'));
    await screen.findByTestId('wizard-step-finish');
    expect(await api.listMailboxes()).toHaveLength(1);
    stores.nav.getState().go('settings');
    await waitFor(async () => expect(await api.listMailboxes()).toEqual([]));
  });
});

describe('wizard: outgoing server on the last step', () => {
  it('a preset fills it: one closed line, opened to test and change it; the change is saved on finishing', async () => {
    const api = new FakeMailApi({ servers: [GMAIL] });
    renderWith(api);
    await toFinish('contact@gmail.com', 'abcdefghijklmnop');
    const sending = screen.getByTestId<HTMLDetailsElement>('wizard-sending');
    expect(sending.open).toBe(false);
    expect(screen.getByTestId('wizard-sending-summary').textContent).toContain('Envoi du courrier : smtp.gmail.com, port 465, SSL/TLS');
    expect(screen.queryByTestId('wizard-sending-guessed')).toBeNull();
    fireEvent.click(screen.getByTestId('wizard-sending-summary'));
    expect(box('edit-smtp-server').value).toBe('smtp.gmail.com');
    fireEvent.click(screen.getByTestId('edit-smtp-test'));
    expect((await screen.findByTestId('edit-smtp-ok')).textContent).toContain('cette boîte peut envoyer');
    const [draft] = await api.listMailboxes();
    // The test logs in with what the draft holds: no password from the renderer.
    expect(api.callsOf('testSmtp')).toEqual([{ mailbox_id: draft!.id, smtp_server: 'smtp.gmail.com', smtp_port: 465, smtp_use_ssl: true, smtp_password: undefined }]);

    fireEvent.change(box('edit-sender-name'), { target: { value: 'Boulangerie Martin' } });
    fireEvent.change(box('edit-signature'), { target: { value: 'Boulangerie Martin — 05 56 00 00 00' } });
    fireEvent.click(screen.getByTestId('wizard-create'));
    await screen.findByTestId(/^status-row-\d+$/);
    expect(await api.getMailbox({ id: draft!.id })).toMatchObject({
      active: true,
      smtp_server: 'smtp.gmail.com',
      sender_name: 'Boulangerie Martin',
      signature: 'Boulangerie Martin — 05 56 00 00 00',
    });
  });

  it('another server: the guess is shown open, a wrong one fails its test, the corrected one is saved', async () => {
    const api = new FakeMailApi({ servers: [OWN] });
    renderWith(api);
    await toFinish('compta@entreprise.fr', 's3cret', 'imap.entreprise.fr');
    expect(screen.getByTestId<HTMLDetailsElement>('wizard-sending').open).toBe(true);
    expect(screen.getByTestId('wizard-sending-guessed').textContent).toContain('deviné d’après le serveur IMAP');
    expect(box('edit-smtp-server').value).toBe('smtp.entreprise.fr');
    expect(box('edit-smtp-port').value).toBe('465');

    fireEvent.change(box('edit-smtp-server'), { target: { value: 'smtp.unreachable.test' } });
    fireEvent.click(screen.getByTestId('edit-smtp-test'));
    expect((await screen.findByTestId('edit-smtp-error')).getAttribute('data-error-code')).toBe('NETWORK');
    fireEvent.change(box('edit-smtp-server'), { target: { value: 'mail.entreprise.fr' } });
    fireEvent.change(box('edit-smtp-port'), { target: { value: '587' } });
    fireEvent.click(box('edit-smtp-ssl'));
    expect(screen.getByTestId('wizard-sending-summary').textContent).toContain('mail.entreprise.fr, port 587, STARTTLS');
    fireEvent.click(screen.getByTestId('edit-smtp-test'));
    await screen.findByTestId('edit-smtp-ok');

    fireEvent.click(screen.getByTestId('wizard-create'));
    await screen.findByTestId(/^status-row-\d+$/);
    expect(await api.listMailboxes()).toMatchObject([{ preset_id: null, active: true, smtp_server: 'mail.entreprise.fr', smtp_port: 587, smtp_use_ssl: false }]);
  });
});
