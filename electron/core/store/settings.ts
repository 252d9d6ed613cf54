// Key/value settings of the core (locale, notifications…): kept in SQLite so the core needs no Electron store.
import type { DB } from './db.js';
import { cached } from './statements.js';

export function getSetting(db: DB, key: string): string | undefined {
  return cached<{ value: string }>(db, 'SELECT value FROM settings WHERE key = ?').get(key)?.value;
}

export function setSetting(db: DB, key: string, value: string): void {
  cached(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    key,
    value,
  );
}

/** The key is gone: readers fall back to their default (for OAuth2 clients, the environment). */
export function deleteSetting(db: DB, key: string): void {
  cached(db, 'DELETE FROM settings WHERE key = ?').run(key);
}
