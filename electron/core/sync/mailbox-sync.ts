// One sync run of one mailbox: connect, sync each folder, record the run and the mailbox's health.
import type { ImapFlow } from 'imapflow';
import path from 'node:path';
import { diskFullText, missingMessagesText, userError } from '../../../shared/errors.js';
import type { ErrorCode } from '../../../shared/errors.js';
import type { Locale, SyncProgress, SyncResult, SyncStatusValue } from '../../../shared/types.js';
import { classifyError } from '../imap/classify-error.js';
import { openMailboxImap } from '../oauth/index.js';
import type { Logger } from '../model.js';
import type { ParsePool } from '../parse/parse-pool.js';
import * as store from '../store/index.js';
import type { DB, MailboxRow } from '../store/index.js';
import { connectionCap } from '../../../shared/providers.js';
import { retryDelayMs } from './backoff.js';
import { ExtraConnections } from './extra-connections.js';
import { syncFolder, type FolderSyncResult } from './folder-sync.js';
import { pushPendingActions } from './action-push.js';
import { folderVanished, planFolders } from './folder-plan.js';
import { relinkMovedMessages } from './move-detect.js';

export interface MailboxSyncDeps {
  db: DB;
  pool: ParsePool;
  log: Logger;
  now: () => number;
  locale: () => Locale;
  tlsCa?: string[];
  /** Decrypts the stored password (throws ReleveError SECRETS_UNAVAILABLE). */
  password: (row: MailboxRow) => Promise<string>;
  /** OAuth2 mailboxes: a valid access token, refreshed as needed (throws AUTH_RECONNECT when revoked). */
  accessToken?: (row: MailboxRow, opts: { rejected?: string }) => Promise<string>;
  onProgress: (p: SyncProgress) => void;
  signal?: AbortSignal;
  folders?: string[];
  timeoutMs?: number;
  /** Where the store lives (named by DISK_FULL); default: the database file's folder. */
  dataDir?: string;
  /** Gives back space set aside for this moment (disk-reserve.ts), so a full disk can still be recorded. */
  freeSpace?: () => boolean;
  /** Long-running mode: the mailbox's open listening connection, lent for this run (sync/idle-manager.ts). */
  connections?: {
    borrow(row: MailboxRow): ImapFlow | null;
    giveBack(row: MailboxRow, client: ImapFlow): void;
    /** Whether a listening connection is kept for this mailbox (counted in the provider's connection cap). */
    listening(row: MailboxRow): boolean;
  };
}

