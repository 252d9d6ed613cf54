// The same sync scenarios against every real IMAP server the tests run (test/fixtures/imap-servers.ts): each
// server file calls defineServerScenarios(kind), so the servers run in parallel, one private instance per file.
// Relève's real core does the work (createCore, the API the app and the CLI use); what reached the server is
// read back with a plain IMAP client. Differences between servers are facts asserted in the "profile" test and
// written up in docs/imap-servers.md.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/create-core.js';
import type { Core, Logger } from '../../../electron/core/model.js';
import { IDLE_READY_LOG } from '../../../electron/core/sync/idle-watcher.js';
import type { Mailbox, MessageSummary } from '../../../shared/types.js';
import type { FixtureUser } from '../../fixtures/imap-user-mail.js';
import { startTestServer, type ServerKind, type TestImapServer } from '../../fixtures/imap-servers.js';
import { makeFrenchMessage, makeMessage, newMessageId } from '../../fixtures/messages.js';

/** What each server announces and sends, checked by the profile test (docs/imap-servers.md says the same). */
interface ServerProfile {
  idle: boolean;
  condstore: boolean;
  /** UIDNEXT in the SELECT response (optional in RFC 3501). */
  uidNextInSelect: boolean;
  /** HIGHESTMODSEQ in the SELECT response. */
  highestModseqInSelect: boolean;
  /** Hierarchy separator of personal folders. */
  delimiter: string;
}

const PROFILES: Record<ServerKind, ServerProfile> = {
  dovecot: { idle: true, condstore: true, uidNextInSelect: true, highestModseqInSelect: true, delimiter: '.' },
  cyrus: { idle: true, condstore: true, uidNextInSelect: true, highestModseqInSelect: true, delimiter: '/' },
  courier: { idle: true, condstore: false, uidNextInSelect: false, highestModseqInSelect: false, delimiter: '.' },
};

const USERS: FixtureUser[] = [
  { user: 'premier@example.test', password: 'premier-Pw-1' },
  { user: 'drapeaux@example.test', password: 'drapeaux-Pw-2' },
  { user: 'veille@example.test', password: 'veille-Pw-3' },
  { user: 'renumerote@example.test', password: 'renumerote-Pw-4' },
  { user: 'efface@example.test', password: 'efface-Pw-5' },
];

