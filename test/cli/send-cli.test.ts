// Sending through the real executables: `releve accounts add --smtp-*`, `releve send`, and a reply through
// `releve serve`'s REST API, against a real SMTP server (STARTTLS, throw-away certificate) and the private
// Dovecot: received once with the right headers, copied to Sent, original marked \Answered on the server.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mailbox, MessagePage, MessageThread, OutboxItem } from '../../shared/types.js';
import { makeMessage, startDovecot, type DovecotHandle } from '../fixtures/dovecot.js';
import { startSmtpServer, type SmtpHandle } from '../fixtures/smtp.js';
import { makeTmpDir, type TmpDir } from '../helpers/tmp-dir.js';
import { baseEnv, parseJson, runCli, startCli } from './run-cli.js';

const ALICE = { user: 'alice@example.test', password: 'alice-Secret-1' };
let d: DovecotHandle;
let smtp: SmtpHandle;
let tmp: TmpDir;
let env: NodeJS.ProcessEnv;
const TOKEN = 'send-test-token-0123456789abcdef';

beforeAll(async () => {
  d = await startDovecot({ users: [ALICE] });
  smtp = await startSmtpServer({ mode: 'starttls', users: [ALICE] });
  tmp = makeTmpDir('releve-send-cli-');
  const caFile = join(tmp.path, 'ca.pem');
  writeFileSync(caFile, `${d.caPem}\n${smtp.caPem}`);
  env = baseEnv({ RELEVE_DATA_DIR: join(tmp.path, 'data'), RELEVE_EXTRA_CA: caFile, LANG: 'fr_FR.UTF-8', RELEVE_API_TOKEN: TOKEN });
}, 60_000);

afterAll(async () => {
  await smtp?.stop();
  await d?.stop();
  tmp?.remove();
});

