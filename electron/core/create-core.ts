// Composition root of the core: ({ dataDir, secrets, locale, logger }) → { api, on, scheduler, close }.
// Plain Node: the desktop app, `releve serve` and the CLI all run exactly this.
import path from 'node:path';
import type { MailApi } from '../../shared/api.js';
import type { Locale, SyncResult } from '../../shared/types.js';
import { mailboxHandlers } from './api/mailboxes-api.js';
import { messageHandlers } from './api/messages-api.js';
import { folderHandlers } from './api/folders-api.js';
import { triageHandlers } from './api/triage-api.js';
import { readSettings, syncHandlers } from './api/sync-api.js';
import { decryptPassword, emitStatus, type CoreContext } from './core-context.js';
import { ensureDataDir } from './data-dir.js';
import { EventHub } from './events.js';
import { classifyError } from './imap/classify-error.js';
import { detectLocale } from './locale.js';
import { createFileLogger, Redactor, wrapLogger } from './logger.js';
import type { Core, CoreOptions, SecretBox } from './model.js';
import { createOAuthService, openMailboxImap } from './oauth/index.js';
import { oauthHandlers } from './oauth/oauth-api.js';
import { ParsePool } from './parse/parse-pool.js';
import { createFileKeyBox } from './secrets/index.js';
import * as store from './store/index.js';
import type { MailboxRow } from './store/index.js';
import { runMailboxSync } from './sync/mailbox-sync.js';
import { Scheduler } from './sync/scheduler.js';
import { SyncLock } from './sync-lock.js';
import { IdleManager } from './sync/idle-manager.js';
import { userError } from '../../shared/errors.js';

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
  const mayRun = () => {
    if (!syncLock.hold()) {
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
      lockTaken = true;
      store.markInterruptedRuns(db, new Date(now()).toISOString());
    }
    return true;
  };

  const fileBox = createFileKeyBox(dataDir);
  const secrets: SecretBox = opts.secrets ?? fileBox;
  const boxes = secrets.kind === fileBox.kind ? [secrets] : [secrets, fileBox];
  const redactor = new Redactor();
  const log = wrapLogger(opts.logger ?? createFileLogger(path.join(dataDir, 'logs', 'releve.log'), redactor), redactor);
  mayRun(); // takes the folder over now if nobody else syncs it (and closes runs a dead process left open)
  const hub = new EventHub();
  const defaultLocale: Locale = opts.locale ?? detectLocale();
  const locale = () => readSettings({ db }, defaultLocale).locale;
  // Sync batches are written by the parse worker on its own connection (opened at the first download).
  const pool = new ParsePool();
  const progress = new Map<number, import('../../shared/types.js').SyncProgress>();

  const oauth = createOAuthService({ db, secrets, boxes, redactor, log, now, locale, options: opts.oauth });
  const statusEmittedAt = new Map<number, number>();
  const ctx = {} as CoreContext;
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
          connections: idle ?? undefined,
          onProgress: (p) => {
            progress.set(p.mailbox_id, p);
            hub.emit('syncProgress', p);
            // Counts grow during a long first sync: refresh the status row now and then, not per batch.
            const last = statusEmittedAt.get(p.mailbox_id) ?? 0;
            // (Not for a pass with nothing to fetch: its run-end status follows at once.)
            if (p.total > 0 && now() - last >= 1000) {
              statusEmittedAt.set(p.mailbox_id, now());
              emitStatus(ctx, p.mailbox_id);
            }
          },
        },
        row,
      );
    } catch (err) {
      // Only local failures reach here (e.g. the disk filled while recording the run): report, never crash.
      const c = classifyError(err);
      log.log('error', 'sync run failed', { mailbox: row.id, code: c.code, detail: c.detail });
      return { mailbox_id: row.id, status: 'error', new_messages: 0, updated_messages: 0, error: userError(c.code, locale(), { detail: c.detail }) };
    }
  };

  const scheduler = new Scheduler({
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

  if (opts.idle !== false) {
    idle = new IdleManager({
      ...opts.idle,
      listMailboxes: () => store.listMailboxes(db),
      connect: (row) => openMailboxImap(row, creds, { tlsCa: opts.tlsCa, logger: log, disableAutoIdle: true }),
      syncNow: (id) => scheduler.syncNow(id),
      isRunning: (id) => scheduler.isRunning(id),
      log,
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
  } satisfies CoreContext);

  const api: MailApi = { ...mailboxHandlers(ctx), ...messageHandlers(ctx), ...folderHandlers(ctx), ...triageHandlers(ctx), ...syncHandlers(ctx), ...oauthHandlers(ctx) };
  let closed = false;

  return {
    api,
    on: hub.on,
    dataDir,
    dbPath,
    startScheduler: () => {
      scheduler.start();
      idle?.start();
    },
    runOnce: (o = {}) => scheduler.runPass({ force: o.force, ids: o.mailboxIds }),
    async close() {
      if (closed) return;
      closed = true;
      oauth.close();
      idle?.quiesce();
      await scheduler.stop();
      await idle?.close();
      await pool.close();
      store.closeStore(db);
      syncLock.release();
    },
  };
}
