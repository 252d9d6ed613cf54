// Sending (issue 15): SMTP test, compose, outbox, conversations.
import type { Address, MessageSummary, UserError } from './types.js';

/** Tests the SMTP settings given (or the stored ones of mailbox_id, overridden by what is given). */
export interface SmtpTestInput {
  mailbox_id?: number;
  smtp_server?: string;
  smtp_port?: number;
  smtp_use_ssl?: boolean;
  smtp_username?: string;
  /** Omit to use the stored SMTP (else IMAP) password of mailbox_id. */
  smtp_password?: string;
  email_address?: string;
  allow_insecure_auth?: boolean;
}

export interface SmtpTestResult {
  ok: boolean;
  /** Whether the link was encrypted (implicit TLS or STARTTLS). */
  secure?: boolean;
  error?: UserError;
}

/** A file to attach, base64 in the API. */
export interface OutgoingAttachment {
  filename: string;
  content_type?: string;
  data_base64: string;
}

/** What every kind of message shares. From: the mailbox's address or one of its aliases (default: the mailbox). */
export interface ComposeCommon {
  from?: string;
  cc?: Array<string | Address>;
  bcc?: Array<string | Address>;
  text?: string;
  html?: string;
  attachments?: OutgoingAttachment[];
  /** Seconds during which the send can be cancelled ("annuler l'envoi"); default the setting (5). */
  undo_seconds?: number;
}

/** POST /inbox/outbox: a new message. */
export interface NewMessageInput extends ComposeCommon {
  mailbox_id: number;
  to: Array<string | Address>;
  subject: string;
}

/** POST /inbox/messages/{id}/reply */
export interface ReplyInput extends ComposeCommon {
  message_id: number;
  all?: boolean;
}

/** POST /inbox/messages/{id}/forward: the original's attachments are kept. */
export interface ForwardInput extends ComposeCommon {
  message_id: number;
  to: Array<string | Address>;
  subject?: string;
}

export type OutboxState = 'queued' | 'sending' | 'sent' | 'failed';

export interface OutboxItem {
  id: number;
  mailbox_id: number;
  kind: 'new' | 'reply' | 'reply_all' | 'forward';
  source_message_id: number | null;
  /** The Message-ID header, on the mailbox's domain. */
  message_id: string;
  from: string;
  to: string[];
  subject: string;
  state: OutboxState;
  attempts: number;
  /** When the next attempt may start (ISO): the end of the undo window, or of the retry backoff. */
  not_before: string;
  /** Why it failed, or why the last attempt failed (plain words, in the core's language). */
  error: UserError | null;
  /** The server's acceptance line. */
  smtp_response: string | null;
  sent_at: string | null;
  /** Copy in the Sent folder: pending, done, or not needed (the provider files it itself). */
  sent_copy: 'pending' | 'done' | 'not_needed';
  created_at: string;
}

/** GET /inbox/messages/{id}/thread: the conversation, oldest first (References / In-Reply-To, subject fallback). */
export interface MessageThread {
  messages: MessageSummary[];
  /** Messages Relève sent in this conversation that are not (yet) stored as synced messages. */
  outbox: OutboxItem[];
}
