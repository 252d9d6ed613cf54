// OAuth2 sign-in end to end with real parts only: oidc-provider (a certified OpenID provider) on 127.0.0.1,
// a private Dovecot whose oauth2 passdb asks that server to introspect every token (so an expired, revoked
// or foreign token is refused by Dovecot itself), and the core with a real SQLite file.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/create-core.js';
import { openImap } from '../../electron/core/imap/connect.js';
import type { Core } from '../../electron/core/model.js';
import { createFileKeyBox } from '../../electron/core/secrets/index.js';
import type { Mailbox, MailboxInput } from '../../shared/types.js';
import { makeMessage, startDovecot, type DovecotHandle } from '../fixtures/dovecot.js';
import { startOidcProvider, type OidcHandle } from '../fixtures/oidc-provider.js';
import { signInThrough, testProviderEnv } from '../fixtures/oauth-signin.js';
import { consentOverHttp } from '../fixtures/oidc-consent.js';

const ALICE = 'alice@example.test';
const BOB = 'bob@example.test';
const CAROL = 'carol@example.test';
const USERS = [ALICE, BOB, CAROL].map((user) => ({ user, password: `${user.split('@')[0]}-Pw-1x` }));

let oidc: OidcHandle;
let dovecot: DovecotHandle;
let dataDir: string;
let core: Core;
const mailboxes: Record<string, Mailbox> = {};

function oauthInput(email: string, flowId: string): MailboxInput {
  return {
    name: email.split('@')[0]!,
    imap_server: '127.0.0.1',
    imap_port: dovecot.imapsPort!,
    use_ssl: true,
    email_address: email,
    auth_method: 'oauth2',
    oauth_flow_id: flowId,
  };
}

/** The sealed token blob of a mailbox, opened with the core's own key (test-only: proves what is stored). */
function storedTokens(mailboxId: number): { refresh_token: string; access_token: string; expires_at: number } {
  const db = new Database(core.dbPath, { readonly: true });
  try {
    const row = db.prepare('SELECT oauth_tokens_enc AS enc, oauth_secret_kind AS kind FROM mailboxes WHERE id = ?').get(mailboxId) as {
      enc: Buffer;
      kind: string;
    };
    expect(row.kind).toBe('file');
    // The sealed text is the connection binding (secrets/binding.ts), a newline, then the tokens' JSON.
    const plain = createFileKeyBox(dataDir).decrypt(row.enc);
    expect(plain.startsWith('\u0000releve-bound:v1:')).toBe(true);
    return JSON.parse(plain.slice(plain.indexOf('\n') + 1)) as { refresh_token: string; access_token: string; expires_at: number };
  } finally {
    db.close();
  }
}

function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

async function newMail(user: string, subject: string): Promise<void> {
  await dovecot.append(user, makeMessage({ subject, from: 'client@example.fr', to: user }));
}

beforeAll(async () => {
  oidc = await startOidcProvider({ accounts: USERS.map((u) => ({ email: u.user })) });
  // XOAUTH2 only: imapflow would pick OAUTHBEARER whenever offered (covered by its own test below).
  dovecot = await startDovecot({ users: USERS, oauth2: { introspectionUrl: oidc.introspectionUrlWithCredentials, mechanisms: ['xoauth2'] } });
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'releve-oauth-'));
  core = createCore({
    dataDir,
    tlsCa: [dovecot.caPem],
    locale: 'en',
    oauth: { env: testProviderEnv('testidp', oidc.issuer, oidc.clientId) },
  });
});

