// Compaction of the source packs (store/source-compact.ts) on real store files: a sealed (or abandoned) pack
// under half live is rewritten and retired, its file kept for readers of an older snapshot and removed once the
// grace is over; survivors read back identically; orphan files go; a pack a live writer holds is left alone.
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { closeStore, commitBatch, deleteByUids, getOrCreateFolder, openStore, readRawSource, type DB } from '../../electron/core/store/index.js';
import { compactSources, RETIRE_GRACE_MS } from '../../electron/core/store/source-compact.js';
import { closeSourceReaders } from '../../electron/core/store/source-read.js';
import { makeTmpDir, type TmpDir } from '../helpers/tmp-dir.js';
import { addMailbox, parsed } from './store-fixtures.js';

let dir: TmpDir;
let db: DB;
let folderId: number;
let packs: string;
const later = () => ({ now: Date.now() + RETIRE_GRACE_MS + 1000 });

beforeEach(() => {
  dir = makeTmpDir('releve-compact-');
  db = openStore(dir.file('releve.db'));
  folderId = getOrCreateFolder(db, addMailbox(db).id, 'INBOX').id;
  packs = dir.file('sources');
});
afterEach(() => {
  closeStore(db);
  dir.remove();
});

function sourceOf(uid: number): Buffer {
  return Buffer.concat([Buffer.from(`Subject: ${uid}\r\n\r\n`), Buffer.alloc(10_000 + uid, uid % 251)]);
}

function store(uids: number[]): void {
  commitBatch(db, folderId, uids.map((u) => parsed(u, { raw: sourceOf(u) })), { uidvalidity: '1' });
}

/** As a writer that closed (or died) leaves its pack: nobody holds it. */
function handBack(sealed: boolean): void {
  closeStore(db);
  db = openStore(dir.file('releve.db'));
  if (sealed) db.exec('UPDATE source_packs SET sealed = 1');
}

const idOf = (d: Database.Database, uid: number) => (d.prepare('SELECT id FROM messages WHERE uid = ?').get(uid) as { id: number }).id;

function readsBack(uids: number[], from: Database.Database = db): void {
  for (const u of uids) expect(readRawSource(from, idOf(from, u))?.equals(sourceOf(u)), `uid ${u}`).toBe(true);
}

const packBytes = () => readdirSync(packs).reduce((n, f) => n + statSync(path.join(packs, f)).size, 0);

it('a sealed pack under half live is rewritten into the current pack, kept for older readers, then removed', async () => {
  const all = Array.from({ length: 20 }, (_, i) => i + 1);
  store(all);
  handBack(true);
  const before = packBytes();
  const kept = [4, 8, 12, 16, 20];
  expect(deleteByUids(db, folderId, all.filter((u) => !kept.includes(u)))).toBe(15);
  // A reader inside a read transaction begun before the move (an export in progress) sees the old rows.
  const reader = new Database(dir.file('releve.db'), { readonly: true });
  reader.exec('BEGIN');
  expect(reader.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 5 });

  expect(await compactSources(db)).toMatchObject({ retired: 1, removed: 0, moved: 5 });
  expect(db.prepare('SELECT DISTINCT pack_id FROM message_sources').all()).toEqual([{ pack_id: 2 }]);
  readsBack(kept);
  readsBack(kept, reader); // from pack 1, still there
  expect(reader.prepare('SELECT DISTINCT pack_id FROM message_sources').all()).toEqual([{ pack_id: 1 }]);
  closeSourceReaders(reader);
  reader.close();
  // Within the grace nothing more happens; after it, the file and its row go.
  expect(await compactSources(db)).toEqual({ retired: 0, removed: 0, moved: 0, freed: 0 });
  const r = await compactSources(db, later());
  expect(r).toMatchObject({ retired: 0, removed: 1, moved: 0 });
  expect(existsSync(path.join(packs, '1.pack'))).toBe(false);
  expect(db.prepare('SELECT id FROM source_packs').all()).toEqual([{ id: 2 }]);
  readsBack(kept);
  expect(packBytes()).toBe(kept.reduce((n, u) => n + sourceOf(u).length, 0));
  expect(r.freed).toBe(before);
  store([21]);
  readsBack([...kept, 21]);
});

it('a pack with no live source is retired then removed; a file without a row is removed', async () => {
  store([1, 2, 3]);
  handBack(true);
  deleteByUids(db, folderId, [1, 2, 3]);
  writeFileSync(path.join(packs, '77.pack'), 'left over by a removal whose unlink failed');
  writeFileSync(path.join(packs, 'notes.txt'), 'not a pack: left alone');
  expect(await compactSources(db)).toMatchObject({ retired: 1, removed: 1, moved: 0 });
  expect(readdirSync(packs).sort()).toEqual(['1.pack', 'notes.txt']);
  expect(await compactSources(db, later())).toMatchObject({ removed: 1 });
  expect(readdirSync(packs)).toEqual(['notes.txt']);
  expect(db.prepare('SELECT count(*) AS n FROM source_packs').get()).toEqual({ n: 0 });
  // Ids are never given twice: the next pack is not a new "1.pack".
  store([4]);
  expect(readdirSync(packs).sort()).toEqual(['2.pack', 'notes.txt']);
});

it('an abandoned unsealed pack under half live is sealed and rewritten; a pack a writer holds is left alone', async () => {
  store([1, 2, 3, 4]);
  handBack(false); // unsealed, nobody holds it
  deleteByUids(db, folderId, [1, 2, 3]);
  await compactSources(db);
  await compactSources(db, later());
  expect(existsSync(path.join(packs, '1.pack'))).toBe(false);
  readsBack([4]);
  // This connection now holds pack 2 (it wrote the survivor there): even all dead, it stays.
  store([5, 6]);
  deleteByUids(db, folderId, [4, 5, 6]);
  expect(await compactSources(db, later())).toMatchObject({ retired: 0, removed: 0 });
  expect(readdirSync(packs)).toEqual(['2.pack']);
});

it('a pack at least half live is left as it is', async () => {
  store([1, 2, 3, 4]);
  handBack(true);
  deleteByUids(db, folderId, [1, 2]);
  expect(await compactSources(db, later())).toEqual({ retired: 0, removed: 0, moved: 0, freed: 0 });
  readsBack([3, 4]);
});
