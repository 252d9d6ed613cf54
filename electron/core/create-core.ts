// Composition root of the core: ({ dataDir, secrets, locale, logger }) → { api, on, scheduler, close }.
// Plain Node: the desktop app, `releve serve` and the CLI all run exactly this.
import path from 'node:path';
import type { MailApi } from '../../shared/api.js';
import { detectLocale } from '../../shared/i18n/index.js';
import type { Locale, SyncResult } from '../../shared/types.js';
import { mailboxHandlers } from './api/mailboxes-api.js';
import { messageHandlers } from './api/messages-api.js';
import { dataHandlers } from './api/data-api.js';
import { folderHandlers } from './api/folders-api.js';
import { triageHandlers } from './api/triage-api.js';
import { readSettings, syncHandlers } from './api/sync-api.js';
import { decryptPassword, emitStatus, healthOf, type CoreContext } from './core-context.js';
import { ensureDataDir } from './data-dir.js';
import { EventHub } from './events.js';
import { classifyError } from './imap/classify-error.js';
import { createFileLogger, Redactor, wrapLogger } from './logger.js';
import type { Core, CoreOptions, SecretBox } from './model.js';
import { createOAuthService, openMailboxImap } from './oauth/index.js';
import { oauthHandlers } from './oauth/oauth-api.js';
import { ParsePool } from './parse/parse-pool.js';
import { createFileKeyBox } from './secrets/index.js';
import * as store from './store/index.js';
import type { MailboxRow } from './store/index.js';
import { runMailboxSync } from './sync/mailbox-sync.js';
import { StatusRefresh } from './sync/status-refresh.js';
import { Scheduler } from './sync/scheduler.js';
import { SyncLock } from './sync-lock.js';
import { SourceCompaction } from './sync/source-compaction.js';
import { IdleManager } from './sync/idle-manager.js';
import { diskFullText, userError } from '../../shared/errors.js';
import { DiskReserve } from './disk-reserve.js';
import { DEFAULT_CONNECTION_GRACE_MS, DEFAULT_HEALTH_CHECK_MS, HealthMonitor } from './sync/health.js';
import { mailboxSmtpTarget, sendHandlers, toOutboxItem } from './api/send-api.js';
import { OutboxWorker } from './send/outbox-worker.js';

