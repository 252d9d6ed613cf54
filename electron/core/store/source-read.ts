// The one way to read a message's source, wherever it is: a pack file (stores written since schema step 10,
// see source-packs.ts) or an inline blob in message_raw (older rows, stores in memory, restored backups).
// Open pack files are kept per connection (a few: the reader pane reads one message at a time, export and
// backup walk packs in order) and closed with the connection (closeSourceReaders).
import { closeSync, openSync, readSync } from 'node:fs';
import { ReleveError } from '../../../shared/errors.js';
import type { DB } from './db.js';
import { hasSourcePacks, packFile, packsDirOf, sourceIoError } from './source-files.js';
import { cached } from './statements.js';

const MAX_OPEN_PACKS = 4;

interface Readers {
  /** Whether this connection's schema has message_sources (a read-only look at an older store may not). */
  hasPacks: boolean;
  /** Open fds by file, least recently used first. */
  fds: Map<string, number>;
}

const readers = new WeakMap<DB, Readers>();

function readersOf(db: DB): Readers {
  let r = readers.get(db);
  if (!r) {
    r = { hasPacks: hasSourcePacks(db), fds: new Map() };
    readers.set(db, r);
  }
  return r;
}

function fdFor(r: Readers, file: string): number {
  const fd = r.fds.get(file);
  if (fd !== undefined) {
    r.fds.delete(file);
    r.fds.set(file, fd);
    return fd;
  }
  const opened = openSync(file, 'r');
  r.fds.set(file, opened);
  if (r.fds.size > MAX_OPEN_PACKS) {
    const [oldest, oldFd] = r.fds.entries().next().value as [string, number];
    r.fds.delete(oldest);
    closeSync(oldFd);
  }
  return opened;
}

export interface SourceLocation {
  pack_id: number;
  offset: number;
  length: number;
}

/** Reads `length` bytes at `offset` of a pack; a short file is a damaged store, said as such. */
export function readFromPack(db: DB, dir: string, at: SourceLocation): Buffer {
  const r = readersOf(db);
  const file = packFile(dir, at.pack_id);
  const out = Buffer.allocUnsafe(at.length);
  try {
    const fd = fdFor(r, file);
    let done = 0;
    while (done < at.length) {
      const n = readSync(fd, out, done, at.length - done, at.offset + done);
      if (n === 0) break;
      done += n;
    }
    if (done < at.length) {
      throw new ReleveError('STORAGE', `source pack ${at.pack_id} is shorter than its index says`, { detail: file });
    }
  } catch (err) {
    throw sourceIoError(err, 'read a message source');
  }
  return out;
}

/**
 * The message's source as fetched from the server, or null when the store has none for it. `dir` is where the
 * packs are: by default beside the connection's file (a backup being filled reads the live store's packs).
 */
export function readRawSource(db: DB, messageId: number, dir: string | null = packsDirOf(db)): Buffer | null {
  if (readersOf(db).hasPacks) {
    const at = cached<SourceLocation>(db, 'SELECT pack_id, "offset" AS offset, length FROM message_sources WHERE message_id = ?').get(messageId);
    if (at) {
      if (dir === null) throw new ReleveError('STORAGE', `message ${messageId}: its source is in a pack, the store has no folder`);
      return readFromPack(db, dir, at);
    }
  }
  return cached<{ raw: Buffer }>(db, 'SELECT raw FROM message_raw WHERE message_id = ?').get(messageId)?.raw ?? null;
}

/** Closes this connection's fd of one pack file (compaction removes it: an open fd would keep its space). */
export function forgetPackReader(db: DB, file: string): void {
  const r = readers.get(db);
  const fd = r?.fds.get(file);
  if (r && fd !== undefined) {
    r.fds.delete(file);
    closeSync(fd);
  }
}

/** Closes the pack files this connection read; before the connection closes. */
export function closeSourceReaders(db: DB): void {
  const r = readers.get(db);
  if (!r) return;
  for (const fd of r.fds.values()) closeSync(fd);
  r.fds.clear();
  readers.delete(db);
}