export async function runMailboxSync(deps: MailboxSyncDeps, row: MailboxRow): Promise<SyncResult> {
  const { db } = deps;
  const startedAt = new Date(deps.now()).toISOString();
  let folders = deps.folders ?? ['INBOX'];
  const totals = { inserted: 0, updated: 0, malformed: 0, missing: 0 };
  const failures: Array<{ code: ErrorCode; detail: string }> = [];
  let client: ImapFlow | null = null;
  let connectError: { code: ErrorCode; detail: string } | null = null;

  let runId: number;
  try {
    runId = store.startRun(db, row.id, startedAt);
  } catch (err) {
    // The disk was already full (filled by anything): record that in the space set aside, and download
    // nothing, rather than leave the mailbox saying its last run went fine.
    const c = classifyError(err);
    if (c.code !== 'DISK_FULL' || !deps.freeSpace?.()) throw err;
    runId = store.startRun(db, row.id, startedAt);
    connectError = c;
  }

  const borrowed = connectError ? null : (deps.connections?.borrow(row) ?? null);
  try {
    if (!connectError) {
      client = borrowed ?? (await openMailboxImap(row, deps, { tlsCa: deps.tlsCa, timeoutMs: deps.timeoutMs, logger: deps.log }));
    }
  } catch (err) {
    connectError = classifyError(err);
  }

  if (client) {
    // Every folder that matters (issue 14): discover them, then push queued moves/deletions before any sync.
    try {
      if (!deps.folders) folders = await planFolders(db, client, row, deps.log, deps.now);
      await pushPendingActions(db, client, row.id, deps.log);
      await relinkMovedMessages(db, client, deps.pool, row.id, folders, deps.log);
    } catch (err) {
      if (client.usable) failures.push(classifyError(err));
      else connectError = classifyError(err);
      deps.log.log('warn', 'folder list or action push failed', { mailbox: row.id, detail: (err as Error).message });
    }
    const extra = new ExtraConnections(
      extraConnectionCount(row, borrowed !== null, deps.connections?.listening(row) ?? false),
      () => openMailboxImap(row, deps, { tlsCa: deps.tlsCa, timeoutMs: deps.timeoutMs, logger: deps.log }),
      deps.log,
      row.id,
    );
    for (const folder of client.usable ? folders : []) {
      try {
        const r: FolderSyncResult = await syncFolder(
          {
            db,
            client,
            pool: deps.pool,
            log: deps.log,
            mailbox: row,
            now: deps.now,
            signal: deps.signal,
            extra,
            onProgress: (done, total) => deps.onProgress({ mailbox_id: row.id, folder, done, total }),
          },
          folder,
        );
        totals.inserted += r.inserted;
        totals.updated += r.relinked + r.flagsUpdated + r.expunged;
        totals.malformed += r.malformed;
        totals.missing += r.missing;
      } catch (err) {
        const c = deps.signal?.aborted ? { code: 'CANCELLED' as const, detail: 'stopped' } : classifyError(err);
        if (c.code === 'MAILBOX_NOT_FOUND' && !deps.folders && (await folderVanished(db, client, row.id, folder, deps.log))) continue;
        failures.push(c);
        deps.log.log('warn', 'folder sync failed', { mailbox: row.id, folder, code: c.code, detail: c.detail });
        if (c.code === 'CANCELLED' || c.code === 'PROVIDER_LIMIT' || !client.usable) break; // the connection is gone: later folders would fail too
      }
    }
    await extra.closeAll();
    if (extra.stats.peak > 0 || extra.stats.refused > 0) {
      deps.log.log('info', 'extra connections used', { mailbox: row.id, peak: extra.stats.peak, refused: extra.stats.refused });
    }
    if (borrowed) deps.connections?.giveBack(row, borrowed);
    else await closeQuietly(client);
  }

  // Never `success` while the self-check found server messages missing from the store; a full disk stops the
  // whole mailbox (nothing more can be stored until space comes back), so it is an error, not a partial run.
  const diskFull = [connectError, ...failures].find((f) => f?.code === 'DISK_FULL') ?? null;
  // A provider limit (quota, throttling, no connection left) is not a fault: partial, resumed later with backoff.
  const limited = diskFull ? null : ([connectError, ...failures].find((f) => f?.code === 'PROVIDER_LIMIT') ?? null);
  const status: SyncStatusValue = limited
    ? 'partial'
    : connectError || diskFull
    ? 'error'
    : failures.length === 0
      ? totals.missing > 0
        ? 'partial'
        : 'success'
      : totals.inserted + totals.updated > 0 || failures.length < folders.length
        ? 'partial'
        : 'error';
  // The count rides in the detail too, so the mailbox's status line (code's words + detail) says how many.
  const incomplete =
    totals.missing > 0
      ? { code: 'SYNC_INCOMPLETE' as const, detail: totals.missing === 1 ? '1 message' : `${totals.missing} messages` }
      : null;
  const problem = diskFull ?? limited ?? connectError ?? failures[0] ?? incomplete;
  const finishedAt = new Date(deps.now()).toISOString();
  const locale = deps.locale();
  const message = problemText(problem, incomplete, totals.missing, deps.dataDir ?? path.dirname(db.name), locale);

  const backOff = status === 'error' || limited !== null;
  const failuresCount = backOff ? row.failures + 1 : 0;
  const retryAt =
    backOff ? new Date(deps.now() + retryDelayMs(failuresCount, row.sync_interval_minutes)).toISOString() : null;
  const record = () => {
    store.finishRun(db, runId, {
      finished_at: finishedAt,
      status,
      new_messages: totals.inserted,
      updated_messages: totals.updated,
      error_code: problem?.code ?? null,
      error: problem ? `${message}${problem.detail && problem !== incomplete ? ` (${problem.detail})` : ''}` : null,
    });
    store.recordSyncOutcome(db, row.id, {
      at: finishedAt,
      status,
      error_code: problem?.code ?? null,
      error_detail: problem?.detail ?? null,
      failures: failuresCount,
      next_retry_at: retryAt,
    });
  };
  try {
    record();
  } catch (err) {
    // The disk filled up: give back the space set aside for this and record the outcome in it.
    if (classifyError(err).code !== 'DISK_FULL' || !deps.freeSpace?.()) throw err;
    record();
  }
  deps.log.log(status === 'success' ? 'info' : 'warn', 'mailbox sync finished', {
    mailbox: row.id,
    status,
    new: totals.inserted,
    updated: totals.updated,
    malformed: totals.malformed,
    missing: totals.missing,
    code: problem?.code,
  });

  const out: SyncResult = { mailbox_id: row.id, status, new_messages: totals.inserted, updated_messages: totals.updated };
  if (problem) {
    out.error = userError(problem.code, locale, {
      ...(problem.detail ? { detail: problem.detail } : {}),
      ...((problem === incomplete || problem.code === 'DISK_FULL') && message ? { message } : {}),
    });
  }
  return out;
}

/**
 * Connections a run may open besides its own: the preset's cap minus this run's connection, minus the
 * listening (IDLE) one when it is open beside it rather than lent to this run.
 */
function extraConnectionCount(row: MailboxRow, borrowed: boolean, listening: boolean): number {
  // RELEVE_MAX_CONNECTIONS lowers the cap (1 = the single-connection sync), for diagnosis and A/B benchmarks.
  const forced = Number(process.env.RELEVE_MAX_CONNECTIONS);
  const cap = Number.isInteger(forced) && forced >= 1 ? Math.min(forced, connectionCap(row.preset_id)) : connectionCap(row.preset_id);
  return Math.max(0, cap - 1 - (listening && !borrowed ? 1 : 0));
}

async function closeQuietly(client: ImapFlow): Promise<void> {
  try {
    if (client.usable) await client.logout();
    else client.close();
  } catch {
    client.close();
  }
}

function problemText(
  problem: { code: ErrorCode } | null,
  incomplete: object | null,
  missing: number,
  dataDir: string,
  locale: Locale,
): string | null {
  if (problem === null) return null;
  if (problem === incomplete) return missingMessagesText(missing, locale);
  if (problem.code === 'DISK_FULL') return diskFullText(dataDir, locale);
  return userError(problem.code, locale).message;
}
