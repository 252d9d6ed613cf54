// Child-side scenarios of the long-running mode (startScheduler: listening connections per mailbox):
// B3 warm ("nothing new" over every mailbox once connections are open) and B4 (APPEND → row in the store).
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { ImapFlow } from 'imapflow';
import { createCore } from '../electron/core/create-core.js';
import type { Core, Logger } from '../electron/core/model.js';
import { IDLE_READY_LOG } from '../electron/core/sync/idle-watcher.js';
import type { ChildReport, ChildTask, Measured } from './child-protocol.js';
import { addMailboxes, measure, settle } from './child-sync.js';
import { BENCH_MARK } from './server.js';

type WarmTask = Extract<ChildTask, { kind: 'warm' }>;
type LatencyTask = Extract<ChildTask, { kind: 'latency' }>;

function readyLogger(): { logger: Logger; watched: () => Set<number>; modes: () => Record<string, number> } {
  const ready = new Map<number, string>();
  return {
    logger: {
      log(_level, msg, fields) {
        if (msg === IDLE_READY_LOG && typeof fields?.mailbox === 'number') ready.set(fields.mailbox, String(fields.mode));
      },
    },
    watched: () => new Set(ready.keys()),
    modes: () => {
      const out: Record<string, number> = {};
      for (const m of ready.values()) out[m] = (out[m] ?? 0) + 1;
      return out;
    },
  };
}

async function until(what: string, probe: () => Promise<boolean> | boolean, ms: number, stepMs = 50): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

/** No sync running, twice in a row a little apart (start-up catch-up syncs are over). */
async function quiet(core: Core, ms = 300_000): Promise<void> {
  await until(
    'the start-up syncs',
    async () => {
      if ((await core.api.getStatus()).some((s) => s.running)) return false;
      await new Promise((r) => setTimeout(r, 300));
      return !(await core.api.getStatus()).some((s) => s.running);
    },
    ms,
    200,
  );
}

export async function runWarm(task: WarmTask): Promise<ChildReport> {
  const r = readyLogger();
  const core = createCore({
    dataDir: task.dataDir,
    tlsCa: [readFileSync(task.caFile, 'utf8')],
    locale: 'en',
    logger: r.logger,
    idle: { maxConnections: task.maxWatched },
  });
  try {
    const total = (await core.api.listMailboxes()).filter((m) => m.active).length;
    const expected = Math.min(total, task.maxWatched);
    const t0 = performance.now();
    core.startScheduler();
    await until('every listening connection', () => r.watched().size >= expected, 300_000);
    const openMs = performance.now() - t0;
    await quiet(core);
    const runs: Measured[] = [];
    let failed = 0;
    let newMessages = 0;
    for (let i = 0; i < task.passes; i++) {
      const { value, m } = await measure(() => core.api.syncAll());
      failed += value.filter((x) => x.status !== 'success').length;
      newMessages += value.reduce((n, x) => n + x.new_messages, 0);
      runs.push(m);
      await settle(300);
    }
    return {
      runs,
      maxRssBytes: 0,
      notes: {
        mailboxes: total,
        listening: r.watched().size,
        modes: JSON.stringify(r.modes()),
        open_all_s: Math.round(openMs / 100) / 10,
        failed,
        new_messages: newMessages,
      },
    };
  } finally {
    await core.close();
  }
}

function benchMessage(messageId: string): Buffer {
  const body = 'Bonjour,\r\n\r\nVoici le devis demandé pour le chantier de la rue des Lilas.\r\n'.repeat(20);
  return Buffer.from(
    [
      `${BENCH_MARK}: 1`,
      'From: "Client Pressé" <client@example.org>',
      'To: bench2k@bench.test',
      'Subject: Devis urgent',
      `Message-ID: ${messageId}`,
      `Date: ${new Date().toUTCString()}`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      body,
    ].join('\r\n'),
  );
}

export async function runLatency(task: LatencyTask): Promise<ChildReport> {
  const ca = readFileSync(task.caFile, 'utf8');
  const r = readyLogger();
  const core = createCore({ dataDir: task.dataDir, tlsCa: [ca], locale: 'en', logger: r.logger });
  const appender = new ImapFlow({
    host: '127.0.0.1',
    port: task.port,
    secure: true,
    auth: { user: task.user, pass: task.password },
    tls: { ca: [ca] },
    logger: false,
    disableAutoIdle: true,
  });
  const reader = () => new Database(core.dbPath, { readonly: true, fileMustExist: true });
  try {
    await addMailboxes(core, [{ user: task.user, password: task.password }], task.port);
    core.startScheduler();
    await until('the listening connection', () => r.watched().size >= 1, 60_000);
    await quiet(core);
    await appender.connect();
    const db = reader();
    const stored = db.prepare('SELECT 1 FROM messages WHERE message_id = ?');
    const runs: Measured[] = [];
    try {
      for (let i = 0; i < task.count; i++) {
        const id = `<b4-${Date.now()}-${i}@bench.releve>`;
        const raw = benchMessage(id);
        const { m } = await measure(async () => {
          await appender.append('INBOX', raw);
          await until('the appended message in the store', () => stored.get(id) !== undefined, 30_000, 2);
        });
        runs.push(m);
        // Steady state: each APPEND finds the mailbox listening again.
        await quiet(core);
        await settle(500);
      }
    } finally {
      db.close();
    }
    return { runs, maxRssBytes: 0, notes: { modes: JSON.stringify(r.modes()) } };
  } finally {
    await appender.logout().catch(() => appender.close());
    await core.close();
  }
}
