// Team triage through the mail server (issue 16) against every real IMAP server the tests run: each
// test/core/servers/triage-<server>.test.ts calls defineTriageScenarios(kind), so the servers run in parallel.
// Two Relève installs (two data directories, two cores, each listening on its connection) on the same mailbox:
// what one sets is on the server as IMAP keywords (read back with a plain imapflow client) and reaches the other
// without any sync call. A server that refuses custom keywords must keep the triage local and say so.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/create-core.js';
import type { Core } from '../../../electron/core/model.js';
import { IDLE_READY_LOG } from '../../../electron/core/sync/idle-watcher.js';
import { readTriageKeywords } from '../../../shared/triage.js';
import type { Mailbox, MessageSummary } from '../../../shared/types.js';
import type { FixtureUser } from '../../fixtures/imap-user-mail.js';
import { startTestServer, type ServerKind, type TestImapServer, type TestServerOptions } from '../../fixtures/imap-servers.js';
import { makeMessage, newMessageId } from '../../fixtures/messages.js';

/** Whether the server's INBOX takes custom keywords (`\*` in PERMANENTFLAGS); docs/imap-servers.md says the same. */
const KEYWORDS: Record<ServerKind, boolean> = { dovecot: true, cyrus: true, courier: true };

/** A colleague's change must show within this, with no sync call (issue 16). */
const LIVE_MS = 5_000;

const SHARED: FixtureUser = { user: 'contact@example.test', password: 'contact-Pw-1a' };

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

