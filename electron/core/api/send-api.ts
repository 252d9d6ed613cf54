// MailApi handlers for sending: the SMTP connection test, new message / reply / forward into the outbox,
// the outbox list, undo ("annuler l'envoi") and retry. Building happens here, once; sending is the worker's.
import type { MailApi } from '../../../shared/api.js';
import { isErrorCode, ReleveError, userError, type ErrorCode } from '../../../shared/errors.js';
import { translator } from '../../../shared/i18n/index.js';
import { parseForwardInput, parseNewMessageInput, parseReplyInput, parseSmtpTestInput } from '../../../shared/send-schemas.js';
import { parseId } from '../../../shared/schemas.js';
import type { Locale, OutboxItem, SmtpTestResult } from '../../../shared/types.js';
import { decryptPassword, requireMailbox, type CoreContext } from '../core-context.js';
import { SEND_TEXT } from './api.i18n.js';
import { toUserError } from '../imap/classify-error.js';
import { openSecret } from '../secrets/index.js';
import { chooseSender, forwardSpec, newMessageSpec, replySpec, senderIdentities, type Original } from '../send/compose-content.js';
import { providerFilesSent } from '../send/mailbox-send-settings.js';
import { buildMessage, type MessageSpec } from '../send/message-build.js';
import { findThread } from '../send/thread.js';
import type { OutboxWorker } from '../send/outbox-worker.js';
import { verifySmtp, type SmtpTarget } from '../send/smtp.js';
import * as store from '../store/index.js';
import type { MailboxRow } from '../store/index.js';
import type { OutboxKind, OutboxRow } from '../store/outbox.js';

type SendHandlers = Pick<
  MailApi,
  'testSmtp' | 'sendMessage' | 'replyToMessage' | 'forwardMessage' | 'listOutbox' | 'cancelOutbox' | 'retryOutbox' | 'getThread'
>;

export interface SendOptions {
  /** Default undo window ("annuler l'envoi"), seconds. */
  undoSeconds: number;
}

/** SMTP settings and credentials of a stored mailbox (the IMAP login and password unless its own are set). */
export async function mailboxSmtpTarget(ctx: CoreContext, row: MailboxRow, rejectedToken?: string): Promise<SmtpTarget> {
  const base = {
    host: row.smtp_server ?? '',
    port: row.smtp_port ?? 465,
    use_ssl: row.smtp_use_ssl,
    username: row.smtp_username || row.username || row.email_address,
    allow_insecure_auth: row.allow_insecure_auth,
  };
  if (row.smtp_password_enc && row.smtp_secret_kind) {
    // Awaited: opening may be a round trip to the desktop app's main process (safeStorage).
    const password = await openSecret(ctx.boxes, row.smtp_password_enc, row.smtp_secret_kind);
    ctx.redactor.add(password);
    return { ...base, password };
  }
  if (row.auth_method === 'oauth2') {
    return { ...base, access_token: await ctx.oauth.tokens.get(row.id, rejectedToken ? { rejected: rejectedToken } : {}) };
  }
  return { ...base, password: await decryptPassword(ctx, row) };
}

export function toOutboxItem(row: OutboxRow, locale: Locale): OutboxItem {
  const code: ErrorCode = isErrorCode(row.error_code) ? row.error_code : 'UNKNOWN';
  return {
    id: row.id,
    mailbox_id: row.mailbox_id,
    kind: row.kind,
    source_message_id: row.source_message_id,
    message_id: row.message_id,
    from: row.from_address,
    to: JSON.parse(row.recipients_json) as string[],
    subject: row.subject,
    state: row.state,
    attempts: row.attempts,
    not_before: new Date(row.not_before).toISOString(),
    error: row.error_code ? userError(code, locale, row.error_detail ? { detail: row.error_detail } : {}) : null,
    smtp_response: row.smtp_response,
    sent_at: row.sent_at,
    sent_copy: row.sent_copy === 1 ? 'done' : row.sent_copy === 2 ? 'not_needed' : 'pending',
    created_at: row.created_at,
  };
}

