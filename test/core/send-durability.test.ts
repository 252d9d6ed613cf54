// The outbox survives kill -9 and being offline, and never sends a message twice. A real SMTP server
// (smtp-server) in this process, the core in a child process killed with SIGKILL at the worst moments, a
// private Dovecot for the Sent folder, and the real SQLite file read between runs.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/create-core.js';
import type { Core } from '../../electron/core/model.js';
import type { MailboxInput, OutboxItem } from '../../shared/types.js';
import { startDovecot, type DovecotHandle } from '../fixtures/dovecot.js';
import { freePort } from '../fixtures/net-tools.js';
import { startSmtpServer, type SmtpHandle } from '../fixtures/smtp.js';
import { makeSelfSignedCert, type TestCert } from '../fixtures/tls-cert.js';

const USER = { user: 'ventes@example.test', password: 'ventes-Pw-3b8' };
let dovecot: DovecotHandle;
let smtp: SmtpHandle;
let cert: TestCert;
let tmp: string;

beforeAll(async () => {
  dovecot = await startDovecot({ users: [USER] });
  tmp = mkdtempSync(path.join(os.tmpdir(), 'releve-outbox-'));
  cert = await makeSelfSignedCert(tmp);
  smtp = await startSmtpServer({ mode: 'tls', users: [USER], cert });
}, 60_000);

afterAll(async () => {
  await smtp?.stop();
  await dovecot?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

function input(smtpPort: number): MailboxInput {
  return {
    name: 'Ventes', imap_server: '127.0.0.1', imap_port: dovecot.imapsPort!, use_ssl: true, email_address: USER.user,
    email_password: USER.password, sync_interval_minutes: 1440, smtp_server: '127.0.0.1', smtp_port: smtpPort, smtp_use_ssl: true,
  };
}

/** A data folder with one mailbox and one queued message (nothing sent: the loop is not started here). */
async function prepare(name: string, smtpPort: number, attachmentBytes: number): Promise<{ dataDir: string; item: OutboxItem }> {
  const dataDir = path.join(tmp, name);
  const core = createCore({ dataDir, locale: 'fr', idle: false, outbox: { undoSeconds: 0 } });
  const mb = await core.api.createMailbox(input(smtpPort));
  const item = await core.api.sendMessage({
    mailbox_id: mb.id,
    to: ['client@client.example.fr'],
    subject: `Devis ${name}`,
    text: 'Veuillez trouver le devis ci-joint.',
    attachments: attachmentBytes > 0 ? [{ filename: 'devis.bin', data_base64: Buffer.alloc(attachmentBytes, 7).toString('base64') }] : [],
  });
  await core.close();
  writeFileSync(path.join(dataDir, 'ca.pem'), `${dovecot.caPem}\n${cert.pem}`);
  return { dataDir, item };
}

function runChild(dataDir: string): { child: ChildProcess; exited: Promise<number | null>; out: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/send-child.ts', dataDir, path.join(dataDir, 'ca.pem')], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, out: () => out };
}

function row(dataDir: string, id: number): { state: string; phase: string | null; attempts: number; error_code: string | null } {
  const db = new Database(path.join(dataDir, 'releve.db'), { readonly: true });
  try {
    return db.prepare('SELECT state, phase, attempts, error_code FROM outbox WHERE id = ?').get(id) as ReturnType<typeof row>;
  } finally {
    db.close();
  }
}

async function waitRow(dataDir: string, id: number, pred: (r: ReturnType<typeof row>) => boolean, timeoutMs = 30_000): Promise<ReturnType<typeof row>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const r = row(dataDir, id);
    if (pred(r)) return r;
    if (Date.now() > end) throw new Error(`outbox ${id} stuck in ${JSON.stringify(r)}`);
    await new Promise((res) => setTimeout(res, 50));
  }
}

const deliveredCount = (messageId: string) => smtp.received.filter((r) => r.raw.toString('latin1').includes(`Message-ID: ${messageId}`)).length;

