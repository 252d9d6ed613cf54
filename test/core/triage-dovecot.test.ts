// Team triage through the mail server (issue 16): two Relève installs (two data directories, two cores, each
// listening with IDLE) on the same Dovecot mailbox. What one sets is on the server as IMAP keywords (read with
// a plain imapflow client) and reaches the other without any sync call; a server that refuses custom
// keywords keeps the triage local and nothing else breaks.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/create-core.js';
import type { Core } from '../../electron/core/model.js';
import { IDLE_READY_LOG } from '../../electron/core/sync/idle-watcher.js';
import { readTriageKeywords } from '../../shared/triage.js';
import type { Mailbox, MessageSummary } from '../../shared/types.js';
import { makeMessage, newMessageId, startDovecot, type DovecotHandle, type DovecotUser } from '../fixtures/dovecot.js';
import { startRewritingProxy } from '../fixtures/net-tools.js';
import { peekFolder } from '../helpers/imap-peek.js';

const SHARED = 'contact@example.test';
const LOCAL = 'nokw@example.test';
const USERS: DovecotUser[] = [
  { user: SHARED, password: 'contact-Pw-1a' },
  { user: LOCAL, password: 'nokw-Pw-2b' },
];

let dovecot: DovecotHandle;
const dirs: string[] = [];
const cores: Core[] = [];

interface Install {
  core: Core;
  mailbox: Mailbox;
  watching(): boolean;
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out (${ms} ms) waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function install(user: string, name: string, port: number, extra: Partial<Parameters<Core['api']['createMailbox']>[0]> = {}): Promise<Install> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'releve-triage-'));
  dirs.push(dataDir);
  let ready = false;
  const core = createCore({
    dataDir,
    tlsCa: [dovecot.caPem],
    locale: 'fr',
    logger: { log: (_l, msg) => void (msg === IDLE_READY_LOG && (ready = true)) },
  });
  cores.push(core);
  await core.api.updateSettings({ triage_name: name });
  const mailbox = await core.api.createMailbox({
    name: 'Contact',
    imap_server: '127.0.0.1',
    imap_port: port,
    email_address: user,
    email_password: USERS.find((u) => u.user === user)!.password,
    use_ssl: true,
    // No scheduled sync during the test: whatever arrives came through the listener.
    sync_interval_minutes: 1440,
    ...extra,
  });
  return { core, mailbox, watching: () => ready };
}

async function settled(i: Install): Promise<void> {
  await until('the listener', () => i.watching(), 15_000);
  await until('the catch-up sync', async () => {
    const s = (await i.core.api.getStatus()).find((x) => x.mailbox.id === i.mailbox.id);
    return s && !s.running && s.mailbox.last_sync_status === 'success';
  }, 15_000);
}

async function byMessageId(core: Core, messageId: string): Promise<MessageSummary | undefined> {
  const page = await core.api.listMessages({ folder: 'all', limit: 200 });
  return page.items.find((m) => m.message_id?.trim() === messageId);
}

async function serverFlags(user: string, messageId: string): Promise<string[]> {
  return (await peekFolder(dovecot, user, 'INBOX')).find((m) => m.messageId === messageId)?.flags ?? [];
}

beforeAll(async () => {
  dovecot = await startDovecot({ users: USERS });
});

