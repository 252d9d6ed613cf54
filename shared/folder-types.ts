// Folders and actions (issue 14): what a folder is for, the unified views, and the actions on messages.

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
