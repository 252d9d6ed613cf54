// The binding sealed with each secret (secrets/binding.ts) and the schema step that binds secrets stored
// before bindings existed to the settings their mailbox had then.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileKeyBox, openBoundSecret, sealBoundSecret, sealSecret, type SecretTarget } from '../../electron/core/secrets/index.js';
import { legacyBinding, rowTarget } from '../../electron/core/secrets/mailbox-binding.js';
import { getMailbox, MIGRATIONS, runMigrations } from '../../electron/core/store/index.js';
import { ReleveError } from '../../shared/errors.js';
import { makeTmpDir, type TmpDir } from '../helpers/tmp-dir.js';

const PASSWORD = 'mot-de-passe d’application é €';
const TARGET: SecretTarget = {
  imap_server: 'imap.example.fr', imap_port: 993, use_ssl: true, allow_insecure_auth: false,
  tls_fingerprint: null, username: 'alice@example.fr', auth: 'password',
};
let dir: TmpDir;
beforeEach(() => {
  dir = makeTmpDir('releve-binding-');
});
afterEach(() => dir.remove());

async function code(fn: () => unknown): Promise<string | undefined> {
  try {
    await fn();
  } catch (err) {
    return err instanceof ReleveError ? err.code : String(err);
  }
  return undefined;
}

describe('a sealed secret opens only for the target it was sealed for', () => {
  it('any change of server, port, TLS mode, pinned certificate, login or way of logging in: SECRET_REQUIRED', async () => {
    const box = createFileKeyBox(dir.path, {});
    const sealed = await sealBoundSecret(box, PASSWORD, TARGET);
    expect(await openBoundSecret([box], sealed, TARGET, null, 'en')).toBe(PASSWORD);
    // Case and a trailing dot of the host name do not matter.
    expect(await openBoundSecret([box], sealed, { ...TARGET, imap_server: 'IMAP.Example.FR.' }, null, 'en')).toBe(PASSWORD);
    const changes: Array<Partial<SecretTarget>> = [
      { imap_server: '127.0.0.1' }, { imap_port: 143 }, { use_ssl: false }, { allow_insecure_auth: true },
      { tls_fingerprint: 'AB:CD' }, { username: 'bob@example.fr' }, { auth: 'oauth2:google' },
    ];
    for (const change of changes) expect(await code(() => openBoundSecret([box], sealed, { ...TARGET, ...change }, null, 'fr'))).toBe('SECRET_REQUIRED');
    // A legacy binding never overrides the one sealed inside.
    expect(await code(() => openBoundSecret([box], sealed, { ...TARGET, imap_port: 1 }, 'anything', 'en'))).toBe('SECRET_REQUIRED');
  });

  it('a secret sealed before bindings existed opens only with the binding the migration recorded', async () => {
    const file = dir.file('releve.db');
    const db = new Database(file);
    runMigrations(db, MIGRATIONS.slice(0, 2));
    const box = createFileKeyBox(dir.path, {});
    const old = await sealSecret(box, PASSWORD);
    db.prepare(
      `INSERT INTO mailboxes (integration_type, name, imap_server, imap_port, email_address, username, password_enc, secret_kind,
         use_ssl, allow_insecure_auth, sync_interval_minutes, active, color, created_at, updated_at)
       VALUES ('imap', 'A', 'imap.example.fr', 993, 'alice@example.fr', '', ?, ?, 1, 0, 5, 1, '#2563eb', 'now', 'now')`,
    ).run(old.enc, old.kind);
    runMigrations(db);
    const row = getMailbox(db, 1)!;
    const legacy = legacyBinding(db, 1);
    expect(legacy).toMatch(/^[0-9a-f]{64}$/);
    expect(rowTarget(row)).toEqual(TARGET);
    expect(await openBoundSecret([box], old, rowTarget(row), legacy, 'en')).toBe(PASSWORD);
    expect(await code(() => openBoundSecret([box], old, { ...TARGET, imap_server: 'evil.example' }, legacy, 'en'))).toBe('SECRET_REQUIRED');
    expect(await code(() => openBoundSecret([box], old, TARGET, null, 'en'))).toBe('SECRET_REQUIRED');
    db.close();
  });
});
