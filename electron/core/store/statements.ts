// Prepared-statement cache per connection: preparing costs more than running the small queries of a sync batch.
import type { Statement } from 'better-sqlite3';
import type { DB } from './db.js';

const caches = new WeakMap<DB, Map<string, Statement<unknown[], unknown>>>();

export function cached<Row = unknown>(db: DB, sql: string): Statement<unknown[], Row> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let st = cache.get(sql);
  if (!st) {
    st = db.prepare(sql);
    cache.set(sql, st);
  }
  return st as Statement<unknown[], Row>;
}
