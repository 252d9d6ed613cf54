// Per-folder sync state (UIDVALIDITY, last committed UID, UIDNEXT, HIGHESTMODSEQ), written in the same
// transaction as the messages it describes so that a crash never leaves the two out of step.
import { ReleveError } from '../../../shared/errors.js';
import type { FolderState } from '../model.js';
import type { DB } from './db.js';
import { cached } from './statements.js';

export type FolderStatePatch = Partial<Omit<FolderState, 'id' | 'mailbox_id' | 'path'>>;

const STATE_COLUMNS = ['uidvalidity', 'last_uid', 'min_uid', 'uidnext', 'highest_modseq', 'exists_count', 'server_count'] as const satisfies ReadonlyArray<
  keyof FolderStatePatch
>;

const SELECT_FOLDER =
  'SELECT id, mailbox_id, path, uidvalidity, last_uid, min_uid, uidnext, highest_modseq, exists_count, server_count FROM folders';

export function getFolder(db: DB, folderId: number): FolderState | undefined {
  return cached<FolderState>(db, `${SELECT_FOLDER} WHERE id = ?`).get(folderId);
}

export function requireFolder(db: DB, folderId: number): FolderState {
  const f = getFolder(db, folderId);
  if (!f) throw new ReleveError('NOT_FOUND', `folder ${folderId} not found`);
  return f;
}

export function getOrCreateFolder(db: DB, mailboxId: number, path: string): FolderState {
  cached(
    db,
    `INSERT INTO folders (mailbox_id, path, role) VALUES (?, ?, CASE WHEN upper(?) = 'INBOX' THEN 'inbox' ELSE 'other' END)
     ON CONFLICT (mailbox_id, path) DO NOTHING`,
  ).run(mailboxId, path, path);
  const f = cached<FolderState>(db, `${SELECT_FOLDER} WHERE mailbox_id = ? AND path = ?`).get(mailboxId, path);
  if (!f) throw new ReleveError('STORAGE', `folder ${path} vanished right after insert`);
  return f;
}

export function updateFolderState(db: DB, folderId: number, patch: FolderStatePatch): FolderState {
  const columns = STATE_COLUMNS.filter((c) => patch[c] !== undefined);
  if (columns.length > 0) {
    const sets = columns.map((c) => `${c} = ?`).join(', ');
    db.prepare(`UPDATE folders SET ${sets} WHERE id = ?`).run(...columns.map((c) => patch[c]), folderId);
  }
  return requireFolder(db, folderId);
}

/**
 * The server renumbered the folder. Message rows stay (now "stale": their uidvalidity differs from the
 * folder's) so the inbox does not empty out; the re-sync relinks them by content key or deletes them.
 */
export function resetFolderForUidValidity(db: DB, folderId: number, newUidValidity: string): void {
  const { changes } = cached(
    db,
    `UPDATE folders SET uidvalidity = ?, last_uid = 0, uidnext = NULL, highest_modseq = NULL, exists_count = NULL,
         server_count = NULL
     WHERE id = ?`,
  ).run(newUidValidity, folderId);
  if (changes === 0) throw new ReleveError('NOT_FOUND', `folder ${folderId} not found`);
}
