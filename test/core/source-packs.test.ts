// Message sources in pack files (store/source-packs.ts, source-read.ts) on real store files: where the bytes go,
// that a batch whose transaction fails after its sources were written leaves no row (and the next batch works),
// that a real ENOSPC is DISK_FULL, that a writer takes over the pack of one that is gone, and that an older
// store whose sources are inline blobs is still read, exported and backed up.
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { ReleveError } from '../../shared/errors.js';
import { backupStore, restoreStore } from '../../electron/core/archive/backup.js';
import { exportMessages } from '../../electron/core/archive/export.js';
import {
  closeStore,
  commitBatch,
  getMessageRow,
  getOrCreateFolder,
  LATEST_SCHEMA_VERSION,
  MIGRATIONS,
  openStore,
  readRawSource,
  type DB,
} from '../../electron/core/store/index.js';
import { PackWriter } from '../../electron/core/store/source-packs.js';
import { makeTmpDir, type TmpDir } from '../helpers/tmp-dir.js';
import { addMailbox, count, parsed } from './store-fixtures.js';

let dir: TmpDir;
beforeEach(() => {
  dir = makeTmpDir('releve-packs-');
});
afterEach(() => dir.remove());

/** A source of `size` bytes whose content depends on `uid` (8-bit bytes included). */
function sourceOf(uid: number, size: number): Buffer {
  const head = Buffer.from(`Subject: Message ${uid}\r\nMessage-ID: <msg-${uid}@example.fr>\r\n\r\n`);
  const body = Buffer.alloc(Math.max(0, size - head.length));
  for (let i = 0; i < body.length; i++) body[i] = (i * 31 + uid * 7) % 256;
  return Buffer.concat([head, body]);
}

function withSource(uid: number, size = 2000) {
  return parsed(uid, { raw: sourceOf(uid, size), size });
}

function setUp(file: string): { db: DB; folderId: number } {
  const db = openStore(file);
  const mb = addMailbox(db);
  const folderId = getOrCreateFolder(db, mb.id, 'INBOX').id;
  return { db, folderId };
}

function idByUid(db: DB): Map<number, number> {
  return new Map((db.prepare('SELECT uid, id FROM messages').all() as Array<{ uid: number; id: number }>).map((r) => [r.uid, r.id]));
}

