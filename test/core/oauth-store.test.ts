// Schema step 002 (OAuth2 columns) and the mailbox store functions that use them, on real SQLite files.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sealTokens, openTokens } from '../../electron/core/oauth/token-store.js';
import { createFileKeyBox, sealBoundSecret } from '../../electron/core/secrets/index.js';
import { legacyBinding, rowTarget } from '../../electron/core/secrets/mailbox-binding.js';
import { migration001Initial } from '../../electron/core/store/migrations/001-initial.js';
import { migration002OAuth } from '../../electron/core/store/migrations/002-oauth.js';
import {
  closeStore,
  deleteMailbox,
  getMailbox,
  openStore,
  runMigrations,
  saveOAuthTokens,
  schemaVersion,
  updateMailbox,
} from '../../electron/core/store/index.js';
import { makeTmpDir, type TmpDir } from '../helpers/tmp-dir.js';
import { addMailbox, NOW } from './store-fixtures.js';

let dir: TmpDir;
beforeEach(() => {
  dir = makeTmpDir('releve-oauth-store-');
});
afterEach(() => dir.remove());

describe('step 002 oauth', () => {
  it('upgrades a version-1 database in place: existing mailboxes log in with their password as before', () => {
    const file = dir.file('v1.db');
    const v1 = new Database(file);
    runMigrations(v1, [migration001Initial]);
    v1.prepare(
      `INSERT INTO mailboxes (name, imap_server, imap_port, email_address, username, password_enc, secret_kind, use_ssl,
         sync_interval_minutes, active, color, created_at, updated_at)
       VALUES ('Contact', 'imap.orange.fr', 993, 'c@orange.fr', 'c@orange.fr', x'01', 'file', 1, 5, 1, '#2563eb', ?, ?)`,
    ).run(NOW, NOW);
    v1.close();

    const db = openStore(file);
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(2);
    expect(getMailbox(db, 1)).toMatchObject({
      auth_method: 'password',
      oauth_provider: null,
      oauth_tokens_enc: null,
      oauth_secret_kind: null,
      password_enc: Buffer.from([1]),
    });
    expect(() => db.prepare("UPDATE mailboxes SET auth_method = 'kerberos' WHERE id = 1").run()).toThrow(/CHECK/);
    closeStore(db);
  });

  it('runs alone on top of step 1 and nothing else', () => {
    const db = new Database(':memory:');
    expect(runMigrations(db, [migration001Initial, migration002OAuth])).toBe(2);
    const cols = (db.prepare("SELECT name FROM pragma_table_info('mailboxes')").all() as Array<{ name: string }>).map((c) => c.name);
    expect(cols).toEqual(expect.arrayContaining(['auth_method', 'oauth_provider', 'oauth_tokens_enc', 'oauth_secret_kind']));
    db.close();
  });
});

describe('OAuth2 mailboxes in the store', () => {
  it('stores sealed tokens, renews them without touching updated_at, and an archived mailbox keeps none', async () => {
    const db = openStore(dir.file('store.db'));
    const box = createFileKeyBox(dir.path, { RELEVE_SECRET_KEY: 'a'.repeat(64) });
    const created = addMailbox(db, { password_enc: null, secret_kind: null, auth_method: 'oauth2', oauth_provider: 'microsoft' });
    // Sealed for this mailbox's connection settings (secrets/binding.ts).
    const first = await sealTokens(box, { refresh_token: 'rt-one', access_token: 'at-one', expires_at: 1_000 }, rowTarget(created));
    saveOAuthTokens(db, created.id, first);
    const m = getMailbox(db, created.id)!;
    expect(m).toMatchObject({ auth_method: 'oauth2', oauth_provider: 'microsoft' });
    expect(m.oauth_tokens_enc?.includes('rt-one')).toBe(false);
    expect(await openTokens([box], m, 'en', rowTarget(m), legacyBinding(db, m.id))).toEqual({ refresh_token: 'rt-one', access_token: 'at-one', expires_at: 1_000 });

    saveOAuthTokens(db, m.id, await sealTokens(box, { refresh_token: 'rt-two', access_token: 'at-two', expires_at: 2_000 }, rowTarget(m)));
    const renewed = getMailbox(db, m.id)!;
    expect((await openTokens([box], renewed, 'en', rowTarget(renewed), null)).refresh_token).toBe('rt-two');
    expect(renewed.updated_at).toBe(m.updated_at);

    // Switching to a password clears the provider and the tokens.
    const asPassword = updateMailbox(db, m.id, { auth_method: 'password', oauth_provider: null, oauth_tokens_enc: null, oauth_secret_kind: null }, NOW);
    expect(asPassword).toMatchObject({ auth_method: 'password', oauth_provider: null, oauth_tokens_enc: null });

    const other = addMailbox(db, { auth_method: 'oauth2', oauth_provider: 'google', oauth_tokens_enc: first.enc, oauth_secret_kind: 'file' });
    deleteMailbox(db, other.id, true);
    const archived = db.prepare('SELECT oauth_tokens_enc, oauth_secret_kind, deleted_at FROM mailboxes WHERE id = ?').get(other.id) as Record<string, unknown>;
    expect(archived).toMatchObject({ oauth_tokens_enc: null, oauth_secret_kind: null });
    expect(archived.deleted_at).not.toBeNull();
    closeStore(db);
  });

  it('a mailbox without stored tokens, or with unreadable ones, asks to reconnect', async () => {
    const db = openStore(dir.file('empty.db'));
    const box = createFileKeyBox(dir.path, { RELEVE_SECRET_KEY: 'b'.repeat(64) });
    const m = addMailbox(db, { auth_method: 'oauth2', oauth_provider: 'google', password_enc: null, secret_kind: null });
    await expect(openTokens([box], m, 'fr', rowTarget(m), null)).rejects.toMatchObject({ code: 'AUTH_RECONNECT' });
    saveOAuthTokens(db, m.id, await sealBoundSecret(box, JSON.stringify({ access_token: 'x' }), rowTarget(m)));
    await expect(openTokens([box], getMailbox(db, m.id)!, 'fr', rowTarget(m), null)).rejects.toMatchObject({ code: 'AUTH_RECONNECT' });
    closeStore(db);
  });
});
