// The core in its own process under plain Node (child_process.fork, the same V8 flags the desktop app gives its
// utilityProcess): start, calls, events, secrets sealed by the host on the core's request, a kill -9 in the
// middle of a sync, the automatic restart, and the store resuming without duplicates.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileKeyBox } from '../../electron/core/secrets/index.js';
import type { SecretBox } from '../../electron/core/model.js';
import { CoreHost } from '../../electron/core/process/core-host.js';
import type { CoreLinkState } from '../../electron/core/process/core-host.js';
import { forkWithNode } from '../../electron/core/process/fork-node.js';
import { SYNC_V8_FLAGS } from '../../electron/core/runtime-flags.js';
import type { MailEvents } from '../../shared/api.js';
import { makeMessage, startDovecot, type DovecotHandle } from '../fixtures/dovecot.js';
import { makeTmpDir, type TmpDir } from '../helpers/tmp-dir.js';

const ENTRY = path.resolve(import.meta.dirname, '../../electron/core/process/core-process.ts');
const USER = { user: 'proc@example.test', password: 'proc-Pw-93z' };
const TOTAL = 1500;
let dovecot: DovecotHandle;
let dir: TmpDir;

beforeAll(async () => {
  dovecot = await startDovecot({ users: [USER] });
  const filler = 'Une ligne pour grossir le message : été, façade, Noël, œuvre.\n'.repeat(300);
  await dovecot.appendMany(USER.user, Array.from({ length: TOTAL }, (_, i) => makeMessage({ subject: `Message ${i}`, body: filler })));
}, 120_000);

afterAll(async () => {
  await dovecot?.stop();
  dir?.remove();
});

/** A box only the test process (the "host") holds, counting what the core asked it to do. */
function hostBox(keyDir: string): SecretBox & { calls: string[] } {
  const inner = createFileKeyBox(keyDir, { RELEVE_SECRET_KEY: 'trousseau du processus hôte' });
  const calls: string[] = [];
  return {
    kind: 'keychain',
    calls,
    available: () => true,
    encrypt: (p) => (calls.push('encrypt'), inner.encrypt(p)),
    decrypt: (c) => (calls.push('decrypt'), inner.decrypt(c)),
  };
}

function newHost(dataDir: string, box: SecretBox): CoreHost {
  return new CoreHost({
    spawn: forkWithNode,
    script: ENTRY,
    execArgv: ['--import', 'tsx', ...SYNC_V8_FLAGS],
    init: { dataDir, locale: 'en', hostBoxes: [{ kind: box.kind, available: true }], preferredBox: box.kind, tlsCa: [dovecot.caPem], idle: false },
    hostBoxes: [box],
    restart: { baseMs: 100, maxMs: 1000 },
  });
}

function query<T>(dbPath: string, sql: string): T {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).get() as T;
  } finally {
    db.close();
  }
}

const storedCount = (dbPath: string) => {
  try {
    return query<{ n: number }>(dbPath, 'SELECT count(*) AS n FROM messages').n;
  } catch {
    return 0;
  }
};

