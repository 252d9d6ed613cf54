// Mailbox rows: settings of one IMAP account plus its last sync outcome. Deleted mailboxes either vanish with
// all their mail or stay as soft-deleted archives whose messages remain in the inbox.
import { ReleveError } from '../../../shared/errors.js';
import type { AuthMethod, SyncStatusValue } from '../../../shared/types.js';
import type { DB } from './db.js';
import { cached } from './statements.js';

export interface MailboxRow {
  id: number;
  integration_type: 'imap';
  name: string;
  imap_server: string;
  imap_port: number;
  email_address: string;
  username: string;
  password_enc: Buffer | null;
  secret_kind: string | null;
  auth_method: AuthMethod;
  oauth_provider: string | null;
  /** Sealed JSON of the OAuth2 tokens (see oauth/token-store.ts); never leaves the core. */
  oauth_tokens_enc: Buffer | null;
  oauth_secret_kind: string | null;
  use_ssl: boolean;
  allow_insecure_auth: boolean;
  sync_interval_minutes: number;
  active: boolean;
  color: string;
  sync_window_days: number | null;
  sync_window_count: number | null;
  tls_fingerprint: string | null;
  preset_id: string | null;
  // Sending (migration 003): NULL server means "not set up"; NULL login/password mean "the IMAP ones".
  smtp_server: string | null;
  smtp_port: number | null;
  smtp_use_ssl: boolean;
  smtp_username: string | null;
  smtp_password_enc: Buffer | null;
  smtp_secret_kind: string | null;
  sender_name: string | null;
  signature: string | null;
  /** JSON list of {name, address}. */
  aliases_json: string;
  last_sync_at: string | null;
  last_sync_status: SyncStatusValue | null;
  last_sync_error_code: string | null;
  last_sync_error_detail: string | null;
  failures: number;
  next_retry_at: string | null;
  created_at: string;
  updated_at: string;
}

type OAuthColumns = 'auth_method' | 'oauth_provider' | 'oauth_tokens_enc' | 'oauth_secret_kind';
type SendColumns =
  | 'smtp_server' | 'smtp_port' | 'smtp_use_ssl' | 'smtp_username' | 'smtp_password_enc' | 'smtp_secret_kind'
  | 'sender_name' | 'signature' | 'aliases_json';

/** The OAuth2 and sending columns may be left out: a password mailbox that does not send. */
export type NewMailbox = Partial<Pick<MailboxRow, OAuthColumns | SendColumns>> &
  Omit<
  MailboxRow,
  | OAuthColumns
  | SendColumns
  | 'id'
  | 'created_at'
  | 'updated_at'
  | 'last_sync_at'
  | 'last_sync_status'
  | 'last_sync_error_code'
  | 'last_sync_error_detail'
  | 'failures'
  | 'next_retry_at'
>;

export interface SyncOutcome {
  at: string;
  status: SyncStatusValue;
  error_code: string | null;
  error_detail: string | null;
  failures: number;
  next_retry_at: string | null;
}

type StoredRow = Omit<MailboxRow, 'use_ssl' | 'allow_insecure_auth' | 'active' | 'smtp_use_ssl'> & {
  use_ssl: number;
  smtp_use_ssl: number;
  allow_insecure_auth: number;
  active: number;
  deleted_at: string | null;
};

/** Columns a caller may set; the list doubles as a guard against patch keys that are not columns. */
const WRITABLE_COLUMNS = [
  'integration_type',
  'name',
  'imap_server',
  'imap_port',
  'email_address',
  'username',
  'password_enc',
  'secret_kind',
  'auth_method',
  'oauth_provider',
  'oauth_tokens_enc',
  'oauth_secret_kind',
  'use_ssl',
  'allow_insecure_auth',
  'sync_interval_minutes',
  'active',
  'color',
  'sync_window_days',
  'sync_window_count',
  'tls_fingerprint',
  'preset_id',
  'smtp_server',
  'smtp_port',
  'smtp_use_ssl',
  'smtp_username',
  'smtp_password_enc',
  'smtp_secret_kind',
  'sender_name',
  'signature',
  'aliases_json',
] as const satisfies ReadonlyArray<keyof NewMailbox>;

const BOOLEAN_COLUMNS = new Set<string>(['use_ssl', 'allow_insecure_auth', 'active', 'smtp_use_ssl']);

function toRow(r: StoredRow): MailboxRow {
  const { deleted_at: _deleted, ...rest } = r;
  return {
    ...rest,
    use_ssl: r.use_ssl === 1,
    allow_insecure_auth: r.allow_insecure_auth === 1,
    active: r.active === 1,
    smtp_use_ssl: r.smtp_use_ssl === 1,
  };
}

