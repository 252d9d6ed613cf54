// Flag changes in both directions: from the server (applyFlags during a sync) and from the user (setSeen).
import type { DB } from './db.js';
import { flagColumns, parseFlags, SEEN, withFlag } from './flag-set.js';
import { requireFolder, updateFolderState, type FolderStatePatch } from './folders.js';
import { overlayPendingOps, queueFlagOp } from './pending-ops.js';
import { cached } from './statements.js';

/** Server flags for UIDs of the folder's current UIDVALIDITY; returns how many rows actually changed. */
export function applyFlags(
  db: DB,
  folderId: number,
  changes: Array<{ uid: number; flags: string[] }>,
  state?: FolderStatePatch,
): number {
  return db
    .transaction((): number => {
      const { uidvalidity } = requireFolder(db, folderId);
      let changed = 0;
      if (uidvalidity !== null) {
        const find = cached<{ id: number; flags_json: string }>(
          db,
          'SELECT id, flags_json FROM messages WHERE folder_id = ? AND uidvalidity = ? AND uid = ?',
        );
        const update = cached(db, 'UPDATE messages SET flags_json = ?, seen = ?, flagged = ? WHERE id = ?');
        for (const c of changes) {
          const row = find.get(folderId, uidvalidity, c.uid);
          if (!row) continue;
          const f = flagColumns(overlayPendingOps(db, row.id, c.flags));
          if (f.flags_json === row.flags_json) continue;
          update.run(f.flags_json, f.seen, f.flagged, row.id);
          changed++;
        }
      }
      if (state) updateFolderState(db, folderId, state);
      return changed;
    })
    .immediate();
}

export interface SeenChange {
  mailbox_id: number;
  folder_path: string;
  uidvalidity: string;
  uid: number;
}

/**
 * Marks messages read/unread locally and queues the change for the server. Copies of the same Message-ID
 * (other folders or mailboxes) follow, since the collapsed inbox shows them as one message.
 * Returns the rows whose state changed.
 */
export function setSeen(db: DB, ids: number[], seen: boolean): SeenChange[] {
  if (ids.length === 0) return [];
  return db
    .transaction((): SeenChange[] => {
      const rows = cached<SeenChange & { id: number; flags_json: string; seen: number; archived: number }>(
        db,
        `WITH asked(id) AS (SELECT value FROM json_each(?))
         SELECT m.id, m.mailbox_id, f.path AS folder_path, m.uidvalidity, m.uid, m.flags_json, m.seen,
                (mb.deleted_at IS NOT NULL) AS archived
         FROM messages m
         JOIN folders f ON f.id = m.folder_id
         JOIN mailboxes mb ON mb.id = m.mailbox_id
         WHERE m.id IN (SELECT id FROM asked)
            OR m.message_id IN (SELECT message_id FROM messages WHERE id IN (SELECT id FROM asked) AND message_id IS NOT NULL)
         ORDER BY m.id`,
      ).all(JSON.stringify(ids));
      const update = cached(db, 'UPDATE messages SET flags_json = ?, seen = ?, flagged = ? WHERE id = ?');
      const changed: SeenChange[] = [];
      for (const r of rows) {
        if ((r.seen === 1) === seen) continue;
        const f = flagColumns(withFlag(parseFlags(r.flags_json), SEEN, seen));
        update.run(f.flags_json, f.seen, f.flagged, r.id);
        // An archived (soft-deleted) mailbox has no server to tell.
        if (r.archived === 0) queueFlagOp(db, r.id, r.mailbox_id, SEEN, seen);
        changed.push({ mailbox_id: r.mailbox_id, folder_path: r.folder_path, uidvalidity: r.uidvalidity, uid: r.uid });
      }
      return changed;
    })
    .immediate();
}
