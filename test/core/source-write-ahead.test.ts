// Sources written ahead (store/source-packs.ts PackWriter.writeMany, used by the parse worker's stage step): each
// source is written once, when it arrives (through the O_DIRECT stage on Linux: when the stage fills or a commit
// needs it), never by the transaction; its row commits only after durable(); a full disk at that point
// fails the batch with DISK_FULL and stores nothing; a pack that fills up between the write and the commit is
// made durable and sealed; a batch given up leaves bytes no row points at. Real store files, a real /dev/full.
import { readFileSync, statSync, symlinkSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReleveError } from '../../shared/errors.js';
import { parseMessage } from '../../electron/core/parse/parse-message.js';
import { WorkerStore } from '../../electron/core/parse/worker-store.js';
import { closeStore, getOrCreateFolder, openStore, readRawSource, updateFolderState, type DB } from '../../electron/core/store/index.js';
import { PackWriter, type SourcePlace } from '../../electron/core/store/source-packs.js';
import type { MessageMeta } from '../../electron/core/sync/staged.js';
import { makeMessage } from '../fixtures/dovecot.js';
import { makeTmpDir, type TmpDir } from '../helpers/tmp-dir.js';
import { addMailbox, count } from './store-fixtures.js';

let dir: TmpDir;
let db: DB;
let folderId: number;
let worker: WorkerStore;

const meta = (uid: number, size: number): MessageMeta => ({ uid, flags: [], size, internal_date: null, modseq: null });
function source(uid: number, padding = 0): Buffer {
  return Buffer.from(makeMessage({ subject: `Message ${uid}`, messageId: `<m${uid}@x>`, body: `corps ${'x'.repeat(padding)}` }));
}
const packFile = (id: number) => path.join(dir.path, 'sources', `${id}.pack`);
const uids = () => (db.prepare('SELECT uid FROM messages ORDER BY uid').all() as Array<{ uid: number }>).map((r) => r.uid);

/** Stages `uids` the way the sync does: some parsed by the sender (fields given), the others parsed here. */
async function stageAll(list: number[], padding = 0): Promise<Map<number, Buffer>> {
  const sources = new Map<number, Buffer>();
  for (const uid of list) {
    const raw = source(uid, padding);
    sources.set(uid, Buffer.from(raw));
    const fields = uid % 2 === 0 ? await parseMessage(raw) : undefined;
    worker.stageAll([{ id: uid, raw, meta: meta(uid, raw.length), ...(fields ? { fields } : {}) }]);
  }
  return sources;
}

beforeEach(async () => {
  dir = makeTmpDir('releve-ahead-');
  db = openStore(dir.file('releve.db'));
  folderId = getOrCreateFolder(db, addMailbox(db).id, 'INBOX').id;
  updateFolderState(db, folderId, { uidvalidity: '3' });
  worker = new WorkerStore();
  await worker.open(dir.file('releve.db'));
});

afterEach(async () => {
  await worker.close();
  closeStore(db);
  dir.remove();
});

