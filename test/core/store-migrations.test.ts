import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReleveError } from '../../shared/errors.js';
import { migration001Initial } from '../../electron/core/store/migrations/001-initial.js';
import {
  closeStore,
  getSetting,
  LATEST_SCHEMA_VERSION,
  MIGRATIONS,
  NEW_STORE_PAGE_SIZE,
  openStore,
  runMigrations,
  schemaVersion,
  setSetting,
  type Migration,
} from '../../electron/core/store/index.js';
import { makeTmpDir, type TmpDir } from '../helpers/tmp-dir.js';

let dir: TmpDir;
beforeEach(() => {
  dir = makeTmpDir('releve-migrations-');
});
afterEach(() => dir.remove());

function objectNames(db: Database.Database, type: string): string[] {
  return (db.prepare('SELECT name FROM sqlite_master WHERE type = ? ORDER BY name').all(type) as Array<{ name: string }>).map(
    (r) => r.name,
  );
}

describe('migration runner', () => {
  it('migrates an empty database to the latest version, creating the data directory', () => {
    const file = dir.file('nested/deeper/releve.db');
    const db = openStore(file);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
    expect(objectNames(db, 'table')).toEqual(expect.arrayContaining(['mailboxes', 'messages', 'messages_fts']));
    closeStore(db);
  });

  it('re-opening is idempotent: no step runs twice and data is kept', () => {
    const file = dir.file('releve.db');
    const db = openStore(file);
    setSetting(db, 'locale', 'fr');
    closeStore(db);

    const again = openStore(file);
    expect(schemaVersion(again)).toBe(LATEST_SCHEMA_VERSION);
    expect(runMigrations(again)).toBe(0);
    expect(getSetting(again, 'locale')).toBe('fr');
    closeStore(again);
  });

  it('opens in WAL mode with foreign keys, NORMAL sync and a busy timeout', () => {
    const db = openStore(dir.file('releve.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    closeStore(db);
  });

  it('rolls a failing step back entirely and keeps the previous version', () => {
    const db = new Database(dir.file('failing.db'));
    const broken: Migration = {
      version: 2,
      name: 'broken',
      up(d) {
        d.exec('CREATE TABLE half_done (x INTEGER)');
        throw new Error('boom');
      },
    };
    expect(() => runMigrations(db, [migration001Initial, broken])).toThrow('boom');
    expect(schemaVersion(db)).toBe(1);
    expect(objectNames(db, 'table')).not.toContain('half_done');
    db.close();
  });

  it('refuses a database written by a newer version of the app', () => {
    const file = dir.file('newer.db');
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    raw.close();
    let caught: unknown;
    try {
      openStore(file);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ReleveError);
    expect((caught as ReleveError).code).toBe('STORAGE');
  });

  it('rejects a migration list that is not numbered 1, 2, 3…', () => {
    const db = new Database(':memory:');
    expect(() => runMigrations(db, [{ ...migration001Initial, version: 2 }])).toThrow(/expected 1/);
    db.close();
  });
});

describe('step 001 initial', () => {
  it('creates the tables, indexes and the delete trigger, and sets user_version 1', () => {
    const db = new Database(dir.file('v1.db'));
    expect(runMigrations(db, [migration001Initial])).toBe(1);
    expect(schemaVersion(db)).toBe(1);
    expect(objectNames(db, 'table')).toEqual(
      expect.arrayContaining([
        'attachments',
        'folders',
        'mailboxes',
        'message_raw',
        'messages',
        'messages_fts',
        'pending_flag_ops',
        'settings',
        'sync_runs',
      ]),
    );
    expect(objectNames(db, 'index')).toEqual(
      expect.arrayContaining(['messages_folder_content_key', 'messages_primary_sort', 'messages_message_id']),
    );
    expect(objectNames(db, 'trigger')).toEqual(['messages_after_delete']);
    const uniques = (db.prepare("SELECT * FROM pragma_index_list('messages') WHERE \"unique\" = 1").all() as Array<{ name: string }>)
      .map((i) => (db.prepare('SELECT name FROM pragma_index_info(?) ORDER BY seqno').all(i.name) as Array<{ name: string }>).map((c) => c.name));
    expect(uniques).toContainEqual(['folder_id', 'uidvalidity', 'uid']);
    const fts = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'messages_fts'").get() as { sql: string };
    expect(fts.sql).toContain('remove_diacritics 2');
    expect(fts.sql).toContain('contentless_delete = 1');
    db.close();
  });
});

describe('page size', () => {
  it('a new store gets large pages (raw sources), an existing store keeps its own', () => {
    const fresh = openStore(dir.file('fresh.db'));
    expect(fresh.pragma('page_size', { simple: true })).toBe(NEW_STORE_PAGE_SIZE);
    expect(fresh.pragma('journal_mode', { simple: true })).toBe('wal');
    closeStore(fresh);
    const reopened = openStore(dir.file('fresh.db'));
    expect(reopened.pragma('page_size', { simple: true })).toBe(NEW_STORE_PAGE_SIZE);
    closeStore(reopened);

    // a store created by an older version with 4 KB pages is opened as it is
    const legacyFile = dir.file('legacy.db');
    const legacy = new Database(legacyFile);
    legacy.pragma('page_size = 4096');
    legacy.exec('CREATE TABLE t (x)');
    legacy.close();
    const opened = openStore(legacyFile);
    expect(opened.pragma('page_size', { simple: true })).toBe(4096);
    expect(schemaVersion(opened)).toBe(LATEST_SCHEMA_VERSION);
    closeStore(opened);
  });
});

describe('file permissions', () => {
  it.skipIf(process.platform === 'win32')('the store and its WAL are readable by the owner only, old stores tightened', async () => {
    const { chmodSync, statSync, writeFileSync } = await import('node:fs');
    const mode = (f: string) => statSync(f).mode & 0o777;
    const oldUmask = process.umask(0o022);
    try {
      const db = openStore(dir.file('private.db'));
      db.exec("INSERT INTO settings (key, value) VALUES ('k', 'v')");
      expect(mode(dir.file('private.db'))).toBe(0o600);
      expect(mode(dir.file('private.db-wal'))).toBe(0o600);
      closeStore(db);

      const legacy = dir.file('legacy-mode.db');
      writeFileSync(legacy, '');
      chmodSync(legacy, 0o644);
      closeStore(openStore(legacy));
      expect(mode(legacy)).toBe(0o600);
    } finally {
      process.umask(oldUmask);
    }
  });
});
