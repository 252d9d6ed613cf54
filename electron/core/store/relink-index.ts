// The index the re-link after a UIDVALIDITY change needs (folder, content key → row), present only while some
// folder holds rows of an older UIDVALIDITY: kept always, it cost every insert a random page write (migration
// 011). Built when a batch or the re-link pre-pass meets stale rows (a few hundred ms at 100 000 messages, once
// per reset), dropped once the stale rows are gone.
import type { DB } from './db.js';
import { anyStaleRows } from './stale.js';

const NAME = 'messages_relink';

/** Builds the re-link index if it is not there (inside the caller's transaction). */
export function ensureRelinkIndex(db: DB): void {
  db.exec(`CREATE INDEX IF NOT EXISTS ${NAME} ON messages (folder_id, content_key)`);
}

/** Drops it once no folder holds stale rows any more. */
export function dropRelinkIndexIfUnneeded(db: DB): void {
  if (!anyStaleRows(db)) db.exec(`DROP INDEX IF EXISTS ${NAME}`);
}
