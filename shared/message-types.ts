// The messages as the API shows them: summaries for the lists, details and bodies for the reader, the list
// query and its pages. Imported through shared/types.ts like every DTO.
import type { FolderRole, FolderView } from './folder-types.js';
import type { TriageInfo, TriageView } from './triage-types.js';

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
  /** text/html were cut at BODY_LIMIT_CHARS (cleanly): getMessageBody gives the whole (issue 10). */
  body_truncated: boolean;
  /** Characters of the whole body (its HTML when it has some, else its text), cut or not. */
  body_length: number;
}

/** The whole body of a message, uncut (getMessageBody: "show the whole message"). */
export interface MessageBody {
  text: string;
  /** The message's own HTML, unsanitized: the renderer sanitizes and sandboxes it. */
  html: string | null;
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
