// Long-running mode against a real Dovecot: new mail arrives through IDLE without any sync call, a dropped
// link is reopened, a server without IDLE is polled, syncs reuse the open connection, and close() ends
// every connection (checked in the server's own log).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/create-core.js';
import type { Core, CoreOptions, Logger } from '../../electron/core/model.js';
import { IDLE_READY_LOG } from '../../electron/core/sync/idle-watcher.js';
import type { Mailbox } from '../../shared/types.js';
import { makeMessage, newMessageId, startDovecot, type DovecotHandle, type DovecotUser } from '../fixtures/dovecot.js';
import { startTcpProxy, type TcpProxy } from '../fixtures/net-tools.js';

const USERS: DovecotUser[] = [
  { user: 'push@example.test', password: 'push-Pw-1a' },
  { user: 'drop@example.test', password: 'drop-Pw-2b' },
  { user: 'close@example.test', password: 'close-Pw-3c' },
  { user: 'cap1@example.test', password: 'cap1-Pw-4d' },
  { user: 'cap2@example.test', password: 'cap2-Pw-5e' },
  { user: 'once@example.test', password: 'once-Pw-6f' },
  { user: 'edit@example.test', password: 'edit-Pw-8h' },
];

let dovecot: DovecotHandle;
const dirs: string[] = [];
const cores: Core[] = [];

interface Harness {
  core: Core;
  /** Log entries "watching INBOX" so far, per mailbox id, with the mode (idle / poll). */
  ready(id: number): Array<{ mode: string }>;
}

function startCore(opts: Partial<CoreOptions> & { caPem: string }): Harness {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'releve-idle-'));
  dirs.push(dataDir);
  const entries: Array<{ msg: string; fields?: Record<string, unknown> }> = [];
  const logger: Logger = { log: (_level, msg, fields) => entries.push({ msg, fields }) };
  const { caPem, ...rest } = opts;
  const core = createCore({ dataDir, tlsCa: [caPem], locale: 'en', logger, ...rest });
  cores.push(core);
  return {
    core,
    ready: (id) =>
      entries.filter((e) => e.msg === IDLE_READY_LOG && e.fields?.mailbox === id).map((e) => ({ mode: String(e.fields?.mode) })),
  };
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function storedIds(core: Core, mailboxId: number): Promise<string[]> {
  const page = await core.api.listMessages({ mailbox_id: mailboxId, limit: 500, collapse_duplicates: false });
  return page.items.map((m) => m.message_id ?? '');
}

async function addMailbox(core: Core, user: string, port: number, d: DovecotHandle = dovecot): Promise<Mailbox> {
  const u = d.users.find((x) => x.user === user)!;
  return core.api.createMailbox({
    name: user.split('@')[0]!,
    imap_server: '127.0.0.1',
    imap_port: port,
    email_address: user,
    email_password: u.password,
    use_ssl: true,
    // The scheduler would not sync again for a day: whatever arrives later came through the listener.
    sync_interval_minutes: 1440,
  });
}

/** Waits until the mailbox is watched and its start-up syncs are over. */
async function settled(h: Harness, mb: Mailbox, count = 1): Promise<void> {
  await until('the listener', () => h.ready(mb.id).length >= count);
  await until('the catch-up sync', async () => {
    const s = (await h.core.api.getStatus()).find((x) => x.mailbox.id === mb.id);
    return s && !s.running && s.mailbox.last_sync_status === 'success';
  });
}

/** TLS sessions of `user` the server saw log in, and those it saw end. */
async function tlsSessions(user: string): Promise<{ opened: string[]; ended: string[] }> {
  const log = await dovecot.log();
  const esc = user.replace(/[.@]/g, (c) => `\\${c}`);
  const opened = [...log.matchAll(new RegExp(`Login: user=<${esc}>[^\\n]*, TLS, session=<([^>]+)>`, 'g'))].map((m) => m[1]!);
  const ended = [...log.matchAll(new RegExp(`imap\\(${esc}\\)<\\d+><([^>]+)>: Info: Disconnected`, 'g'))].map((m) => m[1]!);
  return { opened, ended };
}

beforeAll(async () => {
  dovecot = await startDovecot({ users: USERS });
});

