// The seed's REST API (/inbox/…), each route a thin translation onto one MailApi method.
import { PROVIDER_PRESETS } from '../../shared/providers.js';
import type { MessageAction } from '../../shared/types.js';
import { HttpError } from './http-io.js';
import { pathId as id, requestFields, requestObject, restRoute, unchecked } from './rest-context.js';
import type { RestArg, RestHandler, RestRoute } from './rest-context.js';
import { SEND_ROUTES } from './send-routes.js';

/** Strict boolean query parameter: "true"/"1" or "false"/"0"; absent → `fallback`. */
function boolParam(query: URLSearchParams, name: string, fallback: boolean): boolean;
function boolParam(query: URLSearchParams, name: string, fallback: undefined): boolean | undefined;
function boolParam(query: URLSearchParams, name: string, fallback: boolean | undefined): boolean | undefined {
  const v = query.get(name);
  if (v === null || v === '') return fallback;
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw new HttpError(400, 'VALIDATION', 'badQuery', name);
}

/** Numbers are passed on as they are (NaN included) so the schema names the faulty field. */
function numberParam(query: URLSearchParams, name: string): number | undefined {
  const v = query.get(name);
  return v === null || v === '' ? undefined : Number(v);
}

/** Strings are passed on unread: the shared MessageQuery check names the faulty field in the caller's language. */
function messageQuery(query: URLSearchParams): RestArg<'listMessages'> {
  const q: RestArg<'listMessages'> = {};
  const mailboxId = numberParam(query, 'mailbox_id');
  if (mailboxId !== undefined) q.mailbox_id = mailboxId;
  const unread = boolParam(query, 'unread', undefined);
  if (unread !== undefined) q.unread_only = unread;
  const folder = query.get('folder');
  if (folder) q.folder = unchecked(folder);
  const triage = query.get('triage');
  if (triage) q.triage = unchecked(triage); // issue 16
  const assignee = query.get('assignee');
  if (assignee) q.assignee = assignee;
  const search = query.get('q') ?? query.get('search');
  if (search) q.search = search;
  const collapse = boolParam(query, 'collapse', undefined);
  if (collapse !== undefined) q.collapse_duplicates = collapse;
  const offset = numberParam(query, 'offset');
  if (offset !== undefined) q.offset = offset;
  const limit = numberParam(query, 'limit');
  if (limit !== undefined) q.limit = limit;
  return q;
}

const testStoredMailbox: RestHandler<'getMailbox' | 'testConnection'> = async (ctx) => {
  const mailbox = await ctx.call('getMailbox', { id: id(ctx) });
  // The stored settings, optionally overridden by the body (e.g. to try another password before saving it).
  const input: RestArg<'testConnection'> = {
    imap_server: mailbox.imap_server,
    imap_port: mailbox.imap_port,
    use_ssl: mailbox.use_ssl,
    email_address: mailbox.email_address,
    username: mailbox.username,
    allow_insecure_auth: mailbox.allow_insecure_auth,
    tls_fingerprint: mailbox.tls_fingerprint,
    ...(await requestFields(ctx, 'testConnection', true)),
    mailbox_id: mailbox.id,
  };
  return { json: await ctx.call('testConnection', input) };
};

const setSeen =
  (seen: boolean): RestHandler<'setSeen'> =>
  async (ctx) => ({ json: await ctx.call('setSeen', { ids: [id(ctx)], seen }) });

/** POST /inbox/messages/{id}/archive … : one action on one message (issue 14). */
const messageAction =
  (action: MessageAction): RestHandler<'messageAction'> =>
  async (ctx) => {
    if (action !== 'move') return { json: await ctx.call('messageAction', { ids: [id(ctx)], action }) };
    const { folder } = await requestFields(ctx, 'messageAction');
    return { json: await ctx.call('messageAction', { ids: [id(ctx)], action, folder }) };
  };

