// GET/PATCH /inbox/settings carry the OAuth2 clients (what an administrator scripts for many machines):
// real core on a real SQLite file, real server. Validation answers in the request's language; the Google
// client secret goes in and never comes out (answers, files of the data directory).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/create-core.js';
import type { Core } from '../../electron/core/model.js';
import { startServer, type RunningServer } from '../../electron/server/start-server.js';
import type { Settings } from '../../shared/types.js';
import { makeTmpDir, type TmpDir } from '../helpers/tmp-dir.js';
import { errorOf, filesContaining, request } from './server-harness.js';

const MS_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const G_ID = '123456789012-abcdefghijklmnop.apps.googleusercontent.com';
const G_SECRET = 'GOCSPX-Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2';
const NONE = { client_id: null, has_client_secret: false, tenant: null, source: null };

let dir: TmpDir;
let core: Core;
let server: RunningServer;
beforeAll(async () => {
  dir = makeTmpDir('releve-settings-oauth-');
  // The environment names a Google client, so clearing the setting must fall back to it.
  core = createCore({ dataDir: join(dir.path, 'data'), locale: 'en', oauth: { env: { RELEVE_OAUTH_GOOGLE_CLIENT_ID: 'env-google' } } });
  server = await startServer({ core, port: 0, token: 'test-token-0123456789abcdefghijklmnopqrstuv', locale: 'en' });
});
afterAll(async () => {
  await server?.close();
  await core?.close();
  dir?.remove();
});

const configured = async () => Object.fromEntries((await core.api.listOAuthProviders()).map((p) => [p.id, p.configured]));

describe('/inbox/settings and the OAuth2 clients', () => {
  it('GET reports each built-in client and where its id comes from', async () => {
    const r = await request(server, 'GET', '/inbox/settings');
    expect(r.status).toBe(200);
    expect((r.body as Settings).oauth).toEqual({
      microsoft: NONE,
      google: { client_id: 'env-google', has_client_secret: false, tenant: null, source: 'env' },
    });
  });

  it('PATCH sets them; the secret is accepted, sealed, and never in an answer or a file', async () => {
    const r = await request(server, 'PATCH', '/inbox/settings', {
      body: { oauth: { microsoft: { client_id: MS_ID, tenant: 'organizations' }, google: { client_id: G_ID, client_secret: G_SECRET } } },
    });
    expect(r.status).toBe(200);
    expect((r.body as Settings).oauth).toEqual({
      microsoft: { client_id: MS_ID, has_client_secret: false, tenant: 'organizations', source: 'settings' },
      google: { client_id: G_ID, has_client_secret: true, tenant: null, source: 'settings' },
    });
    expect(r.text).not.toContain(G_SECRET);
    expect((await request(server, 'GET', '/inbox/settings')).text).not.toContain(G_SECRET);
    expect(await configured()).toEqual({ microsoft: true, google: true });
    expect(filesContaining(dir.path, G_SECRET)).toEqual([]);
  });

  it('null clears: Microsoft is no longer configured, Google falls back to the environment', async () => {
    const r = await request(server, 'PATCH', '/inbox/settings', {
      body: { oauth: { microsoft: { client_id: null, tenant: null }, google: { client_id: null, client_secret: null } } },
    });
    expect(r.status).toBe(200);
    expect((r.body as Settings).oauth).toEqual({
      microsoft: NONE,
      google: { client_id: 'env-google', has_client_secret: false, tenant: null, source: 'env' },
    });
    expect(await configured()).toEqual({ microsoft: false, google: true });
  });

  it('bad values: 400 VALIDATION naming the field, in the request’s language, nothing changed', async () => {
    const fr = await request(server, 'PATCH', '/inbox/settings', {
      body: { notifications: false, oauth: { microsoft: { client_id: MS_ID, tenant: 'pas un tenant' } } },
      headers: { 'accept-language': 'fr-FR,fr;q=0.9' },
    });
    expect(fr.status).toBe(400);
    expect(errorOf(fr)).toMatchObject({ code: 'VALIDATION', field: 'oauth.microsoft.tenant' });
    expect(errorOf(fr).message).toMatch(/^Le locataire \(tenant\) Microsoft doit valoir « common »/);

    const en = await request(server, 'PATCH', '/inbox/settings', { body: { oauth: { google: { client_secret: 'has spaces in it' } } } });
    expect(en.status).toBe(400);
    expect(errorOf(en)).toMatchObject({
      code: 'VALIDATION',
      field: 'oauth.google.client_secret',
      message: 'The Google client secret must be 1 to 500 characters long, without spaces.',
    });
    expect(en.text).not.toContain('has spaces in it');

    const after = (await request(server, 'GET', '/inbox/settings')).body as Settings;
    expect(after.notifications).toBe(true);
    expect(after.oauth.microsoft).toEqual(NONE);
  });
});
