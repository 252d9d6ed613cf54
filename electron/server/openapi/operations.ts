// What each REST route means, for the OpenAPI description. Keyed by "METHOD pattern" exactly as in
// rest-routes.ts: document.ts refuses a route without an entry here and an entry without a route, and a test
// builds the document, so a route cannot be added, renamed or removed without its description following.
import type { JsonSchema } from './json-schema.js';
import { arrayOf, ref } from './json-schema.js';

export interface QueryParam {
  name: string;
  schema: JsonSchema;
  description: string;
}

export interface OperationDoc {
  operationId: string;
  summary: string;
  tag: 'Mailboxes' | 'Sync' | 'Messages' | 'Providers' | 'Settings' | 'Sending';
  body?: JsonSchema;
  query?: QueryParam[];
  /** Success status (default 200). */
  status?: number;
  /** JSON result, or 'binary' for a file download. */
  result: JsonSchema | 'binary';
}

const ACTION_SUMMARY = {
  flag: 'Star (\\Flagged on the server)',
  unflag: 'Remove the star',
  archive: 'Move to the mailbox’s Archive folder',
  delete: 'Move to Trash; from Trash, delete for good',
  'not-spam': 'Move from Spam back to the Inbox',
  move: 'Move to another folder of the same mailbox',
} as const;

const bool = (name: string, description: string): QueryParam => ({ name, schema: { type: 'string', enum: ['true', 'false', '1', '0'] }, description });
const int = (name: string, description: string): QueryParam => ({ name, schema: { type: 'integer', minimum: 0 }, description });

