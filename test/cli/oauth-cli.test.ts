// `releve accounts add --oauth …` and `releve accounts reconnect` with the real executable, the test
// authorization server (oidc-provider) and a Dovecot that validates tokens by introspection.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mailbox, SyncResult } from '../../shared/types.js';
import { makeMessage, startDovecot, type DovecotHandle } from '../fixtures/dovecot.js';
import { testProviderEnv } from '../fixtures/oauth-signin.js';
import { consentOverHttp } from '../fixtures/oidc-consent.js';
import { startOidcProvider, type OidcHandle } from '../fixtures/oidc-provider.js';
import { makeTmpDir, type TmpDir } from '../helpers/tmp-dir.js';
import { filesContaining } from '../server/server-harness.js';
import { allOutput, baseEnv, parseJson, runCli, startCli, type CliRun, type LiveCli } from './run-cli.js';

const ALICE = 'alice@example.test';
const USERS = [{ user: ALICE, password: 'alice-Pw-cli' }];

let oidc: OidcHandle;
let d: DovecotHandle;
let tmp: TmpDir;
let env: NodeJS.ProcessEnv;
let fr: NodeJS.ProcessEnv;
let dataDir: string;

beforeAll(async () => {
  oidc = await startOidcProvider({ accounts: [{ email: ALICE }] });
  d = await startDovecot({ users: USERS, oauth2: { introspectionUrl: oidc.introspectionUrlWithCredentials, mechanisms: ['xoauth2'] } });
  tmp = makeTmpDir('releve-cli-oauth-');
  const caFile = join(tmp.path, 'ca.pem');
  writeFileSync(caFile, d.caPem);
  dataDir = join(tmp.path, 'data');
  const common = { RELEVE_DATA_DIR: dataDir, RELEVE_EXTRA_CA: caFile, ...testProviderEnv('testidp', oidc.issuer, oidc.clientId) };
  env = baseEnv({ ...common, LANG: 'en_US.UTF-8' });
  fr = baseEnv({ ...common, LANG: 'fr_FR.UTF-8' });
});

afterAll(async () => {
  await d?.stop();
  await oidc?.stop();
  tmp?.remove();
});

/** The run once the command ended by itself (a pattern that never matches rejects only at exit). */
async function exited(live: LiveCli): Promise<CliRun> {
  await live.waitFor(/(?!)/).catch(() => undefined);
  return live.stop('SIGTERM');
}

/** Runs a command that prints a sign-in address, signs in as `login` over HTTP, and returns the finished run. */
async function withSignIn(args: string[], runEnv: NodeJS.ProcessEnv, login: string): Promise<CliRun> {
  const live = startCli(args, runEnv);
  const [, url] = await live.waitFor(/^\s+(http:\/\/127\.0\.0\.1:\d+\/auth\?\S+)$/m);
  const browser = await consentOverHttp(url!, { login });
  expect(browser.status).toBe(200);
  return exited(live);
}

describe('releve accounts add --oauth', () => {
  it('prints the address to open, waits for the loopback redirect, then saves the mailbox without a password', async () => {
    await d.append(ALICE, makeMessage({ subject: 'Bienvenue', from: 'a@example.fr', to: ALICE }));
    const live = startCli(['accounts', 'add', '--oauth', 'testidp', '--email', ALICE, '--server', '127.0.0.1', '--port', String(d.imapsPort), '--ssl', '--test'], env);
    await live.waitFor(/Open this address in a browser on this computer to sign in with Test IdP:/);
    const [, url] = await live.waitFor(/^\s+(http:\/\/127\.0\.0\.1:\d+\/auth\?\S+)$/m);
    await live.waitFor(/Waiting for the sign-in/);
    expect(new URL(url!).searchParams.get('login_hint')).toBe(ALICE);
    await consentOverHttp(url!, { login: ALICE });
    const done = await exited(live);
    expect(done.stdout).toMatch(/Connection OK: 1 message in INBOX/);
    expect(done.stdout).toContain(`Signed in: ${ALICE}.`);
    expect(done.stdout).toMatch(/Mailbox #1 “alice@example.test” added/);
    expect(done.code).toBe(0);

    const list = parseJson<Mailbox[]>(await runCli(['accounts', 'list', '--json'], env));
    expect(list[0]).toMatchObject({ auth_method: 'oauth2', oauth_provider: 'testidp', has_password: false });
    const table = await runCli(['accounts', 'list'], env);
    expect(table.stdout).toContain('OAuth2 (testidp)');
    const sync = await runCli(['sync', '--json'], env);
    expect(sync.code).toBe(0);
    expect(parseJson<SyncResult[]>(sync)[0]).toMatchObject({ status: 'success', new_messages: 1 });
  });

  it('refuses --password-stdin with --oauth, and an unknown sign-in, before anything is saved', async () => {
    const both = await runCli(['accounts', 'add', '--oauth', 'testidp', '--email', ALICE, '--server', 'x.fr', '--password-stdin'], env, 'pw\n');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('makes no sense with --oauth');
    const unknown = await runCli(['accounts', 'add', '--oauth', 'yahoo', '--email', ALICE, '--server', 'x.fr'], fr);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Connexion OAuth2 inconnue : yahoo');
    const unconfigured = await runCli(['accounts', 'add', '--oauth', 'microsoft', '--email', 'a@outlook.fr'], env);
    expect(unconfigured.code).toBe(1);
    expect(unconfigured.stderr).toContain('Signing in with this provider is not available in this version of Relève.');
    expect(unconfigured.stderr).toContain('RELEVE_OAUTH_MICROSOFT_CLIENT_ID');
    expect(parseJson<Mailbox[]>(await runCli(['accounts', 'list', '--json'], env))).toHaveLength(1);
  });

  it('the Outlook preset without --oauth points at the sign-in instead of a password', async () => {
    const r = await runCli(['--data-dir', join(tmp.path, 'other'), 'accounts', 'add', '--preset', 'outlook', '--email', 'a@hotmail.fr'], fr);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('releve accounts add --oauth microsoft');
  });
});

describe('releve accounts reconnect', () => {
  it('a revoked sign-in fails the sync with a reconnect message; reconnect repairs it', async () => {
    await oidc.revokeAllGrants(ALICE);
    const failed = await runCli(['sync', '--force'], fr);
    expect(failed.code).toBe(1);
    expect(failed.stdout + failed.stderr).toContain('reconnectez cette boîte');

    await d.append(ALICE, makeMessage({ subject: 'Après reconnexion', from: 'a@example.fr', to: ALICE }));
    const run = await withSignIn(['accounts', 'reconnect', '1'], fr, ALICE);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Boîte mail n° 1 « alice@example.test » reconnectée.');
    const sync = await runCli(['sync', '--json'], env);
    expect(parseJson<SyncResult[]>(sync)[0]).toMatchObject({ status: 'success', new_messages: 1 });
  });

  it('never prints or stores a token in clear', () => {
    const tokens = [...oidc.issuedTokens('RefreshToken'), ...oidc.issuedTokens('AccessToken')];
    expect(tokens.length).toBeGreaterThanOrEqual(4);
    for (const token of tokens) {
      expect(allOutput.some((o) => o.includes(token))).toBe(false);
      expect(filesContaining(dataDir, token)).toEqual([]);
    }
  });
});
