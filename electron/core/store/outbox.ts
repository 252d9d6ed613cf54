// The durable outbox: one row per message to send, holding the exact bytes (built once, with their
// Message-ID) and where the send stands. Every transition is one small transaction, so after a crash the
// row says precisely what may have happened (see send/outbox-worker.ts for the recovery rules).
import type { DB } from './db.js';
import { flagColumns, parseFlags, withFlag } from './flag-set.js';
import { cached } from './statements.js';

export type OutboxKind = 'new' | 'reply' | 'reply_all' | 'forward';
export type OutboxStateValue = 'queued' | 'sending' | 'sent' | 'failed';
/** 0: still to do, 1: done, 2: not needed. */
export type StepState = 0 | 1 | 2;

export interface OutboxRow {
  id: number;
  mailbox_id: number;
  kind: OutboxKind;
  source_message_id: number | null;
  message_id: string;
  from_address: string;
  recipients_json: string;
  subject: string;
  state: OutboxStateValue;
  phase: 'connect' | 'committing' | null;
  attempts: number;
  not_before: number;
  error_code: string | null;
  error_detail: string | null;
  smtp_response: string | null;
  sent_at: string | null;
  sent_copy: StepState;
  answered: StepState;
  created_at: string;
  updated_at: string;
}

export interface NewOutboxRow {
  mailbox_id: number;
  kind: OutboxKind;
  source_message_id: number | null;
  message_id: string;
  from_address: string;
  /** Envelope recipients (To + Cc + Bcc). */
  recipients: string[];
  subject: string;
  raw: Buffer;
  not_before: number;
  sent_copy: StepState;
  answered: StepState;
}

const COLUMNS = `id, mailbox_id, kind, source_message_id, message_id, from_address, recipients_json, subject, state, phase,
  attempts, not_before, error_code, error_detail, smtp_response, sent_at, sent_copy, answered, created_at, updated_at`;

export function insertOutbox(db: DB, r: NewOutboxRow, nowIso: string): OutboxRow {
  const { lastInsertRowid } = cached(
    db,
    `INSERT INTO outbox (mailbox_id, kind, source_message_id, message_id, from_address, recipients_json, subject, raw,
       state, not_before, sent_copy, answered, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?)`,
  ).run(
    r.mailbox_id, r.kind, r.source_message_id, r.message_id, r.from_address, JSON.stringify(r.recipients), r.subject, r.raw,
    r.not_before, r.sent_copy, r.answered, nowIso, nowIso,
  );
  return getOutbox(db, Number(lastInsertRowid))!;
}

export function getOutbox(db: DB, id: number): OutboxRow | undefined {
  return cached<OutboxRow>(db, `SELECT ${COLUMNS} FROM outbox WHERE id = ?`).get(id);
}

export function getOutboxRaw(db: DB, id: number): Buffer | undefined {
  return cached<{ raw: Buffer }>(db, 'SELECT raw FROM outbox WHERE id = ?').get(id)?.raw;
}

export function listOutbox(db: DB, opts: { mailbox_id?: number; limit?: number } = {}): OutboxRow[] {
  const limit = opts.limit ?? 200;
  return opts.mailbox_id !== undefined
    ? cached<OutboxRow>(db, `SELECT ${COLUMNS} FROM outbox WHERE mailbox_id = ? ORDER BY id DESC LIMIT ?`).all(opts.mailbox_id, limit)
    : cached<OutboxRow>(db, `SELECT ${COLUMNS} FROM outbox ORDER BY id DESC LIMIT ?`).all(limit);
}

/** The next queued message whose time has come, atomically marked `sending` (phase connect, one more attempt). */
export function claimDue(db: DB, now: number, nowIso: string): OutboxRow | undefined {
  return db
    .transaction((): OutboxRow | undefined => {
      // A mailbox deleted but kept as an archive can no longer send: say so instead of waiting forever.
      cached(
        db,
        `UPDATE outbox SET state = 'failed', error_code = 'NOT_FOUND', error_detail = 'the sending mailbox was deleted', updated_at = ?
         WHERE state = 'queued' AND mailbox_id IN (SELECT id FROM mailboxes WHERE deleted_at IS NOT NULL)`,
      ).run(nowIso);
      const row = cached<{ id: number }>(
        db,
        `SELECT o.id FROM outbox o JOIN mailboxes m ON m.id = o.mailbox_id AND m.deleted_at IS NULL
         WHERE o.state = 'queued' AND o.not_before <= ? ORDER BY o.not_before, o.id LIMIT 1`,
      ).get(now);
      if (!row) return undefined;
      cached(
        db,
        `UPDATE outbox SET state = 'sending', phase = 'connect', attempts = attempts + 1, updated_at = ? WHERE id = ?`,
      ).run(nowIso, row.id);
      return getOutbox(db, row.id);
    })
    .immediate();
}

