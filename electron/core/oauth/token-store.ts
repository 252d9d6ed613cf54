// The OAuth2 tokens of a mailbox at rest: one JSON blob sealed by the same SecretBox as passwords, so the
// refresh token is never written in clear (DB, WAL, logs) and never crosses the API.
import { ReleveError, userError } from '../../../shared/errors.js';
import type { Locale } from '../../../shared/types.js';
import type { SecretBox } from '../model.js';
import { openBoundSecret, sealBoundSecret, type SealedSecret, type SecretTarget } from '../secrets/index.js';
import type { MailboxRow } from '../store/index.js';
import type { OAuthTokenSet } from './oidc-client.js';

export interface StoredTokens {
  refresh_token: string;
  access_token: string | null;
  /** ms since epoch; null when unknown. */
  expires_at: number | null;
}

/** Sealed for `target`: the tokens are only ever opened again for that same connection (see secrets/binding.ts). */
export function sealTokens(box: SecretBox, tokens: OAuthTokenSet | StoredTokens, target: SecretTarget): Promise<SealedSecret> {
  if (!tokens.refresh_token) throw new ReleveError('AUTH_RECONNECT', 'no refresh token to store', { detail: 'no refresh token' });
  const stored: StoredTokens = {
    refresh_token: tokens.refresh_token,
    access_token: tokens.access_token,
    expires_at: tokens.expires_at,
  };
  return sealBoundSecret(box, JSON.stringify(stored), target);
}

export async function openTokens(
  boxes: readonly SecretBox[],
  row: MailboxRow,
  locale: Locale,
  target: SecretTarget,
  legacyBinding: string | null,
): Promise<StoredTokens> {
  if (!row.oauth_tokens_enc || !row.oauth_secret_kind) {
    throw new ReleveError('AUTH_RECONNECT', userError('AUTH_RECONNECT', locale).message, { detail: 'no stored sign-in' });
  }
  const plain = await openBoundSecret(boxes, { enc: row.oauth_tokens_enc, kind: row.oauth_secret_kind }, target, legacyBinding, locale);
  const parsed = JSON.parse(plain) as Partial<StoredTokens>;
  if (typeof parsed.refresh_token !== 'string' || !parsed.refresh_token) {
    throw new ReleveError('AUTH_RECONNECT', userError('AUTH_RECONNECT', locale).message, { detail: 'stored sign-in unreadable' });
  }
  return {
    refresh_token: parsed.refresh_token,
    access_token: typeof parsed.access_token === 'string' ? parsed.access_token : null,
    expires_at: typeof parsed.expires_at === 'number' ? parsed.expires_at : null,
  };
}
