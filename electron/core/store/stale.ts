import type { DB } from './db.js';

/** Rows of a folder left from an older UIDVALIDITY (a reset, or a crash during its re-sync). */
export function countStaleMessages(db: DB, folderId: number): number {
  const row = db
    .prepare(
      `SELECT count(*) AS n FROM messages m JOIN folders f ON f.id = m.folder_id
       WHERE m.folder_id = ? AND m.uidvalidity <> f.uidvalidity`,
    )
    .get(folderId) as { n: number };
  return row.n;
}
