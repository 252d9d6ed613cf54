// The DTOs of shared/types.ts as OpenAPI component schemas; each objectSchema<T> is checked against its type.
import { ERROR_CODES } from '../../../shared/errors.js';
import type {
  AboutInfo,
  Address,
  BackupResult,
  ExportInput,
  ExportResult,
  AttachmentMeta,
  ConnectionTestInput,
  ConnectionTestResult,
  Mailbox,
  MailboxInput,
  MailboxStatus,
  MessageDetail,
  MessageBody,
  MessagePage,
  MessageSummary,
  OAuthClientSettings,
  ProviderDetection,
  Settings,
  SettingsPatch,
  SyncProgress,
  SyncResult,
  SyncRun,
  UserError,
} from '../../../shared/types.js';
import { SEND_SCHEMAS } from './components-send.js';
import { folderRole, VIEW_SCHEMAS } from './components-views.js';
import { arrayOf, bool, dateTime, int, nullable, objectSchema, oneOfEnum, ref, str, type JsonSchema } from './json-schema.js';

const syncStatus = oneOfEnum(['success', 'error', 'partial']);
const errorCode = oneOfEnum(ERROR_CODES, 'Stable error code (see the error table).');
const locale = oneOfEnum(['fr', 'en']);
const authMethod = oneOfEnum(['password', 'oauth2']);

const mailbox = objectSchema<Mailbox>(
  {
    id: int(),
    integration_type: oneOfEnum(['imap']),
    name: str(),
    imap_server: str(),
    imap_port: int(),
    email_address: str(),
    username: str('IMAP login; defaults to email_address.'),
    has_password: bool('The password itself never leaves Relève.'),
    auth_method: authMethod,
    oauth_provider: nullable(str()),
    use_ssl: bool('true: TLS from the start; false: STARTTLS.'),
    allow_insecure_auth: bool(),
    sync_interval_minutes: int(),
    active: bool(),
    color: str(),
    sync_window_days: nullable(int()),
    sync_window_count: nullable(int()),
    tls_fingerprint: nullable(str()),
    preset_id: nullable(str()),
    smtp_server: nullable(str('Outgoing (SMTP) server; null until set up.')),
    smtp_port: nullable(int()),
    smtp_use_ssl: bool('true: TLS from the start (465); false: STARTTLS required (587).'),
    smtp_username: str('SMTP login; the IMAP login when not set.'),
    has_smtp_password: bool('Whether a separate SMTP password is stored (else the IMAP one is used).'),
    sender_name: str(),
    signature: str(),
    aliases: arrayOf(ref('Address')),
    last_sync_at: nullable(dateTime()),
    last_sync_status: nullable(syncStatus),
    last_sync_error: nullable(str()),
    last_sync_error_code: nullable(errorCode),
    created_at: dateTime(),
    updated_at: dateTime(),
  },
  [],
  'A mailbox ("integration"), with the seed field names.',
);

const mailboxInputProps: { [K in keyof MailboxInput]-?: JsonSchema } = {
  integration_type: oneOfEnum(['imap']),
  name: str(),
  imap_server: str(),
  imap_port: { type: 'integer', minimum: 1, maximum: 65535 },
  email_address: str(),
  email_password: { type: 'string', description: 'Write-only. Required unless auth_method is oauth2.' },
  use_ssl: bool(),
  username: str(),
  auth_method: authMethod,
  oauth_flow_id: str(),
  sync_interval_minutes: { type: 'integer', minimum: 1 },
  active: bool(),
  allow_insecure_auth: bool(),
  color: str(),
  sync_window_days: nullable(int()),
  sync_window_count: nullable(int()),
  tls_fingerprint: nullable(str()),
  preset_id: nullable(str()),
  smtp_server: nullable(str()),
  smtp_port: nullable({ type: 'integer', minimum: 1, maximum: 65535 }),
  smtp_use_ssl: bool(),
  smtp_username: nullable(str()),
  smtp_password: { type: ['string', 'null'], description: 'Write-only. Absent: the IMAP password; null in a PATCH forgets the separate one.' },
  sender_name: str(),
  signature: str(),
  aliases: arrayOf(ref('Address')),
};
const mailboxInputOptional = [
  'integration_type',
  'email_password',
  'username',
  'auth_method',
  'oauth_flow_id',
  'sync_interval_minutes',
  'active',
  'allow_insecure_auth',
  'color',
  'sync_window_days',
  'sync_window_count',
  'tls_fingerprint',
  'preset_id',
  'smtp_server',
  'smtp_port',
  'smtp_use_ssl',
  'smtp_username',
  'smtp_password',
  'sender_name',
  'signature',
  'aliases',
] as const;
const mailboxInput = objectSchema<MailboxInput>(mailboxInputProps, mailboxInputOptional);
const mailboxPatch: JsonSchema = {
  type: 'object',
  properties: { ...mailboxInputProps, folders: { type: 'array', items: str(), description: 'Folder paths to sync (INBOX always is).' } },
  description: 'Only the fields given change.',
};

