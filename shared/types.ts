// Serializable DTOs shared by the core, the API server, the Electron bridge and the renderer.
// Field names of a mailbox follow the seed guide (`imap_server`, `email_password`, `use_ssl`, …)
// so the scripts that used the predecessor's REST API keep working.
import type { ErrorCode } from './errors.js';
import type { Address } from './message-types.js';

export type SyncStatusValue = 'success' | 'error' | 'partial';
export type Locale = 'fr' | 'en';
/** How a mailbox logs in: a (app) password, or an OAuth2 sign-in whose tokens never leave the core. */
export type AuthMethod = 'password' | 'oauth2';

/** A mailbox ("integration" in the seed). The password never leaves the core: only `has_password`. */
export interface Mailbox {
  id: number;
  integration_type: 'imap';
  name: string;
  imap_server: string;
  imap_port: number;
  email_address: string;
  /** IMAP login; defaults to email_address (some servers use a bare user name). */
  username: string;
  has_password: boolean;
  auth_method: AuthMethod;
  /** OAuth2 provider id ('microsoft', 'google', …) when auth_method is 'oauth2', else null. */
  oauth_provider: string | null;
  use_ssl: boolean;
  /** Allow LOGIN over an unencrypted link when the server offers no STARTTLS. Off by default. */
  allow_insecure_auth: boolean;
  sync_interval_minutes: number;
  active: boolean;
  /** Colour of the mailbox label in the unified inbox (#rrggbb). */
  color: string;
  /** First-sync window: only messages of the last N days (null = everything). */
  sync_window_days: number | null;
  /** First-sync window: only the N most recent messages (null = everything). */
  sync_window_count: number | null;
  /** SHA-256 fingerprint of a self-signed server certificate the user chose to trust. */
  tls_fingerprint: string | null;
  preset_id: string | null;
  /** Outgoing server (SMTP); null until set up (a provider preset fills it in). */
  smtp_server: string | null;
  smtp_port: number | null;
  /** true: SSL/TLS from the start (465); false: STARTTLS required (587). */
  smtp_use_ssl: boolean;
  /** SMTP login; the IMAP login when not set. */
  smtp_username: string;
  /** Whether a separate SMTP password is stored (otherwise the IMAP one is used). */
  has_smtp_password: boolean;
  /** Display name in From (e.g. "Boulangerie Martin"); empty: none. */
  sender_name: string;
  /** Appended to new messages, replies and forwards (plain text). */
  signature: string;
  /** Other addresses this mailbox may send as (declared by the user). */
  aliases: Address[];
  last_sync_at: string | null;
  last_sync_status: SyncStatusValue | null;
  /** Human message for the last error, in the core's locale. */
  last_sync_error: string | null;
  last_sync_error_code: ErrorCode | null;
  created_at: string;
  updated_at: string;
}

/** Body of POST /inbox/integrations (seed names). */
export interface MailboxInput {
  integration_type?: 'imap';
  name: string;
  imap_server: string;
  imap_port: number;
  email_address: string;
  /** Required unless auth_method is 'oauth2'. */
  email_password?: string;
  use_ssl: boolean;
  username?: string;
  /** Default 'password'. 'oauth2' takes the tokens of a completed sign-in (oauth_flow_id) instead of a password. */
  auth_method?: AuthMethod;
  /** A flow that completeOAuth reported finished; used once. */
  oauth_flow_id?: string;
  sync_interval_minutes?: number;
  active?: boolean;
  allow_insecure_auth?: boolean;
  color?: string;
  sync_window_days?: number | null;
  sync_window_count?: number | null;
  tls_fingerprint?: string | null;
  preset_id?: string | null;
  /** Sending; absent SMTP settings come from the provider preset (preset_id) when it has them. */
  smtp_server?: string | null;
  smtp_port?: number | null;
  smtp_use_ssl?: boolean;
  /** Empty or absent: the IMAP login. */
  smtp_username?: string | null;
  /** Empty or absent: the IMAP password (null in a PATCH: forget the separate one). */
  smtp_password?: string | null;
  sender_name?: string;
  signature?: string;
  aliases?: Address[];
}