export function sendHandlers(ctx: CoreContext, worker: OutboxWorker, opts: SendOptions): SendHandlers {
  const locale = () => ctx.locale();
  const notFound = (what: string) => new ReleveError('NOT_FOUND', userError('NOT_FOUND', locale()).message, { detail: what });
  const emit = (row: OutboxRow) => ctx.hub.emit('outboxChanged', toOutboxItem(row, locale()));

  const original = (id: number): Original & { id: number } => {
    const row = store.getMessageRow(ctx.db, id);
    if (!row) throw notFound(`message ${id}`);
    return { ...row, id: row.id, raw: row.raw };
  };

  const enqueue = async (
    kind: OutboxKind,
    mailbox: MailboxRow,
    spec: MessageSpec,
    source: number | null,
    undoSeconds: number | undefined,
  ): Promise<OutboxItem> => {
    if (!mailbox.smtp_server) {
      throw new ReleveError('SMTP_NOT_CONFIGURED', userError('SMTP_NOT_CONFIGURED', locale()).message, { detail: `mailbox ${mailbox.id}` });
    }
    if (spec.to.length + spec.cc.length + spec.bcc.length === 0) {
      throw new ReleveError('VALIDATION', translator(SEND_TEXT, locale())('noRecipient'), { field: 'to' });
    }
    const built = await buildMessage(spec);
    const now = ctx.now();
    const row = store.outbox.insertOutbox(
      ctx.db,
      {
        mailbox_id: mailbox.id,
        kind,
        source_message_id: source,
        message_id: built.messageId,
        from_address: built.envelope.from,
        recipients: built.envelope.to,
        subject: spec.subject,
        raw: built.raw,
        not_before: now + (undoSeconds ?? opts.undoSeconds) * 1000,
        sent_copy: providerFilesSent(mailbox) ? 2 : 0,
        answered: kind === 'reply' || kind === 'reply_all' ? 0 : 2,
      },
      new Date(now).toISOString(),
    );
    ctx.log.log('info', 'message queued', { outbox: row.id, mailbox: mailbox.id, kind });
    emit(row);
    worker.kick();
    return toOutboxItem(row, locale());
  };

  return {
    async testSmtp(arg): Promise<SmtpTestResult> {
      const input = parseSmtpTestInput(arg, locale());
      const stored = input.mailbox_id !== undefined ? requireMailbox(ctx, input.mailbox_id) : undefined;
      let target: SmtpTarget;
      try {
        const base = stored && input.smtp_password === undefined ? await mailboxSmtpTarget(ctx, stored) : { password: input.smtp_password ?? '' };
        target = {
          ...base,
          host: input.smtp_server ?? stored?.smtp_server ?? '',
          port: input.smtp_port ?? stored?.smtp_port ?? 465,
          use_ssl: input.smtp_use_ssl ?? stored?.smtp_use_ssl ?? true,
          username: input.smtp_username ?? (stored ? stored.smtp_username || stored.username || stored.email_address : input.email_address ?? ''),
          allow_insecure_auth: input.allow_insecure_auth ?? stored?.allow_insecure_auth ?? false,
        };
        if (!target.host) throw new ReleveError('SMTP_NOT_CONFIGURED', 'no SMTP server', { detail: 'no SMTP server' });
        ctx.redactor.add(target.password ?? '');
        const r = await verifySmtp(target, { tlsCa: ctx.tlsCa });
        return { ok: true, secure: r.secure };
      } catch (err) {
        return { ok: false, error: toUserError(err, locale()) };
      }
    },

    async sendMessage(arg) {
      const input = parseNewMessageInput(arg, locale());
      requireMailbox(ctx, input.mailbox_id);
      const { mailbox, from } = chooseSender(store.listMailboxes(ctx.db), input.mailbox_id, input.from, [], locale());
      const spec = newMessageSpec(input, from, mailbox.signature ?? '', new Date(ctx.now()));
      return enqueue('new', mailbox, spec, null, input.undo_seconds);
    },

    async replyToMessage(arg) {
      const input = parseReplyInput(arg, locale());
      const o = original(input.message_id);
      const { mailbox, from } = chooseSender(store.listMailboxes(ctx.db), o.mailbox_id, input.from, [...o.to, ...o.cc], locale());
      const own = store.listMailboxes(ctx.db).flatMap(senderIdentities);
      const spec = await replySpec(o, input, from, own, mailbox.signature ?? '', new Date(ctx.now()), locale());
      return enqueue(input.all ? 'reply_all' : 'reply', mailbox, spec, o.id, input.undo_seconds);
    },

    async forwardMessage(arg) {
      const input = parseForwardInput(arg, locale());
      const o = original(input.message_id);
      const { mailbox, from } = chooseSender(store.listMailboxes(ctx.db), o.mailbox_id, input.from, [...o.to, ...o.cc], locale());
      const spec = await forwardSpec(o, input, from, mailbox.signature ?? '', new Date(ctx.now()), locale());
      return enqueue('forward', mailbox, spec, o.id, input.undo_seconds);
    },

    async listOutbox(arg) {
      const mailboxId = arg && typeof arg === 'object' && arg.mailbox_id !== undefined ? parseId(arg.mailbox_id, 'mailbox_id', locale()) : undefined;
      return store.outbox.listOutbox(ctx.db, mailboxId !== undefined ? { mailbox_id: mailboxId } : {}).map((r) => toOutboxItem(r, locale()));
    },

    async cancelOutbox(arg) {
      const id = parseId(arg?.id, 'id', locale());
      const row = store.outbox.getOutbox(ctx.db, id);
      if (!row) throw notFound(`outbox ${id}`);
      if (!store.outbox.deleteUnsent(ctx.db, id)) {
        const text = translator(SEND_TEXT, locale())('tooLateToCancel');
        throw new ReleveError('VALIDATION', text, { field: 'id', detail: `state ${row.state}` });
      }
      ctx.log.log('info', 'send cancelled', { outbox: id });
      ctx.hub.emit('outboxChanged', { ...toOutboxItem(row, locale()), state: 'failed', error: userError('CANCELLED', locale()) });
      return { cancelled: true as const };
    },

    async getThread(arg) {
      const id = parseId(arg?.id, 'id', locale());
      const thread = findThread(ctx.db, id, (r) => toOutboxItem(r, locale()));
      if (!thread) throw notFound(`message ${id}`);
      return thread;
    },

    async retryOutbox(arg) {
      const id = parseId(arg?.id, 'id', locale());
      if (!store.outbox.requeue(ctx.db, id, ctx.now(), new Date(ctx.now()).toISOString())) {
        const row = store.outbox.getOutbox(ctx.db, id);
        if (!row) throw notFound(`outbox ${id}`);
        const text = translator(SEND_TEXT, locale())('onlyFailedRetried');
        throw new ReleveError('VALIDATION', text, { field: 'id', detail: `state ${row.state}` });
      }
      const row = store.outbox.getOutbox(ctx.db, id)!;
      emit(row);
      worker.kick();
      return toOutboxItem(row, locale());
    },
  };
}
