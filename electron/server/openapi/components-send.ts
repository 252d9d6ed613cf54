// Sending (issue 15) DTOs as OpenAPI component schemas; each objectSchema<T> is checked against its type.
import type {
  ForwardInput,
  MessageThread,
  NewMessageInput,
  OutboxItem,
  OutgoingAttachment,
  ReplyInput,
  SmtpTestInput,
  SmtpTestResult,
} from '../../../shared/types.js';
import { arrayOf, bool, dateTime, int, nullable, objectSchema, oneOfEnum, ref, str, type JsonSchema } from './json-schema.js';

const recipients: JsonSchema = arrayOf({ anyOf: [str('"Name <a@b>" or "a@b"'), ref('Address')] });
const smtpTestInput = objectSchema<SmtpTestInput>(
  {
    mailbox_id: int(), smtp_server: str(), smtp_port: int(), smtp_use_ssl: bool(), smtp_username: str(),
    smtp_password: str(), email_address: str(), allow_insecure_auth: bool(),
  },
  ['mailbox_id', 'smtp_server', 'smtp_port', 'smtp_use_ssl', 'smtp_username', 'smtp_password', 'email_address', 'allow_insecure_auth'],
);
const smtpTestResult = objectSchema<SmtpTestResult>({ ok: bool(), secure: bool(), error: ref('UserError') }, ['secure', 'error']);
const outgoingAttachment = objectSchema<OutgoingAttachment>({ filename: str(), content_type: str(), data_base64: str() }, ['content_type']);
const composeProps = {
  from: str('An address (or alias) of one of the mailboxes; default: the mailbox that received the mail.'),
  cc: recipients,
  bcc: recipients,
  text: str(),
  html: str(),
  attachments: arrayOf(ref('OutgoingAttachment')),
  undo_seconds: { type: 'integer', minimum: 0, maximum: 60 } as JsonSchema,
};
const composeOptional = ['from', 'cc', 'bcc', 'text', 'html', 'attachments', 'undo_seconds'] as const;
const newMessageInput = objectSchema<NewMessageInput>({ ...composeProps, mailbox_id: int(), to: recipients, subject: str() }, composeOptional);
const replyInput = objectSchema<ReplyInput>({ ...composeProps, message_id: int(), all: bool() }, [...composeOptional, 'all']);
const forwardInput = objectSchema<ForwardInput>({ ...composeProps, message_id: int(), to: recipients, subject: str() }, [...composeOptional, 'subject']);
const outboxItem = objectSchema<OutboxItem>(
  {
    id: int(), mailbox_id: int(), kind: oneOfEnum(['new', 'reply', 'reply_all', 'forward']), source_message_id: nullable(int()),
    message_id: str(), from: str(), to: arrayOf(str()), subject: str(), state: oneOfEnum(['queued', 'sending', 'sent', 'failed']),
    attempts: int(), not_before: dateTime(), error: nullable(ref('UserError')), smtp_response: nullable(str()),
    sent_at: nullable(dateTime()), sent_copy: oneOfEnum(['pending', 'done', 'not_needed']), created_at: dateTime(),
  },
  [],
);
const messageThread = objectSchema<MessageThread>({ messages: arrayOf(ref('MessageSummary')), outbox: arrayOf(ref('OutboxItem')) }, []);

export const SEND_SCHEMAS: Record<string, JsonSchema> = {
  SmtpTestInput: smtpTestInput,
  SmtpTestResult: smtpTestResult,
  OutgoingAttachment: outgoingAttachment,
  NewMessageInput: newMessageInput,
  ReplyInput: replyInput,
  ForwardInput: forwardInput,
  OutboxItem: outboxItem,
  MessageThread: messageThread,
};
