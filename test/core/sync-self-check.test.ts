// The sync depends on no optional server response and checks itself after every folder pass. A real Dovecot is
// reached through the fault-injecting proxy (test/fixtures/net-tools.ts), which rewrites what the server says:
// SELECT without UIDNEXT / HIGHESTMODSEQ and CAPABILITY without CONDSTORE (servers that never send them exist),
// or one message's FETCH answer carrying a wrong UID (a message the server failed to hand over).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/create-core.js';
import type { Core } from '../../electron/core/model.js';
import { missingMessagesText } from '../../shared/errors.js';
import type { Mailbox, MailboxInput } from '../../shared/types.js';
import { makeMessage, startDovecot, type DovecotHandle } from '../fixtures/dovecot.js';
import { startTcpProxy, type TcpProxy } from '../fixtures/net-tools.js';

const USERS = [
  { user: 'bare@example.test', password: 'bare-Pw-41c' },
  { user: 'holes@example.test', password: 'holes-Pw-9a2' },
  { user: 'lost@example.test', password: 'lost-Pw-7d3' },
  { user: 'since@example.test', password: 'since-Pw-5e8' },
  { user: 'mute@example.test', password: 'mute-Pw-3f0' },
];

let dovecot: DovecotHandle;
let proxy: TcpProxy;
let dataDir: string;
let core: Core;

function input(user: string, over: Partial<MailboxInput> = {}): MailboxInput {
  const u = USERS.find((x) => x.user === user)!;
  return {
    name: user.split('@')[0]!,
    imap_server: '127.0.0.1',
    imap_port: proxy.port,
    email_address: user,
    email_password: u.password,
    use_ssl: false,
    allow_insecure_auth: true, // loopback test server without TLS, so the proxy can read and rewrite it
    sync_interval_minutes: 5,
    ...over,
  };
}

async function storedIds(mailboxId: number): Promise<string[]> {
  const page = await core.api.listMessages({ mailbox_id: mailboxId, limit: 500, collapse_duplicates: false });
  return page.items.map((m) => m.message_id ?? '').sort();
}

async function serverIds(user: string): Promise<string[]> {
  return (await dovecot.messageIds(user)).map((id) => id.trim()).sort();
}

/** A server that omits every optional SELECT response code and does not announce CONDSTORE / QRESYNC. */
function bareServer(line: string): string | null {
  if (/^\* OK \[(UIDNEXT|HIGHESTMODSEQ|NOMODSEQ)\b/i.test(line)) return null;
  return line.replace(/ (CONDSTORE|QRESYNC)\b/gi, '');
}

function withDb<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(path.join(dataDir, 'releve.db'));
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  dovecot = await startDovecot({ users: USERS, ssl: false });
  proxy = await startTcpProxy(dovecot.imapPort);
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'releve-selfcheck-'));
  core = createCore({ dataDir, locale: 'en' });
});

