// Validation of the `oauth` part of a settings patch: the application (client) of each built-in OAuth2
// provider, set by an administrator. Kept apart from schemas.ts (which calls it) so that file stays small.
// null or "" clears a field (the environment then applies again); unknown keys are ignored, like elsewhere.
import { ReleveError } from './errors.js';
import type { Locale, OAuthClientProviderId, SettingsPatch } from './types.js';

type Text = { fr: string; en: string };
type OAuthPatch = NonNullable<SettingsPatch['oauth']>;

export const OAUTH_CLIENT_PROVIDERS: readonly OAuthClientProviderId[] = ['microsoft', 'google'];
const PROVIDER_NAMES: Record<OAuthClientProviderId, string> = { microsoft: 'Microsoft', google: 'Google' };

/** Microsoft's fixed audiences; otherwise a directory (tenant) id or one of its verified domains. */
const TENANT_WORDS = new Set(['common', 'organizations', 'consumers']);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DOMAIN = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

function fail(field: string, text: Text, locale: Locale): never {
  throw new ReleveError('VALIDATION', text[locale], { field });
}

const clientIdText = (p: OAuthClientProviderId): Text => ({
  fr: `L’identifiant d’application (client ID) ${PROVIDER_NAMES[p]} doit contenir de 1 à 200 caractères, sans espace.`,
  en: `The ${PROVIDER_NAMES[p]} application (client) ID must be 1 to 200 characters long, without spaces.`,
});
const TENANT_TEXT: Text = {
  fr: 'Le locataire (tenant) Microsoft doit valoir « common », « organizations », « consumers », un identifiant d’annuaire (GUID) ou un domaine, par exemple entreprise.onmicrosoft.com.',
  en: 'The Microsoft tenant must be “common”, “organizations”, “consumers”, a directory (tenant) ID (GUID) or a domain, for example company.onmicrosoft.com.',
};
const SECRET_TEXT: Text = {
  fr: 'Le code secret du client Google doit contenir de 1 à 500 caractères, sans espace.',
  en: 'The Google client secret must be 1 to 500 characters long, without spaces.',
};
const objectText = (field: string): Text => ({
  fr: `« ${field} » doit être un objet JSON.`,
  en: `“${field}” must be a JSON object.`,
});

function asRecord(v: unknown, field: string, locale: Locale): Record<string, unknown> {
  if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  return fail(field, objectText(field), locale);
}

/** null / "" → null (clear); otherwise trimmed, length-checked, no whitespace or control character. */
function readToken(v: unknown, max: number, field: string, text: Text, locale: Locale): string | null {
  if (v === null || v === '') return null;
  if (typeof v !== 'string') return fail(field, text, locale);
  const s = v.trim();
  if (s.length < 1 || s.length > max || /[\s\u0000-\u001f\u007f]/.test(s)) return fail(field, text, locale);
  return s;
}

function readTenant(v: unknown, field: string, locale: Locale): string | null {
  if (v === null || v === '') return null;
  const s = typeof v === 'string' ? v.trim().toLowerCase() : '';
  if (TENANT_WORDS.has(s) || GUID.test(s) || DOMAIN.test(s)) return s;
  return fail(field, TENANT_TEXT, locale);
}

/** The validated `oauth` part of a settings patch: only the providers and fields given. */
export function parseOAuthClientPatch(input: unknown, locale: Locale): OAuthPatch {
  const o = asRecord(input, 'oauth', locale);
  const out: OAuthPatch = {};
  if (o.microsoft !== undefined) {
    const m = asRecord(o.microsoft, 'oauth.microsoft', locale);
    const part: NonNullable<OAuthPatch['microsoft']> = {};
    if (m.client_id !== undefined) {
      part.client_id = readToken(m.client_id, 200, 'oauth.microsoft.client_id', clientIdText('microsoft'), locale);
    }
    if (m.tenant !== undefined) part.tenant = readTenant(m.tenant, 'oauth.microsoft.tenant', locale);
    out.microsoft = part;
  }
  if (o.google !== undefined) {
    const g = asRecord(o.google, 'oauth.google', locale);
    const part: NonNullable<OAuthPatch['google']> = {};
    if (g.client_id !== undefined) {
      part.client_id = readToken(g.client_id, 200, 'oauth.google.client_id', clientIdText('google'), locale);
    }
    if (g.client_secret !== undefined) {
      part.client_secret = readToken(g.client_secret, 500, 'oauth.google.client_secret', SECRET_TEXT, locale);
    }
    out.google = part;
  }
  return out;
}