function toSql(column: string, value: unknown): unknown {
  if (column === 'smtp_use_ssl') return value === false ? 0 : 1; // default: TLS from the start
  if (BOOLEAN_COLUMNS.has(column)) return value ? 1 : 0;
  if (column === 'auth_method') return value ?? 'password';
  if (column === 'aliases_json') return value ?? '[]';
  return value ?? null;
}

export function insertMailbox(db: DB, m: NewMailbox, nowIso: string): MailboxRow {
  const cols = WRITABLE_COLUMNS.join(', ');
  const params = WRITABLE_COLUMNS.map((c) => toSql(c, m[c]));
  const { lastInsertRowid } = cached(
    db,
    `INSERT INTO mailboxes (${cols}, created_at, updated_at) VALUES (${WRITABLE_COLUMNS.map(() => '?').join(', ')}, ?, ?)`,
  ).run(...params, nowIso, nowIso);
  const row = getMailbox(db, Number(lastInsertRowid));
  if (!row) throw new ReleveError('STORAGE', 'mailbox vanished right after insert');
  return row;
}

export function updateMailbox(db: DB, id: number, patch: Partial<NewMailbox>, nowIso: string): MailboxRow {
  const columns = WRITABLE_COLUMNS.filter((c) => patch[c] !== undefined);
  const sets = [...columns.map((c) => `${c} = ?`), 'updated_at = ?'].join(', ');
  const params = [...columns.map((c) => toSql(c, patch[c])), nowIso, id];
  const { changes } = db
    .prepare(`UPDATE mailboxes SET ${sets} WHERE id = ? AND deleted_at IS NULL`)
    .run(...params);
  const row = changes > 0 ? getMailbox(db, id) : undefined;
  if (!row) throw new ReleveError('NOT_FOUND', `mailbox ${id} not found`);
  return row;
}

export function getMailbox(db: DB, id: number): MailboxRow | undefined {
  const r = cached<StoredRow>(db, 'SELECT * FROM mailboxes WHERE id = ? AND deleted_at IS NULL').get(id);
  return r ? toRow(r) : undefined;
}

export function listMailboxes(db: DB): MailboxRow[] {
  return cached<StoredRow>(db, 'SELECT * FROM mailboxes WHERE deleted_at IS NULL ORDER BY id').all().map(toRow);
}

/**
 * keepMessages=false removes the mailbox and, through the cascades and the delete trigger, its folders,
 * messages, raw sources, attachments, full-text rows, runs and queued flag changes.
 * keepMessages=true keeps the row as an archive: no password, inactive, hidden from the mailbox list.
 */
export function deleteMailbox(db: DB, id: number, keepMessages: boolean): void {
  db.transaction(() => {
    if (keepMessages) {
      cached(
        db,
        `UPDATE mailboxes SET deleted_at = ?, password_enc = NULL, secret_kind = NULL,
           oauth_tokens_enc = NULL, oauth_secret_kind = NULL, smtp_password_enc = NULL, smtp_secret_kind = NULL, active = 0
         WHERE id = ? AND deleted_at IS NULL`,
      ).run(new Date().toISOString(), id);
      // Nobody will push these to a server any more.
      cached(db, 'DELETE FROM pending_flag_ops WHERE mailbox_id = ?').run(id);
    } else {
      cached(db, 'DELETE FROM mailboxes WHERE id = ?').run(id);
    }
  }).immediate();
}

/** Renewed OAuth2 tokens (a refresh); not a settings change, so updated_at stays. */
export function saveOAuthTokens(db: DB, id: number, sealed: { enc: Buffer; kind: string }): void {
  cached(db, 'UPDATE mailboxes SET oauth_tokens_enc = ?, oauth_secret_kind = ? WHERE id = ? AND deleted_at IS NULL').run(
    sealed.enc,
    sealed.kind,
    id,
  );
}

/** The outcome of a run; not a settings change, so updated_at stays. */
export function recordSyncOutcome(db: DB, id: number, o: SyncOutcome): void {
  cached(
    db,
    `UPDATE mailboxes SET last_sync_at = ?, last_sync_status = ?, last_sync_error_code = ?,
       last_sync_error_detail = ?, failures = ?, next_retry_at = ?
     WHERE id = ?`,
  ).run(o.at, o.status, o.error_code, o.error_detail, o.failures, o.next_retry_at, id);
}
