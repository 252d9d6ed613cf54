// Types internal to the core (plain Node): what flows between the IMAP layer, the parser and the store.
import type { MailApi } from '../../shared/api.js';
import type { EventSource } from '../../shared/rpc.js';
import type { Address, AttachmentMeta, Locale, SyncResult } from '../../shared/types.js';

/**
 * Encrypts secrets at rest. Headless: AES-256-GCM with a file key (secrets/), answered at once. In the desktop
 * app the core runs in its own process and the OS keychain (Electron safeStorage) is only reachable from the
 * main process, so that box answers through a round trip: hence `encrypt`/`decrypt` may return a promise.
 */
export interface SecretBox {
  /** Short name stored beside each ciphertext so the right box decrypts it ("file", "safestorage"). */
  readonly kind: string;
  available(): boolean;
  encrypt(plain: string): Buffer | Promise<Buffer>;
  decrypt(cipher: Buffer): string | Promise<string>;
}

/** A box that answers in the same tick (the file key, safeStorage inside the main process). */
export interface SyncSecretBox extends SecretBox {
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

/** Sync state of one folder of one mailbox, committed in the same transaction as each batch of messages. */
export interface FolderState {
  id: number;
  mailbox_id: number;
  path: string;
  uidvalidity: string | null;
  /** Highest UID whose message is committed in the store (0 = none yet). */
  last_uid: number;
  /** Lower bound of the first-sync window: older UIDs are deliberately not synced (null = no window). */
  min_uid: number | null;
  /** Server UIDNEXT seen at the end of the last complete pass: unchanged → nothing new to fetch. */
  uidnext: number | null;
  /** CONDSTORE HIGHESTMODSEQ at the last complete pass (null when the server lacks CONDSTORE). */
  highest_modseq: string | null;
  /** Server message count at the last complete pass. */
  exists_count: number | null;
  /** Messages the server held within the sync window at the last self-check (sync/self-check.ts). */
  server_count: number | null;
}

export interface CoreOptions {
  /** Data directory holding releve.db, the key file, logs (see secrets/ and data-dir.ts). */
  dataDir: string;
  /** Defaults to the file-key AES-256-GCM box in dataDir. */
  secrets?: SecretBox;
  locale?: Locale;
  logger?: Logger;
  /** Extra CA certificates (PEM) to trust, besides the system ones. */
  tlsCa?: string[];
  /** Injected clock (ms since epoch) for scheduler tests. */
  now?: () => number;
  /** Mailboxes synced at once. */
  maxConcurrency?: number;
  /** OAuth2 sign-in: where client ids are read from (default process.env), sign-in time limit. */
  oauth?: { env?: Record<string, string | undefined>; flowTimeoutMs?: number };
  /**
   * Long-running mode only (startScheduler): listening connections (IDLE, or NOOP polling without it) per
   * active mailbox. `false` turns them off; numbers tune the cap and intervals (sync/idle-manager.ts).
   */
  /** Sending: undo window (default 5 s; 0 in tests), first retry delay (default 30 s), attempts before giving up. */
  outbox?: { undoSeconds?: number; retryBaseMs?: number; maxAttempts?: number };
  idle?:
    | false
    | {
        maxConnections?: number;
        pollIntervalMs?: number;
        idleRestartMs?: number;
        baseRetryMs?: number;
        maxRetryMs?: number;
        livenessMs?: number;
        livenessTimeoutMs?: number;
      };
  /**
   * Live mailbox health (sync/health.ts): how long a dropped link may stay down before the mailbox is no longer
   * 'ok' (default 30 s), and how often health is re-evaluated (default 5 s). Tests use short values.
   */
  health?: { connectionGraceMs?: number; checkMs?: number };
}

export interface Core {
  readonly api: MailApi;
  readonly on: EventSource;
  readonly dataDir: string;
  readonly dbPath: string;
  /** Starts the background scheduler (desktop app and `releve serve`). */
  startScheduler(): void;
  /** One pass for cron mode: active mailboxes whose interval elapsed, or all of them with `force`. */
  runOnce(opts?: { force?: boolean; mailboxIds?: number[] }): Promise<SyncResult[]>;
  /** Sends what is due in the outbox now (CLI `releve send`); the app's loop does it by itself. */
  sendOutbox(): Promise<void>;
  /** Stops the scheduler, waits for running syncs to stop at a batch boundary, closes the DB. */
  close(): Promise<void>;
}
