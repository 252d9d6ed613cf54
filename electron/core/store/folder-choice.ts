// Which folders of a mailbox exist on the server (as last listed), what each is for, and which are synced.
// The choice is stored per folder: NULL follows the role's default, 0/1 is what the user picked.
import { ReleveError } from '../../../shared/errors.js';
import type { FolderRole, MailboxFolder } from '../../../shared/types.js';
import type { DB } from './db.js';
import { cached } from './statements.js';

export interface DiscoveredPath {
  path: string;
  role: FolderRole;
}

/** Roles synced unless the user says otherwise (kept here so SQL and code agree). */
const DEFAULT_CHOSEN_SQL = `role IN ('inbox', 'sent', 'junk', 'archive')`;
const EFFECTIVE_CHOSEN_SQL = `(role = 'inbox' OR (role <> 'all' AND COALESCE(chosen, ${DEFAULT_CHOSEN_SQL})))`;

/**
 * Stores what LIST returned. A folder that is no longer listed (deleted or renamed on the server) goes, with
 * its messages: syncing it would fail at every run, and its mail is no longer on the server. Returns the
 * removed paths so the caller can say so.
 */
export function recordDiscovery(db: DB, mailboxId: number, found: readonly DiscoveredPath[]): string[] {
  return db
    .transaction((): string[] => {
      const upsert = cached(
        db,
        `INSERT INTO folders (mailbox_id, path, role, listed) VALUES (?, ?, ?, 1)
         ON CONFLICT (mailbox_id, path) DO UPDATE SET role = excluded.role, listed = 1`,
      );
      for (const f of found) upsert.run(mailboxId, f.path, f.role);
      const gone = cached<{ id: number; path: string }>(
        db,
        `SELECT id, path FROM folders WHERE mailbox_id = ? AND upper(path) <> 'INBOX'
           AND path NOT IN (SELECT value FROM json_each(?))`,
      ).all(mailboxId, JSON.stringify(found.map((f) => f.path)));
      const drop = cached(db, 'DELETE FROM folders WHERE id = ?');
      for (const g of gone) drop.run(g.id);
      return gone.map((g) => g.path);
    })
    .immediate();
}

/** Paths to sync, INBOX first (new mail matters most), then by role and name. */
export function chosenFolderPaths(db: DB, mailboxId: number): string[] {
  const rows = cached<{ path: string }>(
    db,
    `SELECT path FROM folders WHERE mailbox_id = ? AND listed = 1 AND ${EFFECTIVE_CHOSEN_SQL}
     ORDER BY role <> 'inbox', path`,
  ).all(mailboxId);
  const paths = rows.map((r) => r.path);
  return paths.some((p) => p.toUpperCase() === 'INBOX') ? paths : ['INBOX', ...paths];
}

export function hasDiscoveredFolders(db: DB, mailboxId: number): boolean {
  return cached(db, `SELECT 1 FROM folders WHERE mailbox_id = ? AND upper(path) <> 'INBOX' LIMIT 1`).get(mailboxId) !== undefined;
}

export function listMailboxFolders(db: DB, mailboxId: number): MailboxFolder[] {
  return cached<{ path: string; role: FolderRole; chosen: number; n: number }>(
    db,
    `SELECT f.path, f.role, ${EFFECTIVE_CHOSEN_SQL} AS chosen,
       (SELECT COUNT(*) FROM messages m WHERE m.folder_id = f.id) AS n
     FROM folders f WHERE f.mailbox_id = ? AND f.listed = 1
     ORDER BY f.role <> 'inbox', f.path`,
  )
    .all(mailboxId)
    .map((r) => ({ path: r.path, role: r.role, chosen: r.chosen === 1, message_count: r.n }));
}

/** The folder of this mailbox playing `role` (as last discovered), if any. */
export function folderByRole(db: DB, mailboxId: number, role: FolderRole): { id: number; path: string } | undefined {
  return cached<{ id: number; path: string }>(
    db,
    'SELECT id, path FROM folders WHERE mailbox_id = ? AND role = ? AND listed = 1 ORDER BY id LIMIT 1',
  ).get(mailboxId, role);
}

export function folderByPath(db: DB, mailboxId: number, path: string): { id: number; path: string; role: FolderRole; chosen: boolean } | undefined {
  const r = cached<{ id: number; path: string; role: FolderRole; chosen: number }>(
    db,
    `SELECT id, path, role, ${EFFECTIVE_CHOSEN_SQL} AS chosen FROM folders WHERE mailbox_id = ? AND path = ? AND listed = 1`,
  ).get(mailboxId, path);
  return r && { ...r, chosen: r.chosen === 1 };
}

/**
 * The user's choice: exactly these folders (plus INBOX) are synced. Unknown paths and Gmail's All Mail are
 * refused rather than ignored, so a typo does not silently sync nothing.
 */
export function setChosenFolders(db: DB, mailboxId: number, paths: readonly string[]): void {
  db.transaction(() => {
    const known = new Map(listMailboxFolders(db, mailboxId).map((f) => [f.path, f.role]));
    for (const p of paths) {
      const role = known.get(p);
      if (role === undefined) throw new ReleveError('VALIDATION', `unknown folder: ${p}`, { detail: p });
      if (role === 'all') throw new ReleveError('VALIDATION', `folder ${p} holds a copy of every message and is never synced`, { detail: p });
    }
    cached(db, `UPDATE folders SET chosen = CASE WHEN path IN (SELECT value FROM json_each(?)) THEN 1 ELSE 0 END
                WHERE mailbox_id = ? AND upper(path) <> 'INBOX'`).run(JSON.stringify(paths), mailboxId);
  }).immediate();
}
