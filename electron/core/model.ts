// Types internal to the core (plain Node): what flows between the IMAP layer, the parser and the store.
import type { Address, AttachmentMeta } from '../../shared/types.js';

/** Encrypts secrets at rest. Electron: safeStorage; headless: AES-256-GCM with a file key (secrets/). */
export interface SecretBox {
  /** Short name stored beside each ciphertext so the right box decrypts it ("file", "safestorage"). */
  readonly kind: string;
  available(): boolean;
  encrypt(plain: string): Buffer;
  decrypt(cipher: Buffer): string;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export interface Logger {
  log(level: LogLevel, msg: string, fields?: Record<string, unknown>): void;
}

/** Everything the store keeps about one message, as produced by the parser from the raw source. */
export interface ParsedMessage {
  uid: number;
  flags: string[];
  /** RFC822.SIZE from the server (bytes). */
  size: number;
  /** INTERNALDATE, ISO. */
  internal_date: string | null;
  modseq: string | null;
  message_id: string | null;
  subject: string;
  from: Address | null;
  to: Address[];
  cc: Address[];
  reply_to: Address[];
  /** Date header, ISO; null when missing or unparseable. */
  date: string | null;
  snippet: string;
  /** Plain text used for full-text search (bounded length). */
  body_text: string;
  has_attachments: boolean;
  attachments: AttachmentMeta[];
  /** Hash of Message-ID, Date, Subject and participants: re-links a message after a UIDVALIDITY reset or a move. */
  content_key: string;
  /** Set when MIME parsing failed: the fields above are best effort from the raw headers. */
  parse_error: string | null;
  /** The full raw source, always kept so nothing is lost. */
  raw: Buffer;
}

/** Sync state of one folder of one mailbox, committed with each batch. */
export interface FolderState {
  id: number;
  mailbox_id: number;
  path: string;
  uidvalidity: string | null;
  /** Highest UID whose message is committed in the store (0 = none). */
  last_uid: number;
  /** Lowest UID fetched so far during a windowed first sync (null = not windowed / complete). */
  uidnext: number | null;
  highest_modseq: string | null;
  /** Set once the first sync of this folder (within its window) is complete. */
  initial_done: boolean;
}
