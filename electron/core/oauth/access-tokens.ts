// A valid access token for an OAuth2 mailbox, refreshed shortly before it expires and again when the IMAP
// server refused it. One refresh at a time per mailbox: providers rotate refresh tokens, and presenting an
// already-rotated one looks like token theft to them (the whole grant gets revoked).
import { ReleveError, userError } from '../../../shared/errors.js';
import type { Locale } from '../../../shared/types.js';
import type { Redactor } from '../logger.js';
import type { Logger, SecretBox } from '../model.js';
import * as store from '../store/index.js';
import type { DB, MailboxRow } from '../store/index.js';
import type { OidcClients } from './oidc-client.js';
import type { OAuthProviderRegistry } from './provider-config.js';
import { legacyBinding, rowTarget } from '../secrets/mailbox-binding.js';
import type { SecretTarget } from '../secrets/index.js';
import { openTokens, sealTokens } from './token-store.js';

/** Refresh when less than this is left: covers clock skew and a long first sync's later reconnects. */
export const REFRESH_MARGIN_MS = 60_000;

export interface AccessTokenDeps {
  db: DB;
  secrets: SecretBox;
  boxes: SecretBox[];
  registry: OAuthProviderRegistry;
  /** Sealed client settings opened (the registry reads them synchronously). */
  settingsReady: Promise<void>;
  clients: OidcClients;
  redactor: Redactor;
  log: Logger;
  now(): number;
  locale(): Locale;
}

export class AccessTokens {
  private readonly locks = new Map<number, Promise<unknown>>();

  constructor(private readonly deps: AccessTokenDeps) {}

  /**
   * The mailbox's access token. `rejected`: the server just refused this token, so a new one is needed
   * unless another caller already replaced it meanwhile. `target`: where the token is about to be sent, when
   * not where the mailbox's own settings send it (a connection test); refused unless the sign-in was made for it.
   */
  get(mailboxId: number, opts: { rejected?: string; target?: SecretTarget } = {}): Promise<string> {
    const previous = this.locks.get(mailboxId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.getLocked(mailboxId, opts));
    this.locks.set(mailboxId, next);
    void next.finally(() => {
      if (this.locks.get(mailboxId) === next) this.locks.delete(mailboxId);
    }).catch(() => undefined);
    return next;
  }

  private async getLocked(mailboxId: number, opts: { rejected?: string; target?: SecretTarget }): Promise<string> {
    const { deps } = this;
    const locale = deps.locale();
    // Read again under the lock: a previous holder may have rotated the tokens.
    const row = store.getMailbox(deps.db, mailboxId);
    if (!row) throw new ReleveError('NOT_FOUND', userError('NOT_FOUND', locale).message, { detail: `mailbox ${mailboxId}` });
    if (row.auth_method !== 'oauth2' || !row.oauth_provider) {
      throw new ReleveError('AUTH_RECONNECT', userError('AUTH_RECONNECT', locale).message, { detail: 'not an OAuth2 mailbox' });
    }
    const stored = await openTokens(deps.boxes, row, locale, opts.target ?? rowTarget(row), legacyBinding(deps.db, row.id));
    deps.redactor.add(stored.refresh_token);
    const current = stored.access_token;
    const fresh =
      current !== null &&
      current !== opts.rejected &&
      (stored.expires_at === null || stored.expires_at - deps.now() > REFRESH_MARGIN_MS);
    if (fresh) {
      deps.redactor.add(current);
      return current;
    }
    return this.refresh(row, stored.refresh_token);
  }

  private async refresh(row: MailboxRow, refreshToken: string): Promise<string> {
    const { deps } = this;
    await deps.settingsReady;
    const provider = deps.registry.resolve(row.oauth_provider ?? '');
    try {
      const tokens = await deps.clients.refresh(provider, refreshToken, deps.now());
      deps.redactor.add(tokens.access_token);
      if (tokens.refresh_token) deps.redactor.add(tokens.refresh_token);
      store.saveOAuthTokens(deps.db, row.id, await sealTokens(deps.secrets, tokens, rowTarget(row)));
      deps.log.log('info', 'oauth access token refreshed', {
        mailbox: row.id,
        provider: provider.id,
        rotated: tokens.refresh_token !== refreshToken,
      });
      return tokens.access_token;
    } catch (err) {
      const e = err instanceof ReleveError ? err : new ReleveError('UNKNOWN', String(err));
      deps.log.log('warn', 'oauth refresh failed', { mailbox: row.id, provider: provider.id, code: e.code, detail: e.detail });
      if (e.code === 'AUTH_RECONNECT') {
        throw new ReleveError('AUTH_RECONNECT', userError('AUTH_RECONNECT', deps.locale()).message, { detail: e.detail, cause: err });
      }
      throw e;
    }
  }
}
