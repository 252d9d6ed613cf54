// Schema step 9: the full-text index gets its own watermark (store/fts-deferred.ts). The sync's writer no longer
// indexes each batch as it commits it but every few MiB of text (FTS5 writes one segment per transaction and
// merges them again and again: small transactions made a large first sync markedly slower per message).
// Invariant: every message with id <= indexed_through is in messages_fts, none above it is.
import type { Migration } from './types.js';

export const migration009FtsWatermark: Migration = {
  version: 9,
  name: 'fts-watermark',
  up(db) {
    db.exec(`
      CREATE TABLE fts_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        indexed_through INTEGER NOT NULL CHECK (indexed_through >= 0)
      );
      -- Stores written before this step indexed every message in the batch's own transaction.
      INSERT INTO fts_state (id, indexed_through) SELECT 1, COALESCE(MAX(id), 0) FROM messages;

      -- messages.id is a plain rowid: once the highest rows are deleted, SQLite hands their ids out again. A new
      -- message at or below the watermark would never be indexed, so the watermark comes down to the highest id
      -- left (nothing exists between the two: the invariant holds). One primary-key lookup per delete.
      -- (messages_after_delete removes the row's index entry; for a row not indexed yet that DELETE is a no-op in
      -- a contentless_delete table, checked by test/core/fts-deferred.test.ts.)
      CREATE TRIGGER fts_state_after_delete AFTER DELETE ON messages
      WHEN OLD.id > (SELECT COALESCE(MAX(id), 0) FROM messages)
      BEGIN
        UPDATE fts_state SET indexed_through = (SELECT COALESCE(MAX(id), 0) FROM messages)
          WHERE indexed_through > (SELECT COALESCE(MAX(id), 0) FROM messages);
      END;
    `);
  },
};
