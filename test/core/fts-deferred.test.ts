// The search index behind its own watermark (store/fts-deferred.ts, migration 009), on real store files: the
// sync's writer indexes every few MiB of text, another writer's messages and a dead writer's are re-parsed from
// their raw sources, deleted messages are never indexed, and no message is ever indexed twice.
import { spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ParsedMessage } from '../../electron/core/model.js';
import { createCore } from '../../electron/core/create-core.js';
import { parseMessage } from '../../electron/core/parse/parse-message.js';
import { ParsePool } from '../../electron/core/parse/parse-pool.js';
import { WorkerBatchWriter } from '../../electron/core/parse/worker-batch-writer.js';
import { catchUpFts, FtsBacklog } from '../../electron/core/store/fts-deferred.js';
import {
  closeStore,
  commitBatch,
  deleteByUids,
  ftsBehind,
  getOrCreateFolder,
  LATEST_SCHEMA_VERSION,
  listMessages,
  MIGRATIONS,
  openStore,
  runMigrations,
  schemaVersion,
  updateFolderState,
  type DB,
} from '../../electron/core/store/index.js';
import { migration009FtsWatermark } from '../../electron/core/store/migrations/009-fts-watermark.js';
import { InProcessBatchWriter } from '../../electron/core/sync/batch-writer.js';
import type { MessageMeta } from '../../electron/core/sync/staged.js';
import { makeMessage } from '../fixtures/messages.js';
import { makeTmpDir, type TmpDir } from '../helpers/tmp-dir.js';
import { addMailbox, beforeFtsWatermark, ftsInsertsEver as insertsEver, ftsRowids } from './store-fixtures.js';

const meta = (uid: number): MessageMeta => ({ uid, flags: [], size: 100, internal_date: null, modseq: null });

function text(uid: number, word: string): string {
  return makeMessage({ subject: `Objet ${uid}`, body: `Bonjour, ${word} pour le dossier.\n`, messageId: `<m-${uid}-${word}@x>` });
}

/** A message as the sync hands it to commitBatch: fields parsed from its own source. */
async function message(uid: number, word: string): Promise<ParsedMessage> {
  const raw = Buffer.from(text(uid, word));
  return { ...meta(uid), ...(await parseMessage(raw)), raw };
}

/** A source that owns its memory (moved to the worker, as imapflow's large ones are). */
function source(uid: number, word: string): Buffer {
  const t = text(uid, word);
  const own = Buffer.alloc(Buffer.byteLength(t));
  own.write(t);
  return own;
}

/** Message ids the inbox search returns. */
function found(db: DB, words: string): number[] {
  return listMessages(db, { search: words, limit: 500 })
    .items.map((m) => m.id)
    .sort((a, b) => a - b);
}

function ids(db: DB): number[] {
  return (db.prepare('SELECT id FROM messages ORDER BY id').all() as Array<{ id: number }>).map((r) => r.id);
}

function indexedIds(db: DB): number[] {
  return (db.prepare('SELECT id FROM messages_fts_docsize ORDER BY id').all() as Array<{ id: number }>).map((r) => r.id);
}

function watermark(db: DB): number {
  return (db.prepare('SELECT indexed_through AS w FROM fts_state').get() as { w: number }).w;
}

let dir: TmpDir;
let db: DB;
let folderId: number;

beforeEach(() => {
  dir = makeTmpDir('releve-fts-');
  db = openStore(dir.file('releve.db'));
  folderId = getOrCreateFolder(db, addMailbox(db).id, 'INBOX').id;
  updateFolderState(db, folderId, { uidvalidity: '7' });
});

afterEach(() => {
  closeStore(db);
  dir.remove();
});

