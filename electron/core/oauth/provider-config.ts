// Which OAuth2 sign-ins exist and with which client: Microsoft and Google are built in (endpoints from their
// discovery documents), any other OpenID provider is declared by environment. Client ids are configuration,
// never code: they come from the settings table (`oauth.<id>.client_id`, …) or the environment
// (RELEVE_OAUTH_<ID>_CLIENT_ID, …) or the build (built-in-clients.ts); a provider without one is listed as not
// configured.
import { ReleveError, userError } from '../../../shared/errors.js';
import type { Locale, OAuthClientProviderId, OAuthClientSettings, OAuthProviderInfo } from '../../../shared/types.js';
import { builtInOAuthClients } from './built-in-clients.js';

export interface OAuthProviderConfig {
  id: string;
  name: string;
  /** OpenID issuer: its /.well-known/openid-configuration gives every endpoint. */
  issuer: string;
  clientId: string;
  /** Google's "Desktop" clients have one (not a real secret in an installed app); public clients do not. */
  clientSecret: string | null;
  scopes: string[];
  /** Extra authorization request parameters (Google needs access_type=offline to issue a refresh token). */
  authParams: Record<string, string>;
  presetIds: string[];
}

export type ConfigSource = (key: string) => string | undefined;

interface Template {
  id: string;
  name: string;
  issuer: (get: ConfigSource) => string;
  scopes: string[];
  authParams: Record<string, string>;
  presetIds: string[];
}

const BUILT_IN: readonly Template[] = [
  {
    id: 'microsoft',
    name: 'Microsoft',
    // "common": personal (Outlook.com) and work accounts; a business may pin its own tenant.
    issuer: (get) => `https://login.microsoftonline.com/${get('tenant') || 'common'}/v2.0`,
    scopes: ['https://outlook.office.com/IMAP.AccessAsUser.All', 'offline_access', 'openid', 'email', 'profile'],
    authParams: {},
    presetIds: ['outlook', 'microsoft365'],
  },
  {
    id: 'google',
    name: 'Google',
    issuer: () => 'https://accounts.google.com',
    scopes: ['https://mail.google.com/', 'openid', 'email'],
    // Without prompt=consent Google issues no new refresh token when the user signs in again (reconnect).
    authParams: { access_type: 'offline', prompt: 'consent' },
    presetIds: ['gmail', 'google_workspace'],
  },
];

const GENERIC_DEFAULT_SCOPES = ['openid', 'email', 'offline_access'];
const ENV_ISSUER = /^RELEVE_OAUTH_([A-Z0-9_]+)_ISSUER$/;

const envKey = (id: string, field: string) => `RELEVE_OAUTH_${id.toUpperCase()}_${field.toUpperCase()}`;

/**
 * Looks a provider field up in the settings first (what the user or an administrator chose on this machine),
 * then in the environment (what an administrator or a test set), then in what the packager baked into this
 * build (built-in-clients.ts).
 */
function lookup(
  id: string,
  field: string,
  env: Record<string, string | undefined>,
  setting: ConfigSource,
  built: Record<string, string>,
): { value: string; source: 'settings' | 'env' | 'build' } | null {
  const fromSettings = setting(`oauth.${id}.${field}`)?.trim();
  if (fromSettings) return { value: fromSettings, source: 'settings' };
  const fromEnv = env[envKey(id, field)]?.trim();
  if (fromEnv) return { value: fromEnv, source: 'env' };
  const fromBuild = built[envKey(id, field)]?.trim();
  return fromBuild ? { value: fromBuild, source: 'build' } : null;
}

function sourceFor(id: string, env: Record<string, string | undefined>, setting: ConfigSource, built: Record<string, string>): ConfigSource {
  return (field) => lookup(id, field, env, setting, built)?.value;
}

/** Generic providers: one per RELEVE_OAUTH_<NAME>_ISSUER (other than the built-in names). */
function genericTemplates(env: Record<string, string | undefined>): Template[] {
  const out: Template[] = [];
  for (const key of Object.keys(env).sort()) {
    const name = ENV_ISSUER.exec(key)?.[1];
    if (!name || !env[key]?.trim()) continue;
    const id = name.toLowerCase();
    if (BUILT_IN.some((b) => b.id === id)) continue;
    const scopes = env[envKey(id, 'scopes')]?.trim().split(/\s+/) ?? GENERIC_DEFAULT_SCOPES;
    out.push({
      id,
      name: env[envKey(id, 'name')]?.trim() || name.charAt(0) + name.slice(1).toLowerCase(),
      issuer: (get) => get('issuer') ?? '',
      scopes,
      // OpenID Connect §11: offline_access (the refresh token) is only honoured together with a consent prompt.
      authParams: scopes.includes('offline_access') ? { prompt: 'consent' } : {},
      presetIds: (env[envKey(id, 'presets')] ?? '').split(',').map((p) => p.trim()).filter(Boolean),
    });
  }
  return out;
}

export class OAuthProviderRegistry {
  constructor(
    private readonly env: Record<string, string | undefined>,
    private readonly setting: ConfigSource,
    private readonly locale: () => Locale,
    /** What this build carries (built-in-clients.ts); injectable for tests. */
    private readonly built: Record<string, string> = builtInOAuthClients(),
  ) {}

  private templates(): Template[] {
    return [...BUILT_IN, ...genericTemplates(this.env)];
  }

  private build(t: Template): { config: OAuthProviderConfig | null; info: OAuthProviderInfo } {
    const get = sourceFor(t.id, this.env, this.setting, this.built);
    const clientId = get('client_id');
    const issuer = get('issuer') ?? t.issuer(get);
    const info: OAuthProviderInfo = { id: t.id, name: t.name, configured: Boolean(clientId && issuer), preset_ids: t.presetIds };
    if (!clientId || !issuer) return { config: null, info };
    return {
      info,
      config: {
        id: t.id,
        name: t.name,
        issuer,
        clientId,
        clientSecret: get('client_secret') ?? null,
        scopes: t.scopes,
        authParams: t.authParams,
        presetIds: t.presetIds,
      },
    };
  }

  /** What the Settings screen shows of a built-in provider's client: never the secret itself. */
  clientSettings(id: OAuthClientProviderId): OAuthClientSettings {
    const clientId = lookup(id, 'client_id', this.env, this.setting, this.built);
    return {
      client_id: clientId?.value ?? null,
      has_client_secret: lookup(id, 'client_secret', this.env, this.setting, this.built) !== null,
      tenant: id === 'microsoft' ? (lookup(id, 'tenant', this.env, this.setting, this.built)?.value ?? null) : null,
      source: clientId?.source ?? null,
    };
  }

  list(): OAuthProviderInfo[] {
    return this.templates().map((t) => this.build(t).info);
  }

  /** The provider's configuration, or NOT_FOUND (unknown id) / OAUTH_NOT_CONFIGURED (no client id). */
  resolve(id: string): OAuthProviderConfig {
    const t = this.templates().find((x) => x.id === id);
    if (!t) {
      throw new ReleveError('NOT_FOUND', userError('NOT_FOUND', this.locale()).message, { detail: `OAuth2 provider ${id}` });
    }
    const { config } = this.build(t);
    if (!config) {
      throw new ReleveError('OAUTH_NOT_CONFIGURED', userError('OAUTH_NOT_CONFIGURED', this.locale()).message, {
        detail: `set ${envKey(id, 'client_id')}`,
      });
    }
    return config;
  }
}
