// THE contract between the core and every client (Electron preload, WebSocket RPC, REST server, CLI).
// Methods take one serializable argument and return a Promise of a serializable result; events carry one
// payload. The preload bridge, the IPC host, the RPC client and the server are all derived from these two maps.
import type {
  AboutInfo,
  AttachmentData,
  BackupResult,
  ConnectionTestInput,
  ForwardInput,
  MessageThread,
  NewMessageInput,
  OutboxItem,
  ReplyInput,
  SmtpTestInput,
  SmtpTestResult,
  ConnectionTestResult,
  ExportInput,
  ExportResult,
  FolderCounts,
  Mailbox,
  MailboxFolder,
  MailboxInput,
  MailboxPatch,
  MailboxStatus,
  MessageActionInput,
  MessageActionResult,
  MessageDetail,
  MessageBody,
  MessagePage,
  MessageQuery,
  NewMailEvent,
  OAuthBegin,
  OAuthBeginInput,
  OAuthCompletion,
  OAuthProviderInfo,
  ProviderDetection,
  Settings,
  SettingsPatch,
  SyncProgress,
  SyncResult,
  TriageInput,
  TriageOverview,
  TriageResult,
} from './types.js';

export interface MailApi {
  listMailboxes(arg: void): Promise<Mailbox[]>;
  getMailbox(arg: { id: number }): Promise<Mailbox>;
  createMailbox(arg: MailboxInput): Promise<Mailbox>;
  updateMailbox(arg: { id: number; patch: MailboxPatch }): Promise<Mailbox>;
  /** keep_messages: leave the stored mail in the inbox (mailbox becomes a detached archive) or delete it. */
  deleteMailbox(arg: { id: number; keep_messages: boolean }): Promise<{ deleted: true }>;
  testConnection(arg: ConnectionTestInput): Promise<ConnectionTestResult>;
  /** Stops the connection test started with this test_id: it resolves at once with a CANCELLED error. */
  cancelConnectionTest(arg: { test_id: string }): Promise<{ cancelled: boolean }>;
  detectProvider(arg: { email: string }): Promise<ProviderDetection>;

  /** OAuth2 sign-ins available here (Microsoft, Google, generic OpenID), and whether each has a client id. */
  listOAuthProviders(arg: void): Promise<OAuthProviderInfo[]>;
  /** Starts a sign-in (authorization code + PKCE): the caller opens authorization_url in the system browser. */
  beginOAuth(arg: OAuthBeginInput): Promise<OAuthBegin>;
  /** Resolves once the browser came back to the loopback redirect and the tokens were obtained. */
  completeOAuth(arg: { flow_id: string }): Promise<OAuthCompletion>;
  /** Gives up a sign-in (wizard closed): its loopback listener stops at once. */
  cancelOAuth(arg: { flow_id: string }): Promise<{ cancelled: true }>;

  /** "Sync now": bypasses the schedule and the backoff; resolves when the run ends. */
  syncMailbox(arg: { id: number }): Promise<SyncResult>;
  syncAll(arg: void): Promise<SyncResult[]>;
  getStatus(arg: void): Promise<MailboxStatus[]>;

  listMessages(arg: MessageQuery): Promise<MessagePage>;
  getMessage(arg: { id: number }): Promise<MessageDetail>;
  /** The whole text and HTML of a message, which getMessage sends cut when very long (issue 10). */
  getMessageBody(arg: { id: number }): Promise<MessageBody>;
  /** Marks read/unread locally at once, and on the server in the background. */
  setSeen(arg: { ids: number[]; seen: boolean }): Promise<{ updated: number }>;
  getAttachment(arg: { message_id: number; index: number }): Promise<AttachmentData>;