afterAll(async () => {
  await core?.close();
  await dovecot?.stop();
  await oidc?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('OAuth2 sign-in through the loopback redirect (code + PKCE)', () => {
  it('lists the providers set up here, and refuses one without a client id', async () => {
    const list = await core.api.listOAuthProviders();
    expect(list).toEqual(
      expect.arrayContaining([
        { id: 'microsoft', name: 'Microsoft', configured: false, preset_ids: ['outlook', 'microsoft365'] },
        { id: 'google', name: 'Google', configured: false, preset_ids: ['gmail', 'google_workspace'] },
        { id: 'testidp', name: 'Test IdP', configured: true, preset_ids: [] },
      ]),
    );
    await expect(core.api.beginOAuth({ provider: 'microsoft', email: ALICE })).rejects.toMatchObject({ code: 'OAUTH_NOT_CONFIGURED' });
    await expect(core.api.beginOAuth({ provider: 'nobody' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('signs in, rejects a wrong state, closes the listener after the redirect, and the first sync runs over XOAUTH2', async () => {
    await newMail(ALICE, 'Devis n°1');
    await newMail(ALICE, 'Facture mars');
    const begin = await core.api.beginOAuth({ provider: 'testidp', email: ALICE });
    const auth = new URL(begin.authorization_url);
    const redirect = new URL(begin.redirect_uri);
    expect(auth.origin).toBe(oidc.issuer);
    expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
    expect(auth.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(auth.searchParams.get('login_hint')).toBe(ALICE);
    expect(auth.searchParams.get('redirect_uri')).toBe(begin.redirect_uri);
    expect(redirect.hostname).toBe('127.0.0.1');
    expect(begin.authorization_url).not.toContain('code_verifier');
    expect(await portAccepts(Number(redirect.port))).toBe(true);

    // Someone else's redirect (forged or stale): refused, and the real one is still awaited.
    const forged = await fetch(`${begin.redirect_uri}?code=stolen&state=not-the-state`);
    expect(forged.status).toBe(400);
    const noState = await fetch(`${begin.redirect_uri}?code=stolen`);
    expect(noState.status).toBe(400);
    expect(await portAccepts(Number(redirect.port))).toBe(true);

    const browser = await consentOverHttp(begin.authorization_url, { login: ALICE });
    expect(browser.status).toBe(200);
    expect(browser.body).toContain('close this window');
    const done = await core.api.completeOAuth({ flow_id: begin.flow_id });
    expect(done).toEqual({ flow_id: begin.flow_id, provider: 'testidp', email: ALICE, mailbox_id: null });
    expect(await portAccepts(Number(redirect.port))).toBe(false);

    // The connection test works with the finished sign-in, before the mailbox exists.
    const tested = await core.api.testConnection({ imap_server: '127.0.0.1', imap_port: dovecot.imapsPort!, use_ssl: true, email_address: ALICE, oauth_flow_id: begin.flow_id });
    expect(tested).toMatchObject({ ok: true, message_count: 2 });

    const created = await core.api.createMailbox(oauthInput(ALICE, begin.flow_id));
    expect(created).toMatchObject({ auth_method: 'oauth2', oauth_provider: 'testidp', has_password: false, email_address: ALICE });
    mailboxes.alice = created;
    // A sign-in gives its tokens to one mailbox only.
    await expect(core.api.createMailbox(oauthInput(ALICE, begin.flow_id))).rejects.toMatchObject({ code: 'OAUTH_DENIED' });

    const result = await core.api.syncMailbox({ id: created.id });
    expect(result).toMatchObject({ status: 'success', new_messages: 2 });
    const page = await core.api.listMessages({ mailbox_id: created.id });
    expect(page.items.map((m) => m.subject).sort()).toEqual(['Devis n°1', 'Facture mars']);
    expect(await dovecot.log()).toMatch(new RegExp(`Login: user=<${ALICE}>, method=XOAUTH2`));
  });

  it('refuses to create a mailbox with a sign-in of another account', async () => {
    const { completion, begin } = await signInThrough(core.api, { provider: 'testidp', email: CAROL }, { login: BOB });
    expect(completion.email).toBe(BOB);
    await expect(core.api.createMailbox(oauthInput(CAROL, begin.flow_id))).rejects.toMatchObject({
      code: 'OAUTH_DENIED',
      message: expect.stringContaining(BOB),
    });
    await core.api.cancelOAuth({ flow_id: begin.flow_id });
  });

  it('reports a refused consent, and a cancelled sign-in closes its listener at once', async () => {
    const denied = await core.api.beginOAuth({ provider: 'testidp' });
    const browser = await consentOverHttp(denied.authorization_url, { login: ALICE, deny: true });
    expect(browser.status).toBe(200);
    expect(browser.body).toContain('did not complete');
    await expect(core.api.completeOAuth({ flow_id: denied.flow_id })).rejects.toMatchObject({ code: 'OAUTH_DENIED' });

    const abandoned = await core.api.beginOAuth({ provider: 'testidp' });
    const port = Number(new URL(abandoned.redirect_uri).port);
    expect(await portAccepts(port)).toBe(true);
    const waiting = core.api.completeOAuth({ flow_id: abandoned.flow_id });
    await core.api.cancelOAuth({ flow_id: abandoned.flow_id });
    await expect(waiting).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(await portAccepts(port)).toBe(false);
  });
});

describe('tokens over time', () => {
  it('an expired access token is refreshed silently before connecting, and the sync goes on', async () => {
    oidc.setAccessTokenTtl(2);
    const { begin } = await signInThrough(core.api, { provider: 'testidp', email: BOB }, { login: BOB });
    oidc.setAccessTokenTtl(3600);
    mailboxes.bob = await core.api.createMailbox(oauthInput(BOB, begin.flow_id));
    const expiring = storedTokens(mailboxes.bob.id);
    await new Promise((r) => setTimeout(r, 2_500));
    // Really expired: the authorization server and Dovecot both refuse it now.
    expect(await oidc.isActive(expiring.access_token)).toBe(false);
    const target = { ...dovecot.target(BOB, 'imaps'), password: '', access_token: expiring.access_token };
    await expect(openImap(target, { tlsCa: [dovecot.caPem] })).rejects.toMatchObject({ code: 'AUTH' });

    await newMail(BOB, 'Commande 42');
    const refreshesBefore = oidc.refreshCount();
    const result = await core.api.syncMailbox({ id: mailboxes.bob.id });
    expect(result).toMatchObject({ status: 'success', new_messages: 1 });
    expect(oidc.refreshCount()).toBe(refreshesBefore + 1);
    const renewed = storedTokens(mailboxes.bob.id);
    expect(renewed.access_token).not.toBe(expiring.access_token);
    expect(await oidc.isActive(renewed.access_token)).toBe(true);
    // Public clients get rotated refresh tokens: the new one replaced the old in the store.
    expect(renewed.refresh_token).not.toBe(expiring.refresh_token);

    // A fresh token is reused, not refreshed again.
    await newMail(BOB, 'Commande 43');
    expect(await core.api.syncMailbox({ id: mailboxes.bob.id })).toMatchObject({ status: 'success', new_messages: 1 });
    expect(oidc.refreshCount()).toBe(refreshesBefore + 1);
  });

  it('an access token the server refuses before its expiry is renewed once and the login retried', async () => {
    const before = storedTokens(mailboxes.alice!.id);
    oidc.invalidateAccessToken(before.access_token);
    expect(await oidc.isActive(before.access_token)).toBe(false);
    await newMail(ALICE, 'Relance');
    const refreshesBefore = oidc.refreshCount();
    expect(await core.api.syncMailbox({ id: mailboxes.alice!.id })).toMatchObject({ status: 'success', new_messages: 1 });
    expect(oidc.refreshCount()).toBe(refreshesBefore + 1);
    expect(storedTokens(mailboxes.alice!.id).access_token).not.toBe(before.access_token);
  });

  it('a revoked sign-in puts that mailbox in error with a "reconnect" message while the others keep syncing', async () => {
    expect(await oidc.revokeAllGrants(ALICE)).toBeGreaterThan(0);
    await newMail(ALICE, 'Perdu pour l’instant');
    await newMail(BOB, 'Toujours là');
    const results = await core.api.syncAll();
    const alice = results.find((r) => r.mailbox_id === mailboxes.alice!.id)!;
    const bob = results.find((r) => r.mailbox_id === mailboxes.bob!.id)!;
    expect(alice).toMatchObject({ status: 'error', error: { code: 'AUTH_RECONNECT' } });
    expect(alice.error?.message).toMatch(/reconnect/i);
    expect(bob).toMatchObject({ status: 'success', new_messages: 1 });

    const status = (await core.api.getStatus()).find((s) => s.mailbox.id === mailboxes.alice!.id)!;
    expect(status.mailbox.last_sync_status).toBe('error');
    expect(status.mailbox.last_sync_error_code).toBe('AUTH_RECONNECT');
    expect(status.mailbox.last_sync_error).toMatch(/reconnect this mailbox/);
    await core.api.updateSettings({ locale: 'fr' });
    const fr = await core.api.getMailbox({ id: mailboxes.alice!.id });
    expect(fr.last_sync_error).toMatch(/reconnectez cette boîte/);
    await core.api.updateSettings({ locale: 'en' });
  });

  it('reconnecting with another account is refused and changes nothing', async () => {
    const before = storedTokens(mailboxes.alice!.id);
    const begin = await core.api.beginOAuth({ mailbox_id: mailboxes.alice!.id });
    await consentOverHttp(begin.authorization_url, { login: BOB });
    await expect(core.api.completeOAuth({ flow_id: begin.flow_id })).rejects.toMatchObject({
      code: 'OAUTH_DENIED',
      message: expect.stringContaining(BOB),
    });
    expect(storedTokens(mailboxes.alice!.id)).toEqual(before);
  });

  it('reconnect: a new sign-in for the mailbox repairs it and the sync resumes where it stopped', async () => {
    const { begin, completion } = await signInThrough(core.api, { mailbox_id: mailboxes.alice!.id }, { login: ALICE });
    expect(new URL(begin.authorization_url).searchParams.get('login_hint')).toBe(ALICE);
    expect(completion).toMatchObject({ provider: 'testidp', email: ALICE, mailbox_id: mailboxes.alice!.id });
    const result = await core.api.syncMailbox({ id: mailboxes.alice!.id });
    expect(result).toMatchObject({ status: 'success', new_messages: 1 });
    const m = await core.api.getMailbox({ id: mailboxes.alice!.id });
    expect(m).toMatchObject({ last_sync_status: 'success', last_sync_error: null, auth_method: 'oauth2' });
  });

  it('switching a mailbox back to a password drops its tokens', async () => {
    const carol = await core.api.createMailbox({
      name: 'carol', imap_server: '127.0.0.1', imap_port: dovecot.imapsPort!, use_ssl: true, email_address: CAROL, email_password: USERS[2]!.password,
    });
    expect(carol).toMatchObject({ auth_method: 'password', oauth_provider: null, has_password: true });
    const { begin } = await signInThrough(core.api, { provider: 'testidp', email: CAROL }, { login: CAROL });
    const switched = await core.api.updateMailbox({ id: carol.id, patch: { oauth_flow_id: begin.flow_id } });
    expect(switched).toMatchObject({ auth_method: 'oauth2', oauth_provider: 'testidp', has_password: false });
    expect(await core.api.syncMailbox({ id: carol.id })).toMatchObject({ status: 'success' });
    const back = await core.api.updateMailbox({ id: carol.id, patch: { email_password: USERS[2]!.password } });
    expect(back).toMatchObject({ auth_method: 'password', oauth_provider: null, has_password: true });
    const db = new Database(core.dbPath, { readonly: true });
    const row = db.prepare('SELECT oauth_tokens_enc, oauth_provider FROM mailboxes WHERE id = ?').get(carol.id);
    db.close();
    expect(row).toEqual({ oauth_tokens_enc: null, oauth_provider: null });
    expect(await core.api.syncMailbox({ id: carol.id })).toMatchObject({ status: 'success' });
  });
});

describe('secrecy', () => {
  it('no access or refresh token ever appears in clear in the database, the logs or the API', async () => {
    const refreshTokens = oidc.issuedTokens('RefreshToken');
    const accessTokens = oidc.issuedTokens('AccessToken');
    // Positive control: the token the core holds right now is among those searched for.
    expect(refreshTokens).toContain(storedTokens(mailboxes.alice!.id).refresh_token);
    expect(accessTokens).toContain(storedTokens(mailboxes.bob!.id).access_token);
    expect(refreshTokens.length).toBeGreaterThanOrEqual(5);

    const api = JSON.stringify([
      await core.api.listMailboxes(),
      await core.api.getStatus(),
      await core.api.getMailbox({ id: mailboxes.alice!.id }),
      await core.api.listOAuthProviders(),
    ]);
    expect(api).not.toMatch(/refresh_token|access_token|oauth_tokens/);

    const files = [core.dbPath, `${core.dbPath}-wal`, `${core.dbPath}-shm`].filter(existsSync);
    const logDir = path.join(dataDir, 'logs');
    files.push(...readdirSync(logDir).map((f) => path.join(logDir, f)));
    expect(files.some((f) => f.endsWith('releve.log'))).toBe(true);
    const haystacks = files.map((f) => ({ f, bytes: readFileSync(f) })).concat({ f: 'api', bytes: Buffer.from(api) });
    for (const token of [...refreshTokens, ...accessTokens]) {
      for (const { f, bytes } of haystacks) expect(bytes.includes(token), `${token.slice(0, 6)}… in ${f}`).toBe(false);
    }
    // The log does tell the story, without the secrets.
    const log = readFileSync(path.join(logDir, 'releve.log'), 'utf8');
    expect(log).toContain('oauth access token refreshed');
    expect(log).toContain('oauth refresh failed');
  });
});

describe('OAUTHBEARER', () => {
  it('logs in with OAUTHBEARER when the server offers it', async () => {
    const both = await startDovecot({ users: USERS, oauth2: { introspectionUrl: oidc.introspectionUrlWithCredentials, mechanisms: ['xoauth2', 'oauthbearer'] } });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'releve-oauth-bearer-'));
    const other = createCore({ dataDir: dir, tlsCa: [both.caPem], locale: 'en', oauth: { env: testProviderEnv('testidp', oidc.issuer, oidc.clientId) } });
    try {
      await both.append(CAROL, makeMessage({ subject: 'Bonjour', from: 'a@example.fr', to: CAROL }));
      const { begin } = await signInThrough(other.api, { provider: 'testidp', email: CAROL }, { login: CAROL });
      const m = await other.api.createMailbox({ ...oauthInput(CAROL, begin.flow_id), imap_port: both.imapsPort! });
      expect(await other.api.syncMailbox({ id: m.id })).toMatchObject({ status: 'success', new_messages: 1 });
      expect(await both.log()).toMatch(new RegExp(`Login: user=<${CAROL}>, method=OAUTHBEARER`));
    } finally {
      await other.close();
      await both.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
