// MailApi handlers for the unified inbox: list/search, read one message, read flags, attachments.
import type { MailApi } from '../../../shared/api.js';
import { cutHtml, cutText } from '../../../shared/body-cut.js';
import { ReleveError, userError } from '../../../shared/errors.js';
import { checkBool } from '../../../shared/schema-rules.js';
import { parseId, parseIdList, parseMessageQuery } from '../../../shared/schemas.js';
import type { MessageDetail } from '../../../shared/types.js';
import { emitStatus, type CoreContext } from '../core-context.js';
import * as store from '../store/index.js';
import { cached } from '../store/statements.js';
import { AttachmentCache } from './attachment-cache.js';

type MessageHandlers = Pick<MailApi, 'listMessages' | 'getMessage' | 'getMessageBody' | 'setSeen' | 'getAttachment'>;

/** Read-flag changes reach the server with the next sync of that mailbox; this starts it soon after the click. */
const PUSH_DELAY_MS = 2_000;

export function messageHandlers(ctx: CoreContext): MessageHandlers {
  const pushTimers = new Map<number, NodeJS.Timeout>();
  const schedulePush = (mailboxId: number) => {
    if (pushTimers.has(mailboxId)) return;
    const t = setTimeout(() => {
      pushTimers.delete(mailboxId);
      void ctx.scheduler.syncNow(mailboxId).catch(() => undefined);
    }, PUSH_DELAY_MS);
    t.unref?.();
    pushTimers.set(mailboxId, t);
  };
  const attachmentCache = new AttachmentCache();
  const notFound = (id: number) =>
    new ReleveError('NOT_FOUND', userError('NOT_FOUND', ctx.locale()).message, { detail: `message ${id}` });

  return {
    async listMessages(arg) {
      return store.listMessages(ctx.db, parseMessageQuery(arg, ctx.locale()));
    },

    async getMessage(arg) {
      const id = parseId(arg?.id, 'id', ctx.locale());
      const row = store.getMessageRow(ctx.db, id);
      if (!row) throw notFound(id);
      // Parsed in a worker: a multi-megabyte message must not stall other requests (or the sync) meanwhile.
      const content = await ctx.pool.readerContent(row.raw);
      // Bounded payload (issue 10): megabytes of body would cost seconds of wire, JSON and rendering for what
      // nobody reads at once; "show the whole message" asks getMessageBody.
      const text = cutText(content.text);
      const html = content.html === null ? null : cutHtml(content.html);
      const detail: MessageDetail = {
        id: row.id,
        mailbox_id: row.mailbox_id,
        mailbox_ids: row.mailbox_ids,
        folder: row.folder,
        folder_role: row.folder_role,
        action_error: row.action_error,
        triage: row.triage,
        message_id: row.message_id,
        subject: row.subject,
        from: row.from,
        date: row.date,
        snippet: row.snippet,
        seen: row.seen,
        flagged: row.flagged,
        has_attachments: row.has_attachments,
        size: row.size,
        to: row.to,
        cc: row.cc,
        reply_to: row.reply_to,
        text: text.text,
        html: html ? html.html : null,
        attachments: content.attachments.length > 0 ? content.attachments : row.attachments,
        parse_error: row.parse_error ?? content.parse_error,
        body_truncated: text.cut || (html?.cut ?? false),
        body_length: content.html ? content.html.length : content.text.length,
      };
      return detail;
    },

    async getMessageBody(arg) {
      const id = parseId(arg?.id, 'id', ctx.locale());
      const row = store.getMessageRow(ctx.db, id);
      if (!row) throw notFound(id);
      const content = await ctx.pool.readerContent(row.raw);
      return { text: content.text, html: content.html };
    },

    async setSeen(arg) {
      const ids = parseIdList(arg?.ids, 'ids', ctx.locale());
      // Absent still means "read" (older callers); anything but a boolean is refused, never taken as true.
      const seen = arg?.seen === undefined ? true : checkBool('seen', arg.seen, ctx.locale());
      const changes = store.setSeen(ctx.db, ids, seen);
      const mailboxes = new Set(changes.map((c) => c.mailbox_id));
      for (const m of mailboxes) {
        schedulePush(m);
        ctx.hub.emit('messagesChanged', { mailbox_id: m });
        emitStatus(ctx, m); // unread counts change at once, not after the push
      }
      return { updated: changes.length };
    },

    async getAttachment(arg) {
      const id = parseId(arg?.message_id, 'message_id', ctx.locale());
      const index = typeof arg?.index === 'number' && Number.isInteger(arg.index) && arg.index >= 0 ? arg.index : -1;
      // A cheap check first: a cached message must still exist (deleted mail is never served from memory).
      if (!cached(ctx.db, 'SELECT 1 FROM messages WHERE id = ?').get(id)) {
        attachmentCache.drop(id);
        throw notFound(id);
      }
      const all = await attachmentCache.get(id, async () => {
        const row = store.getMessageRow(ctx.db, id);
        return row?.raw ? ctx.pool.attachments(row.raw) : [];
      });
      const a = index >= 0 ? all[index] : undefined;
      if (!a) throw new ReleveError('NOT_FOUND', userError('NOT_FOUND', ctx.locale()).message, { detail: `attachment ${index}` });
      return { filename: a.filename, content_type: a.content_type, data_base64: Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength).toString('base64') };
    },
  };
}