const ACTION_ROUTES: RestRoute[] = (['flag', 'unflag', 'archive', 'delete', 'not-spam', 'move'] as const).map((action) =>
  restRoute({
    method: 'POST',
    pattern: `/inbox/messages/:id/${action}`,
    calls: ['messageAction'],
    handler: messageAction(action),
  }),
);

const downloadAttachment: RestHandler<'getAttachment'> = async (ctx) => {
  const a = await ctx.call('getAttachment', { message_id: id(ctx), index: id(ctx, 'index') });
  const ascii = a.filename.replace(/[^\x20-\x7e]|["\\]/g, '_') || 'attachment';
  return {
    binary: Buffer.from(a.data_base64, 'base64'),
    headers: {
      // Always a download, never rendered here: mail attachments are untrusted content on our origin.
      'Content-Type': a.content_type || 'application/octet-stream',
      'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(a.filename)}`,
      'Content-Security-Policy': "sandbox; default-src 'none'",
    },
  };
};

/**
 * DELETE keeps the seed's meaning: without `keep_messages` the mailbox and its stored mail are removed;
 * `?keep_messages=true` keeps the mail as a detached archive. Any other value is refused, not guessed.
 */
const deleteMailbox: RestHandler<'deleteMailbox'> = async (ctx) => ({
  json: await ctx.call('deleteMailbox', { id: id(ctx), keep_messages: boolParam(ctx.query, 'keep_messages', false) }),
});

export const REST_ROUTES: RestRoute[] = [
  restRoute({ method: 'GET', pattern: '/inbox/integrations', calls: ['listMailboxes'], handler: async (ctx) => ({ json: await ctx.call('listMailboxes', undefined) }) }),
  restRoute({
    method: 'POST',
    pattern: '/inbox/integrations',
    calls: ['createMailbox'],
    handler: async (ctx) => ({ status: 201, json: await ctx.call('createMailbox', await requestFields(ctx, 'createMailbox')) }),
  }),
  restRoute({ method: 'POST', pattern: '/inbox/integrations/sync-all', calls: ['syncAll'], handler: async (ctx) => ({ json: await ctx.call('syncAll', undefined) }) }),
  restRoute({
    method: 'POST',
    pattern: '/inbox/integrations/test',
    calls: ['testConnection'],
    handler: async (ctx) => ({ json: await ctx.call('testConnection', await requestFields(ctx, 'testConnection')) }),
  }),
  restRoute({
    // Stops a test started with that test_id (issue #11: every connection test can be cancelled).
    method: 'POST',
    pattern: '/inbox/integrations/test/cancel',
    calls: ['cancelConnectionTest'],
    handler: async (ctx) => ({ json: await ctx.call('cancelConnectionTest', await requestFields(ctx, 'cancelConnectionTest')) }),
  }),
  restRoute({ method: 'GET', pattern: '/inbox/integrations/:id', calls: ['getMailbox'], handler: async (ctx) => ({ json: await ctx.call('getMailbox', { id: id(ctx) }) }) }),
  restRoute({
    method: 'PATCH',
    pattern: '/inbox/integrations/:id',
    calls: ['updateMailbox'],
    handler: async (ctx) => ({
      json: await ctx.call('updateMailbox', { id: id(ctx), patch: await requestObject(ctx) }),
    }),
  }),
  restRoute({ method: 'DELETE', pattern: '/inbox/integrations/:id', calls: ['deleteMailbox'], handler: deleteMailbox }),
  restRoute({ method: 'POST', pattern: '/inbox/integrations/:id/sync', calls: ['syncMailbox'], handler: async (ctx) => ({ json: await ctx.call('syncMailbox', { id: id(ctx) }) }) }),
  restRoute({ method: 'POST', pattern: '/inbox/integrations/:id/test', calls: ['getMailbox', 'testConnection'], handler: testStoredMailbox }),
  restRoute({ method: 'GET', pattern: '/inbox/status', calls: ['getStatus'], handler: async (ctx) => ({ json: await ctx.call('getStatus', undefined) }) }),
  restRoute({ method: 'GET', pattern: '/inbox/messages', calls: ['listMessages'], handler: async (ctx) => ({ json: await ctx.call('listMessages', messageQuery(ctx.query)) }) }),
  restRoute({ method: 'GET', pattern: '/inbox/messages/:id', calls: ['getMessage'], handler: async (ctx) => ({ json: await ctx.call('getMessage', { id: id(ctx) }) }) }),
  restRoute({ method: 'GET', pattern: '/inbox/messages/:id/body', calls: ['getMessageBody'], handler: async (ctx) => ({ json: await ctx.call('getMessageBody', { id: id(ctx) }) }) }),
  restRoute({ method: 'POST', pattern: '/inbox/messages/:id/read', calls: ['setSeen'], handler: setSeen(true) }),
  restRoute({ method: 'POST', pattern: '/inbox/messages/:id/unread', calls: ['setSeen'], handler: setSeen(false) }),
  restRoute({ method: 'GET', pattern: '/inbox/messages/:id/attachments/:index', calls: ['getAttachment'], handler: downloadAttachment }),
  ...ACTION_ROUTES,
  // Team triage (issue 16).
  restRoute({
    method: 'POST',
    pattern: '/inbox/messages/:id/triage',
    calls: ['setTriage'],
    handler: async (ctx) => {
      return { json: await ctx.call('setTriage', { ...(await requestFields(ctx, 'setTriage')), ids: [id(ctx)] }) };
    },
  }),
  restRoute({ method: 'GET', pattern: '/inbox/triage', calls: ['getTriageOverview'], handler: async (ctx) => ({ json: await ctx.call('getTriageOverview', undefined) }) }),
  restRoute({ method: 'GET', pattern: '/inbox/folder-counts', calls: ['getFolderCounts'], handler: async (ctx) => ({ json: await ctx.call('getFolderCounts', undefined) }) }),
  restRoute({
    method: 'GET',
    pattern: '/inbox/integrations/:id/folders',
    calls: ['listFolders'],
    handler: async (ctx) => ({ json: await ctx.call('listFolders', { id: id(ctx), refresh: boolParam(ctx.query, 'refresh', false) }) }),
  }),
  restRoute({ method: 'GET', pattern: '/inbox/providers', calls: [], handler: async () => ({ json: PROVIDER_PRESETS }) }),
  restRoute({
    method: 'GET',
    pattern: '/inbox/providers/detect',
    calls: ['detectProvider'],
    handler: async (ctx) => ({ json: await ctx.call('detectProvider', { email: ctx.query.get('email') ?? '' }) }),
  }),
  restRoute({ method: 'GET', pattern: '/inbox/about', calls: ['getAbout'], handler: async (ctx) => ({ json: await ctx.call('getAbout', undefined) }) }),
  restRoute({ method: 'POST', pattern: '/inbox/export', calls: ['exportMessages'], handler: async (ctx) => ({ json: await ctx.call('exportMessages', await requestFields(ctx, 'exportMessages')) }) }),
  restRoute({ method: 'POST', pattern: '/inbox/backup', calls: ['backupStore'], handler: async (ctx) => ({ json: await ctx.call('backupStore', await requestFields(ctx, 'backupStore')) }) }),
  restRoute({ method: 'POST', pattern: '/inbox/login-link', calls: [], handler: async (ctx) => ({ json: ctx.loginLink() }) }),
  restRoute({ method: 'GET', pattern: '/inbox/settings', calls: ['getSettings'], handler: async (ctx) => ({ json: await ctx.call('getSettings', undefined) }) }),
  restRoute({
    method: 'PATCH',
    pattern: '/inbox/settings',
    calls: ['updateSettings'],
    handler: async (ctx) => ({ json: await ctx.call('updateSettings', await requestFields(ctx, 'updateSettings')) }),
  }),
  ...SEND_ROUTES,
];
