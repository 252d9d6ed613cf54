// Both connections keep SQLite's own 2 MiB page cache, not better-sqlite3's 16 MB (db.ts): the writer's pages are
// not read again (at 16 MB they were most of the parse worker's memory), and the first connection's filled during
// a 100 000-message first sync (bench X2 157-163 → 140-147 MiB) while its queries read the rest from the OS cache.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { closeStore, openSecondaryConnection, openStore } from '../../electron/core/store/db.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'releve-writer-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('the writer connection and the first connection each have a 2 MiB page cache', () => {
  const file = path.join(dir, 'releve.db');
  const main = openStore(file);
  const writer = openSecondaryConnection(file);
  expect(writer.pragma('cache_size', { simple: true })).toBe(-2000);
  expect(main.pragma('cache_size', { simple: true })).toBe(-2000);
  writer.close();
  closeStore(main);
});
