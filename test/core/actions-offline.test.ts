// Actions survive outages and kills: queued while the server is unreachable and pushed once it is back;
// a process killed (SIGKILL) around a queued move loses nothing and duplicates nothing.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/create-core.js';
import type { Core } from '../../electron/core/model.js';
import type { MessageSummary } from '../../shared/types.js';
import { makeMessage, startDovecot, type DovecotHandle } from '../fixtures/dovecot.js';
import { startTcpProxy, type TcpProxy } from '../fixtures/net-tools.js';
import { peekFolder } from '../helpers/imap-peek.js';

const USERS = [
  { user: 'offline@example.test', password: 'offline-Pw-1q' },
  { user: 'crash@example.test', password: 'crash-Pw-2w' },
  { user: 'kill@example.test', password: 'kill-Pw-3e' },
];
let dovecot: DovecotHandle;
const dirs: string[] = [];

beforeAll(async () => {
  dovecot = await startDovecot({
    users: USERS,
    namespace: { separator: '/', mailboxes: [{ name: 'Archive', specialUse: '\\Archive' }, { name: 'Trash', specialUse: '\\Trash' }] },
  });
}, 60_000);

afterAll(async () => {
  await dovecot?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function newDataDir(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'releve-actions-'));
  dirs.push(d);
  return d;
}

async function addMailbox(core: Core, user: string, port: number): Promise<number> {
  const u = USERS.find((x) => x.user === user)!;
  const mb = await core.api.createMailbox({ name: user, imap_server: '127.0.0.1', imap_port: port, email_address: user, email_password: u.password, use_ssl: true });
  return mb.id;
}

const subjectsOn = async (user: string, folder: string) => (await peekFolder(dovecot, user, folder)).map((m) => m.subject).sort();

async function bySubject(core: Core, subject: string): Promise<MessageSummary[]> {
  return (await core.api.listMessages({ folder: 'all', limit: 500, collapse_duplicates: false })).items.filter((m) => m.subject === subject);
}

describe('offline queue', () => {
  let proxy: TcpProxy;
  let core: Core;
  afterAll(async () => {
    await core?.close();
    await proxy?.close();
  });

  it('queues actions while the server is unreachable and pushes them when it is back', async () => {
    const user = 'offline@example.test';
    await dovecot.append(user, makeMessage({ subject: 'à archiver' }));
    await dovecot.append(user, makeMessage({ subject: 'à étoiler' }));
    proxy = await startTcpProxy(dovecot.imapsPort!);
    core = createCore({ dataDir: newDataDir(), tlsCa: [dovecot.caPem], locale: 'fr', idle: false });
    const id = await addMailbox(core, user, proxy.port);
    expect((await core.api.syncMailbox({ id })).status).toBe('success');

    await proxy.close(); // the server is gone
    const [toArchive] = await bySubject(core, 'à archiver');
    const [toStar] = await bySubject(core, 'à étoiler');
    await core.api.messageAction({ ids: [toArchive!.id], action: 'archive' });
    await core.api.messageAction({ ids: [toStar!.id], action: 'flag' });
    const offline = await core.api.syncMailbox({ id });
    expect(offline.status).toBe('error');
    // Shown as done at once, still queued, the server untouched.
    expect((await core.api.listMessages({ folder: 'archive' })).items.map((m) => m.subject)).toEqual(['à archiver']);
    expect((await bySubject(core, 'à étoiler'))[0]?.flagged).toBe(true);
    expect(await subjectsOn(user, 'INBOX')).toEqual(['à archiver', 'à étoiler']);
    expect(await subjectsOn(user, 'Archive')).toEqual([]);

    // Back, on another port: the mailbox is pointed at it, as a user would after a server move (a stored
    // password only goes where it was given for: the new port takes it again, issue #10).
    proxy = await startTcpProxy(dovecot.imapsPort!);
    const password = dovecot.users.find((u) => u.user === user)?.password ?? '';
    await core.api.updateMailbox({ id, patch: { imap_port: proxy.port, email_password: password } });
    let back = await core.api.syncMailbox({ id });
    while (back.skipped === 'running') back = await new Promise((r) => setTimeout(r, 50)).then(() => core.api.syncMailbox({ id }));
    expect(back.status).toBe('success');
    expect(await subjectsOn(user, 'INBOX')).toEqual(['à étoiler']);
    expect(await subjectsOn(user, 'Archive')).toEqual(['à archiver']);
    expect((await peekFolder(dovecot, user, 'INBOX'))[0]?.flags).toContain('\\Flagged');
    expect(await bySubject(core, 'à archiver')).toHaveLength(1);
  });
});

