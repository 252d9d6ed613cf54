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

/**
 * Sealed values already opened: raw `sealed:…` value → plain text, or null when no box here can open it. The
 * registry reads settings synchronously while a box may answer through another process (the desktop app's
 * keychain lives in the main process), so the sealed ones are opened ahead: at start and when written.
 */
export type OpenedSettings = Map<string, string | null>;

interface SourceDeps {
  db: DB;
  boxes: readonly SecretBox[];
  redactor: Redactor;
  log: Logger;
}

/** Opens every sealed OAuth2 client setting not opened yet (an unreadable one is remembered as null). */
export async function openSealedSettings(deps: SourceDeps, opened: OpenedSettings): Promise<void> {
  for (const id of OAUTH_CLIENT_PROVIDERS) {
    const key = settingKey(id, 'client_secret');
    const raw = store.getSetting(deps.db, key);
    const m = raw === undefined ? null : SEALED.exec(raw);
    if (!m || opened.has(raw!)) continue;
    try {
      const plain = await openSecret(deps.boxes, Buffer.from(m[2]!, 'base64'), m[1]!);
      deps.redactor.add(plain);
      opened.set(raw!, plain);
    } catch (err) {
      // Sealed by a box missing here (the desktop keychain, read by the CLI): as if unset, so the admin sees it.
      deps.log.log('warn', 'oauth client setting unreadable', { key, error: String((err as Error).message ?? err) });
      opened.set(raw!, null);
    }
  }
}

/** The registry's view of the settings table: sealed values as opened ahead, an unreadable one treated as absent. */
export function oauthSettingSource(deps: SourceDeps, opened: OpenedSettings): ConfigSource {
  return (key) => {
    const raw = store.getSetting(deps.db, key);
    const m = raw === undefined ? null : SEALED.exec(raw);
    if (!m) return raw;
    const plain = opened.get(raw!);
    // Written by another process since: absent for this read, opened for the next ones.
    if (plain === undefined) void openSealedSettings(deps, opened);
    return plain ?? undefined;
  };
}

type OAuthPatch = NonNullable<SettingsPatch['oauth']>;

/** Writes a validated patch: null clears a field; the secret is sealed before anything is written. */
export async function applyOAuthClientPatch(
  deps: { db: DB; secrets: SecretBox; log: Logger; opened: OpenedSettings },
  patch: OAuthPatch,
): Promise<void> {
  const writes: Array<[key: string, value: string | null]> = [];
  for (const id of OAUTH_CLIENT_PROVIDERS) {
    const part: Record<string, string | null | undefined> = patch[id] ?? {};
    for (const [field, value] of Object.entries(part)) {
      if (value === undefined) continue;
      if (field === 'client_secret' && value !== null) {
        const sealed = await sealSecret(deps.secrets, value);
        const raw = `sealed:${sealed.kind}:${sealed.enc.toString('base64')}`;
        deps.opened.set(raw, value);
        writes.push([settingKey(id, field), raw]);
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
