// Schema step 2: OAuth2 sign-in per mailbox. The tokens (refresh + current access token) are one sealed blob,
// opened only when connecting; auth_method says which of password_enc / oauth_tokens_enc is in use.
import type { Migration } from './types.js';

export const migration002OAuth: Migration = {
  version: 2,
  name: 'oauth',
  up(db) {
    db.exec(`
      ALTER TABLE mailboxes ADD COLUMN auth_method TEXT NOT NULL DEFAULT 'password'
        CHECK (auth_method IN ('password', 'oauth2'));
      ALTER TABLE mailboxes ADD COLUMN oauth_provider TEXT;
      ALTER TABLE mailboxes ADD COLUMN oauth_tokens_enc BLOB;
      ALTER TABLE mailboxes ADD COLUMN oauth_secret_kind TEXT;
    `);
  },
};
