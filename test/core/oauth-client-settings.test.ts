// OAuth2 clients set in the app's settings (the desktop app gets no environment variables): the real core on
// a real SQLite file. Setting a client id makes the provider configured, clearing it falls back to the
// environment, the Google client secret is sealed at rest and never returned, bad values are refused in the
// user's language and change nothing.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/create-core.js';
import type { Core, Logger, SecretBox } from '../../electron/core/model.js';
import { applyOAuthClientPatch } from '../../electron/core/oauth/index.js';
import { oauthSettingSource, openSealedSettings } from '../../electron/core/oauth/client-settings.js';
import { OAuthProviderRegistry } from '../../electron/core/oauth/provider-config.js';
import { Redactor } from '../../electron/core/logger.js';
import { createFileKeyBox } from '../../electron/core/secrets/index.js';
import * as store from '../../electron/core/store/index.js';
import { ReleveError } from '../../shared/errors.js';
import type { OAuthClientSettings } from '../../shared/types.js';
import { makeTmpDir, type TmpDir } from '../helpers/tmp-dir.js';

const MS_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const G_ID = '123456789012-abcdefghijklmnop.apps.googleusercontent.com';
const G_SECRET = 'GOCSPX-a1B2c3D4e5F6g7H8i9J0kLmN';

const NONE: OAuthClientSettings = { client_id: null, has_client_secret: false, tenant: null, source: null };

interface Opened {
  core: Core;
  lines: string[];
}

let dirs: TmpDir[] = [];
let cores: Core[] = [];
afterEach(async () => {
  for (const c of cores) await c.close();
  for (const d of dirs) d.remove();
  cores = [];
  dirs = [];
});

function tmp(): TmpDir {
  const d = makeTmpDir('releve-oauth-settings-');
  dirs.push(d);
  return d;
}

function open(dataDir: string, env: Record<string, string> = {}, extra: { secrets?: SecretBox } = {}): Opened {
  const lines: string[] = [];
  const logger: Logger = { log: (level, msg, fields) => lines.push(`${level} ${msg} ${JSON.stringify(fields ?? {})}`) };
  const core = createCore({ dataDir, locale: 'en', logger, oauth: { env }, ...extra });
  cores.push(core);
  return { core, lines };
}

async function configured(core: Core): Promise<Record<string, boolean>> {
  return Object.fromEntries((await core.api.listOAuthProviders()).map((p) => [p.id, p.configured]));
}

async function thrown(p: Promise<unknown>): Promise<ReleveError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ReleveError);
  return err as ReleveError;
}

/** Every byte of the data directory's database files (main file and WAL), to look for a secret in clear. */
function databaseBytes(dataDir: string): string {
  return readdirSync(dataDir)
    .filter((f) => f.startsWith('releve.db'))
    .map((f) => readFileSync(join(dataDir, f)).toString('latin1'))
    .join('\n');
}

