// The index the re-link after a UIDVALIDITY change needs (folder, content key → row), present only while some
// folder holds rows of an older UIDVALIDITY: kept always, it cost every insert a random page write (migration
// 011). Built when a batch or the re-link pre-pass meets stale rows (a few hundred ms at 100 000 messages, once
// per reset), dropped once the stale rows are gone.
import type { DB } from './db.js';
import { cached } from './statements.js';

const NAME = 'messages_relink';

/** Does `folderId` hold rows stored under another UIDVALIDITY than `uidvalidity`? Two index probes. */
export function folderHasStaleRows(db: DB, folderId: number, uidvalidity: string): boolean {
  const below = cached(db, 'SELECT 1 FROM messages WHERE folder_id = ? AND uidvalidity < ? LIMIT 1').get(folderId, uidvalidity);
  return below !== undefined || cached(db, 'SELECT 1 FROM messages WHERE folder_id = ? AND uidvalidity > ? LIMIT 1').get(folderId, uidvalidity) !== undefined;
}

/** Builds the re-link index if it is not there (inside the caller's transaction). */
export function ensureRelinkIndex(db: DB): void {
  db.exec(`CREATE INDEX IF NOT EXISTS ${NAME} ON messages (folder_id, content_key)`);
}

/** Drops it once no folder holds stale rows any more. */
export function dropRelinkIndexIfUnneeded(db: DB): void {
  const stale = db
    .prepare('SELECT 1 FROM messages m JOIN folders f ON f.id = m.folder_id WHERE m.uidvalidity <> f.uidvalidity LIMIT 1')
    .get();
  if (stale === undefined) db.exec(`DROP INDEX IF EXISTS ${NAME}`);
}