async function until(what: string, ok: () => boolean, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('core process under Node', () => {
  it('serves the API from its own process, survives a kill -9 mid-sync and resumes without duplicates', async () => {
    dir = makeTmpDir('releve-coreproc-');
    const dataDir = dir.file('data');
    const box = hostBox(dir.file('host-keys'));
    const host = newHost(dataDir, box);
    const states: CoreLinkState[] = [];
    host.onState((s) => states.push(s));
    const started: number[] = [];
    const progress: Array<MailEvents['syncProgress']> = [];
    host.on('syncStarted', (p) => started.push(p.mailbox_id));
    host.on('syncProgress', (p) => progress.push(p));

    await host.start();
    const firstPid = host.pid!;
    expect(firstPid).toBeGreaterThan(0);
    expect(firstPid).not.toBe(process.pid);
    // The V8 flags measured for memory really reach the core process.
    const argv = readFileSync(`/proc/${firstPid}/cmdline`, 'utf8').split('\0');
    for (const flag of SYNC_V8_FLAGS) expect(argv).toContain(flag);

    // A call, and the password sealed by the host's box on the core's request: never in clear in the store.
    const mb = await host.api.createMailbox({
      name: 'Proc',
      imap_server: '127.0.0.1',
      imap_port: dovecot.imapsPort!,
      email_address: USER.user,
      email_password: USER.password,
      use_ssl: true,
    });
    expect(mb).toMatchObject({ has_password: true, email_address: USER.user });
    expect(box.calls).toEqual(['encrypt']);
    const dbPath = path.join(dataDir, 'releve.db');
    const row = query<{ secret_kind: string; password_enc: Buffer }>(dbPath, `SELECT secret_kind, password_enc FROM mailboxes WHERE id = ${mb.id}`);
    expect(row.secret_kind).toBe('keychain');
    expect(row.password_enc.includes(Buffer.from(USER.password))).toBe(false);

    // Events cross the process boundary; kill -9 once part of the mailbox is committed.
    const inFlight = host.api.syncMailbox({ id: mb.id });
    const inFlightOutcome = inFlight.then(() => 'resolved', (e: { code?: string }) => e.code ?? 'rejected');
    await until('a first committed batch', () => storedCount(dbPath) > 0);
    const atKill = storedCount(dbPath);
    expect(atKill).toBeLessThan(TOTAL);
    expect(box.calls).toContain('decrypt'); // the core asked the host to open the password to log in
    process.kill(firstPid, 'SIGKILL');

    // The call in flight fails (it may or may not have finished); the host restarts a new core by itself.
    expect(await inFlightOutcome).toBe('CANCELLED');
    await until('the restarted core', () => host.linkState === 'ready' && host.pid !== undefined && host.pid !== firstPid);
    expect(states).toEqual(['starting', 'ready', 'restarting', 'ready']);
    expect(host.restartCount).toBe(1);
    expect(started).toContain(mb.id);
    expect(progress.length).toBeGreaterThan(0);

    // Calls and events work through the new process; the sync resumes, nothing lost, nothing twice.
    const committed = storedCount(dbPath); // frozen: the killed core is gone, the new one has not synced
    expect(committed).toBeGreaterThanOrEqual(atKill);
    started.length = 0;
    const result = await host.api.syncMailbox({ id: mb.id });
    expect(result).toMatchObject({ mailbox_id: mb.id, status: 'success' });
    expect(result.new_messages).toBe(TOTAL - committed);
    expect(started).toEqual([mb.id]);
    expect(storedCount(dbPath)).toBe(TOTAL);
    expect(query<{ n: number }>(dbPath, 'SELECT count(DISTINCT subject) AS n FROM messages').n).toBe(TOTAL);
    const status = await host.api.getStatus();
    expect(status[0]).toMatchObject({ message_count: TOTAL, mailbox: { last_sync_status: 'success' } });

    await host.close();
    expect(host.linkState).toBe('stopped');
    await expect(host.api.listMailboxes()).rejects.toMatchObject({ code: 'CANCELLED' });
  }, 180_000);

  it('with the scheduler on, a core restarted after kill -9 finishes the sync by itself', async () => {
    const local = makeTmpDir('releve-coreproc-sched-');
    const dataDir = local.file('data');
    const host = newHost(dataDir, hostBox(local.file('host-keys')));
    try {
      await host.start();
      await host.api.createMailbox({
        name: 'Proc',
        imap_server: '127.0.0.1',
        imap_port: dovecot.imapsPort!,
        email_address: USER.user,
        email_password: USER.password,
        use_ssl: true,
      });
      const dbPath = path.join(dataDir, 'releve.db');
      host.startScheduler(); // as the desktop app does: the new mailbox is due at once
      await until('a first committed batch', () => storedCount(dbPath) > 0);
      const firstPid = host.pid!;
      process.kill(firstPid, 'SIGKILL');
      await until('the restarted core', () => host.linkState === 'ready' && host.pid !== firstPid);
      // No call from us: the new core's scheduler (started again by the host) picks the mailbox up.
      await until('every message stored', () => storedCount(dbPath) === TOTAL, 120_000);
      await until('the run recorded', () => {
        const r = query<{ s: string | null }>(dbPath, 'SELECT last_sync_status AS s FROM mailboxes');
        return r.s === 'success';
      });
      expect(query<{ n: number }>(dbPath, 'SELECT count(DISTINCT subject) AS n FROM messages').n).toBe(TOTAL);
    } finally {
      await host.close();
      local.remove();
    }
  }, 240_000);

  it('a core that cannot start rejects start() instead of restarting forever', async () => {
    const local = makeTmpDir('releve-coreproc-bad-');
    try {
      // A data folder that is a file: createCore fails before the core says it is ready.
      const notADir = local.file('file');
      writeFileSync(notADir, 'x');
      const host = newHost(notADir, hostBox(local.file('keys')));
      // The reason reaches the host (main shows it in its startup dialog).
      await expect(host.start()).rejects.toThrow(/Cannot create the data directory/);
      expect(host.linkState).toBe('stopped');
      expect(host.restartCount).toBe(0);
    } finally {
      local.remove();
    }
  }, 60_000);
});