afterAll(async () => {
  await core?.close();
  await proxy?.close();
  await dovecot?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('a server without UIDNEXT, HIGHESTMODSEQ or CONDSTORE', () => {
  let mb: Mailbox;

  it('first sync stores every message and ends success', async () => {
    const user = 'bare@example.test';
    await dovecot.appendMany(user, Array.from({ length: 40 }, (_, i) => makeMessage({ subject: `Sans réponse optionnelle ${i}` })));
    proxy.rewriteServerLines(bareServer);
    mb = await core.api.createMailbox(input(user));
    const before = proxy.serverBytes().length;
    const first = await core.api.syncMailbox({ id: mb.id });
    expect(first).toMatchObject({ status: 'success', new_messages: 40 });
    expect(await storedIds(mb.id)).toEqual(await serverIds(user));
    // The rewrite really happened: the client saw no UIDNEXT and never enabled CONDSTORE.
    const seen = proxy.serverBytes().subarray(before).toString('latin1');
    expect(seen).toMatch(/\* 40 EXISTS/);
    expect(seen).not.toMatch(/UIDNEXT|HIGHESTMODSEQ|CONDSTORE/);
    expect(proxy.clientBytes().toString('latin1')).not.toMatch(/ENABLE .*CONDSTORE|\(CONDSTORE\)/);
  });

  it('then fetches new mail, follows flags and expunges, and never duplicates', async () => {
    const user = 'bare@example.test';
    await dovecot.append(user, makeMessage({ subject: 'Arrivé ensuite' }));
    await dovecot.append(user, makeMessage({ subject: 'Arrivé ensuite aussi' }));
    const uids = await dovecot.uids(user);
    await dovecot.setFlags(user, uids[0]!, ['\\Seen', '\\Flagged']);
    await dovecot.expunge(user, uids[1]!);

    const next = await core.api.syncMailbox({ id: mb.id });
    expect(next).toMatchObject({ status: 'success', new_messages: 2 });
    expect(await storedIds(mb.id)).toEqual(await serverIds(user));
    const first = (await core.api.listMessages({ mailbox_id: mb.id, limit: 500, collapse_duplicates: false })).items.find(
      (m) => m.subject === 'Sans réponse optionnelle 0',
    );
    expect(first).toMatchObject({ seen: true, flagged: true });

    expect(await core.api.syncMailbox({ id: mb.id })).toMatchObject({ status: 'success', new_messages: 0 });
    expect(await storedIds(mb.id)).toEqual(await serverIds(user));
  });

  it('a first-sync window by days with nothing recent derives UIDNEXT and then takes only new mail', async () => {
    const user = 'since@example.test';
    const old = new Date(Date.now() - 90 * 86_400_000);
    for (let i = 0; i < 3; i++) await dovecot.append(user, makeMessage({ subject: `Ancien ${i}` }), { internalDate: old });
    const since = await core.api.createMailbox(input(user, { sync_window_days: 30 }));
    expect(await core.api.syncMailbox({ id: since.id })).toMatchObject({ status: 'success', new_messages: 0 });
    await dovecot.append(user, makeMessage({ subject: 'Récent' }));
    expect(await core.api.syncMailbox({ id: since.id })).toMatchObject({ status: 'success', new_messages: 1 });
    expect((await core.api.listMessages({ mailbox_id: since.id })).items.map((m) => m.subject)).toEqual(['Récent']);
  });
});

describe('a server that does not even send EXISTS or UIDVALIDITY in SELECT', () => {
  it('syncs from UID SEARCH / FETCH ranges and STATUS, and still checks itself', async () => {
    const user = 'mute@example.test';
    await dovecot.appendMany(user, Array.from({ length: 12 }, (_, i) => makeMessage({ subject: `Muet ${i}` })));
    const mute = (line: string) => (/^\* (OK \[UIDVALIDITY \d+\]|\d+ EXISTS\r\n$)/.test(line) ? null : bareServer(line));
    proxy.rewriteServerLines(mute);
    const mb = await core.api.createMailbox(input(user));
    const before = proxy.serverBytes().length;
    expect(await core.api.syncMailbox({ id: mb.id })).toMatchObject({ status: 'success', new_messages: 12 });
    expect(proxy.serverBytes().subarray(before).toString('latin1')).not.toMatch(/ EXISTS\r\n|\[UIDVALIDITY/);
    await dovecot.append(user, makeMessage({ subject: 'Muet, plus tard' }));
    expect(await core.api.syncMailbox({ id: mb.id })).toMatchObject({ status: 'success', new_messages: 1 });
    expect(await storedIds(mb.id)).toEqual(await serverIds(user));
    // UIDVALIDITY came from STATUS: the same value the server uses.
    const folder = withDb((db) => db.prepare('SELECT uidvalidity FROM folders WHERE mailbox_id = ?').get(mb.id)) as { uidvalidity: string };
    expect(folder.uidvalidity).toBe(String(await dovecot.uidValidity(user)));
  });
});

describe('self-check after every folder pass', () => {
  it('a message the server failed to hand over makes the run partial with the count; the next sync repairs it', async () => {
    const user = 'holes@example.test';
    proxy.rewriteServerLines(null);
    await dovecot.appendMany(user, Array.from({ length: 25 }, (_, i) => makeMessage({ subject: `Trou ${i}` })));
    const uids = await dovecot.uids(user);
    const broken = new Set([uids[3]!, uids[17]!]);
    // The body of these two comes back under a UID nobody asked for: the download cannot store them.
    proxy.rewriteServerLines((line) => {
      const m = /^(\* \d+ FETCH \(.*?\bUID )(\d+)(\b.*BODY\[\] \{\d+\}\r\n)$/.exec(line);
      return m && broken.has(Number(m[2])) ? `${m[1]}${4_000_000 + Number(m[2])}${m[3]}` : line;
    });
    const mb = await core.api.createMailbox(input(user));
    const first = await core.api.syncMailbox({ id: mb.id });
    expect(first).toMatchObject({ status: 'partial', new_messages: 23, error: { code: 'SYNC_INCOMPLETE' } });
    expect(first.error?.message).toBe('2 messages on the server are not in Relève yet; the next sync fetches them');
    const status = (await core.api.getStatus()).find((s) => s.mailbox.id === mb.id)!;
    expect(status.mailbox).toMatchObject({ last_sync_status: 'partial', last_sync_error_code: 'SYNC_INCOMPLETE' });
    expect(status.last_run?.error).toBe('2 messages on the server are not in Relève yet; the next sync fetches them');
    expect(status.mailbox.last_sync_error).toBe('Some messages on the server are not in Relève yet; the next sync fetches them. (2 messages)');

    proxy.rewriteServerLines(null);
    const second = await core.api.syncMailbox({ id: mb.id });
    expect(second).toMatchObject({ status: 'success', new_messages: 2 });
    expect(second.error).toBeUndefined();
    expect(await storedIds(mb.id)).toEqual(await serverIds(user));
  });

  it('rows lost from the store below the watermark are listed and fetched again, with no duplicate', async () => {
    const user = 'lost@example.test';
    await dovecot.appendMany(user, Array.from({ length: 30 }, (_, i) => makeMessage({ subject: `Perdu ${i}` })));
    // Dovecot as it is (UIDNEXT and CONDSTORE present): nothing changed on the server, yet the pass must not
    // take its "unchanged" shortcut while the store holds less than the last self-check saw.
    proxy.rewriteServerLines(null);
    const mb = await core.api.createMailbox(input(user));
    expect(await core.api.syncMailbox({ id: mb.id })).toMatchObject({ status: 'success', new_messages: 30 });
    const removed = withDb(
      (db) =>
        db
          .prepare(
            `DELETE FROM messages WHERE id IN (SELECT m.id FROM messages m JOIN folders f ON f.id = m.folder_id
             WHERE f.mailbox_id = ? ORDER BY m.uid LIMIT 3 OFFSET 5)`,
          )
          .run(mb.id).changes,
    );
    expect(removed).toBe(3);
    expect(await core.api.syncMailbox({ id: mb.id })).toMatchObject({ status: 'success', new_messages: 3 });
    expect(await storedIds(mb.id)).toEqual(await serverIds(user));
    expect(await core.api.syncMailbox({ id: mb.id })).toMatchObject({ status: 'success', new_messages: 0 });
  });

  it('says it in French too', () => {
    expect(missingMessagesText(12, 'fr')).toBe(
      '12 messages du serveur ne sont pas encore dans Relève ; la prochaine synchronisation les récupère',
    );
    expect(missingMessagesText(12, 'en')).toBe('12 messages on the server are not in Relève yet; the next sync fetches them');
  });
});
