// The worker pool in the situations a packaged app can meet: a worker script inside app.asar (which a
// worker thread cannot load from), and a worker that cannot start at all (a broken install).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { outsideAsar, ParsePool } from '../../electron/core/parse/parse-pool.js';
import { makeMessage } from '../fixtures/dovecot.js';
import { makeTmpDir } from '../helpers/tmp-dir.js';

it('points a worker script inside app.asar at its unpacked copy, when there is one', () => {
  const inAsar = path.join('/opt/Releve/resources/app.asar', 'dist', 'electron', 'parse-worker.cjs');
  const unpacked = path.join('/opt/Releve/resources/app.asar.unpacked', 'dist', 'electron', 'parse-worker.cjs');
  expect(outsideAsar(inAsar, (p) => p === unpacked)).toBe(unpacked);
  expect(outsideAsar(inAsar, () => false)).toBe(inAsar);
  const plain = path.join('/home/me/releve/dist/electron/parse-worker.cjs');
  expect(outsideAsar(plain, () => true)).toBe(plain);
});

it('a worker that cannot start is retried a few times, then messages are parsed and stored in process', async () => {
  const dir = makeTmpDir();
  const broken = dir.file('broken-worker.cjs');
  writeFileSync(broken, "throw new Error('broken install: a module is missing');\n");
  const pool = new ParsePool(1, broken);
  try {
    await expect.poll(() => pool.workerCount, { timeout: 10_000 }).toBe(0);
    const fields = await pool.parse(Buffer.from(makeMessage({ subject: 'toujours lu' })));
    expect(fields.subject).toBe('toujours lu');
    expect(await pool.useStore(dir.file('releve.db'))).toBe(false);
  } finally {
    await pool.close();
    dir.remove();
  }
});
