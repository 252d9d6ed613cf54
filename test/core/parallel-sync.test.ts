// A large first sync over several IMAP connections (issue #13 points 2-3), against a real Dovecot reached through
// the fault-injecting proxy (test/fixtures/net-tools.ts) limited to 3 MB/s per connection: never more connections than the cap, a server that
// refuses more connections (`* BYE Too many simultaneous connections`) only slows the run down, a download
// quota (`NO [OVERQUOTA]`) ends the run partial and the next one completes it, and SIGKILLs at random points
// of a parallel first sync leave, once resumed, exactly the server's messages: no duplicate, no gap.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/create-core.js';
import { classifyError, providerLimitKind } from '../../electron/core/imap/classify-error.js';
import type { Core } from '../../electron/core/model.js';
import { getMailbox, type MailboxRow } from '../../electron/core/store/mailboxes.js';
import { isDue } from '../../electron/core/sync/scheduler.js';
import { userError } from '../../shared/errors.js';
import { connectionCap, DEFAULT_CONNECTION_CAP } from '../../shared/providers.js';
import type { MailboxInput } from '../../shared/types.js';
import { makeMessage, startDovecot, type DovecotHandle } from '../fixtures/dovecot.js';
import { startTcpProxy, type TcpProxy } from '../fixtures/net-tools.js';

const USERS = [
  { user: 'wide@example.test', password: 'wide-Pw-3k1' },
  { user: 'capped@example.test', password: 'capped-Pw-8s2' },
  { user: 'quota@example.test', password: 'quota-Pw-5t7' },
  { user: 'killed@example.test', password: 'killed-Pw-2m4' },
];
// ~20 KB a message: 2 MiB batches of ~100, so a first sync of 1 200 messages has a dozen FETCH groups to share.
const FILLER = 'Ligne pour grossir le message, avec des accents : été, façade, Noël, garçon, hôpital.\n'.repeat(230);
const COUNT = 1200;
// A provider's link: one connection is limited (extra connections only help then, newest-first.ts).
const LINK_RATE = 3 * 1024 * 1024;

let dovecot: DovecotHandle;
let dataDir: string;
let core: Core;

function input(user: string, port: number): MailboxInput {
  const u = USERS.find((x) => x.user === user)!;
  return {
    name: user.split('@')[0]!,
    imap_server: '127.0.0.1',
    imap_port: port,
    email_address: user,
    email_password: u.password,
    use_ssl: false,
    allow_insecure_auth: true, // loopback server without TLS, so the proxy can read and rewrite it
    sync_interval_minutes: 5,
  };
}

function fill(user: string, n: number): Promise<void> {
  return dovecot.appendMany(user, Array.from({ length: n }, (_, i) => makeMessage({ subject: `${user} ${i}`, body: FILLER })));
}

/** Stored Message-IDs of one mailbox, and the UIDs stored more than once. */
function stored(file: string, mailboxId: number): { ids: string[]; dupUids: unknown[] } {
  const db = new Database(file, { readonly: true });
  try {
    const ids = (
      db.prepare('SELECT message_id FROM messages m JOIN folders f ON f.id = m.folder_id WHERE f.mailbox_id = ?').all(mailboxId) as Array<{
        message_id: string;
      }>
    ).map((r) => r.message_id);
    const dupUids = db.prepare('SELECT folder_id, uid, count(*) c FROM messages GROUP BY folder_id, uidvalidity, uid HAVING c > 1').all();
    return { ids: ids.sort(), dupUids };
  } finally {
    db.close();
  }
}

/** The mailbox's row as the scheduler reads it (a separate read-only connection). */
function rowOf(mailboxId: number): MailboxRow {
  const db = new Database(path.join(dataDir, 'releve.db'), { readonly: true });
  try {
    return getMailbox(db, mailboxId)!;
  } finally {
    db.close();
  }
}

async function serverIds(user: string): Promise<string[]> {
  return (await dovecot.messageIds(user)).map((id) => id.trim()).sort();
}

beforeAll(async () => {
  dovecot = await startDovecot({ users: USERS, ssl: false });
  await Promise.all(USERS.map((u) => fill(u.user, COUNT)));
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'releve-parallel-'));
  core = createCore({ dataDir, locale: 'en' });
}, 180_000);

