// Where one message's source is recorded inside a write transaction: in the connection's pack (a file store),
// or inline in message_raw (a store in memory, which has no folder for packs).
import type { DB } from './db.js';
import { packWriterFor } from './source-packs.js';
import { cached } from './statements.js';

export function storeSource(db: DB, messageId: number, raw: Buffer): void {
  const packs = packWriterFor(db);
  if (packs === null) {
    cached(db, 'INSERT INTO message_raw (message_id, raw) VALUES (?, ?)').run(messageId, raw);
    return;
  }
  // Written ahead by the parse worker (PackWriter.writeMany), or queued now for the transaction's flush.
  const at = packs.placeOf(raw) ?? packs.append(raw);
  cached(db, 'INSERT INTO message_sources (message_id, pack_id, "offset", length) VALUES (?, ?, ?, ?)').run(
    messageId,
    at.packId,
    at.offset,
    raw.length,
  );
}
