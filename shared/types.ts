// Serializable DTOs shared by the core, the API server, the Electron bridge and the renderer.
// Field names of a mailbox follow the seed guide (`imap_server`, `email_password`, `use_ssl`, …)
// so the scripts that used the predecessor's REST API keep working.
import type { ErrorCode } from './errors.js';
import type { TriageState, TriageView } from './triage.js';

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
}

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

export interface Address {
  name: string;
  address: string;
}

export interface MessageSummary {
  id: number;
  mailbox_id: number;
  /** With collapse, every mailbox that received this Message-ID. */
  mailbox_ids: number[];
  folder: string;
  /** What the folder is for (Sent, Junk …), discovered per mailbox (folder-discovery.ts). */
  folder_role: FolderRole;
  /** The last failure to apply an action (archive, move …) on the server; it is retried. */
  action_error: string | null;
  /** Team triage (issue 16), read from the message's IMAP keywords. */
  triage: TriageInfo;
  message_id: string | null;
  subject: string;
  from: Address | null;
  date: string | null;
  snippet: string;
  seen: boolean;
  flagged: boolean;
  has_attachments: boolean;
  size: number;
}

export interface AttachmentMeta {
  index: number;
  filename: string;
  content_type: string;
  size: number;
  inline: boolean;
  content_id: string | null;
}

export interface MessageDetail extends MessageSummary {
  to: Address[];
  cc: Address[];
  reply_to: Address[];
  text: string;
  /** The message's own HTML, unsanitized: the renderer sanitizes and sandboxes it. */
  html: string | null;
  attachments: AttachmentMeta[];
  /** True when the MIME parser failed: text is a best effort and the raw source is kept. */
  parse_error: string | null;
}

export interface AttachmentData {
  filename: string;
  content_type: string;
  /** Base64 of the decoded content. */
  data_base64: string;
}

export interface MessageQuery {
  mailbox_id?: number;
  /** One view across mailboxes; absent = every folder. */
  folder?: FolderView;
  /** A triage view across mailboxes (issue 16). */
  triage?: TriageView;
  /** Only messages assigned to this colleague (compared case-insensitively). */
  assignee?: string;
  unread_only?: boolean;
  /** Full-text search, accent-insensitive. */
  search?: string;
  /** Show one row per Message-ID across mailboxes. Default true. */
  collapse_duplicates?: boolean;
  offset?: number;
  limit?: number;
}

export interface MessagePage {
  items: MessageSummary[];
  total: number;
  offset: number;
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
  /** Where the client id comes from; null when there is none (the provider is then not configured). */
  source: 'settings' | 'env' | null;
}

export interface Settings {
  locale: Locale;
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

// ---- Folders and actions (issue 14) ----

/** What a folder is for: SPECIAL-USE (RFC 6154) or its well-known name. 'all' = Gmail's All Mail (never synced). */
export type FolderRole = 'inbox' | 'sent' | 'drafts' | 'junk' | 'archive' | 'trash' | 'all' | 'other';

/** The unified views: one role across every mailbox, or everything. */
export type FolderView = 'inbox' | 'sent' | 'junk' | 'archive' | 'trash' | 'all';
export const FOLDER_VIEWS: readonly FolderView[] = ['inbox', 'sent', 'junk', 'archive', 'trash', 'all'];

/** One folder of a mailbox as last listed on the server. */
export interface MailboxFolder {
  path: string;
  role: FolderRole;
  /** Synced (INBOX always; All Mail never). */
  chosen: boolean;
  message_count: number;
}

/** Messages per view (every mailbox), for the sidebar. */
export type FolderCounts = Record<FolderView, { total: number; unread: number }>;

export type MessageAction = 'read' | 'unread' | 'flag' | 'unflag' | 'archive' | 'delete' | 'not-spam' | 'move';

export interface MessageActionInput {
  ids: number[];
  action: MessageAction;
  /** 'move' only: the destination folder's path in the message's mailbox. */
  folder?: string;
}

export interface MessageActionResult {
  /** Messages changed in the store (the server follows in the background). */
  updated: number;
  /** Messages the action could not apply to (e.g. no Archive folder on that mailbox), with why. */
  skipped: Array<{ id: number; reason: string }>;
}

// ---- Team triage (issue 16): keyword scheme in shared/triage.ts and docs/triage.md ----

export type { TriageState, TriageView } from './triage.js';

export interface TriageInfo {
  /** The effective state: the keyword's, or "todo" for a message in INBOX without one; null = not in triage. */
  state: TriageState | null;
  assignee: string | null;
  /** Who changed it last, when known. */
  by: string | null;
  /** When this install saw that change (ISO 8601; IMAP keeps no time for keywords); null = before it synced. */
  at: string | null;
  /** True when the message's folder refuses custom keywords: its triage stays in this install only. */
  local_only: boolean;
}

export interface TriageInput {
  ids: number[];
  state?: TriageState;
  /** A colleague's name, or null to unassign; absent keeps the assignee. */
  assignee?: string | null;
}

export interface TriageResult {
  updated: number;
  /** Of those, messages whose folder refuses custom keywords (kept in this install only). */
  local_only: number;
}

export interface TriageOverview {
  me: string | null;
  /** Colleagues' names seen in the keywords on the server, plus this install's. */
  people: string[];
  counts: Record<TriageView, number>;
  /** Mailboxes with a folder that refuses custom keywords (triage stays local there). */
  local_only_mailboxes: Array<{ id: number; name: string }>;
}
