// Schema step 5: secrets sealed before bindings existed (see secrets/binding.ts) are bound to the settings
// their mailbox has now. New secrets carry their binding inside the sealed bytes; this column only serves the
// old ones, and nothing but this migration ever writes it.
import { secretBinding } from '../../secrets/binding.js';
import type { Migration } from './types.js';

interface LegacyRow {
  id: number;
  imap_server: string;
  imap_port: number;
  use_ssl: number;
  allow_insecure_auth: number;
  tls_fingerprint: string | null;
  username: string;
  email_address: string;
  auth_method: string;
  oauth_provider: string | null;
}

export const migration005SecretBinding: Migration = {
  version: 5,
  name: 'secret-binding',
  up(db) {
    db.exec('ALTER TABLE mailboxes ADD COLUMN legacy_secret_binding TEXT');
    const rows = db
      .prepare(
        `SELECT id, imap_server, imap_port, use_ssl, allow_insecure_auth, tls_fingerprint, username, email_address,
                auth_method, oauth_provider
           FROM mailboxes WHERE password_enc IS NOT NULL OR oauth_tokens_enc IS NOT NULL`,
      )
      .all() as LegacyRow[];
    const set = db.prepare('UPDATE mailboxes SET legacy_secret_binding = ? WHERE id = ?');
    for (const r of rows) {
      const binding = secretBinding({
        imap_server: r.imap_server,
        imap_port: r.imap_port,
        use_ssl: r.use_ssl === 1,
        allow_insecure_auth: r.allow_insecure_auth === 1,
        tls_fingerprint: r.tls_fingerprint,
        username: r.username || r.email_address,
        auth: r.auth_method === 'oauth2' ? `oauth2:${r.oauth_provider ?? ''}` : 'password',
      });
      set.run(binding, r.id);
    }
  },
};