async function until<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function defineServerScenarios(kind: ServerKind): void {
  let server: TestImapServer;
  const dirs: string[] = [];
  const cores: Core[] = [];
  let core: Core;

  function newCore(logger?: Logger): Core {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), `releve-${kind}-`));
    dirs.push(dataDir);
    const c = createCore({ dataDir, tlsCa: [server.caPem], locale: 'en', ...(logger ? { logger } : {}) });
    cores.push(c);
    return c;
  }

  function addMailbox(c: Core, user: string, mode: 'imaps' | 'starttls' = 'imaps', interval = 5): Promise<Mailbox> {
    const u = USERS.find((x) => x.user === user)!;
    return c.api.createMailbox({
      name: `${kind} ${user.split('@')[0]!}`,
      imap_server: '127.0.0.1',
      imap_port: mode === 'imaps' ? server.imapsPort : server.imapPort,
      email_address: user,
      email_password: u.password,
      use_ssl: mode === 'imaps',
      sync_interval_minutes: interval,
    });
  }

  async function stored(c: Core, mailboxId: number): Promise<MessageSummary[]> {
    const page = await c.api.listMessages({ mailbox_id: mailboxId, limit: 500, collapse_duplicates: false });
    return page.items;
  }

  async function storedIds(c: Core, mailboxId: number): Promise<string[]> {
    return (await stored(c, mailboxId)).map((m) => m.message_id ?? '').sort();
  }

  async function serverIds(user: string): Promise<string[]> {
    return (await server.messageIds(user)).map((id) => id.trim()).sort();
  }

  async function byMessageId(c: Core, mailboxId: number, id: string): Promise<MessageSummary> {
    const m = (await stored(c, mailboxId)).find((x) => x.message_id === id);
    if (!m) throw new Error(`${id} is not in Relève`);
    return m;
  }

  async function serverFlags(user: string, id: string): Promise<string[]> {
    const m = (await server.messages(user)).find((x) => x.messageId?.trim() === id);
    if (!m) throw new Error(`${id} is not on the server`);
    return m.flags;
  }

  beforeAll(async () => {
    // No skip: a server that cannot start fails this file, loudly, with its log.
    server = await startTestServer(kind, USERS);
    core = newCore();
  });

  afterAll(async () => {
    for (const c of cores) await c.close();
    await server?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  describe(`${kind}: a real server`, () => {
    it('announces and sends what docs/imap-servers.md says (the differences Relève must live with)', async () => {
      const u = USERS[0]!;
      const client = new ImapFlow({
        host: '127.0.0.1',
        port: server.imapsPort,
        secure: true,
        tls: { ca: [server.caPem] },
        auth: { user: u.user, pass: u.password },
        logger: false,
      });
      await client.connect();
      try {
        const caps = client.capabilities;
        const box = await client.mailboxOpen('INBOX', { readOnly: true });
        const list = await client.list();
        const seen: ServerProfile = {
          idle: caps.has('IDLE'),
          condstore: caps.has('CONDSTORE'),
          // imapflow leaves these undefined when the server did not send them (the types say otherwise).
          uidNextInSelect: (box.uidNext as number | undefined) !== undefined,
          highestModseqInSelect: box.highestModseq !== undefined,
          delimiter: list.find((m) => m.path === 'INBOX')?.delimiter ?? '',
        };
        expect(seen).toEqual(PROFILES[kind]);
      } finally {
        await client.logout();
      }
      expect(server.version).toMatch(/\d/);
    });

    it('first sync imports exactly the server messages; new mail comes in once on the next sync', async () => {
      const user = 'premier@example.test';
      for (let i = 0; i < 3; i++) await server.append(user, makeMessage({ subject: `Facture ${i}` }));
      await server.append(user, makeFrenchMessage());
      const mb = await addMailbox(core, user);

      expect(await core.api.syncMailbox({ id: mb.id })).toMatchObject({ status: 'success', new_messages: 4 });
      expect(await storedIds(core, mb.id)).toEqual(await serverIds(user));
      expect(await core.api.syncMailbox({ id: mb.id })).toMatchObject({ status: 'success', new_messages: 0 });

      const id = newMessageId();
      await server.append(user, makeMessage({ messageId: id, subject: 'Nouvelle commande' }));
      expect(await core.api.syncMailbox({ id: mb.id })).toMatchObject({ status: 'success', new_messages: 1 });
      expect(await core.api.syncMailbox({ id: mb.id })).toMatchObject({ status: 'success', new_messages: 0 });
      const ids = await storedIds(core, mb.id);
      expect(ids.filter((x) => x === id)).toHaveLength(1);
      expect(ids).toEqual(await serverIds(user));
      const s = (await core.api.getStatus()).find((x) => x.mailbox.id === mb.id)!;
      expect(s).toMatchObject({ message_count: 5, mailbox: { last_sync_status: 'success' } });
    });

    it('flags travel both ways: server → Relève on sync, a read mark made in Relève → server (over STARTTLS)', async () => {
      const user = 'drapeaux@example.test';
      const a = newMessageId();
      const b = newMessageId();
      const uidA = await server.append(user, makeMessage({ messageId: a, subject: 'lu ailleurs' }));
      await server.append(user, makeMessage({ messageId: b, subject: 'lu dans Relève' }));
      const mb = await addMailbox(core, user, 'starttls');
      expect(await core.api.syncMailbox({ id: mb.id })).toMatchObject({ status: 'success', new_messages: 2 });
      expect(await byMessageId(core, mb.id, a)).toMatchObject({ seen: false, flagged: false });

      // Read and flagged in another mail client.
      await server.setFlags(user, uidA, ['\\Seen', '\\Flagged']);
      expect(await core.api.syncMailbox({ id: mb.id })).toMatchObject({ status: 'success' });
      expect(await byMessageId(core, mb.id, a)).toMatchObject({ seen: true, flagged: true });

      // Read in Relève: pushed in the background, seen by a plain IMAP client.
      const mB = await byMessageId(core, mb.id, b);
      expect(await core.api.setSeen({ ids: [mB.id], seen: true })).toEqual({ updated: 1 });
      await until('\\Seen on the server', async () => (await serverFlags(user, b)).includes('\\Seen'));
      // Unread again in Relève: the flag goes away on the server, the other flag stays.
      const mA = await byMessageId(core, mb.id, a);
      await core.api.setSeen({ ids: [mA.id], seen: false });
      await until('\\Seen removed on the server', async () => !(await serverFlags(user, a)).includes('\\Seen'));
      expect(await serverFlags(user, a)).toEqual(['\\Flagged']);

      // A later sync keeps both sides in agreement.
      await until('the background push to end', async () => !(await core.api.getStatus()).find((x) => x.mailbox.id === mb.id)?.running);
      expect(await core.api.syncMailbox({ id: mb.id })).toMatchObject({ status: 'success', new_messages: 0 });
      expect(await byMessageId(core, mb.id, a)).toMatchObject({ seen: false, flagged: true });
      expect(await byMessageId(core, mb.id, b)).toMatchObject({ seen: true });
    });

    it('new mail arrives over the listening connection (IDLE where announced, polling otherwise), no sync call', async () => {
      const user = 'veille@example.test';
      const entries: Array<{ msg: string; fields?: Record<string, unknown> }> = [];
      const c = newCore({ log: (_level, msg, fields) => entries.push({ msg, fields }) });
      await server.append(user, makeMessage({ subject: 'déjà là' }));
      // A daily interval: whatever arrives within the test came through the listener.
      const mb = await addMailbox(c, user, 'imaps', 1440);
      c.startScheduler();
      const ready = await until('the listener', () =>
        entries.find((e) => e.msg === IDLE_READY_LOG && e.fields?.mailbox === mb.id),
      );
      expect(String(ready.fields?.mode)).toBe(PROFILES[kind].idle ? 'idle' : 'poll');
      await until('the catch-up sync', async () => {
        const s = (await c.api.getStatus()).find((x) => x.mailbox.id === mb.id);
        return s && !s.running && s.mailbox.last_sync_status === 'success';
      });
      expect(await storedIds(c, mb.id)).toHaveLength(1);

      const id = newMessageId();
      await server.append(user, makeMessage({ messageId: id, subject: 'arrivée en direct' }));
      await until('the pushed message in the store', async () => (await storedIds(c, mb.id)).includes(id), 30_000);
      expect(await storedIds(c, mb.id)).toEqual(await serverIds(user));
      await c.close();
    });

    it('a new UIDVALIDITY re-links the stored messages: same rows, no duplicate, flags kept', async () => {
      const user = 'renumerote@example.test';
      const read = newMessageId();
      await server.append(user, makeMessage({ messageId: read, subject: 'déjà lu' }), { flags: ['\\Seen'] });
      for (let i = 0; i < 2; i++) await server.append(user, makeMessage({ subject: `avant ${i}` }));
      const mb = await addMailbox(core, user);
      expect(await core.api.syncMailbox({ id: mb.id })).toMatchObject({ status: 'success', new_messages: 3 });
      const before = await server.uidValidity(user);
      const rowsBefore = (await stored(core, mb.id)).map((m) => m.id).sort();

      const after = await server.resetUidValidity(user);
      expect(after).not.toBe(before);
      expect(await core.api.syncMailbox({ id: mb.id })).toMatchObject({ status: 'success', new_messages: 0 });
      expect(await storedIds(core, mb.id)).toEqual(await serverIds(user));
      // The same rows, re-linked to their new UIDs: nothing stored twice, nothing lost.
      expect((await stored(core, mb.id)).map((m) => m.id).sort()).toEqual(rowsBefore);
      expect(await byMessageId(core, mb.id, read)).toMatchObject({ seen: true });

      // The folder works as usual under its new identity: the next pass downloads the new message only.
      const id = newMessageId();
      await server.append(user, makeMessage({ messageId: id }));
      let downloads = 0;
      const off = core.on('syncProgress', (p) => {
        if (p.mailbox_id === mb.id) downloads = Math.max(downloads, p.total);
      });
      expect(await core.api.syncMailbox({ id: mb.id })).toMatchObject({ status: 'success', new_messages: 1 });
      off();
      expect(downloads).toBe(1);
      expect(await storedIds(core, mb.id)).toEqual(await serverIds(user));
    });

    it('a wrong password is reported as an authentication problem, not a network one', async () => {
      // Its own install: this one already has premier@ (Relève refuses the same login twice, DUPLICATE_MAILBOX).
      const own = newCore();
      const mb = await own.api.createMailbox({
        name: `${kind} mauvais mot de passe`,
        imap_server: '127.0.0.1',
        imap_port: server.imapsPort,
        email_address: 'premier@example.test',
        email_password: 'pas-le-bon',
        use_ssl: true,
      });
      const r = await own.api.syncMailbox({ id: mb.id });
      expect(r).toMatchObject({ status: 'error', error: { code: 'AUTH' } });
    });

    it('a message expunged on the server leaves Relève on the next sync', async () => {
      const user = 'efface@example.test';
      const gone = newMessageId();
      await server.append(user, makeMessage({ subject: 'reste 1' }));
      const uid = await server.append(user, makeMessage({ messageId: gone, subject: 'supprimé' }));
      await server.append(user, makeMessage({ subject: 'reste 2' }));
      const mb = await addMailbox(core, user);
      expect(await core.api.syncMailbox({ id: mb.id })).toMatchObject({ status: 'success', new_messages: 3 });

      await server.expunge(user, uid);
      expect(await core.api.syncMailbox({ id: mb.id })).toMatchObject({ status: 'success' });
      const ids = await storedIds(core, mb.id);
      expect(ids).not.toContain(gone);
      expect(ids).toEqual(await serverIds(user));
      expect(ids).toHaveLength(2);
    });
  });

  describe(`${kind} configured without IDLE`, () => {
    let noIdle: TestImapServer;
    const user = 'veille@example.test';
    beforeAll(async () => {
      noIdle = await startTestServer(kind, [USERS.find((u) => u.user === user)!], { idle: false });
    });
    afterAll(async () => {
      await noIdle?.stop();
    });

    it('is polled on the open connection, and new mail still arrives with no sync call', async () => {
      const entries: Array<{ msg: string; fields?: Record<string, unknown> }> = [];
      const dataDir = mkdtempSync(path.join(os.tmpdir(), `releve-${kind}-poll-`));
      dirs.push(dataDir);
      const c = createCore({
        dataDir,
        tlsCa: [noIdle.caPem],
        locale: 'en',
        logger: { log: (_level, msg, fields) => entries.push({ msg, fields }) },
        idle: { pollIntervalMs: 300 },
      });
      cores.push(c);
      const u = USERS.find((x) => x.user === user)!;
      const mb = await c.api.createMailbox({
        name: `${kind} sans IDLE`,
        imap_server: '127.0.0.1',
        imap_port: noIdle.imapsPort,
        email_address: user,
        email_password: u.password,
        use_ssl: true,
        sync_interval_minutes: 1440,
      });
      c.startScheduler();
      const ready = await until('the listener', () => entries.find((e) => e.msg === IDLE_READY_LOG && e.fields?.mailbox === mb.id));
      expect(String(ready.fields?.mode)).toBe('poll');
      await until('the catch-up sync', async () => {
        const s = (await c.api.getStatus()).find((x) => x.mailbox.id === mb.id);
        return s && !s.running && s.mailbox.last_sync_status === 'success';
      });
      const id = newMessageId();
      await noIdle.append(user, makeMessage({ messageId: id, subject: 'sans IDLE' }));
      await until('the polled message in the store', async () => (await storedIds(c, mb.id)).includes(id), 30_000);
      expect(await storedIds(c, mb.id)).toEqual((await noIdle.messageIds(user)).map((x) => x.trim()).sort());
      await c.close();
    });
  });
}
