// Sync runs: one row per attempt, the history behind the sync-status panel.
import { isErrorCode } from '../../../shared/errors.js';
import type { SyncRun, SyncStatusValue } from '../../../shared/types.js';
import type { DB } from './db.js';
import { cached } from './statements.js';

export interface RunOutcome {
  finished_at: string;
  status: SyncStatusValue;
  new_messages: number;
  updated_messages: number;
  error_code: string | null;
  error: string | null;
}

type StoredRun = Omit<SyncRun, 'error_code'> & { error_code: string | null };

function toRun(r: StoredRun): SyncRun {
  return { ...r, error_code: isErrorCode(r.error_code) ? r.error_code : r.error_code === null ? null : 'UNKNOWN' };
}

const SELECT_RUN =
  'SELECT id, mailbox_id, started_at, finished_at, status, new_messages, updated_messages, error_code, error FROM sync_runs';

export function startRun(db: DB, mailboxId: number, startedAt: string): number {
  const { lastInsertRowid } = cached(
    db,
    `INSERT INTO sync_runs (mailbox_id, started_at, status) VALUES (?, ?, 'running')`,
  ).run(mailboxId, startedAt);
  return Number(lastInsertRowid);
}

export function finishRun(db: DB, runId: number, r: RunOutcome): void {
  cached(
    db,
    `UPDATE sync_runs SET finished_at = ?, status = ?, new_messages = ?, updated_messages = ?, error_code = ?, error = ?
     WHERE id = ?`,
  ).run(r.finished_at, r.status, r.new_messages, r.updated_messages, r.error_code, r.error, runId);
}

export function lastRun(db: DB, mailboxId: number): SyncRun | undefined {
  const r = cached<StoredRun>(db, `${SELECT_RUN} WHERE mailbox_id = ? ORDER BY id DESC LIMIT 1`).get(mailboxId);
  return r ? toRun(r) : undefined;
}

export function listRuns(db: DB, mailboxId: number, limit: number): SyncRun[] {
  return cached<StoredRun>(db, `${SELECT_RUN} WHERE mailbox_id = ? ORDER BY id DESC LIMIT ?`)
    .all(mailboxId, Math.max(0, Math.trunc(limit)))
    .map(toRun);
}

/** At start-up: runs left 'running' belong to a process that was killed mid-sync. */
export function markInterruptedRuns(db: DB, nowIso: string): number {
  return cached(
    db,
    `UPDATE sync_runs SET status = 'error', error_code = 'CANCELLED', finished_at = ? WHERE status = 'running'`,
  ).run(nowIso).changes;
}

/** When the mailbox's last successful run ended (null: never). Separate from the last run, which may have failed. */
export function lastSuccessAt(db: DB, mailboxId: number): string | null {
  const r = cached<{ at: string | null }>(
    db,
    `SELECT finished_at AS at FROM sync_runs WHERE mailbox_id = ? AND status = 'success' ORDER BY id DESC LIMIT 1`,
  ).get(mailboxId);
  return r?.at ?? null;
}

/** The last finished run that brought new messages: an empty run right after it must not hide them. */
export function lastNewMessages(db: DB, mailboxId: number): { count: number; at: string } | null {
  const r = cached<{ n: number; at: string | null }>(
    db,
    `SELECT new_messages AS n, finished_at AS at FROM sync_runs
     WHERE mailbox_id = ? AND new_messages > 0 AND finished_at IS NOT NULL ORDER BY id DESC LIMIT 1`,
  ).get(mailboxId);
  return r && r.at ? { count: r.n, at: r.at } : null;
}
