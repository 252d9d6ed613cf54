// The REST route table is type-checked against MailApi down to the shape of each argument (RestArg in
// electron/server/rest-context.ts). `npm run typecheck` covers this file: if any `@ts-expect-error` below stops
// being an error, the compiler would let a handler hand the core a wrong shape, and the type-check fails.
// At run time the same shapes show why it matters: the shared checker refuses the fields it covers and lets the
// others through, so for those the compiler is the only guard.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { createCore } from '../../electron/core/create-core.js';
import type { Core } from '../../electron/core/model.js';
import { startServer, type RunningServer } from '../../electron/server/start-server.js';
import type { CheckedField, FullyCheckedMethod } from '../../shared/arg-checkers.js';
import { validateArg } from '../../shared/arg-checkers.js';
import { ReleveError } from '../../shared/errors.js';
import { requestFields, unchecked } from '../../electron/server/rest-context.js';
import type { RestContext, RestArg } from '../../electron/server/rest-context.js';
import { makeTmpDir, type TmpDir } from '../helpers/tmp-dir.js';
import { errorOf, request } from './server-harness.js';

type Calls = 'getMailbox' | 'deleteMailbox' | 'listFolders' | 'messageAction' | 'createMailbox' | 'listMessages';

/** Never run: only type-checked. Each directive marks a call the compiler must refuse. */
async function shapes(ctx: RestContext<Calls>, loose: Record<string, unknown>): Promise<void> {
  const fromQuery = unchecked(ctx.query.get('x'));
  // Accepted: a parsed value, or a request value where the shared checker looks.
  await ctx.call('getMailbox', { id: 7 });
  await ctx.call('getMailbox', { id: fromQuery });
  await ctx.call('listMessages', { folder: fromQuery, limit: 20 });
  await ctx.call('createMailbox', await requestFields(ctx, 'createMailbox'));
  await ctx.call('messageAction', { ids: [1], action: 'move', folder: fromQuery });

  // @ts-expect-error a literal of the wrong type, even for a checked field
  await ctx.call('getMailbox', { id: 'seven' });
  // @ts-expect-error keep_messages is not validated by the shared checker: the route must parse it to a boolean
  await ctx.call('deleteMailbox', { id: 1, keep_messages: fromQuery });
  // @ts-expect-error a required field missing
  await ctx.call('deleteMailbox', { id: 1 });
  // @ts-expect-error an optional field the checker does not cover
  await ctx.call('listFolders', { id: 1, refresh: fromQuery });
  // @ts-expect-error a loose record: TypeScript would relate its index signature to every optional field, unread
  await ctx.call('listFolders', loose);
  // @ts-expect-error the whole body is allowed only for a method whose checker covers every field
  await requestFields(ctx, 'deleteMailbox');
  // @ts-expect-error not a MessageAction
  await ctx.call('messageAction', { ids: [1], action: 'explode' });
  // @ts-expect-error a number where the contract says string
  await ctx.call('createMailbox', { name: 'Support', imap_port: '993', imap_server: 42 });
  // @ts-expect-error a method the route does not declare
  await ctx.call('syncAll', undefined);
}

function refusal(method: Parameters<typeof validateArg>[0], arg: unknown, locale: 'fr' | 'en'): ReleveError | null {
  try {
    validateArg(method, arg, locale);
    return null;
  } catch (err) {
    if (err instanceof ReleveError) return err;
    throw err;
  }
}

