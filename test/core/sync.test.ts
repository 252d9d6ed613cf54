// The sync core end to end against a real private Dovecot and a real SQLite file.
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/create-core.js';
import type { Core } from '../../electron/core/model.js';
import type { Mailbox, MailboxInput } from '../../shared/types.js';
import { makeFrenchMessage, makeMessage, startDovecot, type DovecotHandle } from '../fixtures/dovecot.js';
import { freePort, startTcpProxy } from '../fixtures/net-tools.js';

const USERS = [
  { user: 'contact@example.test', password: 'contact-Pw-9f2' },
  { user: 'support@example.test', password: 'support-Pw-7c1' },
  { user: 'ventes@example.test', password: 'ventes-Pw-3b8' },
  { user: 'flags@example.test', password: 'flags-Pw-5d4' },
  { user: 'reset@example.test', password: 'reset-Pw-8e6' },
  { user: 'window@example.test', password: 'window-Pw-2a7' },
];

let dovecot: DovecotHandle;
let dataDir: string;
let core: Core;

function input(user: string, over: Partial<MailboxInput> = {}): MailboxInput {
  const u = USERS.find((x) => x.user === user)!;
  return {
    name: user.split('@')[0]!,
    imap_server: '127.0.0.1',
    imap_port: dovecot.imapsPort!,
    email_address: user,
    email_password: u.password,
    use_ssl: true,
    sync_interval_minutes: 5,
    ...over,
  };
}

async function storedMessageIds(mailboxId: number): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await core.api.listMessages({ mailbox_id: mailboxId, limit: 500, offset, collapse_duplicates: false });
    ids.push(...page.items.map((m) => m.message_id ?? ''));
    if (offset + 500 >= page.total) return ids.sort();
  }
}

/** Flags of every message on the server, in UID order, read with a separate IMAP client. */
async function serverFlags(user: string): Promise<string[][]> {
  const u = USERS.find((x) => x.user === user)!;
  const client = new ImapFlow({
    host: '127.0.0.1',
    port: dovecot.imapsPort!,
    secure: true,
    auth: { user, pass: u.password },
    tls: { ca: [dovecot.caPem] },
    logger: false,
  });
  await client.connect();
  await client.mailboxOpen('INBOX', { readOnly: true });
  const out: string[][] = [];
  for await (const m of client.fetch('1:*', { uid: true, flags: true })) out.push([...(m.flags ?? [])].filter((f) => f !== '\\Recent').sort());
  await client.logout();
  return out;
}

async function serverIds(user: string): Promise<string[]> {
  return (await dovecot.messageIds(user)).map((id) => id.trim()).sort();
}

beforeAll(async () => {
  dovecot = await startDovecot({ users: USERS });
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'releve-sync-'));
  core = createCore({ dataDir, tlsCa: [dovecot.caPem], locale: 'en' });
});