describe('crash around a queued move', () => {
  it('the process died right after the server moved the message: re-linked by content key, no duplicate', async () => {
    const user = 'crash@example.test';
    await dovecot.append(user, makeMessage({ subject: 'déplacé puis crash' }));
    const dataDir = newDataDir();
    let core = createCore({ dataDir, tlsCa: [dovecot.caPem], locale: 'en', idle: false });
    const id = await addMailbox(core, user, dovecot.imapsPort!);
    await core.api.syncMailbox({ id });
    const [m] = await bySubject(core, 'déplacé puis crash');
    await core.api.messageAction({ ids: [m!.id], action: 'archive' });
    await core.close(); // queued, never pushed by this process

    // What the dead process had already done on the server before it could record it.
    const client = new ImapFlow({ host: '127.0.0.1', port: dovecot.imapPort, secure: false, doSTARTTLS: false, auth: { user, pass: USERS[1]!.password }, logger: false });
    await client.connect();
    await client.mailboxOpen('INBOX');
    await client.messageMove('1:*', 'Archive');
    await client.logout();

    core = createCore({ dataDir, tlsCa: [dovecot.caPem], locale: 'en', idle: false });
    try {
      const r = await core.api.syncMailbox({ id });
      expect(r).toMatchObject({ status: 'success', new_messages: 0 }); // re-linked, not downloaded again
      const copies = await bySubject(core, 'déplacé puis crash');
      expect(copies).toHaveLength(1);
      expect(copies[0]).toMatchObject({ id: m!.id, folder: 'Archive', folder_role: 'archive' });
      expect(await subjectsOn(user, 'Archive')).toEqual(['déplacé puis crash']);
      expect(await subjectsOn(user, 'INBOX')).toEqual([]);
    } finally {
      await core.close();
    }
  });

  it('SIGKILL during the sync that pushes queued moves: no loss, no duplicate', async () => {
    const user = 'kill@example.test';
    const N = 40;
    for (let i = 0; i < N; i++) await dovecot.append(user, makeMessage({ subject: `kill-${String(i).padStart(2, '0')}` }));
    const dataDir = newDataDir();
    const caFile = path.join(dataDir, 'ca.pem');
    writeFileSync(caFile, dovecot.caPem);
    let core = createCore({ dataDir, tlsCa: [dovecot.caPem], locale: 'en', idle: false });
    const id = await addMailbox(core, user, dovecot.imapsPort!);
    await core.api.syncMailbox({ id });
    const all = (await core.api.listMessages({ folder: 'inbox', limit: 500 })).items;
    // Half to the archive, a quarter deleted (to Trash), in separate calls: several queued groups.
    const evens = all.filter((x) => Number(x.subject.slice(5)) % 2 === 0).map((x) => x.id);
    const odd3 = all.filter((x) => Number(x.subject.slice(5)) % 4 === 1).map((x) => x.id);
    await core.api.messageAction({ ids: evens, action: 'archive' });
    await core.api.messageAction({ ids: odd3, action: 'delete' });
    await core.close();

    const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/sync-child.ts', dataDir, caFile], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Kill as soon as the push has started on the server (some but maybe not all actions done).
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const db = new Database(path.join(dataDir, 'releve.db'), { readonly: true });
      const left = (db.prepare('SELECT COUNT(*) AS n FROM pending_actions').get() as { n: number }).n;
      const running = db.prepare("SELECT 1 FROM sync_runs WHERE status = 'running'").get() !== undefined;
      db.close();
      if (running || left < evens.length + odd3.length) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    child.kill('SIGKILL');
    await exited;

    core = createCore({ dataDir, tlsCa: [dovecot.caPem], locale: 'en', idle: false });
    try {
      expect((await core.api.syncMailbox({ id })).status).toBe('success');
      expect((await core.api.syncMailbox({ id })).new_messages).toBe(0);
      const archived = evens.length;
      const serverArchive = await subjectsOn(user, 'Archive');
      const serverInbox = await subjectsOn(user, 'INBOX');
      const serverTrash = await subjectsOn(user, 'Trash');
      expect(serverArchive).toHaveLength(archived);
      expect(serverTrash).toHaveLength(odd3.length);
      expect(serverInbox).toHaveLength(N - archived - odd3.length);
      // Every message exactly once on the server, and the store agrees with it (Trash is not synced).
      expect(new Set([...serverArchive, ...serverInbox, ...serverTrash]).size).toBe(N);
      const storeArchive = (await core.api.listMessages({ folder: 'archive', limit: 500 })).items.map((x) => x.subject).sort();
      const storeInbox = (await core.api.listMessages({ folder: 'inbox', limit: 500 })).items.map((x) => x.subject).sort();
      expect(storeArchive).toEqual(serverArchive);
      expect(storeInbox).toEqual(serverInbox);
      expect((await core.api.listMessages({ folder: 'all', limit: 500, collapse_duplicates: false })).total).toBe(N - odd3.length);
      const db = new Database(path.join(dataDir, 'releve.db'), { readonly: true });
      expect((db.prepare('SELECT COUNT(*) AS n FROM pending_actions').get() as { n: number }).n).toBe(0);
      db.close();
    } finally {
      await core.close();
    }
  }, 90_000);
});
