// The core process gets the malloc setting of runtime-flags.ts in its environment (glibc reads it only at
// start), on top of the environment it is given.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { CoreHost } from '../../electron/core/process/core-host.js';
import { forkWithNode } from '../../electron/core/process/fork-node.js';
import { SYNC_MALLOC_ENV } from '../../electron/core/runtime-flags.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'releve-core-env-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('starts the core process with SYNC_MALLOC_ENV added to its environment', async () => {
  const out = path.join(dir, 'env.json');
  const script = path.join(dir, 'probe.cjs');
  // Stands in for core-process.ts: records what it was started with, then dies before saying ready.
  writeFileSync(script, `require('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(process.env)); process.exit(3);`);
  const host = new CoreHost({
    spawn: forkWithNode,
    script,
    execArgv: [],
    env: { PATH: process.env.PATH ?? '', RELEVE_PROBE: 'kept' },
    init: { dataDir: dir, hostBoxes: [], preferredBox: 'file' },
    closeTimeoutMs: 1000,
  });
  await expect(host.start()).rejects.toBeTruthy();
  await host.close();
  const env = JSON.parse(readFileSync(out, 'utf8')) as Record<string, string>;
  expect(env.RELEVE_PROBE).toBe('kept');
  for (const [k, v] of Object.entries(SYNC_MALLOC_ENV)) expect(env[k]).toBe(v);
});
