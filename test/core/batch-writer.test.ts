// The sync engine's batches are parsed and written by the parse worker on its own SQLite connection; these
// tests drive that writer directly against a real store file: rows visible to the main connection, sources
// moved (not copied), errors crossing the thread boundary with their codes, a dying worker, the fallback.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ReleveError } from '../../shared/errors.js';
import { ParsePool, WorkerLostError } from '../../electron/core/parse/parse-pool.js';
import { WorkerBatchWriter } from '../../electron/core/parse/worker-batch-writer.js';
import { fromWire, toWire } from '../../electron/core/parse/worker-store.js';
import { classifyError } from '../../electron/core/imap/classify-error.js';
import { closeStore, getOrCreateFolder, openStore, readRawSource, updateFolderState, type DB } from '../../electron/core/store/index.js';
import { InProcessBatchWriter } from '../../electron/core/sync/batch-writer.js';
import type { MessageMeta } from '../../electron/core/sync/staged.js';
import { makeMessage } from '../fixtures/dovecot.js';
import { makeTmpDir, type TmpDir } from '../helpers/tmp-dir.js';
import { addMailbox, count, countSources } from './store-fixtures.js';

let dir: TmpDir;
let db: DB;
let pool: ParsePool;
let folderId: number;

const meta = (uid: number): MessageMeta => ({ uid, flags: ['\\Seen'], size: 100, internal_date: null, modseq: null });
/** A source that owns its memory, as imapflow hands over the messages bigger than Node's pool slices. */
function source(subject: string): Buffer {
  const text = Buffer.from(makeMessage({ subject, messageId: `<${subject}@x>` }));
  const own = Buffer.alloc(text.length);
  text.copy(own);
  return own;
}

beforeEach(() => {
  dir = makeTmpDir();
  db = openStore(dir.file('releve.db'));
  const mb = addMailbox(db);
  folderId = getOrCreateFolder(db, mb.id, 'INBOX').id;
  updateFolderState(db, folderId, { uidvalidity: '7' });
  pool = new ParsePool(1);
});

afterEach(async () => {
  await pool.close();
  closeStore(db);
  dir.remove();
});

it('the worker opens the store, parses and commits; the main connection sees the rows and the watermark', async () => {
  expect(await pool.useStore(dir.file('releve.db'))).toBe(true);
  const writer = await pool.writerFor(db);
  expect(writer).toBeInstanceOf(WorkerBatchWriter);
  const sources = [source('un'), source('deux'), source('trois')];
  const staged = await Promise.all(sources.map((s, i) => writer.stage(s, meta(3 - i))));
  expect(staged.map((s) => s.uid)).toEqual([3, 2, 1]);
  const r = await writer.commit(folderId, staged.map((s) => s.id), { last_uid: 3 });
  // Moved to the worker (in one group, at the latest with the commit), not copied: nothing is left on this thread.
  for (const s of sources) expect(s.byteLength).toBe(0);
  expect(r).toEqual({ inserted: 3, relinked: 0, skipped: 0, malformed: 0 });
  expect(db.prepare('SELECT uid, subject FROM messages ORDER BY uid').all()).toEqual([
    { uid: 1, subject: 'trois' },
    { uid: 2, subject: 'deux' },
    { uid: 3, subject: 'un' },
  ]);
  expect(countSources(db)).toBe(3);
  expect(db.prepare('SELECT last_uid FROM folders WHERE id = ?').get(folderId)).toEqual({ last_uid: 3 });
  // A replayed batch is recognised, as with the in-process writer.
  const again = await writer.stage(source('un'), meta(3));
  expect(await writer.commit(folderId, [again.id], {})).toEqual({ inserted: 0, relinked: 0, skipped: 1, malformed: 0 });
});

it('an error in the worker transaction reaches the caller with its code, and nothing is written', async () => {
  await pool.useStore(dir.file('releve.db'));
  const writer = await pool.writerFor(db);
  const s = await writer.stage(source('x'), meta(1));
  const err = await writer.commit(folderId, [s.id], { uidvalidity: '8' }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ReleveError);
  expect((err as ReleveError).code).toBe('STORAGE');
  expect(count(db, 'messages')).toBe(0);
  // SQLite's own codes cross too: a full disk in the worker must still read as DISK_FULL.
  const full = fromWire(toWire(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })));
  expect(classifyError(full).code).toBe('DISK_FULL');
  expect(fromWire(toWire(new ReleveError('STORAGE', 'x', { detail: 'd' })))).toMatchObject({ code: 'STORAGE', detail: 'd' });
});

it('a worker that dies holding staged messages fails the batch (to be fetched again) and is replaced', async () => {
  await pool.useStore(dir.file('releve.db'));
  const writer = await pool.writerFor(db);
  const s = await writer.stage(source('lost'), meta(1));
  const slots = (pool as unknown as { slots: Array<{ worker: import('node:worker_threads').Worker }> }).slots;
  await slots[0]?.worker.terminate();
  await expect(writer.commit(folderId, [s.id], { last_uid: 1 })).rejects.toBeInstanceOf(WorkerLostError);
  expect(count(db, 'messages')).toBe(0);
  // The replacement worker opens the store again; a new writer goes through it.
  const next = await pool.writerFor(db);
  expect(next).toBeInstanceOf(WorkerBatchWriter);
  const s2 = await next.stage(source('again'), meta(1));
  expect((await next.commit(folderId, [s2.id], { last_uid: 1 })).inserted).toBe(1);
});

