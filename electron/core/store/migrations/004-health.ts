// Schema step 4 (issue #11, numbers that agree): the status counts, per mailbox, the copies the unified inbox
// shows under another row (is_primary = 0). They are few, so a partial index over them alone keeps those
// counts as cheap as the existing ones (a scan of every message per status event cost ~0.6 s at 100 000).
// Every status also reports the last successful run and the last run that brought mail: runs are never pruned
// and a failing (or idle) mailbox piles up runs without either, so both are found through partial indexes.
import type { Migration } from './types.js';

export const migration004Health: Migration = {
  version: 4,
  name: 'health',
  up(db) {
    db.exec(`
      CREATE INDEX messages_mailbox_copies ON messages (mailbox_id, seen) WHERE is_primary = 0;
      CREATE INDEX sync_runs_success ON sync_runs (mailbox_id, id DESC) WHERE status = 'success';
      CREATE INDEX sync_runs_new ON sync_runs (mailbox_id, id DESC) WHERE new_messages > 0;
    `);
  },
};
