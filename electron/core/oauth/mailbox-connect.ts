// Opens the IMAP connection of a stored mailbox with whatever it logs in with: its password, or an OAuth2
// access token (XOAUTH2 / OAUTHBEARER). A token the server refuses is renewed once and the login retried,
// so an expired or revoked access token costs one refresh, not a failed sync.
import type { ImapFlow } from 'imapflow';
import { ReleveError, userError } from '../../../shared/errors.js';
import type { Locale } from '../../../shared/types.js';
import { openImap, type ImapTarget, type OpenImapOptions } from '../imap/connect.js';
import type { MailboxRow } from '../store/index.js';

export interface MailboxCredentials {
  /** Decrypts the stored password (throws ReleveError SECRETS_UNAVAILABLE). */
  password(row: MailboxRow): Promise<string>;
  /** OAuth2 mailboxes: a valid access token; `rejected` forces a new one. */
  accessToken?(row: MailboxRow, opts: { rejected?: string }): Promise<string>;
  locale(): Locale;
}

export function mailboxTarget(row: MailboxRow): Omit<ImapTarget, 'password'> {
  return {
    imap_server: row.imap_server,
    imap_port: row.imap_port,
    use_ssl: row.use_ssl,
    username: row.username || row.email_address,
    allow_insecure_auth: row.allow_insecure_auth,
    tls_fingerprint: row.tls_fingerprint,
  };
}

const refused = (err: unknown): boolean =>
  err instanceof ReleveError && (err.code === 'AUTH' || err.code === 'AUTH_OAUTH_ONLY');

export async function openMailboxImap(row: MailboxRow, creds: MailboxCredentials, opts: OpenImapOptions): Promise<ImapFlow> {
  const target = mailboxTarget(row);
  if (row.auth_method !== 'oauth2') return openImap({ ...target, password: await creds.password(row) }, opts);
  if (!creds.accessToken) {
    throw new ReleveError('AUTH_RECONNECT', userError('AUTH_RECONNECT', creds.locale()).message, { detail: 'OAuth2 unavailable here' });
  }
  const first = await creds.accessToken(row, {});
  try {
    return await openImap({ ...target, password: '', access_token: first }, opts);
  } catch (err) {
    if (!refused(err)) throw err;
  }
  const second = await creds.accessToken(row, { rejected: first });
  try {
    return await openImap({ ...target, password: '', access_token: second }, opts);
  } catch (err) {
    if (!refused(err)) throw err;
    // A token the provider just issued and the IMAP server still refuses: wrong account, IMAP turned off, or
    // a missing permission. Signing in again is the one thing the user can try.
    throw new ReleveError('AUTH_RECONNECT', userError('AUTH_RECONNECT', creds.locale()).message, {
      detail: `the IMAP server refused a fresh OAuth2 token for ${target.username}`,
      cause: err,
    });
  }
}
