// Schema step 7: sending. SMTP settings per mailbox (each defaulting to the IMAP one when NULL), a signature,
// declared aliases, and the durable outbox: each message is built once (raw MIME with its Message-ID) and
// stored before any attempt, so retries resend the very same bytes and a crash never builds a second copy.
import type { Migration } from './types.js';

export const migration007Send: Migration = {
  version: 7,
  name: 'send',
  up(db) {
    db.exec(`
      ALTER TABLE mailboxes ADD COLUMN smtp_server TEXT;
      ALTER TABLE mailboxes ADD COLUMN smtp_port INTEGER CHECK (smtp_port IS NULL OR smtp_port BETWEEN 1 AND 65535);
      ALTER TABLE mailboxes ADD COLUMN smtp_use_ssl INTEGER NOT NULL DEFAULT 1 CHECK (smtp_use_ssl IN (0, 1));
      -- NULL: the IMAP login / the IMAP password.
      ALTER TABLE mailboxes ADD COLUMN smtp_username TEXT;
      ALTER TABLE mailboxes ADD COLUMN smtp_password_enc BLOB;
      ALTER TABLE mailboxes ADD COLUMN smtp_secret_kind TEXT;
      ALTER TABLE mailboxes ADD COLUMN sender_name TEXT;
      ALTER TABLE mailboxes ADD COLUMN signature TEXT;
      -- JSON list of {name, address} this mailbox may send as.
      ALTER TABLE mailboxes ADD COLUMN aliases_json TEXT NOT NULL DEFAULT '[]';

      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        mailbox_id INTEGER NOT NULL REFERENCES mailboxes(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('new', 'reply', 'reply_all', 'forward')),
        -- The stored message answered or forwarded (local id); NULL once it is gone.
        source_message_id INTEGER REFERENCES messages(id) ON DELETE SET NULL,
        message_id TEXT NOT NULL UNIQUE,
        from_address TEXT NOT NULL,
        recipients_json TEXT NOT NULL,
        subject TEXT NOT NULL,
        raw BLOB NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
        -- Within 'sending': 'connect' until the last byte of the message is handed to the socket, then
        -- 'committing' (the server may have accepted it: never resent automatically).
        phase TEXT CHECK (phase IS NULL OR phase IN ('connect', 'committing')),
        attempts INTEGER NOT NULL DEFAULT 0,
        -- ms since epoch: not before (the "undo" window, then the retry backoff).
        not_before INTEGER NOT NULL,
        error_code TEXT,
        error_detail TEXT,
        -- The server's acceptance ("250 2.0.0 Ok: queued as …"), recorded before anything else.
        smtp_response TEXT,
        sent_at TEXT,
        -- After-send steps on the IMAP server, each done once: 0 to do, 1 done, 2 not needed.
        sent_copy INTEGER NOT NULL DEFAULT 0,
        answered INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX outbox_due ON outbox (state, not_before);
      CREATE INDEX outbox_mailbox ON outbox (mailbox_id, id DESC);
    `);
  },
};