describe('OAuth2 clients in the settings', () => {
  it('reports no client when none is set anywhere', async () => {
    const { core } = open(tmp().path);
    expect((await core.api.getSettings()).oauth).toEqual({ microsoft: NONE, google: NONE });
    expect(await configured(core)).toEqual({ microsoft: false, google: false });
  });

  it('a Microsoft client id and tenant set in the app make the sign-in configured, and survive a restart', async () => {
    const dir = tmp();
    const { core } = open(dir.path);
    const after = await core.api.updateSettings({ oauth: { microsoft: { client_id: ` ${MS_ID} `, tenant: 'Contoso.onmicrosoft.com' } } });
    expect(after.oauth.microsoft).toEqual({ client_id: MS_ID, has_client_secret: false, tenant: 'contoso.onmicrosoft.com', source: 'settings' });
    expect(after.oauth.google).toEqual(NONE);
    expect(await configured(core)).toEqual({ microsoft: true, google: false });
    await core.close();
    cores = [];

    const again = open(dir.path).core;
    expect((await again.api.getSettings()).oauth.microsoft).toMatchObject({ client_id: MS_ID, source: 'settings' });
    expect(await configured(again)).toEqual({ microsoft: true, google: false });
  });

  it('clearing the client id falls back to the environment, or to "not configured" without one', async () => {
    const plain = open(tmp().path).core;
    await plain.api.updateSettings({ oauth: { microsoft: { client_id: MS_ID, tenant: 'organizations' } } });
    const cleared = await plain.api.updateSettings({ oauth: { microsoft: { client_id: null, tenant: '' } } });
    expect(cleared.oauth.microsoft).toEqual(NONE);
    expect(await configured(plain)).toEqual({ microsoft: false, google: false });

    const env = { RELEVE_OAUTH_MICROSOFT_CLIENT_ID: 'env-client', RELEVE_OAUTH_MICROSOFT_TENANT: 'consumers' };
    const withEnv = open(tmp().path, env).core;
    expect((await withEnv.api.getSettings()).oauth.microsoft).toEqual({ client_id: 'env-client', has_client_secret: false, tenant: 'consumers', source: 'env' });
    // The setting wins over the environment while it is set…
    const set = await withEnv.api.updateSettings({ oauth: { microsoft: { client_id: MS_ID } } });
    expect(set.oauth.microsoft).toEqual({ client_id: MS_ID, has_client_secret: false, tenant: 'consumers', source: 'settings' });
    // …and the environment applies again once it is cleared.
    const back = await withEnv.api.updateSettings({ oauth: { microsoft: { client_id: null } } });
    expect(back.oauth.microsoft).toMatchObject({ client_id: 'env-client', source: 'env' });
    expect(await configured(withEnv)).toEqual({ microsoft: true, google: false });
  });

  it('the Google client secret is sealed at rest, never returned nor logged, and reaches the registry', async () => {
    const dir = tmp();
    const { core, lines } = open(dir.path);
    const after = await core.api.updateSettings({ oauth: { google: { client_id: G_ID, client_secret: G_SECRET } } });
    expect(after.oauth.google).toEqual({ client_id: G_ID, has_client_secret: true, tenant: null, source: 'settings' });
    expect(JSON.stringify(after)).not.toContain(G_SECRET);
    expect(JSON.stringify(await core.api.getSettings())).not.toContain(G_SECRET);
    expect(JSON.stringify(await core.api.listOAuthProviders())).not.toContain(G_SECRET);
    expect(await configured(core)).toEqual({ microsoft: false, google: true });
    expect(lines.some((l) => l.includes('oauth client settings changed') && l.includes('oauth.google.client_secret'))).toBe(true);
    expect(lines.join('\n')).not.toContain(G_SECRET);

    const db = new Database(core.dbPath, { readonly: true });
    const stored = db.prepare("SELECT value FROM settings WHERE key = 'oauth.google.client_secret'").get() as { value: string };
    db.close();
    expect(stored.value).toMatch(/^sealed:file:/);
    expect(databaseBytes(dir.path)).not.toContain(G_SECRET);

    // The registry (what a sign-in uses) gets the opened secret.
    const sdb = store.openStore(core.dbPath);
    try {
      const deps = { db: sdb, boxes: [createFileKeyBox(dir.path)], redactor: new Redactor(), log: { log() {} } };
      const opened = new Map<string, string | null>();
      await openSealedSettings(deps, opened);
      const source = oauthSettingSource(deps, opened);
      const google = new OAuthProviderRegistry({}, source, () => 'en').resolve('google');
      expect(google).toMatchObject({ clientId: G_ID, clientSecret: G_SECRET });
    } finally {
      store.closeStore(sdb);
    }

    const cleared = await core.api.updateSettings({ oauth: { google: { client_secret: null } } });
    expect(cleared.oauth.google).toEqual({ client_id: G_ID, has_client_secret: false, tenant: null, source: 'settings' });
  });

  it('a secret sealed by a box missing here (the desktop keychain, read by the CLI) counts as unset', async () => {
    const dir = tmp();
    const other = createFileKeyBox(tmp().path);
    const keychain: SecretBox = { kind: 'safestorage', available: () => true, encrypt: (p) => other.encrypt(p), decrypt: (c) => other.decrypt(c) };
    const desktop = open(dir.path, {}, { secrets: keychain }).core;
    await desktop.api.updateSettings({ oauth: { google: { client_id: G_ID, client_secret: G_SECRET } } });
    expect((await desktop.api.getSettings()).oauth.google.has_client_secret).toBe(true);
    await desktop.close();
    cores = [];

    const { core: cli, lines } = open(dir.path);
    expect((await cli.api.getSettings()).oauth.google).toEqual({ client_id: G_ID, has_client_secret: false, tenant: null, source: 'settings' });
    expect(lines.some((l) => l.startsWith('warn oauth client setting unreadable'))).toBe(true);
  });

  it('refuses bad values in the user’s language, naming the field, and changes nothing', async () => {
    const { core } = open(tmp().path);
    await core.api.updateSettings({ locale: 'fr' });
    const fr = await thrown(core.api.updateSettings({ oauth: { microsoft: { client_id: 'has a space' } } }));
    expect(fr).toMatchObject({ code: 'VALIDATION', field: 'oauth.microsoft.client_id' });
    expect(fr.message).toBe('L’identifiant d’application (client ID) Microsoft doit contenir de 1 à 200 caractères, sans espace.');

    await core.api.updateSettings({ locale: 'en' });
    // A valid Google part beside a bad tenant: the whole patch is refused, Google included.
    const en = await thrown(core.api.updateSettings({ oauth: { google: { client_id: G_ID }, microsoft: { tenant: 'not a tenant' } } }));
    expect(en).toMatchObject({ code: 'VALIDATION', field: 'oauth.microsoft.tenant' });
    expect(en.message).toMatch(/^The Microsoft tenant must be “common”, “organizations”, “consumers”/);
    expect((await core.api.getSettings()).oauth).toEqual({ microsoft: NONE, google: NONE });

    const tooLong = await thrown(core.api.updateSettings({ oauth: { google: { client_id: 'x'.repeat(201) } } }));
    expect(tooLong.field).toBe('oauth.google.client_id');
    const notObject = await thrown(core.api.updateSettings({ oauth: 'microsoft' } as never));
    expect(notObject.field).toBe('oauth');
  });

  it('writes nothing when the secret cannot be sealed', async () => {
    const dir = tmp();
    const locked: SecretBox = { kind: 'safestorage', available: () => false, encrypt: () => Buffer.alloc(0), decrypt: () => '' };
    const { core } = open(dir.path, {}, { secrets: locked });
    const err = await thrown(core.api.updateSettings({ oauth: { google: { client_id: G_ID, client_secret: G_SECRET } } }));
    expect(err.code).toBe('SECRETS_UNAVAILABLE');
    expect((await core.api.getSettings()).oauth.google).toEqual(NONE);
  });

  it('applyOAuthClientPatch ignores an empty patch without logging a change', async () => {
    const dir = tmp();
    const db = store.openStore(join(dir.path, 'x.db'));
    const lines: string[] = [];
    try {
      await applyOAuthClientPatch({ db, secrets: createFileKeyBox(dir.path), log: { log: (_l, msg) => lines.push(msg) }, opened: new Map() }, { microsoft: {} });
      expect(lines).toEqual([]);
      expect(store.getSetting(db, 'oauth.microsoft.client_id')).toBeUndefined();
    } finally {
      store.closeStore(db);
    }
  });
});