describe('releve send and the REST reply', () => {
  let mailboxId: number;

  it('adds a mailbox with its SMTP settings from the command line', async () => {
    const r = await runCli(
      ['accounts', 'add', '--server', '127.0.0.1', '--port', String(d.imapsPort), '--ssl', '--email', ALICE.user, '--password-stdin',
        '--smtp-server', '127.0.0.1', '--smtp-port', String(smtp.port), '--no-smtp-ssl', '--json'],
      env,
      `${ALICE.password}\n`,
    );
    expect(r.code, r.stderr).toBe(0);
    const mb = parseJson<Mailbox>(r);
    expect(mb).toMatchObject({ smtp_server: '127.0.0.1', smtp_port: smtp.port, smtp_use_ssl: false, smtp_username: ALICE.user });
    mailboxId = mb.id;
    const bad = await runCli(['accounts', 'edit', String(mailboxId), '--smtp-ssl', '--no-smtp-ssl'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--smtp-ssl et --no-smtp-ssl sont incompatibles.');
  });

  it('`releve send` sends at once over STARTTLS, with an attachment, and says so in French', async () => {
    const file = join(tmp.path, 'tarif été.txt');
    writeFileSync(file, 'Galette : 12 €\n');
    const r = await runCli(['send', '--mailbox', String(mailboxId), '--to', 'client@client.example.fr', '--subject', 'Tarifs d’été', '--text', 'Bonjour,\nci-joint.', '--attach', file], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Envoyé : <[^>]+@example\.test> — 250/);
    expect(smtp.received).toHaveLength(1);
    const got = smtp.received[0]!;
    expect(got).toMatchObject({ secure: true, user: ALICE.user, to: ['client@client.example.fr'] });
    const mail = await PostalMime.parse(got.raw);
    expect(mail.subject).toBe('Tarifs d’été');
    expect(mail.attachments[0]?.filename).toBe('tarif été.txt');
    expect(Buffer.from(mail.attachments[0]!.content as ArrayBuffer).toString('utf8')).toBe('Galette : 12 €\n');
  });

  it('a reply through `releve serve` arrives once, threaded, copied to Sent, and the original is \\Answered', async () => {
    const originalId = '<rdv-7@client.example.fr>';
    await d.append(ALICE.user, makeMessage({ subject: 'Rendez-vous jeudi', from: 'Client <client@client.example.fr>', to: ALICE.user, messageId: originalId }));
    expect((await runCli(['sync', '--force'], env)).code).toBe(0);
    const serve = startCli(['serve', '--port', '0'], env);
    try {
      const [, url] = await serve.waitFor(/(http:\/\/127\.0\.0\.1:\d+)/);
      const call = async <T>(method: string, p: string, body?: unknown): Promise<{ status: number; json: T }> => {
        const res = await fetch(`${url}${p}`, {
          method,
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'accept-language': 'fr' },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
        return { status: res.status, json: (await res.json()) as T };
      };
      const page = await call<MessagePage>('GET', '/inbox/messages');
      const original = page.json.items.find((m) => m.message_id === originalId)!;
      const before = smtp.received.length;
      const queued = await call<OutboxItem>('POST', `/inbox/messages/${original.id}/reply`, { all: false, text: 'Jeudi 10 h, parfait.', undo_seconds: 0 });
      expect(queued.status).toBe(201);
      expect(queued.json).toMatchObject({ kind: 'reply', state: 'queued' });
      const invalid = await call<{ error: { code: string } }>('POST', `/inbox/messages/${original.id}/forward`, { to: ['pas une adresse'] });
      expect(invalid.status).toBe(400);

      let done: OutboxItem | undefined;
      for (let i = 0; i < 400 && !done; i++) {
        const list = await call<OutboxItem[]>('GET', '/inbox/outbox');
        done = list.json.find((o) => o.id === queued.json.id && o.state === 'sent' && o.sent_copy === 'done');
        if (!done) await new Promise((r) => setTimeout(r, 50));
      }
      expect(done, 'reply sent and copied to Sent').toBeTruthy();
      expect(smtp.received.length).toBe(before + 1);
      const mail = await PostalMime.parse(smtp.received[before]!.raw);
      expect(mail.from).toMatchObject({ address: ALICE.user });
      expect(mail.to).toEqual([{ name: 'Client', address: 'client@client.example.fr' }]);
      expect(mail.inReplyTo).toBe(originalId);
      expect(mail.references).toBe(originalId);
      expect(mail.subject).toBe('Re: Rendez-vous jeudi');
      const thread = await call<MessageThread>('GET', `/inbox/messages/${original.id}/thread`);
      expect(thread.status).toBe(200);
      expect(thread.json.messages.map((m) => m.message_id)).toEqual([originalId]);
      expect(thread.json.outbox.map((o) => o.message_id)).toEqual([queued.json.message_id]);
      // A new message with a 2 MB attachment: above the API's usual 1 MB body limit, within the sending one.
      const big = Buffer.alloc(2 * 1024 * 1024, 0x41);
      big[0] = 0x00;
      const posted = await call<OutboxItem>('POST', '/inbox/outbox', {
        mailbox_id: original.mailbox_id, to: ['client@client.example.fr'], subject: 'Catalogue', text: 'Ci-joint.', undo_seconds: 0,
        attachments: [{ filename: 'catalogue.bin', data_base64: big.toString('base64') }],
      });
      expect(posted.status).toBe(201);
      let bigSent: OutboxItem | undefined;
      for (let i = 0; i < 400 && !bigSent; i++) {
        bigSent = (await call<OutboxItem[]>('GET', '/inbox/outbox')).json.find((o) => o.id === posted.json.id && o.state === 'sent' && o.sent_copy === 'done');
        if (!bigSent) await new Promise((r) => setTimeout(r, 50));
      }
      const bigMail = await PostalMime.parse(smtp.received[before + 1]!.raw);
      expect(Buffer.from(bigMail.attachments[0]!.content as ArrayBuffer).equals(big)).toBe(true);

      // The earlier `releve send` message, this reply and the catalogue, each filed once.
      const sentIds = await d.messageIds(ALICE.user, 'Sent');
      expect(sentIds).toHaveLength(3);
      expect(sentIds.filter((m) => m === queued.json.message_id)).toHaveLength(1);

      const client = new ImapFlow({ host: '127.0.0.1', port: d.imapsPort!, secure: true, auth: { user: ALICE.user, pass: ALICE.password }, tls: { ca: [d.caPem] }, logger: false });
      await client.connect();
      try {
        await client.mailboxOpen('INBOX', { readOnly: true });
        const msgs = [];
        for await (const m of client.fetch('1:*', { flags: true, envelope: true })) msgs.push(m);
        const answered = msgs.find((m) => m.envelope?.messageId === originalId);
        expect(answered?.flags?.has('\\Answered')).toBe(true);
      } finally {
        await client.logout();
      }
    } finally {
      await serve.stop('SIGTERM');
    }
  }, 60_000);
});