describe('kill -9 and offline', () => {
  it('killed while the message is being transferred: resent after restart, delivered exactly once', async () => {
    const { dataDir, item } = await prepare('mid-data', smtp.port, 8 * 1024 * 1024);
    smtp.stall(); // the server stops reading DATA: the client is stuck mid-message
    const first = runChild(dataDir);
    await smtp.nextDataStart();
    await waitRow(dataDir, item.id, (r) => r.state === 'sending');
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe(null);
    smtp.release();
    await waitFor(() => smtp.counters.aborted > 0);
    expect(row(dataDir, item.id)).toMatchObject({ state: 'sending', phase: 'connect', attempts: 1 });
    expect(deliveredCount(item.message_id)).toBe(0);

    const second = runChild(dataDir);
    const sent = await waitRow(dataDir, item.id, (r) => r.state === 'sent');
    expect(sent.attempts).toBe(2);
    second.child.kill('SIGTERM');
    await second.exited;
    expect(deliveredCount(item.message_id)).toBe(1);
  }, 120_000);

  it('killed after the server received the whole message but before its "250": never resent (SEND_UNCERTAIN)', async () => {
    const { dataDir, item } = await prepare('before-250', smtp.port, 0);
    smtp.hold();
    const first = runChild(dataDir);
    await smtp.nextReceived();
    await waitRow(dataDir, item.id, (r) => r.phase === 'committing');
    first.child.kill('SIGKILL');
    await first.exited;
    smtp.release();
    expect(deliveredCount(item.message_id)).toBe(1);

    const second = runChild(dataDir);
    const failed = await waitRow(dataDir, item.id, (r) => r.state === 'failed');
    expect(failed).toMatchObject({ error_code: 'SEND_UNCERTAIN', attempts: 1 });
    second.child.kill('SIGTERM');
    await second.exited;
    expect(deliveredCount(item.message_id)).toBe(1);
  }, 120_000);

  it('same moment, but the provider filed it in Sent itself (like Gmail): recognised as sent, not resent', async () => {
    const { dataDir, item } = await prepare('filed-by-provider', smtp.port, 0);
    smtp.hold();
    const first = runChild(dataDir);
    const got = await smtp.nextReceived();
    await waitRow(dataDir, item.id, (r) => r.phase === 'committing');
    first.child.kill('SIGKILL');
    await first.exited;
    smtp.release();
    await dovecot.append(USER.user, got.raw, { folder: 'Sent', flags: ['\\Seen'] });

    const second = runChild(dataDir);
    await waitRow(dataDir, item.id, (r) => r.state === 'sent');
    second.child.kill('SIGTERM');
    await second.exited;
    expect(deliveredCount(item.message_id)).toBe(1);
    expect((await dovecot.messageIds(USER.user, 'Sent')).filter((m) => m === item.message_id)).toHaveLength(1);
  }, 120_000);

  it('offline: queued with a plain reason, sent once the server is back', async () => {
    const port = await freePort();
    const dataDir = path.join(tmp, 'offline');
    const core: Core = createCore({ dataDir, tlsCa: [dovecot.caPem, cert.pem], locale: 'fr', idle: false, outbox: { undoSeconds: 0, retryBaseMs: 300 } });
    let back: SmtpHandle | null = null;
    try {
      core.startScheduler();
      const mb = await core.api.createMailbox(input(port));
      const item = await core.api.sendMessage({ mailbox_id: mb.id, to: ['client@client.example.fr'], subject: 'Hors ligne', text: 'Envoyé plus tard.' });
      const waiting = await waitFor(async () => (await core.api.listOutbox()).find((o) => o.id === item.id && o.attempts >= 1 && o.state === 'queued'));
      expect(waiting.error).toMatchObject({ code: 'NETWORK' });
      expect(Date.parse(waiting.not_before)).toBeGreaterThan(Date.parse(waiting.created_at));
      back = await startSmtpServer({ mode: 'tls', users: [USER], cert, port });
      const sent = await waitFor(async () => (await core.api.listOutbox()).find((o) => o.id === item.id && o.state === 'sent'), 30_000);
      expect(sent.error).toBe(null);
      expect(back.received.filter((r) => r.raw.toString('latin1').includes(item.message_id))).toHaveLength(1);
    } finally {
      await core.close();
      await back?.stop();
    }
  }, 120_000);
});

async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
