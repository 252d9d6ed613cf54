// GET /openapi.json: every route described (drift check), valid for a third-party linter (Redocly), real
// answers of `releve serve` valid against it (Ajv, JSON Schema 2020-12), and a client generated from it
// (openapi-typescript + openapi-fetch) that talks to the server, type-checked by `npm run typecheck`.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import createClient from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDrift } from '../../electron/server/openapi/document.js';
import { REST_ROUTES } from '../../electron/server/rest-routes.js';
import type { paths } from './openapi/releve-api.js';
import { ALICE, TOKEN, request, seedBody, startStack, type Stack } from './server-harness.js';

let s: Stack;
let doc: Record<string, unknown>;
let ajv: Ajv2020;

beforeAll(async () => {
  s = await startStack();
  const r = await request(s.server, 'GET', '/openapi.json', { token: null });
  expect(r.status).toBe(200);
  doc = r.body as Record<string, unknown>;
  ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addFormat('date-time', true);
  ajv.addFormat('binary', true);
  ajv.addSchema(doc, 'api');
}, 60_000);
afterAll(async () => s?.stop());

/** Validates a real answer against the schema the description gives for that operation's success. */
function expectValid(schemaRef: string, value: unknown): void {
  const validate = ajv.getSchema(`api#/components/schemas/${schemaRef}`);
  if (!validate) throw new Error(`no schema ${schemaRef}`);
  const ok = validate(value);
  expect(ok ? [] : validate.errors).toEqual([]);
}

describe('the description', () => {
  it('describes every REST route and nothing else', () => {
    expect(openApiDrift(REST_ROUTES)).toEqual({ undocumented: [], stale: [] });
    const ops = Object.values(doc.paths as Record<string, Record<string, unknown>>).flatMap((p) => Object.keys(p));
    expect(ops).toHaveLength(REST_ROUTES.length);
  });

  it('passes the Redocly linter (recommended rules)', () => {
    const file = join(s.dir.path, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    const r = spawnSync(process.execPath, [join('node_modules', '@redocly', 'cli', 'bin', 'cli.js'), 'lint', file, '--format', 'stylish'], { encoding: 'utf8', env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } });
    expect(`${r.stdout}${r.stderr}`).toContain('Your API description is valid');
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/\d+ warnings?\b/);
    expect(r.status).toBe(0);
  });

  it('the linter does catch a broken description (the check can fail)', () => {
    const broken = { ...doc, paths: { '/x': { get: { responses: { '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Nope' } } } } } } } } };
    const file = join(s.dir.path, 'broken.json');
    writeFileSync(file, JSON.stringify(broken));
    const r = spawnSync(process.execPath, [join('node_modules', '@redocly', 'cli', 'bin', 'cli.js'), 'lint', file], { encoding: 'utf8', env: { ...process.env, REDOCLY_TELEMETRY: 'off' } });
    expect(r.status).not.toBe(0);
  });

  it('the committed typed client is what the description generates today', async () => {
    const { default: openapiTS, astToString } = await import('openapi-typescript');
    const fresh = astToString(await openapiTS(doc as unknown as Parameters<typeof openapiTS>[0]));
    const committed = readFileSync(new URL('./openapi/releve-api.d.ts', import.meta.url), 'utf8');
    // The version differs (0.0.0 when generated offline): compare without the info block's effect, i.e. as is.
    expect(committed.slice(committed.indexOf('\n') + 1)).toBe(fresh);
  });
});

describe('real answers match it', () => {
  it('through a client generated from it (openapi-fetch)', async () => {
    const client = createClient<paths>({ baseUrl: s.server.url, headers: { Authorization: `Bearer ${TOKEN}` } });
    const created = await client.POST('/inbox/integrations', { body: seedBody(s.dovecot, ALICE) });
    expect(created.response.status).toBe(201);
    expectValid('Mailbox', created.data);
    const id = created.data?.id ?? 0;
    await s.dovecot.append(ALICE, 'From: a@b.test\r\nTo: alice@example.test\r\nSubject: Bonjour\r\nMessage-ID: <o1@b.test>\r\n\r\nCorps\r\n');
    const synced = await client.POST('/inbox/integrations/{id}/sync', { params: { path: { id } } });
    expectValid('SyncResult', synced.data);
    expect(synced.data?.status).toBe('success');

    const list = await client.GET('/inbox/integrations');
    for (const m of list.data ?? []) expectValid('Mailbox', m);
    const status = await client.GET('/inbox/status');
    for (const st of status.data ?? []) expectValid('MailboxStatus', st);
    const page = await client.GET('/inbox/messages', { params: { query: { q: 'bonjour', limit: 10 } } });
    expectValid('MessagePage', page.data);
    expect(page.data?.total).toBe(1);
    const one = await client.GET('/inbox/messages/{id}', { params: { path: { id: page.data?.items[0]?.id ?? 0 } } });
    expectValid('MessageDetail', one.data);
    expect(one.data?.subject).toBe('Bonjour');
    expect(one.data?.body_truncated).toBe(false);
    const body = await client.GET('/inbox/messages/{id}/body', { params: { path: { id: one.data?.id ?? 0 } } });
    expectValid('MessageBody', body.data);
    expect(body.data?.text).toBe(one.data?.text);
    const read = await client.POST('/inbox/messages/{id}/read', { params: { path: { id: one.data?.id ?? 0 } } });
    expect(read.data?.updated).toBe(1);
    expectValid('Settings', (await client.GET('/inbox/settings')).data);
    expectValid('ProviderDetection', (await client.GET('/inbox/providers/detect', { params: { query: { email: 'x@orange.fr' } } })).data);
    for (const p of (await client.GET('/inbox/providers')).data ?? []) expectValid('ProviderPreset', p);
    // The data screen's calls: about, export, backup (real files on this computer).
    const about = await client.GET('/inbox/about');
    expectValid('AboutInfo', about.data);
    expect(about.data?.last_backup).toBeNull();
    const exported = await client.POST('/inbox/export', { body: { mailbox_ids: null, format: 'eml', out_dir: join(s.dir.path, 'export') } });
    expectValid('ExportResult', exported.data);
    expect(exported.data?.messages).toBe(1);
    const backup = await client.POST('/inbox/backup', { body: { file: join(s.dir.path, 'backup.db') } });
    expectValid('BackupResult', backup.data);
    expect((await client.GET('/inbox/about')).data?.last_backup?.file).toBe(join(s.dir.path, 'backup.db'));
    const relative = await client.POST('/inbox/backup', { body: { file: 'backup.db' } });
    expect(relative.response.status).toBe(400);
    const test = await client.POST('/inbox/integrations/test', { body: { imap_server: '127.0.0.1', imap_port: 1, use_ssl: false, email_address: 'x@y.test', email_password: 'p' } });
    expectValid('ConnectionTestResult', test.data);
  });

  it('errors have the described shape', async () => {
    const noToken = await request(s.server, 'GET', '/inbox/status', { token: null });
    expect(noToken.status).toBe(401);
    expectValid('Error', noToken.body);
    const missing = await request(s.server, 'GET', '/inbox/integrations/999');
    expect(missing.status).toBe(404);
    expectValid('Error', missing.body);
    const bad = await request(s.server, 'POST', '/inbox/integrations', { body: { name: 1 } });
    expect(bad.status).toBe(400);
    expectValid('Error', bad.body);
  });

  it('a schema rejects what the contract does not allow (the validation can fail)', () => {
    const validate = ajv.getSchema('api#/components/schemas/Mailbox');
    expect(validate?.({ id: 'x' })).toBe(false);
  });
});
