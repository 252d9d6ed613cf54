// Schema step 6: every folder that matters. Folders get the part they play (role, from SPECIAL-USE or their
// name) and whether the user chose to sync them; messages can wait for a move (pending_folder_id shows them in
// the destination at once) and carry the last failure to apply an action; actions that change where a message
// lives (move, archive, delete) wait in pending_actions until the server has them, across crashes and outages.
import type { Migration } from './types.js';

export const migration006Folders: Migration = {
  version: 6,
  name: 'folders',
  up(db) {
    db.exec(`
      ALTER TABLE folders ADD COLUMN role TEXT NOT NULL DEFAULT 'other'
        CHECK (role IN ('inbox', 'sent', 'drafts', 'junk', 'archive', 'trash', 'all', 'other'));
      -- NULL: the default for its role (folder-discovery.ts DEFAULT_ROLES); 0/1: the user's choice.
      ALTER TABLE folders ADD COLUMN chosen INTEGER CHECK (chosen IS NULL OR chosen IN (0, 1));
      -- 0 once LIST no longer shows it: never synced again, its messages are removed.
      ALTER TABLE folders ADD COLUMN listed INTEGER NOT NULL DEFAULT 1 CHECK (listed IN (0, 1));
      UPDATE folders SET role = 'inbox' WHERE upper(path) = 'INBOX';
      CREATE INDEX folders_role ON folders (role, mailbox_id);

      ALTER TABLE messages ADD COLUMN pending_folder_id INTEGER REFERENCES folders(id) ON DELETE SET NULL;
      ALTER TABLE messages ADD COLUMN action_error TEXT;
      -- The folder views (Inbox, Sent … across mailboxes) read the rows of a few folders newest first.
      -- is_primary, seen and mailbox_id ride along so the counts of a view (and of the sidebar) read only the index.
      CREATE INDEX messages_shown_sort ON messages (COALESCE(pending_folder_id, folder_id), sort_date DESC, id DESC, is_primary, seen, mailbox_id);

      CREATE TABLE pending_actions (
        id INTEGER PRIMARY KEY,
        -- NULL once the row is gone (deleted for good locally, or expunged by another client meanwhile).
        message_id INTEGER REFERENCES messages(id) ON DELETE SET NULL,
        mailbox_id INTEGER NOT NULL REFERENCES mailboxes(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('move', 'expunge')),
        -- Where the message is on the server: the push addresses it by these, not by the local row.
        source_path TEXT NOT NULL,
        uidvalidity TEXT NOT NULL,
        uid INTEGER NOT NULL CHECK (uid > 0),
        dest_path TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        created_at TEXT NOT NULL,
        UNIQUE (mailbox_id, source_path, uidvalidity, uid)
      );
      CREATE INDEX pending_actions_mailbox ON pending_actions (mailbox_id, id);
    `);
  },
};