afterAll(async () => {
  for (const c of cores) await c.close();
  await dovecot?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('team triage shared through the IMAP server', () => {
  it('state and assignee set in one install reach the other within seconds, without a manual sync', async () => {
    const mid = newMessageId();
    await dovecot.append(SHARED, makeMessage({ messageId: mid, subject: 'Devis pour la cuisine' }));
    const a = await install(SHARED, 'Marie-Hélène', dovecot.imapsPort!);
    const b = await install(SHARED, 'Jean', dovecot.imapsPort!);
    a.core.startScheduler();
    b.core.startScheduler();
    await Promise.all([settled(a), settled(b)]);

    const inA = (await byMessageId(a.core, mid))!;
    const inB = (await byMessageId(b.core, mid))!;
    // New mail in INBOX without a keyword is "à traiter" in both, unassigned.
    expect(inA.triage).toEqual({ state: 'todo', assignee: null, by: null, at: null, local_only: false });
    expect(inB.triage.state).toBe('todo');
    expect((await b.core.api.getTriageOverview()).counts).toMatchObject({ todo: 1, unassigned: 1, mine: 0, doing: 0, done: 0 });

    // Marie-Hélène takes it for Jean: Jean's install sees it within 5 s, through IDLE alone.
    const changed: number[] = [];
    b.core.on('messagesChanged', (e) => changed.push(e.mailbox_id));
    await a.core.api.setTriage({ ids: [inA.id], state: 'doing', assignee: 'Jean' });
    expect((await byMessageId(a.core, mid))!.triage).toMatchObject({ state: 'doing', assignee: 'Jean', by: 'Marie-Hélène' });
    const seenInB = await until('the change in the other install', async () => {
      const m = await byMessageId(b.core, mid);
      return m?.triage.state === 'doing' && m.triage.assignee === 'Jean' ? m : undefined;
    }, 5_000);
    expect(seenInB.triage.by).toBe('Marie-Hélène');
    expect(changed).toContain(b.mailbox.id);
    expect((await b.core.api.getTriageOverview()).counts).toMatchObject({ todo: 0, mine: 1, unassigned: 0, doing: 1, done: 0 });
    expect((await b.core.api.listMessages({ triage: 'mine' })).items.map((m) => m.id)).toEqual([seenInB.id]);
    expect((await b.core.api.getTriageOverview()).people).toEqual(['Jean', 'Marie-Hélène']);

    // The keywords are on the server, as any IMAP client sees them (docs/triage.md).
    const onServer = await serverFlags(SHARED, mid);
    expect(onServer).toEqual(expect.arrayContaining(['$Releve_Doing', '$Releve_To_Jean', '$Releve_By_Marie_2DH_C3_A9l_C3_A8ne']));

    // Jean marks it done: back the other way, the previous state and author keywords are gone.
    await b.core.api.setTriage({ ids: [seenInB.id], state: 'done' });
    await until('"done" in the first install', async () => (await byMessageId(a.core, mid))?.triage.state === 'done', 5_000);
    expect((await byMessageId(a.core, mid))!.triage).toEqual({ state: 'done', assignee: 'Jean', by: 'Jean', at: expect.any(String), local_only: false });
    const after = await serverFlags(SHARED, mid);
    expect(after).toEqual(expect.arrayContaining(['$Releve_Done', '$Releve_To_Jean', '$Releve_By_Jean']));
    expect(after).not.toContain('$Releve_Doing');
    expect(after.some((f) => f.startsWith('$Releve_By_Marie'))).toBe(false);
    expect((await a.core.api.getTriageOverview()).counts).toMatchObject({ todo: 0, doing: 0, done: 1 });

    // Both change it at once: each pushes only its own change, then both settle on what the server has.
    const idA = (await byMessageId(a.core, mid))!.id;
    await Promise.all([
      a.core.api.setTriage({ ids: [idA], state: 'doing', assignee: null }),
      b.core.api.setTriage({ ids: [seenInB.id], state: 'todo', assignee: 'Marie-Hélène' }),
    ]);
    const final = await until('both installs agreeing with the server', async () => {
      const kw = readTriageKeywords(await serverFlags(SHARED, mid));
      const [ma, mb] = [await byMessageId(a.core, mid), await byMessageId(b.core, mid)];
      const same = (m: MessageSummary | undefined) => m?.triage.state === kw.state && m.triage.assignee === kw.assignee && m.triage.by === kw.by;
      return same(ma) && same(mb) ? kw : undefined;
    }, 10_000);
    expect(['doing', 'todo']).toContain(final.state);
    // Settled means settled: another sync of each changes nothing on either side.
    await a.core.api.syncMailbox({ id: a.mailbox.id });
    await b.core.api.syncMailbox({ id: b.mailbox.id });
    expect(readTriageKeywords(await serverFlags(SHARED, mid))).toEqual(final);
    expect((await byMessageId(a.core, mid))!.triage.state).toBe(final.state);
    expect((await byMessageId(b.core, mid))!.triage.state).toBe(final.state);
  });

  it('a server that refuses one more keyword (a cap on their number) keeps the triage local from then on', async () => {
    const mid = newMessageId();
    const plain = await startDovecot({ users: USERS, ssl: false });
    await plain.append(LOCAL, makeMessage({ messageId: mid, subject: 'Plafond' }));
    // PERMANENTFLAGS says yes, but every STORE of a Relève keyword is answered NO, as a full keyword table would.
    const proxy = await startRewritingProxy(
      plain.imapPort,
      (line) => line,
      (line) => {
        const m = /^(\S+) UID STORE .*\$Releve_/i.exec(line);
        return m ? `${m[1]} NO [LIMIT] Too many keywords` : null;
      },
    );
    try {
      const c = await install(LOCAL, 'Paul', proxy.port, { use_ssl: false, allow_insecure_auth: true });
      expect(await c.core.api.syncMailbox({ id: c.mailbox.id })).toMatchObject({ status: 'success' });
      const m = (await byMessageId(c.core, mid))!;
      expect(m.triage.local_only).toBe(false);
      await c.core.api.setTriage({ ids: [m.id], state: 'doing' });
      await c.core.api.setSeen({ ids: [m.id], seen: true });
      expect(await c.core.api.syncMailbox({ id: c.mailbox.id })).toMatchObject({ status: 'success' });
      expect(await c.core.api.syncMailbox({ id: c.mailbox.id })).toMatchObject({ status: 'success' });
      const flags = (await peekFolder(plain, LOCAL, 'INBOX')).find((x) => x.messageId === mid)?.flags ?? [];
      expect(flags).toContain('\\Seen');
      expect(flags.filter((f) => f.startsWith('$Releve'))).toEqual([]);
      expect((await byMessageId(c.core, mid))!.triage).toMatchObject({ state: 'doing', by: 'Paul', local_only: true });
      expect((await c.core.api.getTriageOverview()).local_only_mailboxes).toEqual([{ id: c.mailbox.id, name: 'Contact' }]);
    } finally {
      await proxy.close();
      await plain.stop();
    }
  });

  it('a server that refuses custom keywords keeps the triage local, says so, and read marks still work', async () => {
    const mid = newMessageId();
    // A Dovecot without TLS (the proxy rewrites plain IMAP), behind a proxy that drops `\*` from PERMANENTFLAGS.
    const plain = await startDovecot({ users: USERS, ssl: false });
    await plain.append(LOCAL, makeMessage({ messageId: mid, subject: 'Facture' }));
    const proxy = await startRewritingProxy(plain.imapPort, (line) =>
      line.replace(/\[PERMANENTFLAGS \(([^)]*)\)\]/, (_m, flags: string) => `[PERMANENTFLAGS (${flags.replace(/\s*\\\*/, '').trim()})]`),
    );
    try {
      const c = await install(LOCAL, 'Paul', proxy.port, { use_ssl: false, allow_insecure_auth: true });
      expect(await c.core.api.syncMailbox({ id: c.mailbox.id })).toMatchObject({ status: 'success' });
      const m = (await byMessageId(c.core, mid))!;
      expect(m.triage.local_only).toBe(true);
      expect((await c.core.api.getTriageOverview()).local_only_mailboxes).toEqual([{ id: c.mailbox.id, name: 'Contact' }]);

      const r = await c.core.api.setTriage({ ids: [m.id], state: 'done', assignee: 'Paul' });
      expect(r).toEqual({ updated: 1, local_only: 1 });
      await c.core.api.setSeen({ ids: [m.id], seen: true });
      expect(await c.core.api.syncMailbox({ id: c.mailbox.id })).toMatchObject({ status: 'success' });
      expect(await c.core.api.syncMailbox({ id: c.mailbox.id })).toMatchObject({ status: 'success' });

      const flags = (await peekFolder(plain, LOCAL, 'INBOX')).find((x) => x.messageId === mid)?.flags ?? [];
      expect(flags).toContain('\\Seen');
      expect(flags.filter((f) => f.startsWith('$Releve'))).toEqual([]);
      // Still shown as set here, after syncs that read the server's flags.
      expect((await byMessageId(c.core, mid))!.triage).toEqual({ state: 'done', assignee: 'Paul', by: 'Paul', at: expect.any(String), local_only: true });
      expect((await c.core.api.listMessages({ triage: 'done' })).items.map((x) => x.id)).toEqual([m.id]);
    } finally {
      await proxy.close();
      await plain.stop();
    }
  });
});
