// Opening and closing the store: one SQLite file in WAL mode, migrated to the latest schema on open.
import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { LATEST_SCHEMA_VERSION, runMigrations, schemaVersion } from './migrations/index.js';
import { ReleveError } from '../../../shared/errors.js';
import { closePackWriter } from './source-packs.js';
import { closeSourceReaders } from './source-read.js';

export type DB = Database.Database;

export const NEW_STORE_PAGE_SIZE = 32768;
/** Page cache of the writer connection, in SQLite's unit (negative: KiB). */
const WRITER_CACHE_SIZE = -2000;
/**
 * Page cache of the first connection (UI queries, the core's own small writes). better-sqlite3's 16 MB filled
 * during a 100 000-message first sync (status and self-check reads over a large store): glibc's main heap
 * 41 → 25 MiB at the peak, bench X2 157-163 → 140-141 MiB (146 with 4 MiB). Queries read the rest from the
 * OS's file cache: first page of the unified inbox at 100 000 messages 1.4 → 1.9 ms, search 3.3-3.6 ms
 * unchanged (bench X page / X FTS / B6, 2026-12-03).
 */
const MAIN_CACHE_SIZE = -2000;

/**
 * The store holds every mail in clear: owner-only like the key file, whatever the umask (SQLite gives the
 * -wal and -shm files the mode of the main file). An older store created 0644 is tightened on open.
 */
function restrictToOwner(file: string): void {
  if (process.platform === 'win32') return;
  closeSync(openSync(file, 'a', 0o600));
  if (((statSync(file).mode & 0o777) & 0o077) !== 0) chmodSync(file, 0o600);
}

export function openStore(file: string): DB {
  if (file !== ':memory:') {
    mkdirSync(dirname(file), { recursive: true });
    restrictToOwner(file);
  }
  const isNew = file === ':memory:' || (statSync(file, { throwIfNoEntry: false })?.size ?? 0) === 0;
  const db = new Database(file);
  try {
    // Bigger pages for a new store: chosen when the raw sources (tens of KB each) were blobs here, 32 KB pages
    // then cut the commit CPU of a first sync (bench B1: 6.7 s → 5.7 s, inbox queries unchanged). The sources
    // now live in pack files (source-packs.ts); measured again that way (prototype, 2026-12-03): 4-32 KB
    // within noise at 10 000 messages, 8 KB slower at 100 000 (110 s against 63 s, one run each), so 32 KB
    // stays. Only settable before the first write: old stores keep theirs.
    if (isNew) db.pragma(`page_size = ${NEW_STORE_PAGE_SIZE}`);
    // WAL lets the UI read while the sync engine writes; NORMAL is durable across app crashes in WAL mode
    // (only an OS crash can lose the last transactions, never corrupt the file).
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    db.pragma(`cache_size = ${MAIN_CACHE_SIZE}`);
    runMigrations(db);
    // Refreshes the planner statistics that changed a lot since the last run (cheap; SQLite's advice on open).
    // It writes: on a full disk it is skipped, so the store still opens for reading (status, inbox).
    try {
      db.pragma('optimize = 0x10002');
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_FULL') throw err;
    }
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

/**
 * A second connection to a store the core has already opened (the parse worker's, which writes the sync
 * batches): same connection settings, but no migration and no statistics pass, which are the first
 * connection's job (an ANALYZE of a large store would hold this one for seconds).
 */
export function openSecondaryConnection(file: string): DB {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    // better-sqlite3 builds SQLite with a 16 MB page cache per connection. This one writes the sync's batches, and
    // its cache filled with pages it had just written (overflow pages of raw sources, mostly), never read again:
    // ~16 MiB resident for nothing. SQLite's own default (2 MiB) here: first sync peak, bundled CLI, 10 000
    // messages 137-139 → 122-125 MiB, 100 000 messages 144 → 131 MiB, CPU within noise (bench/RESULTS.md).
    db.pragma(`cache_size = ${WRITER_CACHE_SIZE}`);
    const version = schemaVersion(db);
    if (version !== LATEST_SCHEMA_VERSION) {
      throw new ReleveError('STORAGE', `store schema ${version}, this code writes schema ${LATEST_SCHEMA_VERSION}`);
    }
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

/** The pack files a connection wrote or read (source-packs.ts, source-read.ts): closed before the connection. */
export function closeSourceFiles(db: DB): void {
  closePackWriter(db);
  closeSourceReaders(db);
}

export function closeStore(db: DB): void {
  if (!db.open) return;
  closeSourceFiles(db);
  // Folds the WAL back into the main file so a closed store is a single self-contained file.
  try {
    db.pragma('optimize');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (err) {
    // A full disk: the WAL simply stays beside the file (nothing is lost; the next open reads it).
    if ((err as { code?: string }).code !== 'SQLITE_FULL') throw err;
  } finally {
    db.close();
  }
}
