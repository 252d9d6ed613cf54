// Where a store's pack files live and how a failed file operation is said: shared by the pack writer, the
// reader and compaction. A store in memory (tests) has no folder: its sources stay inline in message_raw.
import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, readdirSync, statSync, writevSync } from 'node:fs';
import path from 'node:path';
import { ReleveError, isDiskFullCode } from '../../../shared/errors.js';
import type { DB } from './db.js';

export const SOURCES_DIR_NAME = 'sources';

/** `<folder of the store file>/sources`: where the packs of the store in `storeFile` live. */
export function packsDirBeside(storeFile: string): string {
  return path.join(path.dirname(path.resolve(storeFile)), SOURCES_DIR_NAME);
}

/** The connection's packs folder, or null when the connection is to a store in memory. */
export function packsDirOf(db: DB): string | null {
  if (db.memory || db.name === '' || db.name === ':memory:') return null;
  return packsDirBeside(db.name);
}

/**
 * Whether the store's schema has the pack tables (migration 010). An older store (a read-only look before its
 * migration, a test writing a store of an earlier step) keeps its sources inline in message_raw.
 */
export function hasSourcePacks(db: Pick<DB, 'prepare'>): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'message_sources'").get() !== undefined;
}

export function packFile(dir: string, packId: number): string {
  return path.join(dir, `${packId}.pack`);
}

/** Owner-only like the store itself (whatever the umask, or a folder copied in looser): every mail is in clear. */
export function ensurePacksDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32' && (statSync(dir).mode & 0o077) !== 0) chmodSync(dir, 0o700);
}

/** A new file's name must survive an OS crash as its bytes do (fdatasync covers the file, not its folder). */
export function syncDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** ENOSPC/EDQUOT is the full disk the user can fix (as SQLITE_FULL); anything else a storage fault. */
export function sourceIoError(err: unknown, what: string): ReleveError {
  if (err instanceof ReleveError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  if (isDiskFullCode(code)) {
    return new ReleveError('DISK_FULL', `No space left to ${what}`, { detail: code, cause: err });
  }
  return new ReleveError('STORAGE', `Cannot ${what}`, { detail: `${code ?? ''} ${String((err as Error).message ?? err)}`.trim(), cause: err });
}

/** Bytes of the pack files beside the store file `storeFile` (part of what the store weighs on disk). */
export function packsBytes(storeFile: string): number {
  const dir = packsDirBeside(storeFile);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  return names.reduce((n, f) => n + (statSync(path.join(dir, f), { throwIfNoEntry: false })?.size ?? 0), 0);
}

/** Buffers per writev call (POSIX IOV_MAX is at least 1024). */
const MAX_IOV = 1024;

/** pwritev until every byte is written (a write may be short), at most MAX_IOV buffers a call. */
export function writeAllAt(fd: number, buffers: Buffer[], position: number): void {
  let pos = position;
  let i = 0;
  let skip = 0;
  while (i < buffers.length) {
    const chunk: Buffer[] = [];
    for (let j = i; j < buffers.length && chunk.length < MAX_IOV; j++) {
      const b = buffers[j] as Buffer;
      chunk.push(j === i && skip > 0 ? b.subarray(skip) : b);
    }
    let written = writevSync(fd, chunk, pos);
    if (written === 0) throw Object.assign(new Error('write returned 0 bytes'), { code: 'EIO' });
    pos += written;
    while (i < buffers.length && written > 0) {
      const left = (buffers[i] as Buffer).length - skip;
      if (written >= left) {
        written -= left;
        i++;
        skip = 0;
      } else {
        skip += written;
        written = 0;
      }
    }
    while (i < buffers.length && (buffers[i] as Buffer).length === 0) i++;
  }
}