describe('the index and its watermark', () => {
  it('a DELETE of a rowid the contentless index does not hold is a no-op, and the rowid can be indexed later', () => {
    const del = db.prepare('DELETE FROM messages_fts WHERE rowid = ?');
    expect(del.run(42).changes).toBe(0);
    db.prepare('INSERT INTO messages_fts (rowid, subject, sender, body_text) VALUES (42, ?, ?, ?)').run('s', 'x', 'tournesol');
    expect(ftsRowids(db, 'tournesol')).toEqual([42]);
    expect(insertsEver(db)).toBe(1);
    // The duplicate check used below does see a rowid indexed twice, and is not lowered by a delete.
    db.prepare('INSERT INTO messages_fts (rowid, subject, sender, body_text) VALUES (42, ?, ?, ?)').run('s', 'x', 'tournesol');
    expect(ftsRowids(db, 'tournesol')).toEqual([42]);
    expect(insertsEver(db)).toBe(2);
    del.run(42);
    expect(insertsEver(db)).toBe(2);
  });

  it('a message stored by the default path is indexed in its own transaction', async () => {
    commitBatch(db, folderId, [await message(1, 'cerise'), await message(2, 'prune')], { last_uid: 2 });
    expect(found(db, 'cerise')).toEqual([ids(db)[0]]);
    expect(watermark(db)).toBe(Math.max(...ids(db)));
    expect(ftsBehind(db)).toBe(false);
  });

  it('holds text up to its budget, then indexes all of it in one batch transaction; pending text stays bounded', async () => {
    const limit = 2000;
    const fts = new FtsBacklog({ chars: limit, count: 1000 });
    let flushes = 0;
    for (let b = 0; b < 20; b++) {
      const batch = await Promise.all([0, 1, 2, 3, 4].map((i) => message(b * 5 + i + 1, `lot${b}`)));
      const before = watermark(db);
      commitBatch(db, folderId, batch, { last_uid: b * 5 + 5 }, fts);
      if (watermark(db) > before) flushes++;
      // Over budget is indexed in the same transaction: what is held after a commit is always under it.
      expect(fts.pendingChars).toBeLessThan(limit);
      // The invariant: everything up to the watermark is found, nothing above it.
      for (const id of ids(db)) expect(indexedIds(db).includes(id)).toBe(id <= watermark(db));
    }
    expect(flushes).toBeGreaterThan(2);
    expect(flushes).toBeLessThan(20); // not every batch
    expect(ftsBehind(db)).toBe(true);
    await catchUpFts(db, fts, parseMessage);
    expect(indexedIds(db)).toEqual(ids(db));
    expect(fts.size).toBe(0);
    expect(found(db, 'lot19')).toHaveLength(5);
    expect(insertsEver(db)).toBe(100);
  });

  it('the count bound applies too, and a message held again replaces its text (no double counting)', () => {
    const fts = new FtsBacklog({ chars: 1_000_000, count: 3 });
    const m = { subject: 'abc', from: { name: 'N', address: 'n@x' }, body_text: 'xyz' };
    fts.hold(1, 'k1', m);
    fts.hold(1, 'k1', m);
    expect(fts.size).toBe(1);
    expect(fts.pendingChars).toBe(3 + 'N n@x'.length + 3);
    fts.hold(2, 'k2', m);
    expect(fts.due()).toBe(false);
    fts.hold(3, 'k3', m);
    expect(fts.due()).toBe(true);
    fts.dropThrough(2);
    expect(fts.size).toBe(1);
    expect(fts.pendingChars).toBe(3 + 5 + 3);
  });

  it('a message deleted before its text is indexed is never indexed, and does not stop the others', async () => {
    const fts = new FtsBacklog({ chars: 1_000_000, count: 1000 });
    commitBatch(db, folderId, await Promise.all([1, 2, 3, 4].map((u) => message(u, `mot${u}`))), { last_uid: 4 }, fts);
    expect(ftsRowids(db, 'bonjour')).toEqual([]); // held, not indexed yet
    const [id1, id2, id3, id4] = ids(db) as [number, number, number, number];
    expect(deleteByUids(db, folderId, [2, 4])).toBe(2); // one in the middle, and the highest id
    await catchUpFts(db, fts, parseMessage);
    expect(found(db, 'bonjour')).toEqual([id1, id3]);
    expect(found(db, 'mot2')).toEqual([]);
    expect(watermark(db)).toBe(id3);
    expect(fts.size).toBe(0);
    // The highest id is handed out again by SQLite: the new message must be indexed, with its own text.
    commitBatch(db, folderId, [await message(5, 'renouveau')], { last_uid: 5 });
    expect(ids(db)).toEqual([id1, id3, id4]);
    expect(found(db, 'renouveau')).toEqual([id4]);
    expect(found(db, 'mot4')).toEqual([]);
    expect(id2).toBeLessThan(id4);
    expect(insertsEver(db)).toBe(3); // 1, 3 and the new 4: never the deleted ones

  });

  it('an indexed highest message deleted then its id reused: the watermark comes down, the new one is indexed', async () => {
    commitBatch(db, folderId, [await message(1, 'alpha'), await message(2, 'beta')], { last_uid: 2 });
    const [, id2] = ids(db) as [number, number];
    deleteByUids(db, folderId, [2]);
    commitBatch(db, folderId, [await message(3, 'gamma')], { last_uid: 3 });
    expect(ids(db)[1]).toBe(id2);
    expect(found(db, 'gamma')).toEqual([id2]);
    expect(found(db, 'beta')).toEqual([]);
    expect(insertsEver(db)).toBe(3);
  });
});

