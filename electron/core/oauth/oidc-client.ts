// The OAuth2 protocol itself, all done by openid-client (discovery, PKCE, code exchange with state and issuer
// checks, refresh): this file only adapts it to Relève — one Configuration per provider, tokens as plain
// data, and every failure as a ReleveError whose code says what the user can do.
import * as oidc from 'openid-client';
import { ReleveError } from '../../../shared/errors.js';
import type { ErrorCode } from '../../../shared/errors.js';
import { classifyError } from '../imap/classify-error.js';
import type { OAuthProviderConfig } from './provider-config.js';

export interface OAuthTokenSet {
  access_token: string;
  refresh_token: string | null;
  /** ms since epoch; null when the server did not say. */
  expires_at: number | null;
}

export interface SignedInIdentity {
  /** The account's address from the ID token (email, else preferred_username), when it has one. */
  email: string | null;
  subject: string | null;
}

const HTTP_TIMEOUT_S = 20;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Plain http only for an issuer on this machine (tests, a local gateway); anything else must be https. */
function insecureAllowed(issuer: URL): boolean {
  return issuer.protocol === 'http:' && LOOPBACK_HOSTS.has(issuer.hostname);
}

function words(code: ErrorCode, detail: string, cause?: unknown): ReleveError {
  return new ReleveError(code, detail, { detail, cause });
}

/** openid-client and fetch failures → our codes; token endpoint refusals of a grant mean "sign in again". */
export function oauthError(err: unknown, during: 'discovery' | 'exchange' | 'refresh'): ReleveError {
  if (err instanceof ReleveError) return err;
  if (err instanceof oidc.ResponseBodyError) {
    const detail = `${during}: ${err.error}${err.error_description ? ` (${err.error_description.slice(0, 200)})` : ''}`;
    if (err.error === 'invalid_grant') return words(during === 'refresh' ? 'AUTH_RECONNECT' : 'OAUTH_DENIED', detail, err);
    if (err.error === 'invalid_client' || err.error === 'unauthorized_client') return words('OAUTH_NOT_CONFIGURED', detail, err);
    if (err.status >= 500) return words('PROTOCOL', detail, err);
    return words(during === 'refresh' ? 'AUTH_RECONNECT' : 'OAUTH_DENIED', detail, err);
  }
  if (err instanceof oidc.AuthorizationResponseError) {
    return words('OAUTH_DENIED', `${err.error}${err.error_description ? ` (${err.error_description.slice(0, 200)})` : ''}`, err);
  }
  const e = err as { name?: unknown; message?: unknown; code?: unknown };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return words('TIMEOUT', `${during}: no answer in time`, err);
  if (err instanceof oidc.ClientError || (typeof e?.code === 'string' && e.code.startsWith('OAUTH_'))) {
    // The server's answer broke the protocol (wrong state, issuer, missing token…): never trust it.
    return words(during === 'discovery' ? 'PROTOCOL' : 'OAUTH_DENIED', `${during}: ${String(e.message ?? e.code)}`.slice(0, 300), err);
  }
  const c = classifyError(err);
  return words(c.code === 'UNKNOWN' ? 'NETWORK' : c.code, `${during}: ${c.detail}`, err);
}

export class OidcClients {
  private readonly configs = new Map<string, Promise<oidc.Configuration>>();

  /** Discovery once per provider + issuer + client; a failed discovery is retried next time. */
  configuration(p: OAuthProviderConfig): Promise<oidc.Configuration> {
    const key = `${p.id}\n${p.issuer}\n${p.clientId}\n${p.clientSecret ?? ''}`;
    let pending = this.configs.get(key);
    if (!pending) {
      pending = this.discover(p);
      this.configs.set(key, pending);
      pending.catch(() => this.configs.delete(key));
    }
    return pending;
  }

  forget(p: OAuthProviderConfig): void {
    for (const key of this.configs.keys()) if (key.startsWith(`${p.id}\n`)) this.configs.delete(key);
  }

  private async discover(p: OAuthProviderConfig): Promise<oidc.Configuration> {
    let issuer: URL;
    try {
      issuer = new URL(p.issuer);
    } catch {
      throw words('OAUTH_NOT_CONFIGURED', `invalid issuer URL for ${p.id}`);
    }
    if (issuer.protocol !== 'https:' && !insecureAllowed(issuer)) {
      throw words('OAUTH_NOT_CONFIGURED', `issuer of ${p.id} must use https`);
    }
    const auth = p.clientSecret ? oidc.ClientSecretPost(p.clientSecret) : oidc.None();
    try {
      return await oidc.discovery(issuer, p.clientId, undefined, auth, {
        timeout: HTTP_TIMEOUT_S,
        ...(insecureAllowed(issuer) ? { execute: [oidc.allowInsecureRequests] } : {}),
      });
    } catch (err) {
      throw oauthError(err, 'discovery');
    }
  }

  async authorizationUrl(
    p: OAuthProviderConfig,
    req: { redirectUri: string; state: string; codeVerifier: string; loginHint?: string },
  ): Promise<URL> {
    const config = await this.configuration(p);
    const params: Record<string, string> = {
      redirect_uri: req.redirectUri,
      scope: p.scopes.join(' '),
      state: req.state,
      code_challenge: await oidc.calculatePKCECodeChallenge(req.codeVerifier),
      code_challenge_method: 'S256',
      ...p.authParams,
    };
    if (req.loginHint) params.login_hint = req.loginHint;
    return oidc.buildAuthorizationUrl(config, params);
  }

  /** Validates the redirect (state, iss, error) and trades the code + PKCE verifier for tokens. */
  async exchangeCode(
    p: OAuthProviderConfig,
    callbackUrl: URL,
    checks: { state: string; codeVerifier: string },
    now: number,
  ): Promise<{ tokens: OAuthTokenSet; identity: SignedInIdentity }> {
    const config = await this.configuration(p);
    try {
      const res = await oidc.authorizationCodeGrant(config, callbackUrl, {
        expectedState: checks.state,
        pkceCodeVerifier: checks.codeVerifier,
      });
      if (!res.refresh_token) {
        throw words('OAUTH_DENIED', 'the provider issued no refresh token (offline access not granted)');
      }
      const claims = res.claims();
      const email = [claims?.email, claims?.preferred_username].find((v): v is string => typeof v === 'string' && v.includes('@'));
      return {
        tokens: toTokenSet(res, null, now),
        identity: { email: email ?? null, subject: typeof claims?.sub === 'string' ? claims.sub : null },
      };
    } catch (err) {
      throw oauthError(err, 'exchange');
    }
  }

  /** A new access token; providers that rotate refresh tokens send a new one, which replaces the old. */
  async refresh(p: OAuthProviderConfig, refreshToken: string, now: number): Promise<OAuthTokenSet> {
    const config = await this.configuration(p);
    try {
      return toTokenSet(await oidc.refreshTokenGrant(config, refreshToken), refreshToken, now);
    } catch (err) {
      const e = oauthError(err, 'refresh');
      if (e.code !== 'AUTH_RECONNECT') this.forget(p);
      throw e;
    }
  }
}

function toTokenSet(
  res: { access_token: string; refresh_token?: string; expiresIn(): number | undefined },
  previousRefresh: string | null,
  now: number,
): OAuthTokenSet {
  const expiresIn = res.expiresIn();
  return {
    access_token: res.access_token,
    refresh_token: res.refresh_token ?? previousRefresh,
    expires_at: expiresIn === undefined ? null : now + expiresIn * 1000,
  };
}
