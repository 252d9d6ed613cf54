// The local half of a user action: applied to the store at once (the views change now) and, for moves and
// deletions, queued in the same transaction for the server. Read/star marks go through the flag queue
// (pending-ops.ts), which the folder sync pushes.
import type { FolderRole, MessageAction } from '../../../shared/types.js';
import type { DB } from './db.js';
import { FLAGGED, flagColumns, parseFlags, withFlag } from './flag-set.js';
import { folderByPath, folderByRole } from './folder-choice.js';
import { setSeen } from './message-flags.js';
import { pendingActionFor, queueAction, updateActionTarget, dropAction } from './pending-actions.js';
import { queueFlagOp } from './pending-ops.js';
import { shownFolder } from './shown-folder.js';
import { cached } from './statements.js';

export interface ActionOutcome {
  /** Mailboxes whose messages changed (to push and to refresh). */
  mailboxes: Set<number>;
  updated: number;
  skipped: Array<{ id: number; reason: SkipReason }>;
}

export type SkipReason = 'not_found' | 'no_archive' | 'no_trash' | 'unknown_folder' | 'same_folder' | 'archived_mailbox';

interface Target {
  id: number;
  mailbox_id: number;
  folder_id: number;
  folder_path: string;
  uidvalidity: string;
  uid: number;
  /** Where the message shows now: its pending destination, else its folder. */
  shown_folder_id: number;
  shown_role: FolderRole;
  archived: number;
}

function target(db: DB, id: number): Target | undefined {
  return cached<Target>(
    db,
    `SELECT m.id, m.mailbox_id, m.folder_id, f.path AS folder_path, m.uidvalidity, m.uid,
            ${shownFolder('m')} AS shown_folder_id, s.role AS shown_role,
            (mb.deleted_at IS NOT NULL) AS archived
     FROM messages m JOIN folders f ON f.id = m.folder_id
     JOIN folders s ON s.id = ${shownFolder('m')}
     JOIN mailboxes mb ON mb.id = m.mailbox_id
     WHERE m.id = ?`,
  ).get(id);
}

/** Star/unstar; copies of the same Message-ID follow, as for read marks (the inbox shows them as one). */
function setFlagged(db: DB, ids: number[], on: boolean, out: ActionOutcome): void {
  const rows = cached<{ id: number; mailbox_id: number; flags_json: string; flagged: number; archived: number }>(
    db,
    `WITH asked(id) AS (SELECT value FROM json_each(?))
     SELECT m.id, m.mailbox_id, m.flags_json, m.flagged, (mb.deleted_at IS NOT NULL) AS archived
     FROM messages m JOIN mailboxes mb ON mb.id = m.mailbox_id
     WHERE m.id IN (SELECT id FROM asked)
        OR m.message_id IN (SELECT message_id FROM messages WHERE id IN (SELECT id FROM asked) AND message_id IS NOT NULL)`,
  ).all(JSON.stringify(ids));
  const update = cached(db, 'UPDATE messages SET flags_json = ?, seen = ?, flagged = ? WHERE id = ?');
  for (const r of rows) {
    if ((r.flagged === 1) === on) continue;
    const f = flagColumns(withFlag(parseFlags(r.flags_json), FLAGGED, on));
    update.run(f.flags_json, f.seen, f.flagged, r.id);
    if (r.archived === 0) queueFlagOp(db, r.id, r.mailbox_id, FLAGGED, on);
    out.mailboxes.add(r.mailbox_id);
    out.updated++;
  }
}

/** Shows the message in `dest` now and queues the MOVE; a second move before the push replaces the first. */
function moveLocally(db: DB, t: Target, dest: { id: number; path: string }, nowIso: string): boolean {
  if (dest.id === t.shown_folder_id) return false;
  const queued = pendingActionFor(db, t.id);
  if (dest.id === t.folder_id) {
    // Back where the server has it: nothing to tell the server.
    if (queued) dropAction(db, queued.id);
    cached(db, 'UPDATE messages SET pending_folder_id = NULL, action_error = NULL WHERE id = ?').run(t.id);
    return true;
  }
  if (queued) updateActionTarget(db, queued.id, 'move', dest.path);
  else queueAction(db, { message_id: t.id, mailbox_id: t.mailbox_id, kind: 'move', source_path: t.folder_path, uidvalidity: t.uidvalidity, uid: t.uid, dest_path: dest.path }, nowIso);
  cached(db, 'UPDATE messages SET pending_folder_id = ?, action_error = NULL WHERE id = ?').run(dest.id, t.id);
  return true;
}

/** Deleted for good: gone from the store now, EXPUNGEd on the server by the push. */
function expungeLocally(db: DB, t: Target, nowIso: string): void {
  const queued = pendingActionFor(db, t.id);
  if (queued) updateActionTarget(db, queued.id, 'expunge', null);
  else queueAction(db, { message_id: t.id, mailbox_id: t.mailbox_id, kind: 'expunge', source_path: t.folder_path, uidvalidity: t.uidvalidity, uid: t.uid, dest_path: null }, nowIso);
  cached(db, 'DELETE FROM messages WHERE id = ?').run(t.id);
}

export function applyMessageAction(db: DB, ids: number[], action: MessageAction, nowIso: string, folderPath?: string): ActionOutcome {
  const out: ActionOutcome = { mailboxes: new Set(), updated: 0, skipped: [] };
  if (ids.length === 0) return out;
  if (action === 'read' || action === 'unread') {
    for (const c of setSeen(db, ids, action === 'read')) {
      out.mailboxes.add(c.mailbox_id);
      out.updated++;
    }
    return out;
  }
  db.transaction(() => {
    if (action === 'flag' || action === 'unflag') return setFlagged(db, ids, action === 'flag', out);
    for (const id of ids) {
      const t = target(db, id);
      if (!t) {
        out.skipped.push({ id, reason: 'not_found' });
        continue;
      }
      if (t.archived === 1) {
        out.skipped.push({ id, reason: 'archived_mailbox' }); // no server left to tell
        continue;
      }
      let dest: { id: number; path: string } | undefined;
      let missing: SkipReason = 'unknown_folder';
      // Gmail has no Archive folder: archiving there is leaving INBOX for « All Mail ».
      if (action === 'archive') [dest, missing] = [folderByRole(db, t.mailbox_id, 'archive') ?? folderByRole(db, t.mailbox_id, 'all'), 'no_archive'];
      else if (action === 'not-spam') dest = folderByRole(db, t.mailbox_id, 'inbox');
      else if (action === 'move') dest = folderPath === undefined ? undefined : folderByPath(db, t.mailbox_id, folderPath);
      else if (action === 'delete') {
        if (t.shown_role === 'trash') {
          expungeLocally(db, t, nowIso);
          out.mailboxes.add(t.mailbox_id);
          out.updated++;
          continue;
        }
        [dest, missing] = [folderByRole(db, t.mailbox_id, 'trash'), 'no_trash'];
      }
      if (!dest) {
        out.skipped.push({ id, reason: missing });
        continue;
      }
      if (!moveLocally(db, t, dest, nowIso)) {
        out.skipped.push({ id, reason: 'same_folder' });
        continue;
      }
      out.mailboxes.add(t.mailbox_id);
      out.updated++;
    }
  }).immediate();
  return out;
}
