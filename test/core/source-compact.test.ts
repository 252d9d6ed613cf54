// Compaction of the source packs (store/source-compact.ts) on real store files: dead packs and orphan files go,
// a sealed (or abandoned) pack under half live is rewritten and the survivors read back identically, and a pack
// a live writer holds is left alone.
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { closeStore, commitBatch, deleteByUids, getOrCreateFolder, openStore, readRawSource, type DB } from '../../electron/core/store/index.js';
import { compactSources } from '../../electron/core/store/source-compact.js';
import { makeTmpDir, type TmpDir } from '../helpers/tmp-dir.js';
import { addMailbox, parsed } from './store-fixtures.js';

let dir: TmpDir;
let db: DB;
let folderId: number;
let packs: string;

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

function readsBack(uids: number[]): void {
  for (const u of uids) {
    const id = (db.prepare('SELECT id FROM messages WHERE uid = ?').get(u) as { id: number }).id;
    expect(readRawSource(db, id)?.equals(sourceOf(u)), `uid ${u}`).toBe(true);
  }
}

const packBytes = () => readdirSync(packs).reduce((n, f) => n + statSync(path.join(packs, f)).size, 0);

it('a sealed pack under half live is rewritten into the current pack; survivors read back identically', async () => {
  const all = Array.from({ length: 20 }, (_, i) => i + 1);
  store(all);
  handBack(true);
  const before = packBytes();
  const gone = all.filter((u) => u % 4 !== 0);
  expect(deleteByUids(db, folderId, gone)).toBe(15);
  const r = await compactSources(db);
  expect(r).toMatchObject({ removed: 1, moved: 5 });
  expect(existsSync(path.join(packs, '1.pack'))).toBe(false);
  expect(db.prepare('SELECT DISTINCT pack_id FROM message_sources').all()).toEqual([{ pack_id: 2 }]);
  expect(db.prepare('SELECT id FROM source_packs').all()).toEqual([{ id: 2 }]);
  readsBack([4, 8, 12, 16, 20]);
  expect(packBytes()).toBe([4, 8, 12, 16, 20].reduce((n, u) => n + sourceOf(u).length, 0));
  expect(r.freed).toBe(before - packBytes());
  // Nothing more to do: a second pass changes nothing.
  expect(await compactSources(db)).toEqual({ removed: 0, moved: 0, freed: 0 });
  store([21]);
  readsBack([4, 8, 12, 16, 20, 21]);
});

it('a pack with no live source is removed, file then row; a file without a row is removed', async () => {
  store([1, 2, 3]);
  handBack(true);
  deleteByUids(db, folderId, [1, 2, 3]);
  writeFileSync(path.join(packs, '77.pack'), 'left over by an allocation that never committed');
  writeFileSync(path.join(packs, 'notes.txt'), 'not a pack: left alone');
  const r = await compactSources(db);
  expect(r.removed).toBe(2);
  expect(r.moved).toBe(0);
  expect(readdirSync(packs).sort()).toEqual(['notes.txt']);
  expect(db.prepare('SELECT count(*) AS n FROM source_packs').get()).toEqual({ n: 0 });
});

it('an abandoned unsealed pack under half live is sealed and rewritten; a pack a writer holds is left alone', async () => {
  store([1, 2, 3, 4]);
  handBack(false); // unsealed, nobody holds it
  deleteByUids(db, folderId, [1, 2, 3]);
  await compactSources(db);
  expect(existsSync(path.join(packs, '1.pack'))).toBe(false);
  readsBack([4]);
  // This connection now holds pack 2 (it wrote the survivor there): even all dead, it stays.
  store([5, 6]);
  deleteByUids(db, folderId, [4, 5, 6]);
  expect(await compactSources(db)).toMatchObject({ removed: 0 });
  expect(readdirSync(packs)).toEqual(['2.pack']);
});

it('a pack at least half live is left as it is', async () => {
  store([1, 2, 3, 4]);
  handBack(true);
  deleteByUids(db, folderId, [1, 2]);
  expect(await compactSources(db)).toEqual({ removed: 0, moved: 0, freed: 0 });
  readsBack([3, 4]);
});
