// The OAuth2 clients an administrator set in the app (settings table, keys `oauth.<id>.<field>`), read before
// the environment by the provider registry. Google's client secret is sealed by the SecretBox like passwords:
// Google says a desktop app's secret is not really secret, but it is still never shown back nor written in clear.
import { OAUTH_CLIENT_PROVIDERS } from '../../../shared/oauth-client-schema.js';
import type { OAuthClientProviderId, Settings, SettingsPatch } from '../../../shared/types.js';
import type { Redactor } from '../logger.js';
import type { Logger, SecretBox } from '../model.js';
import { openSecret, sealSecret } from '../secrets/index.js';
import * as store from '../store/index.js';
import type { DB } from '../store/index.js';
import type { ConfigSource, OAuthProviderRegistry } from './provider-config.js';

/** `sealed:<box kind>:<base64>`; any other value is plain text (e.g. typed into the table by hand). */
const SEALED = /^sealed:([a-z0-9_-]+):([A-Za-z0-9+/=]+)$/;

export const settingKey = (id: string, field: string) => `oauth.${id}.${field}`;

/** The registry's view of the settings table: sealed values opened, an unreadable one treated as absent. */
export function oauthSettingSource(deps: { db: DB; boxes: readonly SecretBox[]; redactor: Redactor; log: Logger }): ConfigSource {
  return (key) => {
    const raw = store.getSetting(deps.db, key);
    const m = raw === undefined ? null : SEALED.exec(raw);
    if (!m) return raw;
    try {
      const plain = openSecret(deps.boxes, Buffer.from(m[2]!, 'base64'), m[1]!);
      deps.redactor.add(plain);
      return plain;
    } catch (err) {
      // Sealed by a box missing here (the desktop keychain, read by the CLI): as if unset, so the admin sees it.
      deps.log.log('warn', 'oauth client setting unreadable', { key, error: String((err as Error).message ?? err) });
      return undefined;
    }
  };
}

type OAuthPatch = NonNullable<SettingsPatch['oauth']>;

/** Writes a validated patch: null clears a field; the secret is sealed before anything is written. */
export function applyOAuthClientPatch(deps: { db: DB; secrets: SecretBox; log: Logger }, patch: OAuthPatch): void {
  const writes: Array<[key: string, value: string | null]> = [];
  for (const id of OAUTH_CLIENT_PROVIDERS) {
    const part: Record<string, string | null | undefined> = patch[id] ?? {};
    for (const [field, value] of Object.entries(part)) {
      if (value === undefined) continue;
      if (field === 'client_secret' && value !== null) {
        const sealed = sealSecret(deps.secrets, value);
        writes.push([settingKey(id, field), `sealed:${sealed.kind}:${sealed.enc.toString('base64')}`]);
      } else {
        writes.push([settingKey(id, field), value]);
      }
    }
  }
  if (writes.length === 0) return;
  deps.db.transaction(() => {
    for (const [key, value] of writes) {
      if (value === null) store.deleteSetting(deps.db, key);
      else store.setSetting(deps.db, key, value);
    }
  })();
  // Which fields changed, never their values: an administrator's change should be traceable in the logs.
  deps.log.log('info', 'oauth client settings changed', { fields: writes.map(([key, value]) => `${key}${value === null ? ' (cleared)' : ''}`) });
}

export function oauthClientReport(registry: OAuthProviderRegistry): Settings['oauth'] {
  const out = {} as Record<OAuthClientProviderId, Settings['oauth'][OAuthClientProviderId]>;
  for (const id of OAUTH_CLIENT_PROVIDERS) out[id] = registry.clientSettings(id);
  return out;
}
