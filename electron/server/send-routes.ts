// REST routes for sending (issue 15): SMTP test, outbox, reply and forward. Each is one MailApi call.
import { HttpError } from './http-io.js';
import { pathId as id, requestFields, restRoute } from './rest-context.js';
import type { RestRoute } from './rest-context.js';

/** Routes whose body may carry attachments (a larger body limit, see http-io.ts). */
export const SEND_BODY_PATHS = /^\/inbox\/(outbox|messages\/\d+\/(reply|forward))$/;


function mailboxFilter(query: URLSearchParams): { mailbox_id?: number } {
  const v = query.get('mailbox_id');
  if (v === null || v === '') return {};
  if (!/^\d{1,15}$/.test(v)) throw new HttpError(400, 'VALIDATION', 'badQuery', 'mailbox_id');
  return { mailbox_id: Number(v) };
}

export const SEND_ROUTES: RestRoute[] = [
  restRoute({
    method: 'POST',
    pattern: '/inbox/integrations/test-smtp',
    calls: ['testSmtp'],
    handler: async (ctx) => ({ json: await ctx.call('testSmtp', await requestFields(ctx, 'testSmtp')) }),
  }),
  restRoute({
    method: 'POST',
    pattern: '/inbox/integrations/:id/test-smtp',
    calls: ['testSmtp'],
    handler: async (ctx) => ({ json: await ctx.call('testSmtp', { ...(await requestFields(ctx, 'testSmtp', true)), mailbox_id: id(ctx) }) }),
  }),
  restRoute({ method: 'GET', pattern: '/inbox/outbox', calls: ['listOutbox'], handler: async (ctx) => ({ json: await ctx.call('listOutbox', mailboxFilter(ctx.query)) }) }),
  restRoute({
    method: 'POST',
    pattern: '/inbox/outbox',
    calls: ['sendMessage'],
    handler: async (ctx) => ({ status: 201, json: await ctx.call('sendMessage', await requestFields(ctx, 'sendMessage')) }),
  }),
  restRoute({ method: 'DELETE', pattern: '/inbox/outbox/:id', calls: ['cancelOutbox'], handler: async (ctx) => ({ json: await ctx.call('cancelOutbox', { id: id(ctx) }) }) }),
  restRoute({ method: 'POST', pattern: '/inbox/outbox/:id/retry', calls: ['retryOutbox'], handler: async (ctx) => ({ json: await ctx.call('retryOutbox', { id: id(ctx) }) }) }),
  restRoute({
    method: 'POST',
    pattern: '/inbox/messages/:id/reply',
    calls: ['replyToMessage'],
    handler: async (ctx) => ({ status: 201, json: await ctx.call('replyToMessage', { ...(await requestFields(ctx, 'replyToMessage')), message_id: id(ctx) }) }),
  }),
  restRoute({
    method: 'POST',
    pattern: '/inbox/messages/:id/forward',
    calls: ['forwardMessage'],
    handler: async (ctx) => ({ status: 201, json: await ctx.call('forwardMessage', { ...(await requestFields(ctx, 'forwardMessage')), message_id: id(ctx) }) }),
  }),
  restRoute({ method: 'GET', pattern: '/inbox/messages/:id/thread', calls: ['getThread'], handler: async (ctx) => ({ json: await ctx.call('getThread', { id: id(ctx) }) }) }),
];