export function createCore(opts: CoreOptions): Core {
  const dataDir = ensureDataDir(opts.dataDir);
  const dbPath = path.join(dataDir, 'releve.db');
  const db = store.openStore(dbPath);
  const now = opts.now ?? Date.now;
  // Runs left "running" belong to a process that died, unless another live process holds the folder's sync
  // lock: only the holder may call them interrupted, and only it syncs.
  const syncLock = new SyncLock(dataDir);
  let lockTaken = false;
  let lockWarned = false;
  // Space set aside to record a full disk when it happens (disk-reserve.ts).
  const reserve = new DiskReserve(dataDir);
  reserve.ensure();
  const mayRun = () => {
    let held: boolean;
    try {
      held = syncLock.hold();
    } catch (err) {
      // No room for the lock file: the disk is full. Let the run go and meet it, so the mailbox says DISK_FULL
      // (it cannot store anything, so there is nothing to do twice); the folder is not taken over meanwhile.
      if (classifyError(err).code === 'DISK_FULL') return true;
      throw err;
    }
    if (!held) {
      if (!lockWarned) {
        lockWarned = true;
        const owner = syncLock.owner();
        log.log('warn', 'another Relève process syncs this data folder: runs here are skipped until it stops', {
          pid: owner?.pid ?? null,
          since: owner?.since ?? null,
        });
      }
      return false;
    }
    lockWarned = false;
    if (!lockTaken) {
      try {
        store.markInterruptedRuns(db, new Date(now()).toISOString());
        lockTaken = true;
      } catch (err) {
        // A full disk must not keep the store from opening for reading: try again before the next run.
        if (classifyError(err).code !== 'DISK_FULL') throw err;
      }
    }
    return true;
  };

  const fileBox = createFileKeyBox(dataDir);
  const secrets: SecretBox = opts.secrets ?? fileBox;
  const boxes = secrets.kind === fileBox.kind ? [secrets] : [secrets, fileBox];
  const redactor = new Redactor();
  const logFile = path.join(dataDir, 'logs', 'releve.log');
  const log = wrapLogger(opts.logger ?? createFileLogger(logFile, redactor), redactor);
  mayRun(); // takes the folder over now if nobody else syncs it (and closes runs a dead process left open)
  const hub = new EventHub();
  // Until a language is chosen in the settings: the POSIX variables, then the runtime's own locale.
  const defaultLocale: Locale = opts.locale ?? detectLocale({ env: process.env, preferred: [Intl.DateTimeFormat().resolvedOptions().locale] });
  const locale = () => readSettings({ db }, defaultLocale).locale;
  // Sync batches are written by the parse worker on its own connection (opened at the first download).
  const pool = new ParsePool();
  // A writer that died with text not yet indexed for search (store/fts-deferred.ts): the parse worker re-parses
  // those messages from their sources, off this thread, in short transactions. Only the process that syncs.
  if (lockTaken && store.ftsBehind(db)) {
    void pool
      .writerFor(db)
      .then((w) => w.flush())
      .catch((err: unknown) => log.log('warn', 'search index catch-up failed; retried at the next sync', { error: String(err) }));
  }
  const progress = new Map<number, import('../../shared/types.js').SyncProgress>();

  const oauth = createOAuthService({ db, secrets, boxes, redactor, log, now, locale, options: opts.oauth });
  const ctx = {} as CoreContext;
  const statusRefresh = new StatusRefresh(now, () => hub.has('statusChanged'), (id) => emitStatus(ctx, id));
  const creds = {
    password: (r: MailboxRow) => decryptPassword(ctx, r),
    accessToken: (r: MailboxRow, o: { rejected?: string }) => oauth.tokens.get(r.id, o),
    locale,
  };
  // Created below once the scheduler exists; syncs borrow its open connections.
  let idle: IdleManager | null = null;
  const runOne = async (row: MailboxRow, signal: AbortSignal): Promise<SyncResult> => {
    try {
      return await runMailboxSync(
        {
          db,
          pool,
          log,
          now,
          locale,
          tlsCa: opts.tlsCa,
          password: (r) => decryptPassword(ctx, r),
          accessToken: (r, o) => oauth.tokens.get(r.id, o),
          signal,
          dataDir,
          freeSpace: () => reserve.release(),
          connections: idle ?? undefined,
          onProgress: (p) => {
            progress.set(p.mailbox_id, p);
            hub.emit('syncProgress', p);
            // Counts grow during a long first sync: the status row now and then (not for a pass with nothing to
            // fetch: its run-end status follows at once).
            if (p.total > 0) statusRefresh.progress(p.mailbox_id);
          },
        },
        row,
      );
    } catch (err) {
      // Only local failures reach here (e.g. the disk filled while recording the run): report, never crash.
      const c = classifyError(err);
      log.log('error', 'sync run failed', { mailbox: row.id, code: c.code, detail: c.detail });
      const words = c.code === 'DISK_FULL' ? { message: diskFullText(dataDir, locale()) } : {};
      return {
        mailbox_id: row.id,
        status: 'error',
        new_messages: 0,
        updated_messages: 0,
        error: userError(c.code, locale(), { detail: c.detail, ...words }),
      };
    }
  };

  // Expunged mail leaves dead bytes in the source packs (store/source-compact.ts): given back when no sync runs.
  const compaction = new SourceCompaction(db, log, () => lockTaken && !closed);
  const scheduler = new Scheduler({
    onIdle: () => compaction.maybeRun(),
    listMailboxes: () => store.listMailboxes(db),
    getMailbox: (id) => store.getMailbox(db, id),
    run: runOne,
    now,
    maxConcurrency: opts.maxConcurrency ?? 4,
    mayRun,
    onRunStart: (id) => {
      progress.delete(id);
      hub.emit('syncStarted', { mailbox_id: id });
      emitStatus(ctx, id);
    },
    onRunEnd: (id, result) => {
      progress.delete(id);
      if (result.status === 'success') reserve.ensure(); // space came back: set it aside again
      emitStatus(ctx, id);
      if (result.new_messages > 0 || result.updated_messages > 0) hub.emit('messagesChanged', { mailbox_id: id });
      if (result.new_messages > 0) {
        const latest = store
          .listMessages(db, { mailbox_id: id, limit: 3, offset: 0, collapse_duplicates: false })
          .items.map((m) => ({ from: m.from?.name || m.from?.address || '', subject: m.subject }));
        hub.emit('newMail', { mailbox_id: id, count: result.new_messages, latest });
      }
    },
  });

  // Live health (sync/health.ts): re-evaluated on a timer and whenever a listening link drops or returns.
  const graceMs = opts.health?.connectionGraceMs ?? DEFAULT_CONNECTION_GRACE_MS;
  const monitor = new HealthMonitor({
    listMailboxes: () => store.listMailboxes(db),
    healthOf: (row) => healthOf(ctx, row),
    link: (id) => idle?.link(id) ?? { watched: false, downSince: null, downForMs: null, retryMs: 0 },
    emit: (id) => emitStatus(ctx, id),
    syncNow: (id) => {
      log.log('warn', 'health: connection still down, trying a sync', { mailbox: id });
      void scheduler.syncNow(id);
    },
    graceMs,
    checkMs: opts.health?.checkMs ?? DEFAULT_HEALTH_CHECK_MS,
  });

  if (opts.idle !== false) {
    idle = new IdleManager({
      ...opts.idle,
      listMailboxes: () => store.listMailboxes(db),
      connect: (row) => openMailboxImap(row, creds, { tlsCa: opts.tlsCa, logger: log, disableAutoIdle: true }),
      syncNow: (id) => scheduler.syncNow(id),
      isRunning: (id) => scheduler.isRunning(id),
      log,
      // Checked on the next tick, not synchronously: the watcher is mid-transition when it calls.
      onLinkChange: () => setImmediate(() => monitor.check()),
    });
    // Added, edited, paused or deleted mailboxes: open or close their connections now, not at the next check.
    hub.on('mailboxesChanged', () => idle?.reconcile());
  }

  Object.assign(ctx, {
    db,
    secrets,
    boxes,
    hub,
    log,
    redactor,
    pool,
    scheduler,
    now,
    locale,
    tlsCa: opts.tlsCa,
    progress,
    oauth,
    health: { link: (id: number) => idle?.link(id) ?? { watched: false, downSince: null, downForMs: null, retryMs: 0 }, graceMs },
  } satisfies CoreContext);

  // Sending: the durable outbox and its background worker (send/outbox-worker.ts).
  const outbox = new OutboxWorker({
    db,
    log,
    now,
    tlsCa: opts.tlsCa,
    smtpTarget: (row, rejected) => mailboxSmtpTarget(ctx, row, rejected),
    openImap: (row) => openMailboxImap(row, creds, { tlsCa: opts.tlsCa, logger: log }),
    mayRun,
    onChange: (row) => hub.emit('outboxChanged', toOutboxItem(row, locale())),
    retryBaseMs: opts.outbox?.retryBaseMs ?? 30_000,
    maxAttempts: opts.outbox?.maxAttempts ?? 20,
  });
  const api: MailApi = {
    ...mailboxHandlers(ctx),
    ...messageHandlers(ctx),
    ...folderHandlers(ctx),
    ...triageHandlers(ctx),
    ...syncHandlers(ctx),
    ...oauthHandlers(ctx),
    ...dataHandlers(ctx, { dataDir, dbPath, logFile: opts.logger ? null : logFile }),
    ...sendHandlers(ctx, outbox, { undoSeconds: opts.outbox?.undoSeconds ?? 5 }),
  };
  let closed = false;

  return {
    api,
    on: hub.on,
    dataDir,
    dbPath,
    startScheduler: () => {
      scheduler.start();
      idle?.start();
      monitor.start();
      outbox.start();
    },
    sendOutbox: () => outbox.drain(),
    runOnce: (o = {}) => scheduler.runPass({ force: o.force, ids: o.mailboxIds }),
    async close() {
      if (closed) return;
      closed = true;
      oauth.close();
      monitor.stop();
      idle?.quiesce();
      await outbox.stop();
      await scheduler.stop();
      await compaction.settled();
      await idle?.close();
      await pool.close();
      store.closeStore(db);
      syncLock.release();
    },
  };
}