const userError = objectSchema<UserError>(
  { code: errorCode, message: str(), hint: str(), detail: str(), cert_fingerprint: str() },
  ['detail', 'cert_fingerprint'],
);

const connectionTestInput = objectSchema<ConnectionTestInput>(
  {
    imap_server: str(),
    imap_port: int(),
    use_ssl: bool(),
    email_address: str(),
    username: str(),
    email_password: str(),
    mailbox_id: int(),
    oauth_flow_id: str(),
    allow_insecure_auth: bool(),
    tls_fingerprint: nullable(str()),
    test_id: str('Names a running test so that it can be cancelled (POST /inbox/integrations/test/cancel).'),
  },
  ['username', 'email_password', 'mailbox_id', 'oauth_flow_id', 'allow_insecure_auth', 'tls_fingerprint', 'test_id'],
);

const connectionTestResult = objectSchema<ConnectionTestResult>(
  { ok: bool(), message_count: int(), secure: bool(), capabilities: arrayOf(str()), error: ref('UserError') },
  ['message_count', 'secure', 'capabilities', 'error'],
);

const syncRun = objectSchema<SyncRun>(
  {
    id: int(),
    mailbox_id: int(),
    started_at: dateTime(),
    finished_at: nullable(dateTime()),
    status: oneOfEnum(['success', 'error', 'partial', 'running']),
    new_messages: int(),
    updated_messages: int(),
    error_code: nullable(errorCode),
    error: nullable(str()),
  },
  [],
);

const syncProgress = objectSchema<SyncProgress>({ mailbox_id: int(), folder: str(), done: int(), total: int() }, []);

const mailboxStatus = objectSchema<MailboxStatus>(
  {
    mailbox: ref('Mailbox'),
    running: bool(),
    progress: nullable(ref('SyncProgress')),
    next_sync_at: nullable(dateTime()),
    message_count: int(),
    unread_count: int(),
    last_run: nullable(ref('SyncRun')),
    failures: int(),
    health: oneOfEnum(['ok', 'warning', 'error'], 'Live health: ok only when the last sync succeeded recently and the live connection is up or not needed.'),
    health_reason: str('Why, in the requested language.'),
    health_code: nullable(errorCode),
    last_success_at: nullable(dateTime()),
    last_new: nullable({ type: 'object', properties: { count: int(), at: dateTime() }, required: ['count', 'at'] }),
    duplicate_count: int('Messages of this mailbox also received by another one (the inbox shows them once).'),
    inbox_unread_count: int('Unread messages as the unified inbox counts them (copies once).'),
  },
  [],
);

const syncResult = objectSchema<SyncResult>(
  {
    mailbox_id: int(),
    status: syncStatus,
    new_messages: int(),
    updated_messages: int(),
    skipped: oneOfEnum(['running', 'not_due', 'inactive', 'locked']),
    error: ref('UserError'),
  },
  ['skipped', 'error'],
);

const address = objectSchema<Address>({ name: str(), address: str() }, []);

const summaryProps: { [K in keyof MessageSummary]-?: JsonSchema } = {
  id: int(),
  mailbox_id: int(),
  mailbox_ids: arrayOf(int()),
  folder: str(),
  folder_role: folderRole,
  action_error: nullable(str('The last failure pushing an action of this message to the server (retried).')),
  triage: ref('TriageInfo'),
  message_id: nullable(str()),
  subject: str(),
  from: nullable(ref('Address')),
  date: nullable(dateTime()),
  snippet: str(),
  seen: bool(),
  flagged: bool(),
  has_attachments: bool(),
  size: int(),
};
const messageSummary = objectSchema<MessageSummary>(summaryProps, []);

const attachmentMeta = objectSchema<AttachmentMeta>(
  { index: int(), filename: str(), content_type: str(), size: int(), inline: bool(), content_id: nullable(str()) },
  [],
);

const messageDetail = objectSchema<MessageDetail>(
  {
    ...summaryProps,
    to: arrayOf(ref('Address')),
    cc: arrayOf(ref('Address')),
    reply_to: arrayOf(ref('Address')),
    text: str(),
    html: nullable(str('The message’s own HTML, unsanitized: sanitize before display.')),
    attachments: arrayOf(ref('AttachmentMeta')),
    parse_error: nullable(str()),
    body_truncated: bool('True when text/html were cut at 300 000 characters (cleanly): GET /inbox/messages/{id}/body gives the whole.'),
    body_length: int('Characters of the whole body (its HTML when it has some, else its text).'),
  },
  [],
);

