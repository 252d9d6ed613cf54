// Sending end to end with real parts: a real SMTP server (smtp-server) over implicit TLS and STARTTLS with a
// throw-away certificate, a private Dovecot holding the mail answered and the Sent folder, a real SQLite file.
// What arrived is read back byte for byte with postal-mime.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/create-core.js';
import type { Core } from '../../electron/core/model.js';
import { presetsWithoutSmtp } from '../../shared/smtp-presets.js';
import type { Mailbox, OutboxItem } from '../../shared/types.js';
import { makeMessage, startDovecot, type DovecotHandle } from '../fixtures/dovecot.js';
import { freePort } from '../fixtures/net-tools.js';
import { startSmtpServer, type SmtpHandle } from '../fixtures/smtp.js';

const CONTACT = { user: 'contact@example.test', password: 'contact-Pw-9f2' };
let dovecot: DovecotHandle;
let tlsSmtp: SmtpHandle;
let starttlsSmtp: SmtpHandle;
let plainSmtp: SmtpHandle;
let untrustedSmtp: SmtpHandle;
let dataDir: string;
let core: Core;
let mailbox: Mailbox;

const PDF = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 37) % 256));

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function until(id: number, pred: (o: OutboxItem) => boolean): Promise<OutboxItem> {
  return waitFor(`outbox ${id}`, async () => (await core.api.listOutbox()).find((o) => o.id === id && pred(o)));
}

function imap(): ImapFlow {
  return new ImapFlow({
    host: '127.0.0.1',
    port: dovecot.imapsPort!,
    secure: true,
    auth: { user: CONTACT.user, pass: CONTACT.password },
    tls: { ca: [dovecot.caPem] },
    logger: false,
  });
}

beforeAll(async () => {
  dovecot = await startDovecot({ users: [CONTACT] });
  const users = [{ user: CONTACT.user, password: CONTACT.password }];
  tlsSmtp = await startSmtpServer({ mode: 'tls', users, rejectRecipients: ['nobody@example.fr'] });
  starttlsSmtp = await startSmtpServer({ mode: 'starttls', users });
  plainSmtp = await startSmtpServer({ mode: 'plain', users });
  untrustedSmtp = await startSmtpServer({ mode: 'tls', users });
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'releve-send-'));
  core = createCore({
    dataDir,
    tlsCa: [dovecot.caPem, tlsSmtp.caPem, starttlsSmtp.caPem],
    locale: 'fr',
    idle: false,
    outbox: { undoSeconds: 0, retryBaseMs: 100 },
  });
  core.startScheduler();
  mailbox = await core.api.createMailbox({
    name: 'Contact',
    imap_server: '127.0.0.1',
    imap_port: dovecot.imapsPort!,
    email_address: CONTACT.user,
    email_password: CONTACT.password,
    use_ssl: true,
    sync_interval_minutes: 1440,
    smtp_server: '127.0.0.1',
    smtp_port: tlsSmtp.port,
    smtp_use_ssl: true,
    sender_name: 'Boulangerie Émile',
    signature: 'Émile Noël — 01 23 45 67 89',
    aliases: [{ name: 'Service des ventes', address: 'ventes@example.test' }],
  });
}, 60_000);

