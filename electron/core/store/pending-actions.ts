// Moves and deletions made in Relève, waiting for the server. Each is stored in the same transaction as its
// local effect, addressed by where the message is on the server (folder, UIDVALIDITY, UID), so a crash, a
// kill or an outage only delays it; the push (sync/action-push.ts) replays it safely.
import type { DB } from './db.js';
import { cached } from './statements.js';

export interface PendingAction {
  id: number;
  message_id: number | null;
  mailbox_id: number;
  kind: 'move' | 'expunge';
  source_path: string;
  uidvalidity: string;
  uid: number;
  dest_path: string | null;
  attempts: number;
  last_error: string | null;
}

/** After this many failed pushes the action is dropped and the message shown back where the server has it. */
export const MAX_ACTION_ATTEMPTS = 5;

const SELECT = `SELECT id, message_id, mailbox_id, kind, source_path, uidvalidity, uid, dest_path, attempts, last_error
  FROM pending_actions`;

export function listPendingActions(db: DB, mailboxId: number): PendingAction[] {
  return cached<PendingAction>(db, `${SELECT} WHERE mailbox_id = ? ORDER BY id`).all(mailboxId);
}

export function pendingActionFor(db: DB, messageId: number): PendingAction | undefined {
  return cached<PendingAction>(db, `${SELECT} WHERE message_id = ?`).get(messageId);
}

export function queueAction(
  db: DB,
  a: Omit<PendingAction, 'id' | 'attempts' | 'last_error'>,
  nowIso: string,
): number {
  const { lastInsertRowid } = cached(
    db,
    `INSERT INTO pending_actions (message_id, mailbox_id, kind, source_path, uidvalidity, uid, dest_path, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (mailbox_id, source_path, uidvalidity, uid)
       DO UPDATE SET kind = excluded.kind, dest_path = excluded.dest_path, message_id = excluded.message_id,
                     attempts = 0, last_error = NULL`,
  ).run(a.message_id, a.mailbox_id, a.kind, a.source_path, a.uidvalidity, a.uid, a.dest_path, nowIso);
  return Number(lastInsertRowid);
}

export function updateActionTarget(db: DB, id: number, kind: PendingAction['kind'], destPath: string | null): void {
  cached(db, 'UPDATE pending_actions SET kind = ?, dest_path = ?, attempts = 0, last_error = NULL WHERE id = ?').run(kind, destPath, id);
}

export function dropAction(db: DB, id: number): void {
  cached(db, 'DELETE FROM pending_actions WHERE id = ?').run(id);
}

/** Records a failed push; returns the attempts so far. The message shows the error until a push succeeds. */
export function recordActionFailure(db: DB, id: number, error: string): number {
  return db
    .transaction((): number => {
      cached(db, 'UPDATE pending_actions SET attempts = attempts + 1, last_error = ? WHERE id = ?').run(error, id);
      const a = cached<{ attempts: number; message_id: number | null }>(
        db,
        'SELECT attempts, message_id FROM pending_actions WHERE id = ?',
      ).get(id);
      if (a?.message_id != null) cached(db, 'UPDATE messages SET action_error = ? WHERE id = ?').run(error, a.message_id);
      return a?.attempts ?? 0;
    })
    .immediate();
}

/** Gives up an action: the message is shown back in the folder the server has it in, with the error kept. */
export function abandonAction(db: DB, a: PendingAction): void {
  db.transaction(() => {
    if (a.message_id !== null) cached(db, 'UPDATE messages SET pending_folder_id = NULL WHERE id = ?').run(a.message_id);
    dropAction(db, a.id);
  }).immediate();
}

/**
 * The server has the message in `dest_path` now. With the new UID (UIDPLUS COPYUID) the row moves there as is;
 * without it, it waits there under a placeholder UIDVALIDITY and the destination's next sync re-links it by
 * content key (folder-sync's stale pass) instead of downloading it again. A destination that is not synced
 * takes the row out of the store, as the server no longer has it anywhere Relève looks.
 */
export function completeMove(db: DB, a: PendingAction, dest: { id: number; chosen: boolean } | undefined, copied?: { uidvalidity: string; uid: number }): void {
  db.transaction(() => {
    dropAction(db, a.id);
    if (a.message_id === null) return;
    if (!dest || !dest.chosen) {
      cached(db, 'DELETE FROM messages WHERE id = ?').run(a.message_id);
      return;
    }
    const folderUv = cached<{ uidvalidity: string | null }>(db, 'SELECT uidvalidity FROM folders WHERE id = ?').get(dest.id)?.uidvalidity;
    const exact = copied && (folderUv === null || folderUv === copied.uidvalidity);
    const [uidvalidity, uid] = exact ? [copied.uidvalidity, copied.uid] : [`moved-${a.id}`, a.uid];
    const clash = cached(db, 'SELECT 1 FROM messages WHERE folder_id = ? AND uidvalidity = ? AND uid = ?').get(dest.id, uidvalidity, uid);
    if (clash) {
      cached(db, 'DELETE FROM messages WHERE id = ?').run(a.message_id); // already synced there: keep that copy
      return;
    }
    cached(
      db,
      `UPDATE messages SET folder_id = ?, uidvalidity = ?, uid = ?, pending_folder_id = NULL, action_error = NULL WHERE id = ?`,
    ).run(dest.id, uidvalidity, uid, a.message_id);
  }).immediate();
}

export function completeExpunge(db: DB, a: PendingAction): void {
  db.transaction(() => {
    dropAction(db, a.id);
    if (a.message_id !== null) cached(db, 'DELETE FROM messages WHERE id = ?').run(a.message_id);
  }).immediate();
}
