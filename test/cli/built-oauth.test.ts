// Sign-in with Microsoft/Google for end users: a packager gives client ids in the build's environment, the
// bundle carries them, and `releve serve` run from that bundle offers the sign-in with nothing to set up;
// an administrator's environment (or settings) still wins; a build made without them carries none.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Settings } from '../../shared/types.js';
import { OAuthProviderRegistry } from '../../electron/core/oauth/provider-config.js';
import { baseEnv } from './run-cli.js';
import { startBundle } from './run-bundle.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let work: string;

function buildCli(out: string, env: Record<string, string>): string {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--only=cli,worker', `--out=${out}`], {
    cwd: root,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
  });
  if (r.status !== 0) throw new Error(`build failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

beforeAll(() => {
  mkdirSync(path.join(root, '.test-tmp'), { recursive: true });
  // Inside the repository, so the bundle's external packages resolve from its node_modules.
  work = mkdtempSync(path.join(root, '.test-tmp', 'built-oauth-'));
}, 10_000);
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('client ids baked in at build time', () => {
  it('the bundle built with them offers Microsoft and Google sign-in with nothing to configure', async () => {
    const out = path.join(work, 'baked');
    const log = buildCli(out, { RELEVE_OAUTH_MICROSOFT_CLIENT_ID: 'baked-ms-app', RELEVE_OAUTH_GOOGLE_CLIENT_ID: 'baked-g-app', RELEVE_OAUTH_GOOGLE_CLIENT_SECRET: 'baked-g-secret', RELEVE_API_TOKEN: 'never-baked-token-value' });
    expect(log).toContain('OAuth2 clients baked in: RELEVE_OAUTH_MICROSOFT_CLIENT_ID, RELEVE_OAUTH_GOOGLE_CLIENT_ID, RELEVE_OAUTH_GOOGLE_CLIENT_SECRET');
    expect(log).not.toContain('baked-g-secret');
    const bundle = readFileSync(path.join(out, 'cli/releve.cjs'), 'utf8');
    // Only the listed keys: nothing else of the build's environment ends up in the program.
    expect(bundle).not.toContain('never-baked-token-value');

    const dataDir = path.join(work, 'data-baked');
    const serve = await startBundle(path.join(out, 'cli/releve.cjs'), baseEnv({ RELEVE_DATA_DIR: dataDir, RELEVE_API_TOKEN: 'built-oauth-token-0123456789abcdef' }));
    try {
      const settings = (await serve.getJson('/inbox/settings')) as Settings;
      expect(settings.oauth.microsoft).toEqual({ client_id: 'baked-ms-app', has_client_secret: false, tenant: null, source: 'build' });
      expect(settings.oauth.google).toEqual({ client_id: 'baked-g-app', has_client_secret: true, tenant: null, source: 'build' });
    } finally {
      await serve.stop();
    }

    // An administrator's environment still takes precedence over what the build carries.
    const envServe = await startBundle(path.join(out, 'cli/releve.cjs'), baseEnv({ RELEVE_DATA_DIR: dataDir, RELEVE_API_TOKEN: 'built-oauth-token-0123456789abcdef', RELEVE_OAUTH_MICROSOFT_CLIENT_ID: 'admin-ms-app' }));
    try {
      const settings = (await envServe.getJson('/inbox/settings')) as Settings;
      expect(settings.oauth.microsoft).toMatchObject({ client_id: 'admin-ms-app', source: 'env' });
    } finally {
      await envServe.stop();
    }
  }, 120_000);

  it('a build made without them carries none (the provider is then not available)', () => {
    const out = path.join(work, 'plain');
    expect(buildCli(out, {})).toContain('OAuth2 clients baked in: none');
    expect(readFileSync(path.join(out, 'cli/releve.cjs'), 'utf8')).not.toContain('baked-ms-app');
  }, 60_000);

  it('precedence: settings on this computer, then environment, then the build', () => {
    const built = { RELEVE_OAUTH_MICROSOFT_CLIENT_ID: 'from-build' };
    const reg = (env: Record<string, string>, settings: Record<string, string>) => new OAuthProviderRegistry(env, (k) => settings[k], () => 'fr', built);
    expect(reg({}, {}).clientSettings('microsoft')).toMatchObject({ client_id: 'from-build', source: 'build' });
    expect(reg({ RELEVE_OAUTH_MICROSOFT_CLIENT_ID: 'from-env' }, {}).clientSettings('microsoft')).toMatchObject({ client_id: 'from-env', source: 'env' });
    expect(reg({ RELEVE_OAUTH_MICROSOFT_CLIENT_ID: 'from-env' }, { 'oauth.microsoft.client_id': 'from-settings' }).clientSettings('microsoft')).toMatchObject({ source: 'settings' });
    expect(reg({}, {}).list().find((p) => p.id === 'microsoft')?.configured).toBe(true);
    expect(reg({}, {}).resolve('microsoft').clientId).toBe('from-build');
  });
});