afterAll(async () => {
  await core?.close();
  await dovecot?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('sync of several mailboxes into one store', () => {
  let contact: Mailbox;
  let support: Mailbox;

  it('first sync imports exactly the server messages, a second sync imports nothing', async () => {
    await dovecot.appendMany('contact@example.test', Array.from({ length: 120 }, (_, i) => makeMessage({ subject: `Facture ${i}` })));
    await dovecot.append('contact@example.test', makeFrenchMessage());
    for (let i = 0; i < 5; i++) await dovecot.append('support@example.test', makeMessage({ subject: `Ticket ${i}` }));
    contact = await core.api.createMailbox(input('contact@example.test'));
    support = await core.api.createMailbox(input('support@example.test', { use_ssl: false, imap_port: dovecot.imapPort }));

    const first = await core.api.syncMailbox({ id: contact.id });
    expect(first).toMatchObject({ status: 'success', new_messages: 121 });
    expect(await storedMessageIds(contact.id)).toEqual(await serverIds('contact@example.test'));
    // A pass that succeeded leaves search complete, though the writer indexes only every few MiB of text.
    expect((await core.api.listMessages({ search: 'facture', limit: 500 })).total).toBe(120);

    const second = await core.api.syncMailbox({ id: contact.id });
    expect(second).toMatchObject({ status: 'success', new_messages: 0 });
    expect((await core.api.listMessages({ mailbox_id: contact.id })).total).toBe(121);

    // plain port + STARTTLS
    expect(await core.api.syncMailbox({ id: support.id })).toMatchObject({ status: 'success', new_messages: 5 });
    const status = await core.api.getStatus();
    const s = status.find((x) => x.mailbox.id === contact.id)!;
    expect(s.mailbox.last_sync_status).toBe('success');
    expect(s.message_count).toBe(121);
    expect(s.last_run).toMatchObject({ status: 'success', new_messages: 0 });
  });

  it('imports a message appended between syncs exactly once', async () => {
    const id = '<between-syncs@example.test>';
    await dovecot.append('contact@example.test', makeMessage({ messageId: id, subject: 'Nouvelle commande' }));
    expect(await core.api.syncMailbox({ id: contact.id })).toMatchObject({ new_messages: 1 });
    expect(await core.api.syncMailbox({ id: contact.id })).toMatchObject({ new_messages: 0 });
    const ids = await storedMessageIds(contact.id);
    expect(ids.filter((x) => x === id)).toHaveLength(1);
    expect(ids).toEqual(await serverIds('contact@example.test'));
  });

  it('finds accented French text without accents (FTS)', async () => {
    const page = await core.api.listMessages({ search: 'reunion debut annee' });
    expect(page.total).toBe(1);
    expect(page.items[0]!.subject).toContain('Réunion');
    const reader = await core.api.getMessage({ id: page.items[0]!.id });
    expect(reader.text).toMatch(/é/);
  });

  it('a pass with nothing new indexes the text a writer lost before indexing it (store/fts-deferred.ts)', async () => {
    // As a writer that died holding text leaves the store: messages above the search watermark, not indexed.
    const db = new Database(path.join(dataDir, 'releve.db'));
    try {
      const lost = db.prepare('SELECT id FROM messages WHERE mailbox_id = ? ORDER BY id DESC LIMIT 30').pluck().all(contact.id) as number[];
      const from = Math.min(...lost) - 1;
      for (const id of db.prepare('SELECT id FROM messages WHERE id > ?').pluck().all(from)) {
        db.prepare('DELETE FROM messages_fts WHERE rowid = ?').run(id);
      }
      db.prepare('UPDATE fts_state SET indexed_through = ?').run(from);
      expect((await core.api.listMessages({ search: 'facture', limit: 500 })).total).toBeLessThan(120);
      expect(await core.api.syncMailbox({ id: contact.id })).toMatchObject({ status: 'success', new_messages: 0 });
      expect((await core.api.listMessages({ search: 'facture', limit: 500 })).total).toBe(120);
      expect(db.prepare('SELECT indexed_through FROM fts_state').pluck().get()).toBe(db.prepare('SELECT max(id) FROM messages').pluck().get());
    } finally {
      db.close();
    }
  });

  it('honours intervals: a mailbox synced a moment ago is skipped, force syncs it', async () => {
    const pass = await core.runOnce();
    const c = pass.find((r) => r.mailbox_id === contact.id)!;
    expect(c.skipped).toBe('not_due');
    const forced = await core.runOnce({ force: true });
    expect(forced.find((r) => r.mailbox_id === contact.id)!.skipped).toBeUndefined();
  });

  it('a wrong password gives an authentication error while the other mailboxes still succeed', async () => {
    const ventes = await core.api.createMailbox(input('ventes@example.test', { email_password: 'not-the-password' }));
    await dovecot.append('support@example.test', makeMessage({ subject: 'still flowing' }));
    const results = await core.runOnce({ force: true });
    const bad = results.find((r) => r.mailbox_id === ventes.id)!;
    expect(bad.status).toBe('error');
    expect(bad.error?.code).toBe('AUTH');
    expect(results.find((r) => r.mailbox_id === support.id)).toMatchObject({ status: 'success', new_messages: 1 });
    const mb = await core.api.getMailbox({ id: ventes.id });
    expect(mb.last_sync_status).toBe('error');
    expect(mb.last_sync_error_code).toBe('AUTH');
    expect(mb.last_sync_error).toMatch(/password/i);
    const st = (await core.api.getStatus()).find((s) => s.mailbox.id === ventes.id)!;
    expect(st.failures).toBe(1);
    expect(Date.parse(st.next_sync_at!)).toBeGreaterThan(Date.now());
    // fixing the password clears the backoff and the next sync succeeds
    await core.api.updateMailbox({ id: ventes.id, patch: { email_password: USERS[2]!.password } });
    expect(await core.api.syncMailbox({ id: ventes.id })).toMatchObject({ status: 'success' });
  });

  it('stores a malformed message raw with what could be parsed, never skipping it', async () => {
    const raw = 'From: broken\r\nSubject: =?utf-8?B?not base64!!?=\r\nContent-Type: multipart/mixed; boundary="x"\r\nMessage-ID: <broken@example.test>\r\n\r\n--x\r\nContent-Type: text/plain; charset=nonexistent-charset\r\nContent-Transfer-Encoding: base64\r\n\r\n@@@###\r\n';
    await dovecot.append('support@example.test', raw);
    const r = await core.api.syncMailbox({ id: support.id });
    expect(r).toMatchObject({ status: 'success', new_messages: 1 });
    const ids = await storedMessageIds(support.id);
    expect(ids).toContain('<broken@example.test>');
  });

  it('keeps no plaintext password in the database or the logs', async () => {
    const files = [path.join(dataDir, 'releve.db'), path.join(dataDir, 'releve.db-wal')];
    const logDir = path.join(dataDir, 'logs');
    for (const f of readdirSync(logDir)) files.push(path.join(logDir, f));
    for (const f of files) {
      if (!statSync(f, { throwIfNoEntry: false })) continue;
      const bytes = readFileSync(f);
      for (const u of USERS) expect(bytes.includes(Buffer.from(u.password)), `${f} holds ${u.user}'s password`).toBe(false);
    }
    const list = JSON.stringify(await core.api.listMailboxes());
    for (const u of USERS) expect(list).not.toContain(u.password);
  });
});

describe('changes on the server', () => {
  it('reflects read/unread flags changed on the server and pushes local read marks', async () => {
    const user = 'flags@example.test';
    for (let i = 0; i < 3; i++) await dovecot.append(user, makeMessage({ subject: `Flag ${i}` }));
    const mb = await core.api.createMailbox(input(user));
    await core.api.syncMailbox({ id: mb.id });
    const [u1, u2] = await dovecot.uids(user);
    await dovecot.setFlags(user, u1!, ['\\Seen']);
    await dovecot.setFlags(user, u2!, ['\\Flagged']);
    const r = await core.api.syncMailbox({ id: mb.id });
    expect(r.updated_messages).toBeGreaterThanOrEqual(2);
    const items = (await core.api.listMessages({ mailbox_id: mb.id })).items;
    expect(items.find((m) => m.subject === 'Flag 0')!.seen).toBe(true);
    expect(items.find((m) => m.subject === 'Flag 1')!.flagged).toBe(true);
    expect(items.find((m) => m.subject === 'Flag 2')!.seen).toBe(false);

    // marking read in Relève reaches the server on the next sync
    const third = items.find((m) => m.subject === 'Flag 2')!;
    await core.api.setSeen({ ids: [third.id], seen: true });
    const unread = await core.api.listMessages({ mailbox_id: mb.id, unread_only: true });
    expect(unread.items.map((m) => m.subject)).toEqual(['Flag 1']);
    await core.api.syncMailbox({ id: mb.id });
    expect(await serverFlags(user)).toEqual([['\\Seen'], ['\\Flagged'], ['\\Seen']]);
    // and an expunge on the server removes the local copy
    await dovecot.expunge(user, u1!);
    await core.api.syncMailbox({ id: mb.id });
    expect((await core.api.listMessages({ mailbox_id: mb.id })).total).toBe(2);
  });

  it('a UIDVALIDITY reset re-links stored messages instead of duplicating them', async () => {
    const user = 'reset@example.test';
    await dovecot.appendMany(user, Array.from({ length: 30 }, (_, i) => makeMessage({ subject: `Reset ${i}` })));
    const mb = await core.api.createMailbox(input(user));
    expect(await core.api.syncMailbox({ id: mb.id })).toMatchObject({ new_messages: 30 });
    const before = (await core.api.listMessages({ mailbox_id: mb.id, limit: 100 })).items.map((m) => m.id).sort();
    await dovecot.resetUidValidity(user);
    await dovecot.append(user, makeMessage({ subject: 'after reset' }));
    const r = await core.api.syncMailbox({ id: mb.id });
    expect(r).toMatchObject({ status: 'success', new_messages: 1 });
    const after = (await core.api.listMessages({ mailbox_id: mb.id, limit: 100 })).items;
    expect(after).toHaveLength(31);
    expect(await storedMessageIds(mb.id)).toEqual(await serverIds(user));
    // the 30 old rows kept their ids (re-linked, not re-imported)
    expect(after.map((m) => m.id).filter((id) => before.includes(id))).toHaveLength(30);
  });

  it('a first-sync window of N most recent messages imports only those, then everything new', async () => {
    const user = 'window@example.test';
    await dovecot.appendMany(user, Array.from({ length: 40 }, (_, i) => makeMessage({ subject: `Old ${i}` })));
    const mb = await core.api.createMailbox(input(user, { sync_window_count: 10 }));
    expect(await core.api.syncMailbox({ id: mb.id })).toMatchObject({ new_messages: 10 });
    const newestTen = (await dovecot.messageIds(user)).slice(-10).map((x) => x.trim()).sort();
    expect(await storedMessageIds(mb.id)).toEqual(newestTen);
    await dovecot.append(user, makeMessage({ subject: 'fresh' }));
    expect(await core.api.syncMailbox({ id: mb.id })).toMatchObject({ new_messages: 1 });
    expect((await core.api.listMessages({ mailbox_id: mb.id })).total).toBe(11);
  });
});

describe('store integrity', () => {
  it('passes PRAGMA integrity_check', () => {
    const db = new Database(path.join(dataDir, 'releve.db'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});

describe('network trouble', () => {
  it('a drop mid-fetch keeps what was committed, reports it, and the next sync completes without duplicates', async () => {
    const user = 'window@example.test';
    // a fresh mailbox on the same server account, reached through a proxy that can cut the link
    const proxy = await startTcpProxy(dovecot.imapsPort!);
    try {
      const big = 'Contenu volumineux pour remplir le flux.\n'.repeat(200);
      await dovecot.appendMany(user, Array.from({ length: 600 }, (_, i) => makeMessage({ subject: `Drop ${i}`, body: big })));
      // The same login on the same server cannot be a second mailbox: the windowed one above makes way.
      for (const m of await core.api.listMailboxes()) if (m.email_address === user) await core.api.deleteMailbox({ id: m.id, keep_messages: false });
      const mb = await core.api.createMailbox(input(user, { name: 'via proxy', imap_port: proxy.port }));
      proxy.cutAfterServerBytes(2_000_000);
      const first = await core.api.syncMailbox({ id: mb.id });
      expect(['partial', 'error']).toContain(first.status);
      expect(first.error?.code).toMatch(/NETWORK|TIMEOUT|PROTOCOL/);
      const partialCount = (await core.api.listMessages({ mailbox_id: mb.id })).total;
      expect(partialCount).toBeGreaterThan(0);
      expect(partialCount).toBeLessThan((await serverIds(user)).length);
      const second = await core.api.syncMailbox({ id: mb.id });
      expect(second.status).toBe('success');
      expect(await storedMessageIds(mb.id)).toEqual(await serverIds(user));
    } finally {
      await proxy.close();
    }
  });

  it('an unreachable port and an untrusted certificate give clear errors', async () => {
    const closed = await freePort();
    // Another server name for the same account: the same login on the same server cannot be added twice.
    const down = await core.api.createMailbox(input('support@example.test', { name: 'down', imap_server: 'localhost', imap_port: closed }));
    const r1 = await core.api.syncMailbox({ id: down.id });
    expect(r1).toMatchObject({ status: 'error', error: { code: 'NETWORK' } });

    const other = createCore({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'releve-notrust-')), locale: 'fr' });
    try {
      const mb = await other.api.createMailbox(input('support@example.test', { name: 'untrusted' }));
      const r2 = await other.api.syncMailbox({ id: mb.id });
      expect(r2).toMatchObject({ status: 'error', error: { code: 'TLS_CERT' } });
      expect(r2.error!.message).toMatch(/certificat/);
      expect(r2.error!.cert_fingerprint ?? '').toBe('');
      const t = await other.api.testConnection({ ...input('support@example.test') });
      expect(t.ok).toBe(false);
      expect(t.error?.cert_fingerprint).toBe(dovecot.certFingerprint256);
      // trusting exactly that certificate makes it work; pinning a certificate changes where the password may
      // go, so it takes the password again (secrets/binding.ts)
      await expect(other.api.updateMailbox({ id: mb.id, patch: { tls_fingerprint: dovecot.certFingerprint256 } }))
        .rejects.toMatchObject({ code: 'SECRET_REQUIRED' });
      const { email_password } = input('support@example.test');
      await other.api.updateMailbox({ id: mb.id, patch: { tls_fingerprint: dovecot.certFingerprint256, email_password } });
      expect(await other.api.syncMailbox({ id: mb.id })).toMatchObject({ status: 'success' });
    } finally {
      await other.close();
    }
  });
});