export function defineTriageScenarios(kind: ServerKind): void {
  let server: TestImapServer;
  const dirs: string[] = [];
  const cores: Core[] = [];
  const coresOf = new Map<TestImapServer, Core[]>();

  /** A second server of this kind, set up differently, for one test; its installs are closed before it stops. */
  async function withOwnServer(opts: TestServerOptions, fn: (on: TestImapServer) => Promise<void>): Promise<void> {
    const on = await startTestServer(kind, [SHARED], opts);
    try {
      await fn(on);
    } finally {
      for (const c of coresOf.get(on) ?? []) {
        await c.close();
        cores.splice(cores.indexOf(c), 1);
      }
      await on.stop();
    }
  }

  async function install(name: string, on: TestImapServer = server): Promise<Install> {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), `releve-triage-${kind}-`));
    dirs.push(dataDir);
    let ready = false;
    const core = createCore({
      dataDir,
      tlsCa: [on.caPem],
      locale: 'fr',
      logger: { log: (_l, msg) => void (msg === IDLE_READY_LOG && (ready = true)) },
    });
    cores.push(core);
    coresOf.set(on, [...(coresOf.get(on) ?? []), core]);
    await core.api.updateSettings({ triage_name: name });
    const mailbox = await core.api.createMailbox({
      name: 'Contact',
      imap_server: '127.0.0.1',
      imap_port: on.imapsPort,
      email_address: SHARED.user,
      email_password: SHARED.password,
      use_ssl: true,
      // No scheduled sync during the test: whatever arrives came through the listener.
      sync_interval_minutes: 1440,
    });
    return { core, mailbox, watching: () => ready };
  }

  async function settled(i: Install): Promise<void> {
    await until('the listener', () => i.watching(), 20_000);
    await until('the catch-up sync', async () => {
      const s = (await i.core.api.getStatus()).find((x) => x.mailbox.id === i.mailbox.id);
      return s && !s.running && s.mailbox.last_sync_status === 'success';
    }, 20_000);
  }

  async function byMessageId(core: Core, messageId: string): Promise<MessageSummary | undefined> {
    const page = await core.api.listMessages({ folder: 'all', limit: 200 });
    return page.items.find((m) => m.message_id?.trim() === messageId);
  }

  async function serverFlags(messageId: string, on: TestImapServer = server): Promise<string[]> {
    return (await on.messages(SHARED.user)).find((m) => m.messageId?.trim() === messageId)?.flags ?? [];
  }

  /** PERMANENTFLAGS of INBOX as a plain client sees it on SELECT. */
  async function permanentFlags(on: TestImapServer = server): Promise<string[]> {
    const client = new ImapFlow({
      host: '127.0.0.1',
      port: on.imapsPort,
      secure: true,
      tls: { ca: [on.caPem] },
      auth: { user: SHARED.user, pass: SHARED.password },
      logger: false,
    });
    client.on('error', () => undefined);
    await client.connect();
    try {
      const box = await client.mailboxOpen('INBOX');
      return [...(box.permanentFlags ?? [])].sort();
    } finally {
      await client.logout().catch(() => client.close());
    }
  }

  beforeAll(async () => {
    // No skip: a server that cannot start fails this file, loudly, with its log.
    server = await startTestServer(kind, [SHARED]);
  });

  afterAll(async () => {
    for (const c of cores) await c.close();
    await server?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  describe(`${kind}: team triage shared through the server`, () => {
    it(`${KEYWORDS[kind] ? 'takes' : 'refuses'} custom keywords (PERMANENTFLAGS \\*), as docs/imap-servers.md says`, async () => {
      expect((await permanentFlags()).includes('\\*')).toBe(KEYWORDS[kind]);
    });

    if (KEYWORDS[kind]) {
      it(`state and assignee set in one install reach the other within ${LIVE_MS / 1000} s, without a manual sync`, () => sharedScenario());
    } else {
      it('triage stays local in both installs, with the notice; read marks still reach the server', () => localScenario());
    }

    if (kind === 'courier') {
      it("with Debian's IMAP_IDLE_TIMEOUT (60 s), a colleague's change still shows with no sync call, at the listener's next NOOP", () =>
        withOwnServer({ courierIdleSeconds: 60 }, stockCourierScenario));
      it('configured with IMAP_KEYWORDS=0 it refuses keywords: triage stays local in both installs, with the notice', () =>
        withOwnServer({ courierKeywords: false }, async (on) => {
          expect(await permanentFlags(on)).not.toContain('\\*');
          await localScenario(on);
        }));
    }
  });

  async function twoInstalls(subject: string, on: TestImapServer = server): Promise<{ mid: string; a: Install; b: Install }> {
    const mid = newMessageId();
    await on.append(SHARED.user, makeMessage({ messageId: mid, subject }));
    const a = await install('Marie-Hélène', on);
    const b = await install('Jean', on);
    a.core.startScheduler();
    b.core.startScheduler();
    await Promise.all([settled(a), settled(b)]);
    return { mid, a, b };
  }

  async function sharedScenario(): Promise<void> {
    const { mid, a, b } = await twoInstalls('Devis pour la cuisine');
    const inA = (await byMessageId(a.core, mid))!;
    const inB = (await byMessageId(b.core, mid))!;
    // New mail in INBOX without a keyword is "à traiter" in both, unassigned.
    expect(inA.triage).toEqual({ state: 'todo', assignee: null, by: null, at: null, local_only: false });
    expect(inB.triage).toEqual({ state: 'todo', assignee: null, by: null, at: null, local_only: false });
    expect((await b.core.api.getTriageOverview()).counts).toMatchObject({ todo: 1, unassigned: 1, mine: 0, doing: 0, done: 0 });

    // Marie-Hélène takes it for Jean: Jean's install sees it within 5 s, through its listener alone.
    const changed: number[] = [];
    b.core.on('messagesChanged', (e) => changed.push(e.mailbox_id));
    const t0 = Date.now();
    await a.core.api.setTriage({ ids: [inA.id], state: 'doing', assignee: 'Jean' });
    expect((await byMessageId(a.core, mid))!.triage).toMatchObject({ state: 'doing', assignee: 'Jean', by: 'Marie-Hélène' });
    const seenInB = await until('the change in the other install', async () => {
      const m = await byMessageId(b.core, mid);
      return m?.triage.state === 'doing' && m.triage.assignee === 'Jean' ? m : undefined;
    }, LIVE_MS);
    console.info(`[triage ${kind}] A → B in ${Date.now() - t0} ms`);
    expect(seenInB.triage).toMatchObject({ by: 'Marie-Hélène', local_only: false });
    expect(changed).toContain(b.mailbox.id);
    expect((await b.core.api.getTriageOverview()).counts).toMatchObject({ todo: 0, mine: 1, unassigned: 0, doing: 1, done: 0 });
    expect((await b.core.api.listMessages({ triage: 'mine' })).items.map((m) => m.id)).toEqual([seenInB.id]);
    expect((await b.core.api.getTriageOverview()).people).toEqual(['Jean', 'Marie-Hélène']);

    // The keywords are on the server, as any IMAP client sees them (docs/triage.md).
    expect(await serverFlags(mid)).toEqual(expect.arrayContaining(['$Releve_Doing', '$Releve_To_Jean', '$Releve_By_Marie_2DH_C3_A9l_C3_A8ne']));

    // Jean marks it done: back the other way; the previous state and author keywords are gone.
    const t1 = Date.now();
    await b.core.api.setTriage({ ids: [seenInB.id], state: 'done' });
    await until('"done" in the first install', async () => (await byMessageId(a.core, mid))?.triage.state === 'done', LIVE_MS);
    console.info(`[triage ${kind}] B → A in ${Date.now() - t1} ms`);
    expect((await byMessageId(a.core, mid))!.triage).toEqual({ state: 'done', assignee: 'Jean', by: 'Jean', at: expect.any(String), local_only: false });
    const after = await serverFlags(mid);
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
      const kw = readTriageKeywords(await serverFlags(mid));
      const [ma, mb] = [await byMessageId(a.core, mid), await byMessageId(b.core, mid)];
      const same = (m: MessageSummary | undefined) => m?.triage.state === kw.state && m.triage.assignee === kw.assignee && m.triage.by === kw.by;
      return same(ma) && same(mb) ? kw : undefined;
    }, 2 * LIVE_MS);
    expect(['doing', 'todo']).toContain(final.state);
    // Settled means settled: another sync of each changes nothing on either side.
    expect(await a.core.api.syncMailbox({ id: a.mailbox.id })).toMatchObject({ status: 'success' });
    expect(await b.core.api.syncMailbox({ id: b.mailbox.id })).toMatchObject({ status: 'success' });
    expect(readTriageKeywords(await serverFlags(mid))).toEqual(final);
    expect((await byMessageId(a.core, mid))!.triage.state).toBe(final.state);
    expect((await byMessageId(b.core, mid))!.triage.state).toBe(final.state);
  }

  /**
   * Courier as Debian ships it re-reads the mailbox in IDLE only every 60 s; the listener's liveness NOOP (every
   * 15 s, electron/core/sync/idle-manager.ts) makes it report sooner. So the delay is bounded by ~15 s, not 5 s.
   */
  async function stockCourierScenario(stock: TestImapServer): Promise<void> {
    const { mid, a, b } = await twoInstalls('Relance', stock);
    const inA = (await byMessageId(a.core, mid))!;
    const t0 = Date.now();
    await a.core.api.setTriage({ ids: [inA.id], state: 'done', assignee: 'Jean' });
    await until('the change in the other install', async () => {
      const m = await byMessageId(b.core, mid);
      return m?.triage.state === 'done' && m.triage.assignee === 'Jean' && m.triage.by === 'Marie-Hélène';
    }, 25_000);
    console.info(`[triage courier, IMAP_IDLE_TIMEOUT=60] A → B in ${Date.now() - t0} ms`);
  }

  async function localScenario(on: TestImapServer = server): Promise<void> {
    const { mid, a, b } = await twoInstalls('Facture', on);
    const inA = (await byMessageId(a.core, mid))!;
    expect(inA.triage.local_only).toBe(true);
    for (const i of [a, b]) {
      expect((await i.core.api.getTriageOverview()).local_only_mailboxes).toEqual([{ id: i.mailbox.id, name: 'Contact' }]);
    }
    expect(await a.core.api.setTriage({ ids: [inA.id], state: 'done', assignee: 'Jean' })).toEqual({ updated: 1, local_only: 1 });
    await a.core.api.setSeen({ ids: [inA.id], seen: true });
    // The read mark reaches the other install live; the triage does not (it never left the first one).
    await until('the read mark in the other install', async () => (await byMessageId(b.core, mid))?.seen === true, LIVE_MS);
    expect(await a.core.api.syncMailbox({ id: a.mailbox.id })).toMatchObject({ status: 'success' });
    expect(await b.core.api.syncMailbox({ id: b.mailbox.id })).toMatchObject({ status: 'success' });
    const flags = await serverFlags(mid, on);
    expect(flags).toContain('\\Seen');
    expect(flags.filter((f) => f.startsWith('$Releve'))).toEqual([]);
    expect((await byMessageId(a.core, mid))!.triage).toEqual({ state: 'done', assignee: 'Jean', by: 'Marie-Hélène', at: expect.any(String), local_only: true });
    expect((await byMessageId(b.core, mid))!.triage).toMatchObject({ state: 'todo', assignee: null, local_only: true });
  }
}
