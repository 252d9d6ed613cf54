// Local flag changes (read/unread) waiting to be pushed to the IMAP server. Until pushed, they win over the
// server's flags, so a sync that runs before the push does not undo what the user just did.
import type { DB } from './db.js';
import { withFlag } from './flag-set.js';
import { cached } from './statements.js';

export interface PendingFlagOp {
  id: number;
  folder_path: string;
  uidvalidity: string;
  uid: number;
  flag: string;
  add: boolean;
}

/** Server flags with this message's queued local changes applied on top. */
export function overlayPendingOps(db: DB, messageId: number, serverFlags: readonly string[]): string[] {
  const ops = cached<{ flag: string; add_flag: number }>(
    db,
    'SELECT flag, add_flag FROM pending_flag_ops WHERE message_id = ? ORDER BY id',
  ).all(messageId);
  return ops.reduce<string[]>((flags, op) => withFlag(flags, op.flag, op.add_flag === 1), [...serverFlags]);
}

/** Queues a change; a later change of the same flag replaces the earlier one (only the last intent matters). */
export function queueFlagOp(db: DB, messageId: number, mailboxId: number, flag: string, add: boolean): void {
  cached(
    db,
    `INSERT INTO pending_flag_ops (message_id, mailbox_id, flag, add_flag) VALUES (?, ?, ?, ?)
     ON CONFLICT (message_id, flag) DO UPDATE SET add_flag = excluded.add_flag`,
  ).run(messageId, mailboxId, flag, add ? 1 : 0);
}

/** The mailbox's queued changes, oldest first, addressed by the message's current folder/UIDVALIDITY/UID. */
export function takePendingFlagOps(db: DB, mailboxId: number): PendingFlagOp[] {
  return cached<Omit<PendingFlagOp, 'add'> & { add_flag: number }>(
    db,
    `SELECT p.id, f.path AS folder_path, m.uidvalidity, m.uid, p.flag, p.add_flag
     FROM pending_flag_ops p
     JOIN messages m ON m.id = p.message_id
     JOIN folders f ON f.id = m.folder_id
     WHERE p.mailbox_id = ? ORDER BY p.id`,
  )
    .all(mailboxId)
    .map(({ add_flag, ...op }) => ({ ...op, add: add_flag === 1 }));
}

export function clearPendingFlagOps(db: DB, opIds: number[]): void {
  if (opIds.length === 0) return;
  cached(db, 'DELETE FROM pending_flag_ops WHERE id IN (SELECT value FROM json_each(?))').run(JSON.stringify(opIds));
}