/** When the next queued message is due (ms), or null. */
export function nextDueAt(db: DB): number | null {
  const r = cached<{ t: number | null }>(db, `SELECT min(not_before) AS t FROM outbox WHERE state = 'queued'`).get();
  return r?.t ?? null;
}

/** The last byte of the message is about to leave: from now on the server may accept it at any moment. */
export function markCommitting(db: DB, id: number, nowIso: string): void {
  cached(db, `UPDATE outbox SET phase = 'committing', updated_at = ? WHERE id = ? AND state = 'sending'`).run(nowIso, id);
}

export function markSent(db: DB, id: number, response: string, nowIso: string): void {
  cached(
    db,
    `UPDATE outbox SET state = 'sent', phase = NULL, smtp_response = ?, sent_at = ?, error_code = NULL, error_detail = NULL,
       updated_at = ? WHERE id = ?`,
  ).run(response, nowIso, nowIso, id);
}

/** Back to the queue for a later attempt (the message cannot have been delivered). */
export function markRetry(db: DB, id: number, notBefore: number, code: string, detail: string, nowIso: string): void {
  cached(
    db,
    `UPDATE outbox SET state = 'queued', phase = NULL, not_before = ?, error_code = ?, error_detail = ?, updated_at = ? WHERE id = ?`,
  ).run(notBefore, code, detail, nowIso, id);
}

export function markFailed(db: DB, id: number, code: string, detail: string, nowIso: string): void {
  cached(
    db,
    `UPDATE outbox SET state = 'failed', phase = NULL, error_code = ?, error_detail = ?, updated_at = ? WHERE id = ?`,
  ).run(code, detail, nowIso, id);
}

/** Rows a dead process left in `sending`, by phase. */
export function interruptedSends(db: DB): OutboxRow[] {
  return cached<OutboxRow>(db, `SELECT ${COLUMNS} FROM outbox WHERE state = 'sending' ORDER BY id`).all();
}

/** Undo: only a message no attempt has started on (or one that failed) can be withdrawn. */
export function deleteUnsent(db: DB, id: number): boolean {
  return cached(db, `DELETE FROM outbox WHERE id = ? AND state IN ('queued', 'failed')`).run(id).changes > 0;
}

export function requeue(db: DB, id: number, now: number, nowIso: string): boolean {
  return (
    cached(
      db,
      `UPDATE outbox SET state = 'queued', phase = NULL, not_before = ?, attempts = 0, updated_at = ? WHERE id = ? AND state = 'failed'`,
    ).run(now, nowIso, id).changes > 0
  );
}

/** Sent messages with an after-send step (Sent copy, \Answered) still to do. */
export function pendingAfterSend(db: DB): OutboxRow[] {
  return cached<OutboxRow>(
    db,
    `SELECT ${COLUMNS} FROM outbox WHERE state = 'sent' AND (sent_copy = 0 OR answered = 0) ORDER BY id`,
  ).all();
}

export function setStep(db: DB, id: number, step: 'sent_copy' | 'answered', value: StepState): void {
  const sql = step === 'sent_copy' ? 'UPDATE outbox SET sent_copy = ? WHERE id = ?' : 'UPDATE outbox SET answered = ? WHERE id = ?';
  cached(db, sql).run(value, id);
}

/** \Answered on the stored copy too, so the inbox shows it before the next sync brings the server's flags. */
export function markAnsweredLocally(db: DB, messageId: number): void {
  const row = cached<{ flags_json: string }>(db, 'SELECT flags_json FROM messages WHERE id = ?').get(messageId);
  if (!row) return;
  const f = flagColumns(withFlag(parseFlags(row.flags_json), '\\Answered', true));
  cached(db, 'UPDATE messages SET flags_json = ?, seen = ?, flagged = ? WHERE id = ?').run(f.flags_json, f.seen, f.flagged, messageId);
}