describe('pack files', () => {
  it('a file store keeps new sources in owner-only packs beside it, read back byte for byte', () => {
    const file = dir.file('data/releve.db');
    const oldUmask = process.umask(0o022);
    onTestFinished(() => void process.umask(oldUmask));
    const { db, folderId } = setUp(file);
    const sizes = [100, 40_000, 3_000_000, 120];
    commitBatch(db, folderId, sizes.map((s, i) => withSource(i + 1, s)), { uidvalidity: '1', last_uid: 4 });
    commitBatch(db, folderId, [withSource(5, 77_777)], { last_uid: 5 });
    expect(count(db, 'message_raw')).toBe(0);
    expect(count(db, 'message_sources')).toBe(5);
    const ids = idByUid(db);
    for (const [uid, size] of [...sizes, 77_777].entries()) {
      expect(readRawSource(db, ids.get(uid + 1)!)?.equals(sourceOf(uid + 1, size))).toBe(true);
    }
    expect(getMessageRow(db, ids.get(2)!)?.raw.equals(sourceOf(2, 40_000))).toBe(true);
    const packs = path.join(path.dirname(file), 'sources');
    expect(readdirSync(packs)).toEqual(['1.pack']);
    if (process.platform !== 'win32') {
      expect(statSync(packs).mode & 0o777).toBe(0o700);
      expect(statSync(path.join(packs, '1.pack')).mode & 0o777).toBe(0o600);
    }
    // One file, exactly the sources one after the other: nothing written twice.
    expect(statSync(path.join(packs, '1.pack')).size).toBe([...sizes, 77_777].reduce((a, b) => a + b, 0));
    closeStore(db);
    // Handed back on close: the next writer (another process, or this one later) appends to the same pack.
    const again = openStore(file);
    expect(again.prepare('SELECT id, sealed, owner_pid FROM source_packs').all()).toEqual([{ id: 1, sealed: 0, owner_pid: null }]);
    commitBatch(again, folderId, [withSource(6, 500)], { last_uid: 6 });
    expect(again.prepare('SELECT pack_id, "offset" AS o FROM message_sources WHERE message_id = ?').get(idByUid(again).get(6))).toEqual({
      pack_id: 1,
      o: [...sizes, 77_777].reduce((a, b) => a + b, 0),
    });
    expect(readRawSource(again, idByUid(again).get(6)!)?.equals(sourceOf(6, 500))).toBe(true);
    closeStore(again);
  });

  it('a store in memory keeps its sources inline (no folder for packs)', () => {
    const db = openStore(':memory:');
    const folderId = getOrCreateFolder(db, addMailbox(db).id, 'INBOX').id;
    commitBatch(db, folderId, [withSource(1)], { uidvalidity: '1' });
    expect(count(db, 'message_raw')).toBe(1);
    expect(count(db, 'message_sources')).toBe(0);
    expect(readRawSource(db, idByUid(db).get(1)!)?.equals(sourceOf(1, 2000))).toBe(true);
    closeStore(db);
  });

  it('a transaction that fails after its sources were written leaves no row; the next batch still works', () => {
    const file = dir.file('releve.db');
    const { db, folderId } = setUp(file);
    commitBatch(db, folderId, [withSource(1)], { uidvalidity: '1', last_uid: 1 });
    // A constraint SQLite checks only at COMMIT: the batch's sources are already written and synced by then.
    db.exec(`
      CREATE TABLE poison (folder_id INTEGER REFERENCES folders(id) DEFERRABLE INITIALLY DEFERRED);
      CREATE TRIGGER poison_uid_13 AFTER INSERT ON messages WHEN NEW.uid = 13 BEGIN INSERT INTO poison VALUES (999999); END;
    `);
    const pack = path.join(dir.path, 'sources', '1.pack');
    const before = statSync(pack).size;
    expect(() => commitBatch(db, folderId, [withSource(12, 5000), withSource(13, 6000)], { last_uid: 13 })).toThrow(/FOREIGN KEY/);
    expect(statSync(pack).size).toBe(before + 11_000); // orphan bytes, referenced by nothing
    expect([...idByUid(db).keys()]).toEqual([1]);
    expect(count(db, 'message_sources')).toBe(1);
    expect(db.prepare('SELECT last_uid FROM folders WHERE id = ?').get(folderId)).toEqual({ last_uid: 1 });
    db.exec('DROP TRIGGER poison_uid_13');
    commitBatch(db, folderId, [withSource(12, 5000), withSource(14, 300)], { last_uid: 14 });
    const ids = idByUid(db);
    expect(readRawSource(db, ids.get(1)!)?.equals(sourceOf(1, 2000))).toBe(true);
    expect(readRawSource(db, ids.get(12)!)?.equals(sourceOf(12, 5000))).toBe(true);
    expect(readRawSource(db, ids.get(14)!)?.equals(sourceOf(14, 300))).toBe(true);
    closeStore(db);
  });

  it.runIf(process.platform === 'linux')('no space left for a pack (a real ENOSPC) is DISK_FULL; nothing is stored; space back, it goes on', () => {
    const file = dir.file('releve.db');
    const { db, folderId } = setUp(file);
    commitBatch(db, folderId, [withSource(1)], { uidvalidity: '1', last_uid: 1 });
    closeStore(db);
    // Pack 1 is handed back on close; seal it so the next writer starts pack 2, which is the full device.
    const raw = new Database(file);
    raw.exec('UPDATE source_packs SET sealed = 1');
    raw.close();
    symlinkSync('/dev/full', path.join(dir.path, 'sources', '2.pack'));
    const db2 = openStore(file);
    let err: unknown;
    try {
      commitBatch(db2, folderId, [withSource(2, 70_000)], { last_uid: 2 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ReleveError);
    expect((err as ReleveError).code).toBe('DISK_FULL');
    expect([...idByUid(db2).keys()]).toEqual([1]);
    expect(db2.prepare('SELECT last_uid FROM folders WHERE id = ?').get(folderId)).toEqual({ last_uid: 1 });
    unlinkSync(path.join(dir.path, 'sources', '2.pack'));
    commitBatch(db2, folderId, [withSource(2, 70_000)], { last_uid: 2 });
    expect(readRawSource(db2, idByUid(db2).get(2)!)?.equals(sourceOf(2, 70_000))).toBe(true);
    expect(readRawSource(db2, idByUid(db2).get(1)!)?.equals(sourceOf(1, 2000))).toBe(true);
    closeStore(db2);
  });

  it('two writing connections never share a pack; a full pack is sealed and a new one started', () => {
    const file = dir.file('releve.db');
    const { db, folderId } = setUp(file);
    const other = new Database(file);
    other.pragma('foreign_keys = ON');
    commitBatch(db, folderId, [withSource(1, 100)], { uidvalidity: '1' });
    commitBatch(other, folderId, [withSource(2, 100)], {});
    const packOf = (d: DB, uid: number) =>
      (d.prepare('SELECT pack_id FROM message_sources s JOIN messages m ON m.id = s.message_id WHERE m.uid = ?').get(uid) as { pack_id: number }).pack_id;
    expect(packOf(db, 1)).not.toBe(packOf(db, 2));
    other.close();

    // A small rollover size, driven directly: past it, the pack is sealed and the next append goes to a new one.
    const packsDir = path.join(dir.path, 'sources');
    const w = new PackWriter(db, packsDir, 1000);
    w.begin();
    const a = w.append(Buffer.alloc(1500, 1));
    w.flush();
    w.begin();
    const b = w.append(Buffer.alloc(10, 2));
    w.flush();
    expect(b.packId).not.toBe(a.packId);
    expect(db.prepare('SELECT sealed FROM source_packs WHERE id = ?').get(a.packId)).toEqual({ sealed: 1 });
    w.close();
    closeStore(db);
  });

  it('a pack whose writer process is gone is taken over by the next writer', () => {
    const file = dir.file('releve.db');
    const { db, folderId } = setUp(file);
    commitBatch(db, folderId, [withSource(1, 100)], { uidvalidity: '1' });
    // As a kill -9 leaves it: still owned by a process that no longer exists, with orphan bytes at its end.
    db.prepare('UPDATE source_packs SET owner_pid = 2147483646').run();
    closeStore(db);
    const tail = path.join(dir.path, 'sources', '1.pack');
    const orphan = Buffer.from('bytes of a batch that never committed');
    appendFileSync(tail, orphan);
    const db2 = openStore(file);
    commitBatch(db2, folderId, [withSource(2, 100)], {});
    expect(db2.prepare('SELECT pack_id, "offset" AS o FROM message_sources WHERE message_id = ?').get(idByUid(db2).get(2))).toEqual({
      pack_id: 1,
      o: 100 + orphan.length,
    });
    expect(readRawSource(db2, idByUid(db2).get(2)!)?.equals(sourceOf(2, 100))).toBe(true);
    closeStore(db2);
  });
  it('a pack whose file is gone is not taken over: its rows say so (STORAGE), never read other bytes', () => {
    const file = dir.file('releve.db');
    const { db, folderId } = setUp(file);
    commitBatch(db, folderId, [withSource(1, 100)], { uidvalidity: '1' });
    closeStore(db);
    unlinkSync(path.join(dir.path, 'sources', '1.pack'));
    const db2 = openStore(file);
    commitBatch(db2, folderId, [withSource(2, 100)], {});
    expect(db2.prepare('SELECT id, sealed FROM source_packs ORDER BY id').all()).toEqual([
      { id: 1, sealed: 1 },
      { id: 2, sealed: 0 },
    ]);
    expect(readRawSource(db2, idByUid(db2).get(2)!)?.equals(sourceOf(2, 100))).toBe(true);
    expect(() => readRawSource(db2, idByUid(db2).get(1)!)).toThrow(expect.objectContaining({ code: 'STORAGE' }));
    closeStore(db2);
  });
});

describe('an older store with inline sources', () => {
  /** The schema step that brought packs (found by name: steps may be renumbered when branches merge). */
  const packsStep = MIGRATIONS.find((m) => m.name === 'source-packs')!.version;

  /**
   * A store as the step before packs left it: written inline (a store in memory keeps its sources in
   * message_raw), saved to a file without the packs' tables and at the previous schema version, then opened by
   * this version (which migrates it).
   */
  function oldStore(file: string, uids: number[]): void {
    const old = openStore(':memory:');
    const folderId = getOrCreateFolder(old, addMailbox(old).id, 'INBOX').id;
    commitBatch(old, folderId, uids.map((u) => withSource(u, 3000 + u)), { uidvalidity: '1', last_uid: Math.max(...uids) });
    old.exec('DROP TABLE message_sources; DROP TABLE source_packs;');
    old.pragma(`user_version = ${packsStep - 1}`);
    mkdirSync(path.dirname(file), { recursive: true });
    old.prepare('VACUUM INTO ?').run(file);
    old.close();
  }

  it('is read, gets new sources in packs, and exports the same bytes either way', async () => {
    const file = dir.file('data/releve.db');
    oldStore(file, [1, 2, 3]);
    const before = new Database(file, { readonly: true });
    expect(before.pragma('user_version', { simple: true })).toBe(packsStep - 1);
    before.close();
    const db = openStore(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(count(db, 'message_raw')).toBe(3);
    const folderId = (db.prepare('SELECT id FROM folders').get() as { id: number }).id;
    commitBatch(db, folderId, [withSource(4, 4000)], { last_uid: 4 });
    expect(count(db, 'message_sources')).toBe(1);
    const ids = idByUid(db);
    for (const u of [1, 2, 3]) expect(readRawSource(db, ids.get(u)!)?.equals(sourceOf(u, 3000 + u))).toBe(true);
    expect(getMessageRow(db, ids.get(2)!)?.raw.equals(sourceOf(2, 3002))).toBe(true);
    expect(readRawSource(db, ids.get(4)!)?.equals(sourceOf(4, 4000))).toBe(true);
    closeStore(db);

    const out = dir.file('eml');
    const r = await exportMessages({ storeFile: file, mailboxIds: null, format: 'eml', out });
    expect(r.messages).toBe(4);
    const folder = path.join(out, readdirSync(out)[0]!, 'INBOX');
    for (const [u, size] of [[1, 3001], [2, 3002], [3, 3003], [4, 4000]] as const) {
      expect(readFileSync(path.join(folder, `${u}.eml`)).equals(sourceOf(u, size))).toBe(true);
    }
  });

  it('a backup of a mixed store is one file with every source inline; restored elsewhere, every source reads', async () => {
    const dataDir = dir.file('data');
    const file = path.join(dataDir, 'releve.db');
    oldStore(file, [1, 2]);
    const db = openStore(file);
    const folderId = (db.prepare('SELECT id FROM folders').get() as { id: number }).id;
    commitBatch(db, folderId, [withSource(3, 50_000), withSource(4, 100)], { last_uid: 4 });
    closeStore(db);

    const backup = dir.file('backup.db');
    expect(backupStore(dataDir, backup).messages).toBe(4);
    const copy = new Database(backup, { readonly: true });
    expect(copy.prepare('SELECT count(*) AS n FROM message_raw').get()).toEqual({ n: 4 });
    expect(copy.prepare('SELECT count(*) AS n FROM message_sources').get()).toEqual({ n: 0 });
    expect(copy.prepare('SELECT count(*) AS n FROM source_packs').get()).toEqual({ n: 0 });
    copy.close();

    const fresh = dir.file('fresh');
    mkdirSync(fresh);
    await restoreStore({ dataDir: fresh, file: backup, canOpenSecret: () => Promise.resolve(true) });
    expect(existsSync(path.join(fresh, 'sources'))).toBe(false);
    const restored = openStore(path.join(fresh, 'releve.db'));
    const ids = idByUid(restored);
    for (const [u, size] of [[1, 3001], [2, 3002], [3, 50_000], [4, 100]] as const) {
      expect(readRawSource(restored, ids.get(u)!)?.equals(sourceOf(u, size))).toBe(true);
    }
    // Synced on after the restore: new sources go to packs again.
    commitBatch(restored, folderId, [withSource(5, 999)], { last_uid: 5 });
    expect(readRawSource(restored, idByUid(restored).get(5)!)?.equals(sourceOf(5, 999))).toBe(true);
    closeStore(restored);
  });

  it('restoring over a pack store sets its packs aside with the replaced file', async () => {
    const dataDir = dir.file('data');
    const { db, folderId } = setUp(path.join(dataDir, 'releve.db'));
    commitBatch(db, folderId, [withSource(1, 100)], { uidvalidity: '1' });
    closeStore(db);
    const backup = dir.file('b.db');
    backupStore(dataDir, backup);
    const res = await restoreStore({ dataDir, file: backup, canOpenSecret: () => Promise.resolve(true) });
    expect(existsSync(path.join(dataDir, 'sources'))).toBe(false);
    expect(readdirSync(`${res.previous!}-sources`)).toEqual(['1.pack']);
    const restored = openStore(path.join(dataDir, 'releve.db'));
    expect(readRawSource(restored, idByUid(restored).get(1)!)?.equals(sourceOf(1, 100))).toBe(true);
    closeStore(restored);
  });
});