describe('migration 009', () => {
  it('a store of step 8, indexed batch by batch, starts with its watermark on its last message', async () => {
    // In memory: sources stay inline, as every store of step 8 kept them (packs came with a later step).
    const old = new Database(':memory:');
    try {
      old.pragma('foreign_keys = ON');
      runMigrations(old, MIGRATIONS.slice(0, MIGRATIONS.indexOf(migration009FtsWatermark)));
      const folder = getOrCreateFolder(old, addMailbox(old).id, 'INBOX').id;
      updateFolderState(old, folder, { uidvalidity: '7' });
      const batch = await Promise.all([1, 2, 3].map((u) => message(u, 'ancien')));
      beforeFtsWatermark(old, () => commitBatch(old, folder, batch, { last_uid: 3 }));
      runMigrations(old);
      expect(schemaVersion(old)).toBe(LATEST_SCHEMA_VERSION);
      expect(watermark(old)).toBe(Math.max(...ids(old)));
      expect(ftsBehind(old)).toBe(false);
      expect(found(old, 'ancien')).toEqual(ids(old));
      commitBatch(old, folder, [await message(4, 'nouveau')], { last_uid: 4 });
      expect(found(old, 'nouveau')).toEqual([ids(old)[3]]);
      expect(insertsEver(old)).toBe(4);
    } finally {
      old.close();
    }
  });
});

describe('two writers', () => {
  let pool: ParsePool;
  beforeEach(() => {
    pool = new ParsePool(1);
  });
  afterEach(async () => {
    await pool.close();
  });

  it("the worker's held text and the main connection's messages: all found, none indexed twice", async () => {
    const worker = await pool.writerFor(db);
    expect(worker).toBeInstanceOf(WorkerBatchWriter);
    const staged = await Promise.all([1, 2, 3].map((u) => worker.stage(source(u, `worker${u}`), meta(u))));
    await worker.commit(folderId, staged.map((s) => s.id), { last_uid: 3 });
    // Under the worker's budget: stored, not yet searchable (search lags by at most that budget).
    expect(ids(db)).toHaveLength(3);
    expect(found(db, 'bonjour')).toEqual([]);
    expect(ftsBehind(db)).toBe(true);

    // The in-process writer (the fallback, on the main connection) indexes at once: the worker's messages above
    // the watermark, whose text it does not hold, are re-parsed from their stored sources.
    const local = new InProcessBatchWriter(pool, db);
    const s = await local.stage(source(4, 'local4'), meta(4));
    await local.commit(folderId, [s.id], { last_uid: 4 });
    expect(found(db, 'bonjour')).toEqual(ids(db));
    expect(found(db, 'worker2')).toEqual([ids(db)[1]]);
    expect(ftsBehind(db)).toBe(false);

    // The worker's own flush finds its text indexed already (below the watermark) and indexes nothing again.
    const more = await worker.stage(source(5, 'worker5'), meta(5));
    await worker.commit(folderId, [more.id], { last_uid: 5 });
    await worker.flush();
    expect(indexedIds(db)).toEqual(ids(db));
    expect(found(db, 'worker5')).toEqual([ids(db)[4]]);
    expect(insertsEver(db)).toBe(5);
  });

  it('closing the pool indexes what the worker still holds', async () => {
    const worker = await pool.writerFor(db);
    const staged = await Promise.all([1, 2].map((u) => worker.stage(source(u, 'fermeture'), meta(u))));
    await worker.commit(folderId, staged.map((s) => s.id), { last_uid: 2 });
    expect(found(db, 'fermeture')).toEqual([]);
    await pool.close();
    expect(found(db, 'fermeture')).toEqual(ids(db));
    expect(ftsBehind(db)).toBe(false);
  });
});

describe('a writer killed with text not indexed', () => {
  it('SIGKILL: the core indexes the missing messages from their sources at start, each once', async () => {
    closeStore(db);
    const dataDir = dir.file('killed');
    const storeFile = path.join(dataDir, 'releve.db');
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/fts-child.ts', storeFile, '30'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stderr.on('data', (d) => (out += String(d)));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        if (String(d).includes('committed')) resolve();
      });
      child.on('exit', () => reject(new Error(`child ended early: ${out}`)));
    });
    child.kill('SIGKILL');
    expect(await exited).toBe(null);

    db = openStore(storeFile);
    expect(ids(db)).toHaveLength(30);
    expect(watermark(db)).toBe(0); // the worker held all of it when it died
    expect(found(db, 'orange')).toEqual([]);
    db.close();

    const core = createCore({ dataDir, locale: 'en' });
    try {
      db = openStore(storeFile);
      const deadline = Date.now() + 30_000;
      while (ftsBehind(db) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(ftsBehind(db)).toBe(false);
      expect(found(db, 'orange')).toEqual(ids(db));
      expect(found(db, 'numero17')).toHaveLength(1);
      expect(found(db, 'facture')).toHaveLength(30);
      expect(indexedIds(db)).toEqual(ids(db));
    } finally {
      await core.close();
    }
    expect(insertsEver(db)).toBe(30);
  }, 60_000);
});
