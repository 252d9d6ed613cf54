// OAuth2 sign-in for mailboxes (Microsoft, Google, any OpenID provider): the pieces the core wires together.
import type { Locale } from '../../../shared/types.js';
import type { Redactor } from '../logger.js';
import type { Logger, SecretBox } from '../model.js';
import type { DB } from '../store/index.js';
import { AccessTokens } from './access-tokens.js';
import { oauthSettingSource, openSealedSettings, type OpenedSettings } from './client-settings.js';
import { OAuthFlows } from './flows.js';
import { OidcClients } from './oidc-client.js';
import { OAuthProviderRegistry } from './provider-config.js';

export { openMailboxImap } from './mailbox-connect.js';
export { applyOAuthClientPatch, oauthClientReport } from './client-settings.js';

export interface OAuthOptions {
  /** Where client ids and generic providers are read from; default process.env. */
  env?: Record<string, string | undefined>;
  /** How long a sign-in may take in the browser. Default 10 min. */
  flowTimeoutMs?: number;
}

export interface OAuthService {
  registry: OAuthProviderRegistry;
  clients: OidcClients;
  flows: OAuthFlows;
  tokens: AccessTokens;
  /** Sealed client settings opened ahead (see client-settings.ts); await before reading the registry. */
  ready: Promise<void>;
  openedSettings: OpenedSettings;
  close(): void;
}

export function createOAuthService(deps: {
  db: DB;
  secrets: SecretBox;
  boxes: SecretBox[];
  redactor: Redactor;
  log: Logger;
  now(): number;
  locale(): Locale;
  options?: OAuthOptions;
}): OAuthService {
  const openedSettings: OpenedSettings = new Map();
  const ready = openSealedSettings(deps, openedSettings);
  const registry = new OAuthProviderRegistry(deps.options?.env ?? process.env, oauthSettingSource(deps, openedSettings), deps.locale);
  const clients = new OidcClients();
  const flows = new OAuthFlows({
    registry,
    clients,
    redactor: deps.redactor,
    log: deps.log,
    now: deps.now,
    locale: deps.locale,
    ...(deps.options?.flowTimeoutMs ? { timeoutMs: deps.options.flowTimeoutMs } : {}),
  });
  const tokens = new AccessTokens({ ...deps, registry, clients, settingsReady: ready });
  return { registry, clients, flows, tokens, ready, openedSettings, close: () => flows.closeAll() };
}