const messageBody = objectSchema<MessageBody>(
  { text: str(), html: nullable(str('The message’s own HTML, unsanitized: sanitize before display.')) },
  [],
);

const messagePage = objectSchema<MessagePage>({ items: arrayOf(ref('MessageSummary')), total: int(), offset: int() }, []);

const providerDetection = objectSchema<ProviderDetection>(
  { preset_id: nullable(str()), via: oneOfEnum(['domain', 'mx', 'none']), mx_hosts: arrayOf(str()) },
  ['mx_hosts'],
);

const oauthClient = objectSchema<OAuthClientSettings>(
  { client_id: nullable(str()), has_client_secret: bool(), tenant: nullable(str()), source: nullable(oneOfEnum(['settings', 'env', 'build'])) },
  [],
);

const settings = objectSchema<Settings>(
  {
    locale,
    locale_chosen: bool('False while locale is only the computer’s default (the web interface then follows the browser).'),
    notifications: bool(),
    triage_name: nullable(str('“Who am I” for team triage: the name this install writes as assignee/author.')),
    oauth: { type: 'object', properties: { microsoft: ref('OAuthClientSettings'), google: ref('OAuthClientSettings') }, required: ['microsoft', 'google'] },
  },
  [],
);

const settingsPatch = objectSchema<SettingsPatch>(
  {
    locale,
    notifications: bool(),
    triage_name: nullable(str()),
    oauth: {
      type: 'object',
      properties: {
        microsoft: { type: 'object', properties: { client_id: nullable(str()), tenant: nullable(str()) } },
        google: { type: 'object', properties: { client_id: nullable(str()), client_secret: nullable(str('Write-only.')) } },
      },
    },
  },
  ['locale', 'notifications', 'oauth', 'triage_name'],
);

/** Presets are data that grows (SMTP, help texts): the stable part is described, the rest allowed. */
const providerPreset: JsonSchema = {
  type: 'object',
  properties: { id: str(), name: str(), imap_server: str(), imap_port: int(), use_ssl: bool() },
  required: ['id', 'name', 'imap_server', 'imap_port', 'use_ssl'],
  additionalProperties: true,
};

const errorBody: JsonSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: { code: str('An error code, or an HTTP-level one (UNAUTHORIZED, NOT_FOUND…).'), message: str(), field: str(), detail: str(), hint: str() },
      required: ['code', 'message'],
    },
  },
  required: ['error'],
};

const aboutInfo = objectSchema<AboutInfo>(
  {
    version: str(),
    data_dir: str(),
    store_bytes: int(),
    log_file: nullable(str()),
    last_backup: nullable({ type: 'object', properties: { at: dateTime(), file: str() }, required: ['at', 'file'] }),
    default_export_dir: str(),
    default_backup_file: str(),
  },
  [],
);
const exportInput = objectSchema<ExportInput>(
  { mailbox_ids: nullable(arrayOf(int())), format: oneOfEnum(['mbox', 'eml']), out_dir: str('Absolute path of a folder on the computer running Relève.') },
  [],
);
const exportResult = objectSchema<ExportResult>({ messages: int(), files: int(), bytes: int(), out: str() }, []);
const backupResult = objectSchema<BackupResult>({ file: str(), bytes: int(), mailboxes: int(), messages: int() }, []);

export const COMPONENT_SCHEMAS: Record<string, JsonSchema> = {
  ...SEND_SCHEMAS,
  ...VIEW_SCHEMAS,
  AboutInfo: aboutInfo,
  ExportInput: exportInput,
  ExportResult: exportResult,
  BackupResult: backupResult,
  Mailbox: mailbox,
  MailboxInput: mailboxInput,
  MailboxPatch: mailboxPatch,
  UserError: userError,
  ConnectionTestInput: connectionTestInput,
  ConnectionTestResult: connectionTestResult,
  SyncRun: syncRun,
  SyncProgress: syncProgress,
  MailboxStatus: mailboxStatus,
  SyncResult: syncResult,
  Address: address,
  MessageSummary: messageSummary,
  AttachmentMeta: attachmentMeta,
  MessageDetail: messageDetail,
  MessageBody: messageBody,
  MessagePage: messagePage,
  ProviderDetection: providerDetection,
  ProviderPreset: providerPreset,
  OAuthClientSettings: oauthClient,
  Settings: settings,
  SettingsPatch: settingsPatch,
  Error: errorBody,
};