afterAll(async () => {
  await core?.close();
  for (const s of [tlsSmtp, starttlsSmtp, plainSmtp, untrustedSmtp]) await s?.stop();
  await dovecot?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('SMTP settings per mailbox', () => {
  it('stores the SMTP fields, defaults the login to the IMAP one, and never returns a password', async () => {
    expect(mailbox).toMatchObject({
      smtp_server: '127.0.0.1',
      smtp_port: tlsSmtp.port,
      smtp_use_ssl: true,
      smtp_username: CONTACT.user,
      has_smtp_password: false,
      sender_name: 'Boulangerie Émile',
      aliases: [{ name: 'Service des ventes', address: 'ventes@example.test' }],
    });
    expect(JSON.stringify(mailbox)).not.toContain(CONTACT.password);
  });

  it('fills the SMTP settings from the provider preset, and every preset has them', async () => {
    expect(presetsWithoutSmtp()).toEqual([]);
    const orange = await core.api.createMailbox({
      name: 'Orange', preset_id: 'orange', imap_server: 'imap.orange.fr', imap_port: 993, use_ssl: true,
      email_address: 'martin@orange.fr', email_password: 'x-Pw-1', active: false,
    });
    expect(orange).toMatchObject({ smtp_server: 'smtp.orange.fr', smtp_port: 465, smtp_use_ssl: true });
    const outlookLike = await core.api.updateMailbox({ id: orange.id, patch: { smtp_server: 'smtp-mail.outlook.com', smtp_port: 587, smtp_use_ssl: false, smtp_username: 'autre' } });
    expect(outlookLike).toMatchObject({ smtp_server: 'smtp-mail.outlook.com', smtp_port: 587, smtp_use_ssl: false, smtp_username: 'autre' });
    await expect(core.api.updateMailbox({ id: orange.id, patch: { smtp_server: 'smtps://smtp.orange.fr:465' } })).rejects.toMatchObject({ code: 'VALIDATION' });
    await core.api.deleteMailbox({ id: orange.id, keep_messages: false });
  });

  it('tests the connection over implicit TLS and STARTTLS, and explains failures in plain words', async () => {
    expect(await core.api.testSmtp({ mailbox_id: mailbox.id })).toEqual({ ok: true, secure: true });
    expect(await core.api.testSmtp({ mailbox_id: mailbox.id, smtp_port: starttlsSmtp.port, smtp_use_ssl: false })).toEqual({ ok: true, secure: true });

    const wrong = await core.api.testSmtp({ mailbox_id: mailbox.id, smtp_password: 'pas-le-bon' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'AUTH', message: 'Identifiant ou mot de passe refusé par le serveur.' } });
    expect(JSON.stringify(wrong)).not.toContain('pas-le-bon');

    const down = await core.api.testSmtp({ mailbox_id: mailbox.id, smtp_port: await freePort() });
    expect(down).toMatchObject({ ok: false, error: { code: 'NETWORK' } });

    // SSL/TLS asked on a port that speaks plain SMTP first.
    const tlsOnPlain = await core.api.testSmtp({ mailbox_id: mailbox.id, smtp_port: starttlsSmtp.port, smtp_use_ssl: true });
    expect(tlsOnPlain).toMatchObject({ ok: false, error: { code: 'TLS' } });

    const untrusted = await core.api.testSmtp({ mailbox_id: mailbox.id, smtp_port: untrustedSmtp.port });
    expect(untrusted).toMatchObject({ ok: false, error: { code: 'TLS_CERT' } });
  });

  it('a separate SMTP password is stored sealed, used, and can be forgotten (back to the IMAP one)', async () => {
    const withOwn = await core.api.updateMailbox({ id: mailbox.id, patch: { smtp_password: 'pas-le-bon-smtp' } });
    expect(withOwn.has_smtp_password).toBe(true);
    expect(JSON.stringify(withOwn)).not.toContain('pas-le-bon-smtp');
    expect(await core.api.testSmtp({ mailbox_id: mailbox.id })).toMatchObject({ ok: false, error: { code: 'AUTH' } });
    const back = await core.api.updateMailbox({ id: mailbox.id, patch: { smtp_password: null } });
    expect(back.has_smtp_password).toBe(false);
    expect(await core.api.testSmtp({ mailbox_id: mailbox.id })).toEqual({ ok: true, secure: true });
  });

  it('refuses to send the password over a link without STARTTLS unless explicitly allowed', async () => {
    const refused = await core.api.testSmtp({ mailbox_id: mailbox.id, smtp_port: plainSmtp.port, smtp_use_ssl: false });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INSECURE_AUTH_REFUSED' } });
    const allowed = await core.api.testSmtp({ mailbox_id: mailbox.id, smtp_port: plainSmtp.port, smtp_use_ssl: false, allow_insecure_auth: true });
    expect(allowed).toEqual({ ok: true, secure: false });
  });
});

describe('reply, forward and new message', () => {
  let originalId: number;
  let originalMessageId: string;

  beforeAll(async () => {
    originalMessageId = '<commande-42@client.example.fr>';
    await dovecot.append(
      CONTACT.user,
      makeMessage({
        subject: 'Commande de galettes « frangipane »',
        from: 'Gérard Dupré <gerard@client.example.fr>',
        to: `${CONTACT.user}, Hélène <helene@client.example.fr>`,
        cc: 'compta@client.example.fr',
        body: 'Bonjour,\nPouvez-vous livrer 12 galettes samedi ?\nMerci',
        messageId: originalMessageId,
        headers: ['References: <devis-41@client.example.fr>'],
        attachment: { filename: 'bon de commande été.pdf', content: PDF, type: 'application/pdf' },
      }),
    );
    await core.api.syncMailbox({ id: mailbox.id });
    const page = await core.api.listMessages({ mailbox_id: mailbox.id });
    originalId = page.items.find((m) => m.message_id === originalMessageId)!.id;
  });

  it('reply-all: the right From, recipients, threading headers, quote, signature, encodings and an attachment', async () => {
    const note = Buffer.from('Reçu n°42 — merci !\n', 'utf8');
    const before = tlsSmtp.received.length;
    const item = await core.api.replyToMessage({
      message_id: originalId,
      all: true,
      text: 'Bonjour Gérard,\nC’est noté pour samedi.',
      attachments: [{ filename: 'reçu.txt', content_type: 'text/plain', data_base64: note.toString('base64') }],
    });
    expect(item).toMatchObject({ kind: 'reply_all', state: 'queued', source_message_id: originalId });
    expect(item.message_id).toMatch(/^<[^@]+@example\.test>$/);
    const sent = await until(item.id, (o) => o.state === 'sent');
    expect(sent.smtp_response).toMatch(/^250/);
    expect(tlsSmtp.received.length).toBe(before + 1);
    const got = tlsSmtp.received[before]!;
    expect(got).toMatchObject({ from: CONTACT.user, user: CONTACT.user, secure: true, method: 'PLAIN' });
    expect(got.to.sort()).toEqual(['compta@client.example.fr', 'gerard@client.example.fr', 'helene@client.example.fr']);

    const mail = await PostalMime.parse(got.raw);
    expect(mail.from).toMatchObject({ name: 'Boulangerie Émile', address: CONTACT.user });
    expect(mail.to).toEqual([{ name: 'Gérard Dupré', address: 'gerard@client.example.fr' }]);
    expect(mail.cc?.map((a) => a.address).sort()).toEqual(['compta@client.example.fr', 'helene@client.example.fr']);
    expect(mail.subject).toBe('Re: Commande de galettes « frangipane »');
    expect(mail.messageId).toBe(item.message_id);
    expect(mail.inReplyTo).toBe(originalMessageId);
    expect(mail.references).toBe(`<devis-41@client.example.fr> ${originalMessageId}`);
    expect(mail.date).toBeTruthy();
    expect(mail.text).toContain('C’est noté pour samedi.');
    expect(mail.text).toContain('-- \nÉmile Noël — 01 23 45 67 89');
    expect(mail.text).toMatch(/a écrit :\n> Bonjour,\n> Pouvez-vous livrer 12 galettes samedi \?/);
    expect(mail.html).toContain('<blockquote');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({ filename: 'reçu.txt', mimeType: 'text/plain' });
    expect(Buffer.from(mail.attachments[0]!.content as ArrayBuffer).equals(note)).toBe(true);
    // Encoded on the wire: raw headers are 7-bit (encoded-words), never raw UTF-8.
    const head = got.raw.subarray(0, got.raw.indexOf('\r\n\r\n')).toString('latin1');
    expect(head).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(/[^\x00-\x7f]/.test(head)).toBe(false);
  });

  it('puts a copy in the Sent folder and sets \\Answered on the original, on the IMAP server', async () => {
    const [item] = await core.api.listOutbox();
    await until(item!.id, (o) => o.sent_copy === 'done');
    await waitFor('\\Answered on the server', async () => {
      const client = imap();
      await client.connect();
      try {
        const lock = await client.getMailboxLock('INBOX', { readOnly: true });
        try {
          const msg = await client.fetchOne('*', { flags: true, envelope: true });
          return msg && msg.flags?.has('\\Answered') && msg.envelope?.messageId === originalMessageId ? true : undefined;
        } finally {
          lock.release();
        }
      } finally {
        await client.logout();
      }
    });
    expect(await dovecot.messageIds(CONTACT.user, 'Sent')).toEqual([item!.message_id]);
    const stored = await core.api.getMessage({ id: originalId });
    expect(stored.id).toBe(originalId);
  });

  it('threads the conversation: original, our reply (outbox), the customer\'s answer to it, a header-less "RE:"; not an unrelated mail', async () => {
    const [reply] = (await core.api.listOutbox()).filter((o) => o.kind === 'reply_all');
    await dovecot.append(CONTACT.user, makeMessage({
      subject: 'Re: Re: Commande de galettes « frangipane »', from: 'gerard@client.example.fr', to: CONTACT.user,
      messageId: '<merci-43@client.example.fr>', headers: [`In-Reply-To: ${reply!.message_id}`, `References: ${originalMessageId} ${reply!.message_id}`],
    }));
    await dovecot.append(CONTACT.user, makeMessage({ subject: 'RE: Commande de galettes « frangipane »', from: 'helene@client.example.fr', to: CONTACT.user }));
    await dovecot.append(CONTACT.user, makeMessage({ subject: 'Commande de croissants', from: 'autre@client.example.fr', to: CONTACT.user }));
    await core.api.syncMailbox({ id: mailbox.id });
    const thread = await core.api.getThread({ id: originalId });
    expect(thread.messages.map((m) => m.subject)).toEqual(
      expect.arrayContaining(['Commande de galettes « frangipane »', 'Re: Re: Commande de galettes « frangipane »', 'RE: Commande de galettes « frangipane »']),
    );
    expect(thread.messages).toHaveLength(3);
    expect(thread.outbox.map((o) => o.message_id)).toEqual([reply!.message_id]);
    // Seen from the customer's answer, the same conversation.
    const answerId = thread.messages.find((m) => m.message_id === '<merci-43@client.example.fr>')!.id;
    const fromAnswer = await core.api.getThread({ id: answerId });
    expect(fromAnswer.messages.map((m) => m.id).sort()).toEqual(thread.messages.map((m) => m.id).sort());
  });

  it('forward keeps the original attachment byte for byte and goes to the given recipients', async () => {
    const before = tlsSmtp.received.length;
    const item = await core.api.forwardMessage({ message_id: originalId, to: ['Livreur <livreur@transport.example.fr>'], text: 'Pour samedi.' });
    await until(item.id, (o) => o.state === 'sent');
    const got = tlsSmtp.received[before]!;
    expect(got.to).toEqual(['livreur@transport.example.fr']);
    const mail = await PostalMime.parse(got.raw);
    expect(mail.subject).toBe('Fwd: Commande de galettes « frangipane »');
    expect(mail.to).toEqual([{ name: 'Livreur', address: 'livreur@transport.example.fr' }]);
    expect(mail.text).toContain('---------- Message transféré ----------');
    expect(mail.text).toContain('De: Gérard Dupré <gerard@client.example.fr>');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]!.filename).toBe('bon de commande été.pdf');
    expect(Buffer.from(mail.attachments[0]!.content as ArrayBuffer).equals(PDF)).toBe(true);
    expect(mail.inReplyTo).toBeUndefined();
  });

  it('a new message from a declared alias; an undeclared From is refused', async () => {
    const before = tlsSmtp.received.length;
    const item = await core.api.sendMessage({
      mailbox_id: mailbox.id,
      from: 'ventes@example.test',
      to: ['"Élodie Martin" <elodie@client.example.fr>'],
      bcc: ['archive@example.test'],
      subject: 'Tarifs 2027 — nouveautés',
      text: 'Bonjour,\nVoici nos tarifs.',
    });
    await until(item.id, (o) => o.state === 'sent');
    const got = tlsSmtp.received[before]!;
    expect(got.from).toBe('ventes@example.test');
    expect(got.to.sort()).toEqual(['archive@example.test', 'elodie@client.example.fr']);
    const mail = await PostalMime.parse(got.raw);
    expect(mail.from).toMatchObject({ name: 'Service des ventes', address: 'ventes@example.test' });
    expect(mail.to).toEqual([{ name: 'Élodie Martin', address: 'elodie@client.example.fr' }]);
    expect(mail.subject).toBe('Tarifs 2027 — nouveautés');
    expect(mail.messageId).toMatch(/@example\.test>$/);
    expect(got.raw.toString('latin1')).not.toMatch(/^Bcc:/im);
    expect(mail.inReplyTo).toBeUndefined();

    await expect(
      core.api.sendMessage({ mailbox_id: mailbox.id, from: 'pdg@ailleurs.example', to: ['x@example.fr'], subject: 's', text: 't' }),
    ).rejects.toMatchObject({ code: 'VALIDATION', field: 'from', message: expect.stringContaining('un de leurs alias déclarés') });
  });

  it('"annuler l’envoi": a message cancelled within its undo window never leaves', async () => {
    const before = tlsSmtp.received.length;
    const item = await core.api.sendMessage({ mailbox_id: mailbox.id, to: ['x@client.example.fr'], subject: 'Oups', text: 'pas encore', undo_seconds: 30 });
    expect(item.state).toBe('queued');
    expect(Date.parse(item.not_before) - Date.parse(item.created_at)).toBe(30_000);
    await expect(core.api.retryOutbox({ id: item.id })).rejects.toMatchObject({ code: 'VALIDATION', message: 'Seul un message en échec peut être renvoyé.' });
    expect(await core.api.cancelOutbox({ id: item.id })).toEqual({ cancelled: true });
    await expect(core.api.cancelOutbox({ id: item.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await core.api.listOutbox()).some((o) => o.id === item.id)).toBe(false);
    await core.sendOutbox();
    expect(tlsSmtp.received.length).toBe(before);
  });

  it('a recipient the server refuses for good: failed with a plain reason, not retried', async () => {
    const item = await core.api.sendMessage({ mailbox_id: mailbox.id, to: ['nobody@example.fr'], subject: 'Perdu', text: '?' });
    const failed = await until(item.id, (o) => o.state === 'failed');
    expect(failed.attempts).toBe(1);
    expect(failed.error).toMatchObject({ code: 'SMTP_REJECTED', message: 'Le serveur d’envoi a refusé ce message.' });
    expect(failed.error?.detail).toContain('550');
  });
});
