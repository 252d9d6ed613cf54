// Validation of the `oauth` part of a settings patch: the application (client) of each built-in OAuth2
// provider, set by an administrator. Kept apart from schemas.ts (which calls it) so that file stays small.
// null or "" clears a field (the environment then applies again); unknown keys are ignored, like elsewhere.
import { OAUTH_CLIENT_TEXT as T } from './oauth-client-schema.i18n.js';
import { fail } from './schema-rules.js';
import type { Locale, OAuthClientProviderId, SettingsPatch } from './types.js';

type OAuthPatch = NonNullable<SettingsPatch['oauth']>;

export const OAUTH_CLIENT_PROVIDERS: readonly OAuthClientProviderId[] = ['microsoft', 'google'];
const PROVIDER_NAMES: Record<OAuthClientProviderId, string> = { microsoft: 'Microsoft', google: 'Google' };

/** Microsoft's fixed audiences; otherwise a directory (tenant) id or one of its verified domains. */
const TENANT_WORDS = new Set(['common', 'organizations', 'consumers']);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DOMAIN = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

function asRecord(v: unknown, field: string, locale: Locale): Record<string, unknown> {
  if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  return fail(field, T.notObject, locale, { field });
}

/** null / "" → null (clear); otherwise trimmed, length-checked, no whitespace or control character. */
function readToken(v: unknown, max: number, bad: () => never): string | null {
  if (v === null || v === '') return null;
  if (typeof v !== 'string') return bad();
  const s = v.trim();
  if (s.length < 1 || s.length > max || /[\s\u0000-\u001f\u007f]/.test(s)) return bad();
  return s;
}

function readClientId(v: unknown, provider: OAuthClientProviderId, locale: Locale): string | null {
  return readToken(v, 200, () => fail(`oauth.${provider}.client_id`, T.clientId, locale, { provider: PROVIDER_NAMES[provider] }));
}

function readTenant(v: unknown, field: string, locale: Locale): string | null {
  if (v === null || v === '') return null;
  const s = typeof v === 'string' ? v.trim().toLowerCase() : '';
  if (TENANT_WORDS.has(s) || GUID.test(s) || DOMAIN.test(s)) return s;
  return fail(field, T.tenant, locale);
}

/** The validated `oauth` part of a settings patch: only the providers and fields given. */
export function parseOAuthClientPatch(input: unknown, locale: Locale): OAuthPatch {
  const o = asRecord(input, 'oauth', locale);
  const out: OAuthPatch = {};
  if (o.microsoft !== undefined) {
    const m = asRecord(o.microsoft, 'oauth.microsoft', locale);
    const part: NonNullable<OAuthPatch['microsoft']> = {};
    if (m.client_id !== undefined) part.client_id = readClientId(m.client_id, 'microsoft', locale);
    if (m.tenant !== undefined) part.tenant = readTenant(m.tenant, 'oauth.microsoft.tenant', locale);
    out.microsoft = part;
  }
  if (o.google !== undefined) {
    const g = asRecord(o.google, 'oauth.google', locale);
    const part: NonNullable<OAuthPatch['google']> = {};
    if (g.client_id !== undefined) part.client_id = readClientId(g.client_id, 'google', locale);
    if (g.client_secret !== undefined) {
      part.client_secret = readToken(g.client_secret, 500, () => fail('oauth.google.client_secret', T.clientSecret, locale));
    }
    out.google = part;
  }
  return out;
}