export const OPERATIONS: Record<string, OperationDoc> = {
  'GET /inbox/integrations': { operationId: 'listMailboxes', summary: 'List the mailboxes', tag: 'Mailboxes', result: arrayOf(ref('Mailbox')) },
  'POST /inbox/integrations': {
    operationId: 'createMailbox',
    summary: 'Add a mailbox (the password is sealed, never returned)',
    tag: 'Mailboxes',
    body: ref('MailboxInput'),
    status: 201,
    result: ref('Mailbox'),
  },
  'POST /inbox/integrations/sync-all': { operationId: 'syncAll', summary: 'Sync every active mailbox now', tag: 'Sync', result: arrayOf(ref('SyncResult')) },
  'POST /inbox/integrations/test': {
    operationId: 'testConnection',
    summary: 'Test connection settings before saving them',
    tag: 'Mailboxes',
    body: ref('ConnectionTestInput'),
    result: ref('ConnectionTestResult'),
  },
  'POST /inbox/integrations/test/cancel': {
    operationId: 'cancelConnectionTest',
    summary: 'Stop a running connection test (the one started with this test_id)',
    tag: 'Mailboxes',
    body: { type: 'object', properties: { test_id: { type: 'string' } }, required: ['test_id'] },
    result: { type: 'object', properties: { cancelled: { type: 'boolean' } }, required: ['cancelled'] },
  },
  'GET /inbox/integrations/:id': { operationId: 'getMailbox', summary: 'One mailbox', tag: 'Mailboxes', result: ref('Mailbox') },
  'PATCH /inbox/integrations/:id': {
    operationId: 'updateMailbox',
    summary: 'Change a mailbox (absent fields are kept)',
    tag: 'Mailboxes',
    body: ref('MailboxPatch'),
    result: ref('Mailbox'),
  },
  'DELETE /inbox/integrations/:id': {
    operationId: 'deleteMailbox',
    summary: 'Remove a mailbox, with its mail unless keep_messages=true',
    tag: 'Mailboxes',
    query: [bool('keep_messages', 'Keep the stored mail as a detached archive.')],
    result: { type: 'object', properties: { deleted: { type: 'boolean', enum: [true] } }, required: ['deleted'] },
  },
  'POST /inbox/integrations/:id/sync': { operationId: 'syncMailbox', summary: 'Sync one mailbox now', tag: 'Sync', result: ref('SyncResult') },
  'POST /inbox/integrations/:id/test': {
    operationId: 'testStoredMailbox',
    summary: 'Test a stored mailbox’s connection',
    tag: 'Mailboxes',
    body: { type: 'object', description: 'Optional overrides of the stored settings.' },
    result: ref('ConnectionTestResult'),
  },
  'GET /inbox/status': { operationId: 'getStatus', summary: 'Sync status of every mailbox', tag: 'Sync', result: arrayOf(ref('MailboxStatus')) },
  'GET /inbox/messages': {
    operationId: 'listMessages',
    summary: 'The unified inbox, newest first',
    tag: 'Messages',
    query: [
      int('mailbox_id', 'Only this mailbox.'),
      bool('unread', 'Only unread messages.'),
      { name: 'q', schema: { type: 'string' }, description: 'Full-text search, accent-insensitive (alias: search).' },
      { name: 'search', schema: { type: 'string' }, description: 'Same as q.' },
      bool('collapse', 'One row per Message-ID across mailboxes (default true).'),
      { name: 'triage', schema: { type: 'string', enum: ['todo', 'mine', 'unassigned', 'doing', 'done'] }, description: 'A team triage view.' },
      { name: 'assignee', schema: { type: 'string' }, description: 'Only messages assigned to this colleague.' },
      { name: 'folder', schema: { type: 'string', enum: ['inbox', 'sent', 'junk', 'spam', 'archive', 'trash', 'all'] }, description: 'A unified view; absent: every synced folder.' },
      int('offset', 'Rows to skip.'),
      int('limit', 'Rows to return.'),
    ],
    result: ref('MessagePage'),
  },
  'GET /inbox/messages/:id': { operationId: 'getMessage', summary: 'One message with its text, HTML (each cut at 300 000 characters: see body_truncated) and attachments list', tag: 'Messages', result: ref('MessageDetail') },
  'GET /inbox/messages/:id/body': { operationId: 'getMessageBody', summary: 'The whole text and HTML of a message, uncut', tag: 'Messages', result: ref('MessageBody') },
  'POST /inbox/messages/:id/read': { operationId: 'markRead', summary: 'Mark read (here at once, on the server in the background)', tag: 'Messages', result: updated() },
  'POST /inbox/messages/:id/unread': { operationId: 'markUnread', summary: 'Mark unread', tag: 'Messages', result: updated() },
  'GET /inbox/messages/:id/attachments/:index': { operationId: 'getAttachment', summary: 'Download an attachment', tag: 'Messages', result: 'binary' },
  ...Object.fromEntries(
    (['flag', 'unflag', 'archive', 'delete', 'not-spam', 'move'] as const).map((action) => [
      `POST /inbox/messages/:id/${action}`,
      {
        operationId: `message${action.replace(/(^|-)(\w)/g, (_m, _d: string, c: string) => c.toUpperCase())}`,
        summary: ACTION_SUMMARY[action],
        tag: 'Messages',
        ...(action === 'move' ? { body: { type: 'object', properties: { folder: { type: 'string', description: 'Destination folder path in the message’s mailbox.' } }, required: ['folder'] } } : {}),
        result: ref('MessageActionResult'),
      } satisfies OperationDoc,
    ]),
  ),
  'POST /inbox/messages/:id/triage': {
    operationId: 'setTriage',
    summary: 'Set the team triage state and/or assignee (IMAP keywords on the server, seen by every colleague)',
    tag: 'Messages',
    body: {
      type: 'object',
      properties: { state: { type: 'string', enum: ['todo', 'doing', 'done'] }, assignee: { type: ['string', 'null'], description: 'A colleague’s name; null unassigns.' } },
    },
    result: ref('TriageResult'),
  },
  'GET /inbox/triage': { operationId: 'getTriageOverview', summary: 'Who am I, colleagues seen on the server, triage counts', tag: 'Messages', result: ref('TriageOverview') },
  'GET /inbox/folder-counts': { operationId: 'getFolderCounts', summary: 'Messages and unread per view across mailboxes (sidebar counts)', tag: 'Messages', result: ref('FolderCounts') },
  'GET /inbox/integrations/:id/folders': {
    operationId: 'listFolders',
    summary: 'The mailbox’s folders: path, role, whether synced',
    tag: 'Mailboxes',
    query: [bool('refresh', 'List them on the server now.')],
    result: arrayOf(ref('MailboxFolder')),
  },
  'GET /inbox/providers': { operationId: 'listProviders', summary: 'Provider presets', tag: 'Providers', result: arrayOf(ref('ProviderPreset')) },
  'GET /inbox/providers/detect': {
    operationId: 'detectProvider',
    summary: 'Recognise the provider of an address (domain, then MX)',
    tag: 'Providers',
    query: [{ name: 'email', schema: { type: 'string' }, description: 'The e-mail address.' }],
    result: ref('ProviderDetection'),
  },
  'GET /inbox/about': { operationId: 'getAbout', summary: 'Version, data folder, store size, log file, last backup', tag: 'Settings', result: ref('AboutInfo') },
  'POST /inbox/export': {
    operationId: 'exportMessages',
    summary: 'Write the stored mail as mbox (one file per folder) or .eml files (the server’s bytes) into a folder of this computer',
    tag: 'Settings',
    body: ref('ExportInput'),
    result: ref('ExportResult'),
  },
  'POST /inbox/backup': {
    operationId: 'backupStore',
    summary: 'A consistent copy of all data in one file of this computer, even during a sync',
    tag: 'Settings',
    body: { type: 'object', properties: { file: { type: 'string', description: 'Absolute path of the backup file.' } }, required: ['file'] },
    result: ref('BackupResult'),
  },
  'POST /inbox/login-link': {
    operationId: 'createLoginLink',
    summary: 'A one-time link (10 min) that logs a browser into the web interface with a session cookie',
    tag: 'Settings',
    result: { type: 'object', properties: { url: { type: 'string' }, expires_at: { type: 'string', format: 'date-time' } }, required: ['url', 'expires_at'] },
  },
  'GET /inbox/settings': { operationId: 'getSettings', summary: 'Settings', tag: 'Settings', result: ref('Settings') },
  'PATCH /inbox/settings': { operationId: 'updateSettings', summary: 'Change settings', tag: 'Settings', body: ref('SettingsPatch'), result: ref('Settings') },
  // ---- sending (issue 15) ----
  'POST /inbox/integrations/test-smtp': { operationId: 'testSmtp', summary: 'Test SMTP settings (connect, TLS, log in; nothing is sent)', tag: 'Sending', body: ref('SmtpTestInput'), result: ref('SmtpTestResult') },
  'POST /inbox/integrations/:id/test-smtp': { operationId: 'testStoredSmtp', summary: 'Test a stored mailbox’s SMTP settings (the body may override them)', tag: 'Sending', body: ref('SmtpTestInput'), result: ref('SmtpTestResult') },
  'GET /inbox/outbox': { operationId: 'listOutbox', summary: 'The outbox, newest first', tag: 'Sending', query: [int('mailbox_id', 'Only this mailbox.')], result: arrayOf(ref('OutboxItem')) },
  'POST /inbox/outbox': { operationId: 'sendMessage', summary: 'Queue a new message (sent in the background after the undo delay)', tag: 'Sending', body: ref('NewMessageInput'), status: 201, result: ref('OutboxItem') },
  'DELETE /inbox/outbox/:id': {
    operationId: 'cancelOutbox',
    summary: 'Undo a send that has not started (or drop a failed one)',
    tag: 'Sending',
    result: { type: 'object', properties: { cancelled: { type: 'boolean', enum: [true] } }, required: ['cancelled'] },
  },
  'POST /inbox/outbox/:id/retry': { operationId: 'retryOutbox', summary: 'Send a failed message again (same Message-ID)', tag: 'Sending', result: ref('OutboxItem') },
  'POST /inbox/messages/:id/reply': { operationId: 'replyToMessage', summary: 'Reply (all: to all) from the mailbox that received it', tag: 'Sending', body: ref('ReplyInput'), status: 201, result: ref('OutboxItem') },
  'POST /inbox/messages/:id/forward': { operationId: 'forwardMessage', summary: 'Forward a message with its attachments', tag: 'Sending', body: ref('ForwardInput'), status: 201, result: ref('OutboxItem') },
  'GET /inbox/messages/:id/thread': { operationId: 'getThread', summary: 'The conversation of a message', tag: 'Messages', result: ref('MessageThread') },
};

function updated(): JsonSchema {
  return { type: 'object', properties: { updated: { type: 'integer' } }, required: ['updated'] };
}
