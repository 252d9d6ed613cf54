// Opening and closing the store: one SQLite file in WAL mode, migrated to the latest schema on open.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { runMigrations } from './migrations/index.js';

export type DB = Database.Database;

export function openStore(file: string): DB {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    // WAL lets the UI read while the sync engine writes; NORMAL is durable across app crashes in WAL mode
    // (only an OS crash can lose the last transactions, never corrupt the file).
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    runMigrations(db);
    // Refreshes the planner statistics that changed a lot since the last run (cheap; SQLite's advice on open).
    db.pragma('optimize = 0x10002');
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

export function closeStore(db: DB): void {
  if (!db.open) return;
  // Folds the WAL back into the main file so a closed store is a single self-contained file.
  try {
    db.pragma('optimize');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}
