// REST routes for sending (issue 15): SMTP test, outbox, reply and forward. Each is one MailApi call.
import { HttpError, asObject } from './http-io.js';
import type { RestHandler } from './rest-context.js';
import type { Route } from './router.js';

/** Routes whose body may carry attachments (a larger body limit, see http-io.ts). */
export const SEND_BODY_PATHS = /^\/inbox\/(outbox|messages\/\d+\/(reply|forward))$/;

const id = (ctx: { params: Record<string, number> }): number => ctx.params.id as number;

const withId =
  (method: 'replyToMessage' | 'forwardMessage'): RestHandler =>
  async (ctx) => ({ status: 201, json: await ctx.call(method, { ...asObject(await ctx.body(), false), message_id: id(ctx) }) });

function mailboxFilter(query: URLSearchParams): { mailbox_id?: number } {
  const v = query.get('mailbox_id');
  if (v === null || v === '') return {};
  if (!/^\d{1,15}$/.test(v)) throw new HttpError(400, 'VALIDATION', 'badQuery', 'mailbox_id');
  return { mailbox_id: Number(v) };
}

export const SEND_ROUTES: Array<Route<RestHandler>> = [
  {
    method: 'POST',
    pattern: '/inbox/integrations/test-smtp',
    handler: async (ctx) => ({ json: await ctx.call('testSmtp', asObject(await ctx.body(), false)) }),
  },
  {
    method: 'POST',
    pattern: '/inbox/integrations/:id/test-smtp',
    handler: async (ctx) => ({ json: await ctx.call('testSmtp', { ...asObject(await ctx.body(), true), mailbox_id: id(ctx) }) }),
  },
  { method: 'GET', pattern: '/inbox/outbox', handler: async (ctx) => ({ json: await ctx.call('listOutbox', mailboxFilter(ctx.query)) }) },
  {
    method: 'POST',
    pattern: '/inbox/outbox',
    handler: async (ctx) => ({ status: 201, json: await ctx.call('sendMessage', asObject(await ctx.body(), false)) }),
  },
  { method: 'DELETE', pattern: '/inbox/outbox/:id', handler: async (ctx) => ({ json: await ctx.call('cancelOutbox', { id: id(ctx) }) }) },
  { method: 'POST', pattern: '/inbox/outbox/:id/retry', handler: async (ctx) => ({ json: await ctx.call('retryOutbox', { id: id(ctx) }) }) },
  { method: 'POST', pattern: '/inbox/messages/:id/reply', handler: withId('replyToMessage') },
  { method: 'POST', pattern: '/inbox/messages/:id/forward', handler: withId('forwardMessage') },
  { method: 'GET', pattern: '/inbox/messages/:id/thread', handler: async (ctx) => ({ json: await ctx.call('getThread', { id: id(ctx) }) }) },
];