/** PATCH body: every field optional; an absent email_password keeps the stored one. */
export type MailboxPatch = Partial<MailboxInput> & {
  /** Paths of the folders to sync (INBOX is always synced); absent keeps the current choice. */
  folders?: string[];
};

export interface ConnectionTestInput {
  imap_server: string;
  imap_port: number;
  use_ssl: boolean;
  email_address: string;
  username?: string;
  /** Omit to use the stored password of `mailbox_id`. */
  email_password?: string;
  mailbox_id?: number;
  /** Test with the tokens of a completed OAuth2 sign-in (before the mailbox is created). */
  oauth_flow_id?: string;
  allow_insecure_auth?: boolean;
  tls_fingerprint?: string | null;
  /** Chosen by the caller so that cancelConnectionTest can stop this test (letters, digits, - and _; ≤ 64). */
  test_id?: string;
}

export interface UserError {
  code: ErrorCode;
  /** Short message a non-technical user understands, in the requested locale. */
  message: string;
  /** What to do about it, in the requested locale. */
  hint: string;
  /** Technical detail (server response, errno) for support; never contains a secret. */
  detail?: string;
  /** Present for untrusted certificates, so the user can choose to trust this one. */
  cert_fingerprint?: string;
}

export interface ConnectionTestResult {
  ok: boolean;
  message_count?: number;
  /** Whether the link was encrypted (TLS or STARTTLS). */
  secure?: boolean;
  capabilities?: string[];
  error?: UserError;
}

export interface ProviderDetection {
  preset_id: string | null;
  via: 'domain' | 'mx' | 'none';
  mx_hosts?: string[];
}

export interface SyncRun {
  id: number;
  mailbox_id: number;
  started_at: string;
  finished_at: string | null;
  status: SyncStatusValue | 'running';
  new_messages: number;
  updated_messages: number;
  error_code: ErrorCode | null;
  error: string | null;
}

export interface SyncProgress {
  mailbox_id: number;
  folder: string;
  done: number;
  total: number;
}

export interface MailboxStatus {
  mailbox: Mailbox;
  running: boolean;
  progress: SyncProgress | null;
  next_sync_at: string | null;
  message_count: number;
  unread_count: number;
  last_run: SyncRun | null;
  /** Consecutive failures; drives the retry backoff. */
  failures: number;
  /**
   * Live health, separate from the last run: 'ok' only when the last sync succeeded within two intervals and the
   * live connection (IDLE) is up or not needed; 'warning' while it is uncertain (connection lost, first sync not
   * done, partial, stale); 'error' when the last attempt failed. Paused mailboxes are 'ok' (nothing expected).
   */
  health: MailboxHealth;
  /** Why, in the core's locale (FR/EN): what is wrong, or "À jour" / "Up to date". */
  health_reason: string;
  /** The error behind an 'error' (or a partial 'warning'), so clients can tell settings errors from outages. */
  health_code: ErrorCode | null;
  /** Finish time of the last run that ended 'success' (null: never). */
  last_success_at: string | null;
  /**
   * New messages of the last run that brought any, and when it ended: a run with nothing new right after it
   * (e.g. triggered by IDLE) does not hide them.
   */
  last_new: { count: number; at: string } | null;
  /**
   * message_count / unread_count count every stored copy in this mailbox; the unified inbox shows a message that
   * several mailboxes received once. duplicate_count: copies here the inbox shows under another mailbox's row;
   * inbox_unread_count: this mailbox's unread rows as the inbox lists them (their sum is the inbox's unread total).
   */
  duplicate_count: number;
  inbox_unread_count: number;
}

export type MailboxHealth = 'ok' | 'warning' | 'error';

export interface SyncResult {
  mailbox_id: number;
  status: SyncStatusValue;
  new_messages: number;
  updated_messages: number;
  /**
   * Set when the run was skipped: the mailbox was already syncing, not due, inactive, or another Relève process
   * (the app, `releve serve`, a cron pass) is syncing this data folder.
   */
  skipped?: 'running' | 'not_due' | 'inactive' | 'locked';
  error?: UserError;
}

/** The built-in OAuth2 providers whose application (client) an administrator can set in the app's settings. */
export type OAuthClientProviderId = 'microsoft' | 'google';

