// The secret target of a mailbox row or of a connection test, and the legacy binding the schema migration
// recorded for secrets sealed before bindings existed.
import type { DB, MailboxRow } from '../store/index.js';
import { cached } from '../store/statements.js';
import type { SecretTarget } from './binding.js';

export interface ConnectionSettings {
  imap_server: string;
  imap_port: number;
  use_ssl: boolean;
  allow_insecure_auth: boolean;
  tls_fingerprint: string | null;
  username: string;
}

export function authOf(row: Pick<MailboxRow, 'auth_method' | 'oauth_provider'>): string {
  return row.auth_method === 'oauth2' ? `oauth2:${row.oauth_provider ?? ''}` : 'password';
}

export function connectionTarget(c: ConnectionSettings, auth: string): SecretTarget {
  return {
    imap_server: c.imap_server,
    imap_port: c.imap_port,
    use_ssl: c.use_ssl,
    allow_insecure_auth: c.allow_insecure_auth,
    tls_fingerprint: c.tls_fingerprint,
    username: c.username,
    auth,
  };
}

/** Where the row's own settings send its secret (the login is the username, else the address). */
export function rowTarget(row: MailboxRow): SecretTarget {
  return connectionTarget({ ...row, username: row.username || row.email_address }, authOf(row));
}

export function legacyBinding(db: DB, id: number): string | null {
  const r = cached<{ b: string | null }>(db, 'SELECT legacy_secret_binding AS b FROM mailboxes WHERE id = ?').get(id);
  return r?.b ?? null;
}
