// Schema step 8: team triage (issue 16). The state, assignee and author live in the message's IMAP keywords
// (flags_json, see shared/triage.ts); generated columns expose them to the views and counts without another
// writer to keep in step: every path that updates flags_json (sync, overlay of queued ops, relink) updates them.
// Folders learn whether the server keeps custom keywords there (PERMANENTFLAGS with \*): NULL until a
// read-write SELECT told us, 0 = triage stays in this install for that folder.
import type { Migration } from './types.js';

/** The text after `"prefix` up to the closing quote, in flags_json (sorted: the same pick on every install). */
const after = (prefix: string) => `CASE WHEN instr(lower(flags_json), '"${prefix}') = 0 THEN NULL ELSE
  substr(substr(flags_json, instr(lower(flags_json), '"${prefix}') + ${prefix.length + 1}), 1,
         instr(substr(flags_json, instr(lower(flags_json), '"${prefix}') + ${prefix.length + 1}), '"') - 1) END`;

export const migration008Triage: Migration = {
  version: 8,
  name: 'triage',
  up(db) {
    db.exec(`
      ALTER TABLE messages ADD COLUMN triage_state TEXT GENERATED ALWAYS AS (CASE
        WHEN instr(lower(flags_json), '"$releve_done"') > 0 THEN 'done'
        WHEN instr(lower(flags_json), '"$releve_doing"') > 0 THEN 'doing'
        WHEN instr(lower(flags_json), '"$releve_todo"') > 0 THEN 'todo'
        ELSE NULL END) VIRTUAL;
      -- Encoded names (shared/triage.ts encodeName): decoded for display, compared lower-cased.
      ALTER TABLE messages ADD COLUMN triage_assignee TEXT GENERATED ALWAYS AS (${after('$releve_to_')}) VIRTUAL;
      ALTER TABLE messages ADD COLUMN triage_by TEXT GENERATED ALWAYS AS (${after('$releve_by_')}) VIRTUAL;
      CREATE INDEX messages_triage ON messages (triage_state, triage_assignee);
      ALTER TABLE folders ADD COLUMN keywords_ok INTEGER CHECK (keywords_ok IS NULL OR keywords_ok IN (0, 1));
      -- IMAP keeps no time for a keyword: when this install saw the triage change (its own click, or the sync
      -- that brought a colleague's, seconds later with IDLE) is the best "traité par Marie, 10:42" there is.
      ALTER TABLE messages ADD COLUMN triage_at TEXT;
      CREATE TRIGGER messages_triage_at AFTER UPDATE OF flags_json ON messages
      WHEN OLD.triage_state IS NOT NEW.triage_state OR OLD.triage_assignee IS NOT NEW.triage_assignee
        OR OLD.triage_by IS NOT NEW.triage_by
      BEGIN
        UPDATE messages SET triage_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id;
      END;
    `);
  },
};