describe('REST arguments, compile-checked against MailApi', () => {
  it('derives from the shared checkers which fields a route may pass unread', () => {
    expectTypeOf(shapes).toBeFunction();
    expectTypeOf<CheckedField<'deleteMailbox'>>().toEqualTypeOf<'id'>();
    expectTypeOf<CheckedField<'getAttachment'>>().toEqualTypeOf<'message_id'>();
    expectTypeOf<CheckedField<'listFolders'>>().toEqualTypeOf<'id'>();
    expectTypeOf<'createMailbox'>().toExtend<FullyCheckedMethod>();
    expectTypeOf<'exportMessages'>().toExtend<FullyCheckedMethod>();
    expectTypeOf<'deleteMailbox'>().not.toExtend<FullyCheckedMethod>();
    expectTypeOf<{ id: number; keep_messages: boolean }>().toExtend<RestArg<'deleteMailbox'>>();
    expectTypeOf<{ id: number; keep_messages: string }>().not.toExtend<RestArg<'deleteMailbox'>>();
  });

  it('what the checker covers it refuses at dispatch; what it does not cover only the compiler stops', () => {
    expect(refusal('getMailbox', { id: 'seven' }, 'en')?.field).toBe('id');
    expect(refusal('messageAction', { ids: [1], action: 'explode' }, 'fr')?.field).toBe('action');
    // The shapes the compiler refuses above for fields no checker reads: nothing at run time would stop them.
    expect(refusal('deleteMailbox', { id: 1, keep_messages: 'yes' }, 'en')).toBeNull();
    expect(refusal('listFolders', { id: 1, refresh: 'maybe' }, 'en')).toBeNull();
  });

  it('checks the export and backup arguments before the core, in the caller’s language', () => {
    const cases: Array<['exportMessages' | 'backupStore', unknown, string]> = [
      ['exportMessages', { mailbox_ids: null, format: 'zip', out_dir: '/tmp/x' }, 'format'],
      ['exportMessages', { mailbox_ids: [1, 0], format: 'mbox', out_dir: '/tmp/x' }, 'mailbox_ids'],
      ['exportMessages', { format: 'eml', out_dir: 'Releve-export' }, 'out_dir'],
      ['backupStore', { file: 'sauvegarde.db' }, 'file'],
      ['backupStore', {}, 'file'],
    ];
    for (const [method, arg, field] of cases) {
      const fr = refusal(method, arg, 'fr');
      const en = refusal(method, arg, 'en');
      expect([fr?.code, fr?.field, en?.field], `${method} ${field}`).toEqual(['VALIDATION', field, field]);
      expect(fr?.message).not.toBe(en?.message);
    }
    expect(refusal('backupStore', { file: 'a.db' }, 'fr')?.message).toContain('« file » doit être un chemin complet');
    for (const file of ['/home/marie/a.db', 'C:\\Releve\\a.db', '\\\\nas\\partage\\a.db']) expect(refusal('backupStore', { file }, 'en')).toBeNull();
    expect(refusal('exportMessages', { mailbox_ids: [2, 3], format: 'mbox', out_dir: '/srv/export' }, 'en')).toBeNull();
  });

  it('hands a JSON body over field by field, its own keys kept as data (no prototype set by "__proto__")', async () => {
    const body: unknown = JSON.parse('{"name":"Support","__proto__":{"polluted":true}}');
    const ctx = { body: () => Promise.resolve(body) };
    const fields: Record<string, unknown> = await requestFields(ctx, 'createMailbox');
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
    expect(Object.keys(fields).sort()).toEqual(['__proto__', 'name']);
    expect(fields.name).toBe('Support');
    await expect(requestFields({ body: () => Promise.resolve(undefined) }, 'testSmtp', true)).resolves.toEqual({});
    await expect(requestFields({ body: () => Promise.resolve([1]) }, 'testSmtp', true)).rejects.toMatchObject({ status: 400 });
  });
});

describe('the same routes over HTTP, on a real core and server', () => {
  let dir: TmpDir;
  let core: Core;
  let server: RunningServer;
  beforeAll(async () => {
    dir = makeTmpDir('releve-rest-args-');
    core = createCore({ dataDir: join(dir.path, 'data'), locale: 'en' });
    server = await startServer({ core, port: 0, token: 'test-token-0123456789abcdefghijklmnopqrstuv', locale: 'en' });
  });
  afterAll(async () => {
    await server?.close();
    await core?.close();
    dir?.remove();
  });

  it('a bad export body is refused before the core, in the request’s language; a good backup goes through', async () => {
    const fr = await request(server, 'POST', '/inbox/export', {
      body: { mailbox_ids: null, format: 'zip', out_dir: join(dir.path, 'export') },
      headers: { 'accept-language': 'fr-FR' },
    });
    expect(fr.status).toBe(400);
    expect(errorOf(fr)).toMatchObject({ code: 'VALIDATION', field: 'format', message: '« format » doit valoir mbox ou eml.' });
    const file = join(dir.path, 'sauvegarde.db');
    const ok = await request(server, 'POST', '/inbox/backup', { body: { file } });
    expect(ok.status).toBe(200);
    expect(existsSync(file)).toBe(true);
  });

  it('a query value no checker reads is parsed by the route, never passed on as it came', async () => {
    const r = await request(server, 'DELETE', '/inbox/integrations/1?keep_messages=yes');
    expect(r.status).toBe(400);
    expect(errorOf(r).code).toBe('VALIDATION');
  });
});
