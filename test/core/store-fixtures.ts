// Builders shared by the store tests: a store in a fresh temp dir, a mailbox, parsed messages.
import type { ParsedMessage } from '../../electron/core/model.js';
import { closeStore, insertMailbox, openStore, type DB, type MailboxRow, type NewMailbox } from '../../electron/core/store/index.js';
import { makeTmpDir, type TmpDir } from '../helpers/tmp-dir.js';

export const NOW = '2025-03-01T10:00:00.000Z';

export interface TestStore {
  db: DB;
  dir: TmpDir;
  file: string;
  close(): void;
}

export function openTestStore(): TestStore {
  const dir = makeTmpDir('releve-store-');
  const file = dir.file('data/releve.db');
  const db = openStore(file);
  return {
    db,
    dir,
    file,
    close: () => {
      closeStore(db);
      dir.remove();
    },
  };
}

export function newMailbox(over: Partial<NewMailbox> = {}): NewMailbox {
  return {
    integration_type: 'imap',
    name: 'Contact',
    imap_server: 'imap.example.fr',
    imap_port: 993,
    email_address: 'contact@example.fr',
    username: 'contact@example.fr',
    password_enc: Buffer.from('cipher'),
    secret_kind: 'file',
    use_ssl: true,
    allow_insecure_auth: false,
    sync_interval_minutes: 15,
    active: true,
    color: '#3366ff',
    sync_window_days: null,
    sync_window_count: null,
    tls_fingerprint: null,
    preset_id: null,
    ...over,
  };
}

export function addMailbox(db: DB, over: Partial<NewMailbox> = {}): MailboxRow {
  return insertMailbox(db, newMailbox(over), NOW);
}

/** A message whose content key, Message-ID and dates follow from `uid` unless overridden. */
export function parsed(uid: number, over: Partial<ParsedMessage> = {}): ParsedMessage {
  const day = String((uid % 28) + 1).padStart(2, '0');
  return {
    uid,
    flags: [],
    size: 1000 + uid,
    internal_date: `2025-01-${day}T08:00:00.000Z`,
    modseq: null,
    message_id: `<msg-${uid}@example.fr>`,
    subject: `Message ${uid}`,
    from: { name: 'Alice Martin', address: 'alice@example.fr' },
    to: [{ name: 'Contact', address: 'contact@example.fr' }],
    cc: [],
    reply_to: [],
    date: `2025-01-${day}T09:00:00.000Z`,
    snippet: `Snippet ${uid}`,
    body_text: `Body of message ${uid}`,
    has_attachments: false,
    attachments: [],
    content_key: `ck-${uid}`,
    parse_error: null,
    raw: Buffer.from(`Subject: Message ${uid}\r\n\r\nBody of message ${uid}\r\n`),
    ...over,
  };
}

export function count(db: DB, table: string): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/** Messages whose source is stored: inline (message_raw) or in a pack (message_sources). */
export function countSources(db: DB): number {
  return count(db, 'message_raw') + count(db, 'message_sources');
}

/** Rowids the full-text index returns for a raw FTS5 query (bypasses the store's sanitizer). */
export function ftsRowids(db: DB, match: string): number[] {
  return (db.prepare('SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rowid').all(match) as Array<{ rowid: number }>).map(
    (r) => r.rowid,
  );
}

/**
 * Runs `write` (today's writer) on a store of a schema before migration 009, which indexed every batch at once
 * and had no search watermark: the watermark table exists only meanwhile, and 009 then finds the rows indexed.
 */
export function beforeFtsWatermark<T>(db: DB, write: () => T): T {
  db.exec('CREATE TABLE fts_state (id INTEGER PRIMARY KEY, indexed_through INTEGER NOT NULL); INSERT INTO fts_state VALUES (1, 0)');
  try {
    return write();
  } finally {
    db.exec('DROP TABLE fts_state');
  }
}

/**
 * How many rows were ever inserted into the index: FTS5's own count (the first varint of its "averages" record,
 * %_data rowid 1), which a contentless_delete table never lowers. A message indexed twice counts twice (queries
 * would not show it: they return a rowid once, the newest copy shadowing the older, whose words may resurface).
 */
export function ftsInsertsEver(db: Pick<DB, 'prepare'>): number {
  const block = (db.prepare('SELECT block FROM messages_fts_data WHERE id = 1').get() as { block: Buffer } | undefined)?.block;
  let n = 0;
  for (const byte of block ?? []) {
    n = n * 128 + (byte & 0x7f);
    if (byte < 0x80) break;
  }
  return n;
}