it('without a store file for the worker, batches are parsed in the pool and committed in process', async () => {
  expect(await pool.useStore(':memory:')).toBe(false);
  const writer = await pool.writerFor(db);
  expect(writer).toBeInstanceOf(InProcessBatchWriter);
  const src = source('local');
  const s = await writer.stage(src, meta(1));
  expect((await writer.commit(folderId, [s.id], { last_uid: 1 })).inserted).toBe(1);
  expect(db.prepare('SELECT subject FROM messages').get()).toEqual({ subject: 'local' });
  const none = new ParsePool(0);
  expect(await none.useStore(dir.file('releve.db'))).toBe(false);
  expect(await none.writerFor(db)).toBeInstanceOf(InProcessBatchWriter);
  await none.close();
});

it('discarded staged messages are never written', async () => {
  await pool.useStore(dir.file('releve.db'));
  const writer = await pool.writerFor(db);
  const a = await writer.stage(source('keep'), meta(1));
  const b = await writer.stage(source('drop'), meta(2));
  writer.discard([b.id]);
  await expect(writer.commit(folderId, [a.id, b.id], {})).rejects.toThrow(/missing/);
  expect(count(db, 'messages')).toBe(0);
  const c = await writer.stage(source('keep'), meta(1));
  expect((await writer.commit(folderId, [c.id], {})).inserted).toBe(1);
});

it('closing right after useStore waits for the worker connection, which is closed before the main one', async () => {
  const file = dir.file('releve.db');
  const opening = pool.useStore(file);
  await pool.close(); // while the worker may still be opening
  expect(await opening).toBe(true);
  // No other connection left: the main one can fold the whole WAL back and truncate it.
  db.pragma('wal_checkpoint(TRUNCATE)');
  const { statSync } = await import('node:fs');
  expect(statSync(`${file}-wal`).size).toBe(0);
});

it('the worker refuses a store whose schema this code does not write', async () => {
  db.pragma('user_version = 999');
  expect(await pool.useStore(dir.file('releve.db'))).toBe(false);
  expect(await pool.writerFor(db)).toBeInstanceOf(InProcessBatchWriter);
});

it('the worker parses every shape, those left to postal-mime and malformed ones included', async () => {
  await pool.useStore(dir.file('releve.db'));
  const writer = await pool.writerFor(db);
  const own = (text: string) => {
    const b = Buffer.alloc(Buffer.byteLength(text));
    b.write(text);
    return b;
  };
  // A forwarded message (message/rfc822): not for the fast reader.
  const forwarded = own(
    'From: a@example.test\r\nSubject: Fwd: devis\r\nMessage-ID: <fwd@x>\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n' +
      '--b\r\nContent-Type: text/plain\r\n\r\nVoir ci-dessous.\r\n--b\r\nContent-Type: message/rfc822\r\n\r\n' +
      'From: b@example.test\r\nSubject: devis\r\n\r\nLe devis est joint.\r\n--b--\r\n',
  );
  const garbage = own('\u0000\u0001 not a message at all');
  const s1 = await writer.stage(forwarded, meta(1));
  const s2 = await writer.stage(garbage, meta(2));
  await writer.commit(folderId, [s1.id, s2.id], { last_uid: 2 });
  const rows = db.prepare('SELECT uid, subject, snippet FROM messages ORDER BY uid').all() as Array<{ uid: number; subject: string; snippet: string }>;
  expect(rows[0]).toMatchObject({ uid: 1, subject: 'Fwd: devis' });
  expect(rows[0]?.snippet).toContain('Voir ci-dessous.');
  expect(rows[1]?.uid).toBe(2);
  expect(countSources(db)).toBe(2);
});

it('a message no parser accepts is stored raw with its parse error, and counted as malformed', async () => {
  await pool.useStore(dir.file('releve.db'));
  const writer = await pool.writerFor(db);
  // 3 MB of headers: over postal-mime's limit, so it throws and the best-effort fields are kept.
  const text = `Subject: trop d'en-têtes\r\nMessage-ID: <huge@x>\r\n${'X-Pad: '.concat('a'.repeat(990), '\r\n').repeat(3000)}\r\nbody\r\n`;
  const raw = Buffer.alloc(Buffer.byteLength(text));
  raw.write(text);
  const size = raw.length;
  const s = await writer.stage(raw, meta(1));
  const r = await writer.commit(folderId, [s.id], { last_uid: 1 });
  expect(r).toMatchObject({ inserted: 1, malformed: 1 });
  const row = db.prepare('SELECT id, subject, parse_error FROM messages').get() as {
    id: number;
    subject: string;
    parse_error: string | null;
  };
  expect(row.subject).toBe("trop d'en-têtes");
  expect(row.parse_error).toMatch(/header/i);
  expect(readRawSource(db, row.id)?.equals(Buffer.from(text))).toBe(true);
  expect(readRawSource(db, row.id)?.length).toBe(size);
});

it('staged messages go to the worker in groups of 16, and whatever is left goes before the commit', async () => {
  expect(await pool.useStore(dir.file('releve.db'))).toBe(true);
  const writer = await pool.writerFor(db);
  const sources = Array.from({ length: 20 }, (_, i) => source(`groupe-${i + 1}`));
  const staged = await Promise.all(sources.map((s, i) => writer.stage(s, meta(i + 1))));
  // The first 16 left in one message (their memory moved with it); the last 4 wait for the next group or a commit.
  expect(sources.map((s) => s.byteLength === 0)).toEqual([...Array(16).fill(true), ...Array(4).fill(false)]);
  const r = await writer.commit(folderId, staged.map((s) => s.id), { last_uid: 20 });
  expect(r).toMatchObject({ inserted: 20 });
  for (const s of sources) expect(s.byteLength).toBe(0);
  expect(count(db, 'messages')).toBe(20);
});