/**
 * How one built-in provider's client is set up on this machine. Settings win over the environment
 * (RELEVE_OAUTH_<ID>_CLIENT_ID …), field by field. The client secret is write-only: only whether one is set.
 */
export interface OAuthClientSettings {
  client_id: string | null;
  has_client_secret: boolean;
  /** Microsoft only ('common' when null); always null for Google. */
  tenant: string | null;
  /**
   * Where the client id comes from: this computer's settings, the environment, or baked into this build by its
   * packager; null when there is none (the provider is then not configured).
   */
  source: 'settings' | 'env' | 'build' | null;
}

export interface Settings {
  locale: Locale;
  /**
   * True once someone picked the language in Relève; until then `locale` is only the computer's default, and
   * the web interface follows the browser's language instead.
   */
  locale_chosen: boolean;
  /** Notify about new mail. */
  notifications: boolean;
  oauth: Record<OAuthClientProviderId, OAuthClientSettings>;
  /** "Who am I" for team triage: the name this install writes as assignee/author (null = not set). */
  triage_name: string | null;
}

/** updateSettings / PATCH /inbox/settings: only the fields given change; null (or "") clears an OAuth2 field. */
export interface SettingsPatch {
  locale?: Locale;
  notifications?: boolean;
  /** null or "" clears it. */
  triage_name?: string | null;
  oauth?: {
    microsoft?: { client_id?: string | null; tenant?: string | null };
    google?: { client_id?: string | null; client_secret?: string | null };
  };
}

/** Settings › "Données et sauvegarde": what and where Relève keeps, for support and peace of mind. */
export interface AboutInfo {
  version: string;
  /** The data folder (store, key file, logs). */
  data_dir: string;
  /** Size of the store on disk (database + write-ahead log), bytes. */
  store_bytes: number;
  /** The log file, when logging goes to a file. */
  log_file: string | null;
  /** The last backup made from Relève (UI, REST or CLI of this data folder), if any. */
  last_backup: { at: string; file: string } | null;
  /** Suggested destinations in the user's home folder. */
  default_export_dir: string;
  default_backup_file: string;
}

/** Export of stored mail: mbox (one file per folder) or .eml (one per message, the server's bytes). */
export interface ExportInput {
  /** null: every mailbox (removed ones whose mail was kept included). */
  mailbox_ids: number[] | null;
  format: 'mbox' | 'eml';
  /** Destination folder, on the computer running Relève. */
  out_dir: string;
}

export interface ExportResult {
  messages: number;
  files: number;
  bytes: number;
  out: string;
}

export interface BackupResult {
  file: string;
  bytes: number;
  mailboxes: number;
  messages: number;
}

export interface NewMailEvent {
  mailbox_id: number;
  count: number;
  /** A few of the newest messages, for a grouped notification. */
  latest: Array<{ from: string; subject: string }>;
}

/** An OAuth2 sign-in Relève can offer: built in (Microsoft, Google) or any OpenID provider set up by env. */
export interface OAuthProviderInfo {
  id: string;
  name: string;
  /** False when no client id is set: the wizard then explains how to set one up instead of a sign-in button. */
  configured: boolean;
  /** Provider presets (shared/providers.ts) this sign-in serves. */
  preset_ids: string[];
}

export interface OAuthBeginInput {
  provider?: string;
  /** Pre-fills the provider's sign-in page (login_hint). */
  email?: string;
  /** Reconnect this mailbox: the provider and e-mail come from it, and completing stores the new tokens in it. */
  mailbox_id?: number;
}

export interface OAuthBegin {
  flow_id: string;
  /** To open in the system browser. */
  authorization_url: string;
  /** The loopback address listening for the provider's redirect, for this flow only. */
  redirect_uri: string;
  /** The sign-in must be finished before this time (ISO). */
  expires_at: string;
}

export interface OAuthCompletion {
  flow_id: string;
  provider: string;
  /** The signed-in account's address as the provider reports it (null when it does not say). */
  email: string | null;
  /** Set when the flow reconnected an existing mailbox. */
  mailbox_id: number | null;
}

// Per-issue DTOs live in their own modules; this file stays the one place to import them from.
export * from './folder-types.js';
export type * from './send-types.js';
export type * from './triage-types.js';
export type * from './message-types.js';
