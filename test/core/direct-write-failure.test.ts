// A direct write that fails in the background (store/direct-appender.ts writes full stages on libuv's pool) must
// fail the writer as a synchronous one does: the error reaches writeMany or durable(), never a silent gap. A real
// failure: the writer runs under `prlimit --fsize` (util-linux), so its pack cannot grow past 3 MiB (EFBIG): the fourth 1 MiB stage fails on the pool.
import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, closeStore } from '../../electron/core/store/index.js';
import { makeTmpDir, type TmpDir } from '../helpers/tmp-dir.js';

let dir: TmpDir;
beforeEach(() => {
  dir = makeTmpDir('releve-direct-fail-');
});
afterEach(() => {
  dir.remove();
});

describe.runIf(process.platform === 'linux')('a direct write failing in the background', () => {
  it('is reported by durable() (STORAGE, EFBIG), never taken for written', () => {
    const file = dir.file('releve.db');
    closeStore(openStore(file)); // migrated before the limit applies
    const r = spawnSync('prlimit', ['--fsize=3145728', process.execPath, '--import', 'tsx', 'test/helpers/direct-fail-child.ts', file, '4'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.error, 'prlimit (util-linux) must be installed').toBeUndefined();
    expect(r.status, r.stderr).toBe(0);
    const said = JSON.parse(r.stdout.trim().split('\n').pop() as string) as { writeError: string | null; durableError: string };
    // The failed write was one of the pool's: writeMany had nothing to say, durable() had nothing left to write.
    expect(said.writeError).toBeNull();
    expect(said.durableError).toMatch(/^STORAGE EFBIG/);
  });
});