afterAll(async () => {
  for (const c of cores) await c.close();
  await dovecot?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('listening connections (long-running mode)', () => {
  it('a message APPENDed to a watched INBOX arrives without any sync call, over the open connection', async () => {
    const user = 'push@example.test';
    await dovecot.append(user, makeMessage({ subject: 'déjà là' }));
    const h = startCore({ caPem: dovecot.caPem });
    const mb = await addMailbox(h.core, user, dovecot.imapsPort!);
    h.core.startScheduler();
    await settled(h, mb);
    expect(h.ready(mb.id)[0]!.mode).toBe('idle');
    expect(await storedIds(h.core, mb.id)).toHaveLength(1);
    const loginsBefore = (await tlsSessions(user)).opened.length;

    const id = newMessageId();
    await dovecot.append(user, makeMessage({ messageId: id, subject: 'Nouvelle commande' }));
    await until('the pushed message in the store', async () => (await storedIds(h.core, mb.id)).includes(id));

    // "Sync now" while listening: no new login, the open connection does the work.
    await until('the pushed sync to end', async () => !(await h.core.api.getStatus()).find((x) => x.mailbox.id === mb.id)?.running);
    expect(await h.core.api.syncMailbox({ id: mb.id })).toMatchObject({ status: 'success', new_messages: 0 });
    expect((await tlsSessions(user)).opened.length).toBe(loginsBefore);
    // and it listens again afterwards
    const second = newMessageId();
    await dovecot.append(user, makeMessage({ messageId: second }));
    await until('a second pushed message', async () => (await storedIds(h.core, mb.id)).includes(second));
    expect((await storedIds(h.core, mb.id)).sort()).toEqual((await dovecot.messageIds(user)).map((x) => x.trim()).sort());
  });

  it('reopens a dropped connection, and mail still arrives', async () => {
    const user = 'drop@example.test';
    const proxy: TcpProxy = await startTcpProxy(dovecot.imapsPort!);
    try {
      const h = startCore({ caPem: dovecot.caPem, idle: { baseRetryMs: 100 } });
      const mb = await addMailbox(h.core, user, proxy.port);
      h.core.startScheduler();
      await settled(h, mb);
      const before = proxy.connections();

      proxy.cutAll(); // the network drops every open link
      await settled(h, mb, 2);
      expect(proxy.connections()).toBeGreaterThan(before);

      const id = newMessageId();
      await dovecot.append(user, makeMessage({ messageId: id }));
      await until('mail after the reconnect', async () => (await storedIds(h.core, mb.id)).includes(id));
    } finally {
      await proxy.close();
    }
  });

  it('close() ends every connection it opened', async () => {
    const user = 'close@example.test';
    const h = startCore({ caPem: dovecot.caPem });
    const mb = await addMailbox(h.core, user, dovecot.imapsPort!);
    h.core.startScheduler();
    await settled(h, mb);
    const open = await tlsSessions(user);
    expect(open.opened.length).toBeGreaterThan(open.ended.length); // the listener is connected
    await h.core.close();
    const after = await until('every session ended in the server log', async () => {
      const s = await tlsSessions(user);
      return s.opened.every((id) => s.ended.includes(id)) && s;
    });
    expect(after.opened.length).toBeGreaterThan(0);
  });

  it('reopens the listener when the connection settings change, and closes it when the mailbox is paused', async () => {
    const user = 'edit@example.test';
    const h = startCore({ caPem: dovecot.caPem });
    const mb = await addMailbox(h.core, user, dovecot.imapsPort!);
    h.core.startScheduler();
    await settled(h, mb);
    // Same password typed again: sealed anew, so the listener logs in again with what is stored now.
    await h.core.api.updateMailbox({ id: mb.id, patch: { email_password: 'edit-Pw-8h' } });
    await settled(h, mb, 2);
    await h.core.api.updateMailbox({ id: mb.id, patch: { active: false } });
    await until('every session of the paused mailbox ended', async () => {
      const s = await tlsSessions(user);
      return s.opened.length >= 2 && s.opened.every((id) => s.ended.includes(id));
    });
    expect(h.ready(mb.id)).toHaveLength(2);
  });

  it('caps the listening connections; the rest stay on interval polling', async () => {
    const h = startCore({ caPem: dovecot.caPem, idle: { maxConnections: 1 } });
    const a = await addMailbox(h.core, 'cap1@example.test', dovecot.imapsPort!);
    const b = await addMailbox(h.core, 'cap2@example.test', dovecot.imapsPort!);
    h.core.startScheduler();
    await settled(h, a);
    await until('both first syncs', async () => (await h.core.api.getStatus()).every((s) => !s.running && s.mailbox.last_sync_status));
    expect(h.ready(b.id)).toHaveLength(0);
    const s = await tlsSessions('cap2@example.test');
    expect(s.opened.every((id) => s.ended.includes(id))).toBe(true); // its sync connection was closed again
  });

  it('one-shot mode (runOnce) opens no listener', async () => {
    const h = startCore({ caPem: dovecot.caPem });
    const mb = await addMailbox(h.core, 'once@example.test', dovecot.imapsPort!);
    expect(await h.core.runOnce({ force: true })).toEqual([expect.objectContaining({ mailbox_id: mb.id, status: 'success' })]);
    await new Promise((r) => setTimeout(r, 300));
    expect(h.ready(mb.id)).toHaveLength(0);
    const s = await tlsSessions('once@example.test');
    expect(s.opened.length).toBe(1);
    await until('the one-shot session closed', async () => (await tlsSessions('once@example.test')).ended.length === 1);
  });
});

describe('a server without IDLE', () => {
  let noIdle: DovecotHandle;
  beforeAll(async () => {
    noIdle = await startDovecot({ users: [{ user: 'poll@example.test', password: 'poll-Pw-7g' }], idle: false });
  });
  afterAll(async () => {
    await noIdle?.stop();
  });

  it('is polled on the open connection, and new mail still arrives without a sync call', async () => {
    const h = startCore({ caPem: noIdle.caPem, idle: { pollIntervalMs: 300 } });
    const mb = await addMailbox(h.core, 'poll@example.test', noIdle.imapsPort!, noIdle);
    h.core.startScheduler();
    await settled(h, mb);
    expect(h.ready(mb.id)[0]!.mode).toBe('poll');
    const id = newMessageId();
    await noIdle.append('poll@example.test', makeMessage({ messageId: id }));
    await until('the polled message in the store', async () => (await storedIds(h.core, mb.id)).includes(id));
  });
});
