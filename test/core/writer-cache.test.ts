// The sync's writer connection keeps SQLite's own 2 MiB page cache, not better-sqlite3's 16 MB (db.ts): the pages
// it writes are not read again, and at 16 MB they were most of the parse worker's memory.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { closeStore, openSecondaryConnection, openStore } from '../../electron/core/store/db.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'releve-writer-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('the writer connection has a 2 MiB page cache; the main connection keeps the larger one for the UI', () => {
  const file = path.join(dir, 'releve.db');
  const main = openStore(file);
  const writer = openSecondaryConnection(file);
  expect(writer.pragma('cache_size', { simple: true })).toBe(-2000);
  expect(main.pragma('cache_size', { simple: true })).toBe(-16000);
  writer.close();
  closeStore(main);
});
