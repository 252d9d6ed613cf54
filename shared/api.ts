// THE contract between the core and every client (Electron preload, WebSocket RPC, REST server, CLI).
// Methods take one serializable argument and return a Promise of a serializable result; events carry one
// payload. The preload bridge, the IPC host, the RPC client and the server are all derived from these two maps.
import type {
  AttachmentData,
  ConnectionTestInput,
  ConnectionTestResult,
  FolderCounts,
  Mailbox,
  MailboxFolder,
  MailboxInput,
  MailboxPatch,
  MailboxStatus,
  MessageActionInput,
  MessageActionResult,
  MessageDetail,
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
  /** Marks read/unread locally at once, and on the server in the background. */
  setSeen(arg: { ids: number[]; seen: boolean }): Promise<{ updated: number }>;
  getAttachment(arg: { message_id: number; index: number }): Promise<AttachmentData>;

  // Folders and actions (issue 14).
  /** The mailbox's folders as last listed on the server (listed now when never listed, or `refresh`). */
  listFolders(arg: { id: number; refresh?: boolean }): Promise<MailboxFolder[]>;
  /** Messages per view across mailboxes, for the sidebar. */
  getFolderCounts(arg: void): Promise<FolderCounts>;
  /** Read/unread, star, archive, delete, not-spam, move: applied to the store at once, pushed to the server. */
  messageAction(arg: MessageActionInput): Promise<MessageActionResult>;

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
}

export type MethodName = keyof MailApi;
export type EventName = keyof MailEvents;
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
  'setSeen',
  'getAttachment',
  'listFolders',
  'getFolderCounts',
  'messageAction',
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
