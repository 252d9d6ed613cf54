// Child-side scenarios that run the real sync engine: createCore + api, exactly what the app runs.
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { createCore } from '../electron/core/create-core.js';
import type { Core } from '../electron/core/model.js';
import type { ChildReport, ChildTask, MailboxSpec, Measured } from './child-protocol.js';
import { startMemorySampler } from './child-mem.js';

type SyncTask = Extract<ChildTask, { kind: 'sync' }>;

export function measure<T>(fn: () => Promise<T>): Promise<{ value: T; m: Measured }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  return fn().then((value) => {
    const ms = performance.now() - t0;
    const c = process.cpuUsage(cpu0);
    return { value, m: { ms, cpuS: (c.user + c.system) / 1e6 } };
  });
}

/** Parse workers boot (and tsx compiles them) right after createCore: let that finish before timing. */
export const settle = (ms = 1500) => new Promise((r) => setTimeout(r, ms));

export async function addMailboxes(core: Core, specs: MailboxSpec[], port: number): Promise<void> {
  for (const s of specs) {
    await core.api.createMailbox({
      name: s.user,
      imap_server: '127.0.0.1',
      imap_port: port,
      email_address: `${s.user}@bench.test`,
      username: s.user,
      email_password: s.password,
      use_ssl: true,
      // The bench decides when to sync; the scheduler must not start passes of its own meanwhile.
      sync_interval_minutes: 1440,
    });
  }
}

export async function runSync(task: SyncTask): Promise<ChildReport> {
  const core = createCore({
    dataDir: task.dataDir,
    tlsCa: [readFileSync(task.caFile, 'utf8')],
    locale: 'en',
  });
  try {
    await addMailboxes(core, task.add, task.port);
    const rows = await core.api.listMailboxes();
    const ids = rows.filter((r) => !task.only || task.only.includes(r.username)).map((r) => r.id);
    await settle();
    if (task.maxConnections !== undefined) process.env.RELEVE_MAX_CONNECTIONS = String(task.maxConnections);
    const stopSampler = startMemorySampler();
    const watch = task.watchUid !== undefined ? watchUid(task.dataDir, task.watchUid) : null;
    const { value: results, m } = await measure(() => core.runOnce({ force: true, mailboxIds: ids }));
    const newestMs = watch?.stop() ?? null;
    stopSampler?.();
    const failed = results.filter((r) => r.status !== 'success');
    return {
      runs: [m],
      maxRssBytes: 0,
      notes: {
        mailboxes: results.length,
        new_messages: results.reduce((n, r) => n + r.new_messages, 0),
        updated_messages: results.reduce((n, r) => n + r.updated_messages, 0),
        failed: failed.length,
        first_error: failed[0]?.error ? `${failed[0].error.code}: ${failed[0].error.detail ?? failed[0].error.message}` : '',
        ...(newestMs !== null ? { newest_ms: newestMs } : {}),
      },
    };
  } finally {
    await core.close();
    if (process.env.RELEVE_BENCH_MEM) process.stderr.write(`ru_maxrss after close (MiB): ${Math.round(process.resourceUsage().maxRSS / 1024)}\n`);
  }
}

/**
 * Polls the store (a read-only connection, as the UI reads it) every 10 ms for the message with `uid`: how
 * long after the start of the pass it was committed (-1 if never).
 */
function watchUid(dataDir: string, uid: number): { stop(): number } {
  const t0 = performance.now();
  let at = -1;
  let db: Database.Database | null = null;
  const timer = setInterval(() => {
    try {
      db ??= new Database(path.join(dataDir, 'releve.db'), { readonly: true, fileMustExist: true });
      if (at < 0 && db.prepare('SELECT 1 FROM messages WHERE uid = ?').get(uid)) at = performance.now() - t0;
    } catch {
      // not there yet
    }
  }, 10);
  return {
    stop() {
      clearInterval(timer);
      db?.close();
      return Math.round(at);
    },
  };
}

export async function runRaw(task: Extract<ChildTask, { kind: 'raw' }>): Promise<ChildReport> {
  const client = new ImapFlow({
    host: '127.0.0.1',
    port: task.port,
    secure: true,
    auth: { user: task.user, pass: task.password },
    tls: { ca: [readFileSync(task.caFile, 'utf8')] },
    logger: false,
  });
  let count = 0;
  let bytes = 0;
  const { m } = await measure(async () => {
    await client.connect();
    await client.mailboxOpen('INBOX', { readOnly: true });
    for await (const msg of client.fetch('1:*', { uid: true, flags: true, size: true, internalDate: true, source: true })) {
      count++;
      bytes += msg.source?.length ?? 0;
    }
    await client.logout();
  });
  return { runs: [m], maxRssBytes: 0, notes: { count, bytes } };
}
