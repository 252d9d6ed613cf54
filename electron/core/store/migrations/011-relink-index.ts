// Schema step 11: the (folder_id, content_key) index goes. It served one query, the re-link of a folder's rows
// after its UIDVALIDITY changed (a rare event), yet every stored message paid for it: its keys are hashes, so
// each insert dirtied a random page, and with 32 KB pages each commit wrote those pages to the WAL again.
// Measured on the 100 000-message first sync (per-step timers in the writer): the batch transactions 16.4 →
// 13.3 s. The re-link builds the same index while a folder has rows of an older UIDVALIDITY (store/relink-index.ts).
import type { Migration } from './types.js';

export const migration011RelinkIndex: Migration = {
  version: 11,
  name: 'relink-index',
  up(db) {
    db.exec('DROP INDEX IF EXISTS messages_folder_content_key');
  },
};
