// Schema step 1: mailboxes, folders with their sync state, messages (+ raw source, attachments, full-text
// index), sync runs, queued flag changes and settings.
import type { Migration } from './types.js';

export const migration001Initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE mailboxes (
        id INTEGER PRIMARY KEY,
        integration_type TEXT NOT NULL DEFAULT 'imap' CHECK (integration_type = 'imap'),
        name TEXT NOT NULL,
        imap_server TEXT NOT NULL,
        imap_port INTEGER NOT NULL CHECK (imap_port BETWEEN 1 AND 65535),
        email_address TEXT NOT NULL,
        username TEXT NOT NULL,
        password_enc BLOB,
        secret_kind TEXT,
        use_ssl INTEGER NOT NULL CHECK (use_ssl IN (0, 1)),
        allow_insecure_auth INTEGER NOT NULL DEFAULT 0 CHECK (allow_insecure_auth IN (0, 1)),
        sync_interval_minutes INTEGER NOT NULL CHECK (sync_interval_minutes > 0),
        active INTEGER NOT NULL CHECK (active IN (0, 1)),
        color TEXT NOT NULL,
        sync_window_days INTEGER CHECK (sync_window_days IS NULL OR sync_window_days > 0),
        sync_window_count INTEGER CHECK (sync_window_count IS NULL OR sync_window_count > 0),
        tls_fingerprint TEXT,
        preset_id TEXT,
        last_sync_at TEXT,
        last_sync_status TEXT CHECK (last_sync_status IN ('success', 'error', 'partial')),
        last_sync_error_code TEXT,
        last_sync_error_detail TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        next_retry_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        -- Soft delete: the mailbox is gone from the settings but its mail stays in the inbox.
        deleted_at TEXT
      );

      CREATE TABLE folders (
        id INTEGER PRIMARY KEY,
        mailbox_id INTEGER NOT NULL REFERENCES mailboxes(id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        uidvalidity TEXT,
        last_uid INTEGER NOT NULL DEFAULT 0 CHECK (last_uid >= 0),
        min_uid INTEGER,
        uidnext INTEGER,
        highest_modseq TEXT,
        exists_count INTEGER,
        UNIQUE (mailbox_id, path)
      );

      CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        mailbox_id INTEGER NOT NULL REFERENCES mailboxes(id) ON DELETE CASCADE,
        folder_id INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
        uidvalidity TEXT NOT NULL,
        uid INTEGER NOT NULL CHECK (uid > 0),
        message_id TEXT CHECK (message_id IS NULL OR message_id <> ''),
        content_key TEXT NOT NULL CHECK (content_key <> ''),
        subject TEXT NOT NULL DEFAULT '',
        from_name TEXT,
        from_address TEXT,
        to_json TEXT NOT NULL DEFAULT '[]',
        cc_json TEXT NOT NULL DEFAULT '[]',
        reply_to_json TEXT NOT NULL DEFAULT '[]',
        date TEXT,
        internal_date TEXT,
        -- ms since epoch: Date header, else INTERNALDATE, else the time it was stored.
        sort_date INTEGER NOT NULL,
        snippet TEXT NOT NULL DEFAULT '',
        flags_json TEXT NOT NULL DEFAULT '[]',
        seen INTEGER NOT NULL CHECK (seen IN (0, 1)),
        flagged INTEGER NOT NULL CHECK (flagged IN (0, 1)),
        size INTEGER NOT NULL CHECK (size >= 0),
        has_attachments INTEGER NOT NULL CHECK (has_attachments IN (0, 1)),
        parse_error TEXT,
        modseq TEXT,
        -- 1 for the row that stands for its Message-ID in the collapsed inbox (always 1 without Message-ID).
        is_primary INTEGER NOT NULL CHECK (is_primary IN (0, 1)),
        created_at TEXT NOT NULL,
        UNIQUE (folder_id, uidvalidity, uid)
      );
      CREATE INDEX messages_folder_content_key ON messages (folder_id, content_key);
      CREATE INDEX messages_message_id ON messages (message_id, id) WHERE message_id IS NOT NULL;
      CREATE INDEX messages_sort ON messages (sort_date DESC, id DESC);
      CREATE INDEX messages_primary_sort ON messages (sort_date DESC, id DESC) WHERE is_primary = 1;
      CREATE INDEX messages_primary_unread_sort ON messages (sort_date DESC, id DESC)
        WHERE is_primary = 1 AND seen = 0;
      CREATE INDEX messages_mailbox_sort ON messages (mailbox_id, sort_date DESC, id DESC);
      CREATE INDEX messages_mailbox_unread_sort ON messages (mailbox_id, sort_date DESC, id DESC) WHERE seen = 0;
      -- Narrow copy of the columns the inbox filters on, keyed by id: counting full-text matches probes this
      -- small index instead of the wide table rows.
      CREATE INDEX messages_search_cover ON messages (id, is_primary, seen, mailbox_id, sort_date);

      -- Raw sources live apart so that list scans never page through message bodies.
      CREATE TABLE message_raw (
        message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
        raw BLOB NOT NULL
      );

      CREATE TABLE attachments (
        message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        filename TEXT NOT NULL,
        content_type TEXT NOT NULL,
        size INTEGER NOT NULL CHECK (size >= 0),
        inline INTEGER NOT NULL CHECK (inline IN (0, 1)),
        content_id TEXT,
        PRIMARY KEY (message_id, idx)
      ) WITHOUT ROWID;

      -- Contentless: the body text is only needed for search, so it is not stored twice.
      CREATE VIRTUAL TABLE messages_fts USING fts5 (
        subject, sender, body_text,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2'
      );

      -- Triggers rather than application code, so that every path (cascades included) keeps the
      -- full-text index and the collapse representative right.
      CREATE TRIGGER messages_after_delete AFTER DELETE ON messages BEGIN
        DELETE FROM messages_fts WHERE rowid = OLD.id;
        UPDATE messages SET is_primary = 1
          WHERE OLD.is_primary = 1 AND OLD.message_id IS NOT NULL
            AND id = (SELECT id FROM messages WHERE message_id = OLD.message_id ORDER BY id LIMIT 1);
      END;

      CREATE TABLE sync_runs (
        id INTEGER PRIMARY KEY,
        mailbox_id INTEGER NOT NULL REFERENCES mailboxes(id) ON DELETE CASCADE,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL CHECK (status IN ('running', 'success', 'error', 'partial')),
        new_messages INTEGER NOT NULL DEFAULT 0,
        updated_messages INTEGER NOT NULL DEFAULT 0,
        error_code TEXT,
        error TEXT
      );
      CREATE INDEX sync_runs_mailbox ON sync_runs (mailbox_id, id DESC);
      CREATE INDEX sync_runs_running ON sync_runs (status) WHERE status = 'running';

      -- Local read/unread changes waiting to be pushed to the server.
      CREATE TABLE pending_flag_ops (
        id INTEGER PRIMARY KEY,
        message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        mailbox_id INTEGER NOT NULL REFERENCES mailboxes(id) ON DELETE CASCADE,
        flag TEXT NOT NULL,
        add_flag INTEGER NOT NULL CHECK (add_flag IN (0, 1)),
        UNIQUE (message_id, flag)
      );
      CREATE INDEX pending_flag_ops_mailbox ON pending_flag_ops (mailbox_id, id);

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};
