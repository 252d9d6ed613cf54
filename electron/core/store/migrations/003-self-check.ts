// Schema step 3: the sync's self-check. server_count is how many messages the server held in the folder's sync
// window at the last check; a store holding fewer (a hole, a failed message, a row lost) makes the next pass
// list the folder's UIDs and fetch what is missing instead of trusting last_uid.
import type { Migration } from './types.js';

export const migration003SelfCheck: Migration = {
  version: 3,
  name: 'self-check',
  up(db) {
    db.exec('ALTER TABLE folders ADD COLUMN server_count INTEGER;');
  },
};