afterAll(async () => {
  await core?.close();
  await dovecot?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('connection cap', () => {
  it('is half the documented provider limit, at most 8, and 4 for a server we do not know', () => {
    expect(connectionCap('gmail')).toBe(7);
    expect(connectionCap('outlook')).toBe(8);
    expect(connectionCap(null)).toBe(DEFAULT_CONNECTION_CAP);
    expect(connectionCap('orange')).toBe(DEFAULT_CONNECTION_CAP);
  });

  it('classifies quotas and refusals as provider limits, not faults', () => {
    const quota = Object.assign(new Error('Command failed'), { responseStatus: 'NO', responseText: '[OVERQUOTA] Account exceeded bandwidth limits' });
    const gmail = Object.assign(new Error('Command failed'), { responseStatus: 'NO', responseText: '[ALERT] Account exceeded command or bandwidth limits. (Failure)' });
    const bye = Object.assign(new Error('Connection not available'), { code: 'NoConnection', reason: 'Too many simultaneous connections' });
    const limit = Object.assign(new Error('Command failed'), { responseStatus: 'NO', serverResponseCode: 'LIMIT', responseText: '[LIMIT] Too many' });
    const drop = Object.assign(new Error('Connection not available'), { code: 'NoConnection' });
    expect(providerLimitKind(quota)).toBe('quota');
    expect(providerLimitKind(gmail)).toBe('quota');
    expect(providerLimitKind(bye)).toBe('connections');
    expect(providerLimitKind(limit)).toBe('connections');
    expect(providerLimitKind(drop)).toBe(null);
    expect(classifyError(quota).code).toBe('PROVIDER_LIMIT');
    expect(classifyError(bye).code).toBe('PROVIDER_LIMIT');
    expect(classifyError(drop).code).toBe('NETWORK');
    expect(userError('PROVIDER_LIMIT', 'fr').message).toBe('Le fournisseur limite le téléchargement ; la suite arrive automatiquement.');
  });
});

describe('parallel first sync', () => {
  let proxy: TcpProxy;
  beforeAll(async () => {
    proxy = await startTcpProxy(dovecot.imapPort);
    proxy.limitRate(LINK_RATE);
  });
  afterAll(async () => {
    await proxy?.close();
  });

  it('uses several connections, never more than the cap, and stores every message once', async () => {
    const mb = await core.api.createMailbox(input('wide@example.test', proxy.port));
    expect(await core.api.syncMailbox({ id: mb.id })).toMatchObject({ status: 'success', new_messages: COUNT });
    expect(proxy.peakOpen()).toBeLessThanOrEqual(DEFAULT_CONNECTION_CAP);
    expect(proxy.busyConnections(1024 * 1024)).toBeGreaterThan(1);
    const { ids, dupUids } = stored(path.join(dataDir, 'releve.db'), mb.id);
    expect(dupUids).toEqual([]);
    expect(ids).toEqual(await serverIds('wide@example.test'));
    // The watermark is at the top: new mail is fetched above it, alone.
    await dovecot.append('wide@example.test', makeMessage({ subject: 'Après' }));
    expect(await core.api.syncMailbox({ id: mb.id })).toMatchObject({ status: 'success', new_messages: 1 });
  }, 120_000);

  it('goes on with the connections it has when the server refuses more (BYE)', async () => {
    const capped = await startTcpProxy(dovecot.imapPort);
    try {
      capped.refuseBeyond(2);
      capped.limitRate(LINK_RATE);
      const mb = await core.api.createMailbox(input('capped@example.test', capped.port));
      expect(await core.api.syncMailbox({ id: mb.id })).toMatchObject({ status: 'success', new_messages: COUNT });
      expect(capped.refused()).toBeGreaterThan(0);
      expect(capped.peakOpen()).toBe(2);
      // The one extra connection that got in did download its share (≥ 1 MiB of the ~24 MB).
      expect(capped.busyConnections(1024 * 1024)).toBe(2);
      const { ids, dupUids } = stored(path.join(dataDir, 'releve.db'), mb.id);
      expect(dupUids).toEqual([]);
      expect(ids).toEqual(await serverIds('capped@example.test'));
    } finally {
      await capped.close();
    }
  }, 120_000);

  it('ends the run partial on a download quota, retries later with backoff, and the next run completes it', async () => {
    const mb = await core.api.createMailbox(input('quota@example.test', proxy.port));
    // The listing and the first group go through; every later FETCH ends with the provider's quota answer.
    let fetches = 0;
    proxy.rewriteServerLines((line) => {
      const m = /^(\S+) OK Fetch completed/.exec(line);
      if (!m) return line;
      fetches++;
      return fetches <= 2 ? line : `${m[1]} NO [OVERQUOTA] Account exceeded bandwidth limits\r\n`;
    });
    const before = Date.now();
    let partial;
    try {
      partial = await core.api.syncMailbox({ id: mb.id });
    } finally {
      proxy.rewriteServerLines(null);
    }
    expect(partial).toMatchObject({ status: 'partial', error: { code: 'PROVIDER_LIMIT' } });
    expect(partial.error?.message).toBe(userError('PROVIDER_LIMIT', 'en').message);
    // What arrived before the quota answer is committed (the run's counts only cover folders that finished).
    const kept = stored(path.join(dataDir, 'releve.db'), mb.id).ids.length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(COUNT);

    // Not an error loop: the mailbox is not due again before its backoff has passed.
    const row = rowOf(mb.id);
    expect(row.failures).toBe(1);
    expect(Date.parse(row.next_retry_at!)).toBeGreaterThanOrEqual(before + 5 * 60_000);
    expect(isDue(row, Date.now())).toBe(false);

    // The quota is over: the next run fetches the rest, nothing twice.
    const done = await core.api.syncMailbox({ id: mb.id });
    expect(done).toMatchObject({ status: 'success', new_messages: COUNT - kept });
    const { ids, dupUids } = stored(path.join(dataDir, 'releve.db'), mb.id);
    expect(dupUids).toEqual([]);
    expect(ids).toEqual(await serverIds('quota@example.test'));
    expect(rowOf(mb.id)).toMatchObject({ failures: 0, next_retry_at: null });
  }, 120_000);
});

describe('SIGKILL at random points of a parallel first sync', () => {
  let proxy: TcpProxy;
  let killDir: string;
  beforeAll(async () => {
    proxy = await startTcpProxy(dovecot.imapPort);
    proxy.limitRate(LINK_RATE);
    killDir = mkdtempSync(path.join(os.tmpdir(), 'releve-parallel-kill-'));
    const c = createCore({ dataDir: killDir, locale: 'en' });
    await c.api.createMailbox(input('killed@example.test', proxy.port));
    await c.close();
  });
  afterAll(async () => {
    await proxy?.close();
    if (killDir) rmSync(killDir, { recursive: true, force: true });
  });

  function count(): number {
    try {
      const db = new Database(path.join(killDir, 'releve.db'), { readonly: true, fileMustExist: true });
      try {
        return (db.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n;
      } finally {
        db.close();
      }
    } catch {
      return 0;
    }
  }

  function runChild(killAt: number | null): Promise<{ code: number | null; out: string; atKill: number }> {
    const caFile = path.join(killDir, 'none.pem');
    writeFileSync(caFile, '');
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/sync-child.ts', killDir, caFile], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let atKill = -1;
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const watch =
      killAt === null
        ? null
        : setInterval(() => {
            const n = count();
            if (n >= killAt && atKill < 0) {
              atKill = n;
              child.kill('SIGKILL');
            }
          }, 5);
    return new Promise((resolve) =>
      child.on('exit', (code) => {
        if (watch) clearInterval(watch);
        resolve({ code, out, atKill });
      }),
    );
  }

  it('resumes to exactly the server messages, whatever the moment of the kill', async () => {
    // Three kills at random points, each later than what the previous runs stored.
    let floor = 0;
    for (let k = 0; k < 3; k++) {
      const killAt = floor + 1 + Math.floor(Math.random() * ((COUNT - floor) * 0.5));
      const r = await runChild(killAt);
      if (r.code !== null) break; // finished before the kill point: nothing left to interrupt
      expect(r.atKill).toBeGreaterThanOrEqual(killAt);
      floor = count();
      expect(floor).toBeLessThan(COUNT);
    }
    const last = await runChild(null);
    expect(last.code, last.out).toBe(0);
    expect(JSON.parse(last.out.trim().split('\n').pop()!)).toMatchObject([{ status: 'success' }]);
    const db = new Database(path.join(killDir, 'releve.db'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
    const { ids, dupUids } = stored(path.join(killDir, 'releve.db'), 1);
    expect(dupUids).toEqual([]);
    expect(ids).toEqual(await serverIds('killed@example.test'));
    expect(proxy.peakOpen()).toBeLessThanOrEqual(DEFAULT_CONNECTION_CAP);
  }, 240_000);
});