  /** Version, data folder, store size, log file, last backup (Settings › data). */
  getAbout(arg: void): Promise<AboutInfo>;
  /** Writes the stored mail out (mbox or .eml); exportProgress events while it runs. */
  exportMessages(arg: ExportInput): Promise<ExportResult>;
  /** A consistent copy of the whole store in one file, even during a sync. */
  backupStore(arg: { file: string }): Promise<BackupResult>;
  // Folders and actions (issue 14).
  /** The mailbox's folders as last listed on the server (listed now when never listed, or `refresh`). */
  listFolders(arg: { id: number; refresh?: boolean }): Promise<MailboxFolder[]>;
  /** Messages per view across mailboxes, for the sidebar. */
  getFolderCounts(arg: void): Promise<FolderCounts>;
  /** Read/unread, star, archive, delete, not-spam, move: applied to the store at once, pushed to the server. */
  messageAction(arg: MessageActionInput): Promise<MessageActionResult>;
  // ---- sending (issue 15) ----
  /** Connects to the SMTP server, negotiates TLS and logs in (nothing is sent); diagnoses in plain words. */
  testSmtp(arg: SmtpTestInput): Promise<SmtpTestResult>;
  /** Queues a new message; it leaves after the undo window, in the background, retried until sent. */
  sendMessage(arg: NewMessageInput): Promise<OutboxItem>;
  /** Reply (or reply-all) to a stored message, from the mailbox (or alias) that received it, quoting it. */
  replyToMessage(arg: ReplyInput): Promise<OutboxItem>;
  /** Forward a stored message with its attachments. */
  forwardMessage(arg: ForwardInput): Promise<OutboxItem>;
  /** Newest first. */
  listOutbox(arg: { mailbox_id?: number } | void): Promise<OutboxItem[]>;
  /** "Annuler l'envoi": withdraws a message no attempt has started on (or a failed one). */
  cancelOutbox(arg: { id: number }): Promise<{ cancelled: true }>;
  /** Sends a failed message again (same bytes, same Message-ID). */
  retryOutbox(arg: { id: number }): Promise<OutboxItem>;
  /** The conversation a stored message belongs to, across mailboxes and what Relève sent. */
  getThread(arg: { id: number }): Promise<MessageThread>;

  // Team triage (issue 16).
  /** State and/or assignee, applied at once and stored on the server as IMAP keywords (shared/triage.ts). */
  setTriage(arg: TriageInput): Promise<TriageResult>;
  /** This install's name, colleagues learnt from the keywords, counts per view, mailboxes where it stays local. */
  getTriageOverview(arg: void): Promise<TriageOverview>;

  getSettings(arg: void): Promise<Settings>;
  /** Also sets the OAuth2 clients (administrator); a client secret is accepted but never returned. */
  updateSettings(arg: SettingsPatch): Promise<Settings>;
}

export interface MailEvents {
  syncStarted: { mailbox_id: number };
  syncProgress: SyncProgress;
  /** A run ended (or a mailbox changed): the fresh status of that mailbox. */
  statusChanged: MailboxStatus;
  mailboxesChanged: { ids: number[] };
  newMail: NewMailEvent;
  messagesChanged: { mailbox_id: number };
  exportProgress: { done: number; total: number };
  /** An outbox message changed state (queued, sending, sent, failed; cancelled shows as failed CANCELLED). */
  outboxChanged: OutboxItem;
}

export type MethodName = keyof MailApi;
export type EventName = keyof MailEvents;
/** @public The contract's vocabulary for transports, used or not yet. */
export type ArgOf<M extends MethodName> = Parameters<MailApi[M]>[0];
export type ResultOf<M extends MethodName> = Awaited<ReturnType<MailApi[M]>>;

/** Runtime list of method names: drift from MailApi is a compile error (the `satisfies` below). */
export const METHOD_NAMES = [
  'listMailboxes',
  'getMailbox',
  'createMailbox',
  'updateMailbox',
  'deleteMailbox',
  'testConnection',
  'cancelConnectionTest',
  'detectProvider',
  'listOAuthProviders',
  'beginOAuth',
  'completeOAuth',
  'cancelOAuth',
  'syncMailbox',
  'syncAll',
  'getStatus',
  'listMessages',
  'getMessage',
  'getMessageBody',
  'setSeen',
  'getAttachment',
  'getAbout',
  'exportMessages',
  'backupStore',
  'listFolders',
  'getFolderCounts',
  'messageAction',
  'testSmtp',
  'sendMessage',
  'replyToMessage',
  'forwardMessage',
  'listOutbox',
  'cancelOutbox',
  'retryOutbox',
  'getThread',
  'setTriage',
  'getTriageOverview',
  'getSettings',
  'updateSettings',
] as const satisfies readonly MethodName[];

export const EVENT_NAMES = [
  'syncStarted',
  'syncProgress',
  'statusChanged',
  'mailboxesChanged',
  'newMail',
  'messagesChanged',
  'exportProgress',
  'outboxChanged',
] as const satisfies readonly EventName[];

// Compile-time check that the lists are complete, not just a subset.
type Missing<All, Listed> = Exclude<All, Listed>;
const _methodsComplete: Missing<MethodName, (typeof METHOD_NAMES)[number]> extends never ? true : false = true;
const _eventsComplete: Missing<EventName, (typeof EVENT_NAMES)[number]> extends never ? true : false = true;
void _methodsComplete;
void _eventsComplete;

/** Subscribe to one event; returns the unsubscribe function. */
export type Subscribe = <E extends EventName>(event: E, listener: (payload: MailEvents[E]) => void) => () => void;

/** What a client (renderer) holds: the methods plus event subscription. */
export interface MailClient {
  api: MailApi;
  on: Subscribe;
}
