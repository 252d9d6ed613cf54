// Rows left from an older UIDVALIDITY (a reset, or a crash during its re-sync): how the store tells it has some.
import type { DB } from './db.js';
import { cached } from './statements.js';

/** Rows of a folder left from an older UIDVALIDITY. */
export function countStaleMessages(db: DB, folderId: number): number {
  const row = db
    .prepare(
      `SELECT count(*) AS n FROM messages m JOIN folders f ON f.id = m.folder_id
       WHERE m.folder_id = ? AND m.uidvalidity <> f.uidvalidity`,
    )
    .get(folderId) as { n: number };
  return row.n;
}

/** Does `folderId` hold rows stored under another UIDVALIDITY than `uidvalidity`? Two index probes (per batch). */
export function folderHasStaleRows(db: DB, folderId: number, uidvalidity: string): boolean {
  const below = cached(db, 'SELECT 1 FROM messages WHERE folder_id = ? AND uidvalidity < ? LIMIT 1').get(folderId, uidvalidity);
  return below !== undefined || cached(db, 'SELECT 1 FROM messages WHERE folder_id = ? AND uidvalidity > ? LIMIT 1').get(folderId, uidvalidity) !== undefined;
}

/** Does any folder of the store hold such rows? */
export function anyStaleRows(db: DB): boolean {
  return db.prepare('SELECT 1 FROM messages m JOIN folders f ON f.id = m.folder_id WHERE m.uidvalidity <> f.uidvalidity LIMIT 1').get() !== undefined;
}
