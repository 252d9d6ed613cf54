// The wizard's last step in real Chromium, against `releve serve`, the real core, Dovecot (with Sent, Junk,
// Archive, Trash and a plain "Clients" folder) and a real SMTP server: the server's folders are listed with
// INBOX + Sent + Spam + Archive ticked, one is unticked and one ticked; the outgoing server guessed for this
// custom server is corrected to the test SMTP server and "Tester l'envoi" logs in there; after "Ajouter la
// boîte" the REST API returns that folder choice and those sending settings, and the first sync fetched the
// chosen folders only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mailbox, MailboxFolder } from '../../shared/types.js';
import { makeMessage } from '../fixtures/dovecot.js';
import { SPECIAL_USE_FOLDERS } from '../fixtures/dovecot-config.js';
import { startSmtpServer, type SmtpHandle } from '../fixtures/smtp.js';
import { screenshot } from './helpers/screenshots.js';
import { startE2E, type E2EStack } from './helpers/stack.js';

const ALICE = { user: 'accueil@example.test', password: 'accueil-Pw-7q3' };
let smtp: SmtpHandle;
let s: E2EStack;
/** Which calls the page made with the password in them (WebSocket RPC frames, or any request body). */
const passwordCalls: string[] = [];

/** GET on `releve serve`'s REST API with the token the UI was opened with. */
async function rest<T>(path: string): Promise<T> {
  const token = new URL(s.appUrl).hash.replace(/^#token=/, '');
  const res = await fetch(new URL(path, s.server.url), { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

beforeAll(async () => {
  smtp = await startSmtpServer({ mode: 'tls', users: [ALICE] });
  s = await startE2E({
    users: [ALICE],
    locale: 'fr',
    idle: false,
    extraCa: [smtp.caPem],
    dovecot: {
      namespace: {
        separator: '/',
        mailboxes: [...SPECIAL_USE_FOLDERS, { name: 'Clients' }],
      },
    },
  });
  const d = s.dovecot;
  await d.append(ALICE.user, makeMessage({ subject: 'Demande de rendez-vous', from: 'Camille <camille@client.example>' }));
  await d.append(ALICE.user, makeMessage({ subject: 'Gagnez un voyage !!!', from: 'Promo <win@spam.example>' }), { folder: 'Junk' });
  await d.append(ALICE.user, makeMessage({ subject: 'Contrat Durand signé', from: 'Durand <durand@client.example>' }), { folder: 'Clients' });
  s.page.on('websocket', (ws) =>
    ws.on('framesent', (f) => {
      const text = typeof f.payload === 'string' ? f.payload : f.payload.toString('utf8');
      if (text.includes(ALICE.password)) passwordCalls.push((JSON.parse(text) as { method?: string }).method ?? text);
    }),
  );
  s.page.on('request', (r) => {
    if (r.postData()?.includes(ALICE.password)) passwordCalls.push(`${r.method()} ${r.url()}`);
  });
  await s.open();
}, 180_000);

afterAll(async () => {
  await s?.stop();
  await smtp?.stop();
});

describe('wizard: folders and sending before finishing', () => {
  it('reaches the last step through a successful connection test', async () => {
    const { page, dovecot } = s;
    await page.getByTestId('wizard-email-input').fill(ALICE.user);
    await page.getByTestId('wizard-email-next').click();
    await page.getByTestId('wizard-step-server').waitFor();
    await page.getByTestId('wizard-server-input').fill('127.0.0.1');
    await page.getByTestId('wizard-port-input').fill(String(dovecot.imapsPort));
    await page.getByTestId('wizard-server-next').click();
    await page.getByTestId('wizard-password-input').fill(ALICE.password);
    await page.getByTestId('wizard-test-button').click();
    await page.getByTestId('wizard-test-success').waitFor();
    await page.getByTestId('wizard-password-next').click();
    await page.getByTestId('wizard-step-finish').waitFor();
  });

  it('lists the server’s folders with INBOX, Sent, Spam and Archive ticked; Spam unticked, Clients ticked', async () => {
    const { page } = s;
    const box = (path: string) => page.getByTestId(`folder-choice-${path}`);
    await box('Clients').waitFor();
    expect(await box('INBOX').isChecked()).toBe(true);
    expect(await box('INBOX').isDisabled()).toBe(true);
    for (const p of ['Sent', 'Junk', 'Archive']) expect(await box(p).isChecked(), p).toBe(true);
    for (const p of ['Trash', 'Clients']) expect(await box(p).isChecked(), p).toBe(false);
    await box('Junk').uncheck();
    await page.getByTestId('folder-choice-saved').waitFor();
    await box('Clients').check();
    await page.getByTestId('folder-choice-saved').waitFor();
    expect(await box('Junk').isChecked()).toBe(false);
    expect(await box('Clients').isChecked()).toBe(true);
  });

  it('shows the guessed outgoing server, which is corrected and tested against the real SMTP server', async () => {
    const { page } = s;
    const sending = page.getByTestId('wizard-sending');
    // Another server than a known provider: the guess is shown open, to be checked.
    expect(await sending.getAttribute('open')).not.toBeNull();
    await page.getByTestId('wizard-sending-guessed').waitFor();
    expect(await page.getByTestId('edit-smtp-server').inputValue()).toBe('127.0.0.1');
    expect(await page.getByTestId('edit-smtp-port').inputValue()).toBe('465');
    expect(await page.getByTestId('edit-smtp-ssl').isChecked()).toBe(true);
    // Nothing listens on the guessed port here: the test says so in plain words.
    await page.getByTestId('edit-smtp-test').click();
    await page.getByTestId('edit-smtp-error').waitFor({ timeout: 30_000 });
    await page.getByTestId('edit-smtp-port').fill(String(smtp.port));
    await page.getByTestId('edit-sender-name').fill('Accueil Martin');
    await page.getByTestId('edit-smtp-test').click();
    await page.getByTestId('edit-smtp-ok').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('wizard-sending-summary').textContent()).toContain(`127.0.0.1, port ${smtp.port}, SSL/TLS`);
    await screenshot(page, 'wizard-6-folders-sending');
    // The test logged in and sent nothing.
    expect(smtp.received).toHaveLength(0);
  });

  it('"Ajouter la boîte" saves them: the REST API returns the folder choice and the sending settings', async () => {
    const { page } = s;
    await page.getByTestId('wizard-create').click();
    await page.locator('#status-title').waitFor();
    const boxes = await rest<Mailbox[]>('/inbox/integrations');
    expect(boxes).toHaveLength(1);
    const mb = boxes[0]!;
    expect(mb).toMatchObject({
      email_address: ALICE.user,
      active: true,
      preset_id: null,
      smtp_server: '127.0.0.1',
      smtp_port: smtp.port,
      smtp_use_ssl: true,
      smtp_username: ALICE.user,
      sender_name: 'Accueil Martin',
      has_password: true,
    });
    const folders = await rest<MailboxFolder[]>(`/inbox/integrations/${mb.id}/folders`);
    expect(folders.filter((f) => f.chosen).map((f) => f.path).sort()).toEqual(['Archive', 'Clients', 'INBOX', 'Sent']);

    // The password left the page for the connection test and the (paused) creation only: listing the folders,
    // testing sending and finishing used the stored one.
    expect(passwordCalls).toEqual(['testConnection', 'createMailbox']);

    // The first sync fetched the chosen folders: Clients' mail is in, Spam's is not.
    await page.locator(`[data-testid="status-badge-${mb.id}"][data-status="success"]`).waitFor({ timeout: 30_000 });
    const all = await s.core.api.listMessages({ folder: 'all' });
    expect(all.items.map((m) => m.subject).sort()).toEqual(['Contrat Durand signé', 'Demande de rendez-vous']);
  });
});