describe('sources written ahead by the writer worker', () => {
  it('are written once, ahead of the transaction; the rows commit later and read back byte for byte', async () => {
    const sources = await stageAll([1, 2, 3, 4]);
    const total = [...sources.values()].reduce((n, b) => n + b.length, 0);
    expect(count(db, 'messages')).toBe(0);
    const r = await worker.commit(folderId, [1, 2, 3, 4], { last_uid: 4 });
    expect(r).toMatchObject({ inserted: 4, malformed: 0 });
    // Not written a second time by the transaction (the direct path may leave its last block padded until close).
    expect(statSync(packFile(1)).size).toBeGreaterThanOrEqual(total);
    expect(statSync(packFile(1)).size).toBeLessThan(total + 4096);
    await worker.close();
    expect(statSync(packFile(1)).size).toBe(total);
    worker = new WorkerStore();
    await worker.open(dir.file('releve.db'));
    const ids = db.prepare('SELECT id, uid FROM messages ORDER BY uid').all() as Array<{ id: number; uid: number }>;
    for (const { id, uid } of ids) expect(readRawSource(db, id)?.equals(sources.get(uid) as Buffer)).toBe(true);
  });

  it.runIf(process.platform === 'linux')('a full disk when a source arrives fails its batch with DISK_FULL, stores nothing; space back, the batch goes through', async () => {
    await stageAll([1]);
    await worker.commit(folderId, [1], { last_uid: 1 });
    await worker.close();
    // The next writer must start pack 2, and pack 2 is the full device.
    const raw = new Database(dir.file('releve.db'));
    raw.exec('UPDATE source_packs SET sealed = 1');
    raw.close();
    symlinkSync('/dev/full', packFile(2));
    worker = new WorkerStore();
    await worker.open(dir.file('releve.db'));
    await stageAll([2, 3], 70_000);
    const err = await worker.commit(folderId, [2, 3], { last_uid: 3 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReleveError);
    expect((err as ReleveError).code).toBe('DISK_FULL');
    worker.discard([2, 3]);
    expect(uids()).toEqual([1]);
    expect(db.prepare('SELECT last_uid FROM folders WHERE id = ?').get(folderId)).toEqual({ last_uid: 1 });
    unlinkSync(packFile(2));
    const sources = await stageAll([2, 3], 70_000);
    await worker.commit(folderId, [2, 3], { last_uid: 3 });
    expect(uids()).toEqual([1, 2, 3]);
    const id3 = (db.prepare('SELECT id FROM messages WHERE uid = 3').get() as { id: number }).id;
    expect(readRawSource(db, id3)?.equals(sources.get(3) as Buffer)).toBe(true);
  });

  it('a batch given up (discarded) leaves bytes no row points at; the next batch is stored after them', async () => {
    const lost = await stageAll([1, 2]);
    worker.discard([1, 2]);
    const orphan = [...lost.values()].reduce((n, b) => n + b.length, 0);
    const sources = await stageAll([3]);
    await worker.commit(folderId, [3], { last_uid: 3 });
    expect(uids()).toEqual([3]);
    expect(db.prepare('SELECT "offset" AS o FROM message_sources').get()).toEqual({ o: orphan });
    const id = (db.prepare('SELECT id FROM messages').get() as { id: number }).id;
    expect(readRawSource(db, id)?.equals(sources.get(3) as Buffer)).toBe(true);
  });
});

describe('PackWriter.write / durable', () => {
  it('a pack that fills between the write and the commit is made durable and sealed; both sources read back', async () => {
    const w = new PackWriter(db, path.join(dir.path, 'sources'), 1000);
    const a = Buffer.alloc(700, 0x41);
    const b = Buffer.alloc(700, 0x42);
    const [at] = w.writeMany([a]) as [SourcePlace];
    const [bt] = w.writeMany([b]) as [SourcePlace]; // past 1000 bytes: a new pack, the first one sealed
    expect(bt.packId).not.toBe(at.packId);
    expect(db.prepare('SELECT sealed FROM source_packs WHERE id = ?').get(at.packId)).toEqual({ sealed: 1 });
    await w.durable([a, b]);
    expect(w.placeOf(a)).toEqual(at);
    expect(readFileSync(packFile(at.packId)).subarray(at.offset, at.offset + 700).equals(a)).toBe(true);
    expect(readFileSync(packFile(bt.packId)).subarray(bt.offset, bt.offset + 700).equals(b)).toBe(true);
    w.close();
  });

  it('several sources in one call: one write per pack they land in, split where the pack fills', async () => {
    const w = new PackWriter(db, path.join(dir.path, 'sources'), 1000);
    const bufs = [0x61, 0x62, 0x63].map((c) => Buffer.alloc(400, c));
    const places = w.writeMany(bufs);
    expect(places.map((p) => p.offset)).toEqual([0, 400, 0]);
    expect(places[2]?.packId).not.toBe(places[0]?.packId);
    expect(places[1]?.packId).toBe(places[0]?.packId);
    await w.durable(bufs);
    bufs.forEach((b, i) => {
      const at = places[i] as { packId: number; offset: number };
      expect(w.placeOf(b)).toEqual(at);
      expect(readFileSync(packFile(at.packId)).subarray(at.offset, at.offset + 400).equals(b)).toBe(true);
    });
    w.close();
  });

  it('durable() of sources it never wrote (queued in a transaction instead) resolves at once', async () => {
    const w = new PackWriter(db, path.join(dir.path, 'sources'));
    await expect(w.durable([Buffer.from('not written ahead')])).resolves.toBeUndefined();
    w.close();
  });
});
