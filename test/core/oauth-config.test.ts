// Where OAuth2 client ids come from (settings, then environment; never the code), the built-in providers'
// endpoints and scopes, generic OpenID providers declared by environment, and the https-only rule.
import { describe, expect, it } from 'vitest';
import { OidcClients } from '../../electron/core/oauth/oidc-client.js';
import { OAuthProviderRegistry } from '../../electron/core/oauth/provider-config.js';

const registry = (env: Record<string, string>, settings: Record<string, string> = {}) =>
  new OAuthProviderRegistry(env, (k) => settings[k], () => 'en');

describe('OAuth2 provider settings', () => {
  it('ships no client id: Microsoft and Google are listed but not configured', () => {
    const r = registry({});
    expect(r.list()).toEqual([
      { id: 'microsoft', name: 'Microsoft', configured: false, preset_ids: ['outlook', 'microsoft365'] },
      { id: 'google', name: 'Google', configured: false, preset_ids: ['gmail', 'google_workspace'] },
    ]);
    expect(() => r.resolve('microsoft')).toThrow(expect.objectContaining({ code: 'OAUTH_NOT_CONFIGURED', detail: 'set RELEVE_OAUTH_MICROSOFT_CLIENT_ID' }));
    expect(() => r.resolve('yahoo')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('Microsoft: client id from the environment, common tenant unless one is set, IMAP + offline scopes', () => {
    const ms = registry({ RELEVE_OAUTH_MICROSOFT_CLIENT_ID: 'ms-app' }).resolve('microsoft');
    expect(ms).toMatchObject({
      issuer: 'https://login.microsoftonline.com/common/v2.0',
      clientId: 'ms-app',
      clientSecret: null,
      authParams: {},
    });
    expect(ms.scopes).toEqual(expect.arrayContaining(['https://outlook.office.com/IMAP.AccessAsUser.All', 'offline_access', 'openid', 'email']));
    const tenant = registry({ RELEVE_OAUTH_MICROSOFT_CLIENT_ID: 'ms-app', RELEVE_OAUTH_MICROSOFT_TENANT: 'contoso.onmicrosoft.com' }).resolve('microsoft');
    expect(tenant.issuer).toBe('https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0');
  });

  it('Google: client id and secret (Desktop client), full-mail scope, offline access with consent', () => {
    const g = registry({ RELEVE_OAUTH_GOOGLE_CLIENT_ID: 'g-app', RELEVE_OAUTH_GOOGLE_CLIENT_SECRET: 'g-secret' }).resolve('google');
    expect(g).toMatchObject({
      issuer: 'https://accounts.google.com',
      clientId: 'g-app',
      clientSecret: 'g-secret',
      scopes: ['https://mail.google.com/', 'openid', 'email'],
      authParams: { access_type: 'offline', prompt: 'consent' },
    });
  });

  it('settings on this machine win over the environment', () => {
    const r = registry(
      { RELEVE_OAUTH_GOOGLE_CLIENT_ID: 'from-env', RELEVE_OAUTH_GOOGLE_CLIENT_SECRET: 'env-secret' },
      { 'oauth.google.client_id': 'from-settings' },
    );
    expect(r.resolve('google')).toMatchObject({ clientId: 'from-settings', clientSecret: 'env-secret' });
    expect(registry({}, { 'oauth.microsoft.client_id': 'set-in-app' }).list()[0]).toMatchObject({ id: 'microsoft', configured: true });
  });

  it('any OpenID provider can be declared by environment, with its scopes and presets', () => {
    const r = registry({
      RELEVE_OAUTH_ACME_ISSUER: 'https://login.acme.example',
      RELEVE_OAUTH_ACME_CLIENT_ID: 'acme-app',
      RELEVE_OAUTH_ACME_NAME: 'Acme Mail',
      RELEVE_OAUTH_ACME_SCOPES: 'openid email offline_access imap',
      RELEVE_OAUTH_ACME_PRESETS: 'ovh, ionos',
      RELEVE_OAUTH_HALF_ISSUER: 'https://half.example',
    });
    expect(r.list().slice(2)).toEqual([
      { id: 'acme', name: 'Acme Mail', configured: true, preset_ids: ['ovh', 'ionos'] },
      { id: 'half', name: 'Half', configured: false, preset_ids: [] },
    ]);
    expect(r.resolve('acme')).toMatchObject({
      issuer: 'https://login.acme.example',
      scopes: ['openid', 'email', 'offline_access', 'imap'],
      authParams: { prompt: 'consent' },
    });
  });

  it('refuses a plain-http issuer unless it is on this machine, before any request', async () => {
    const clients = new OidcClients();
    const remote = registry({ RELEVE_OAUTH_EVIL_ISSUER: 'http://idp.example', RELEVE_OAUTH_EVIL_CLIENT_ID: 'x' }).resolve('evil');
    await expect(clients.configuration(remote)).rejects.toMatchObject({ code: 'OAUTH_NOT_CONFIGURED', detail: 'issuer of evil must use https' });
    // Loopback http is allowed (tests, local gateways): here nothing listens, so the failure is the network's.
    const local = registry({ RELEVE_OAUTH_LOCAL_ISSUER: 'http://127.0.0.1:9', RELEVE_OAUTH_LOCAL_CLIENT_ID: 'x' }).resolve('local');
    await expect(clients.configuration(local)).rejects.toMatchObject({ code: 'NETWORK' });
  });
});
