// The `releve` executable starts its process with the sync engine's V8 flags (its shebang line), and those
// flags do what runtime-flags.ts says: the young generation stays at 1 MiB semi-spaces.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SYNC_MALLOC_ENV, SYNC_V8_FLAGS } from '../../electron/core/runtime-flags.js';
import { BIN, baseEnv } from './run-cli.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'releve-flags-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Preloaded into the process under test: writes its V8 flags and the young generation's size once it is full. */
const PROBE = `
const v8 = require('node:v8');
let keep = [];
for (let i = 0; i < 400000; i++) { keep.push({ i, s: 'x' + i }); if (keep.length > 2000) keep = []; }
const young = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
const malloc = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('MALLOC_')));
require('node:fs').writeFileSync(process.env.PROBE_OUT, JSON.stringify({ execArgv: process.execArgv, newSpace: young.space_size, malloc }));
`;

function probe(cmd: string, args: string[], input?: string) {
  const probeFile = path.join(dir, 'probe.cjs');
  writeFileSync(probeFile, PROBE);
  const out = path.join(dir, `out-${Math.random().toString(36).slice(2)}.json`);
  const env = baseEnv({ NODE_OPTIONS: `--require ${probeFile}`, PROBE_OUT: out, RELEVE_DATA_DIR: path.join(dir, 'data') });
  const r = spawnSync(cmd, args, { env, encoding: 'utf8', input });
  const seen = JSON.parse(readFileSync(out, 'utf8')) as { execArgv: string[]; newSpace: number; malloc: Record<string, string> };
  return { ...r, ...seen };
}

describe('V8 flags of the releve process', () => {
  it('the shebang of bin/releve.mjs carries exactly SYNC_MALLOC_ENV and SYNC_V8_FLAGS', () => {
    const first = readFileSync(BIN, 'utf8').split('\n')[0];
    const env = Object.entries(SYNC_MALLOC_ENV).map(([k, v]) => `${k}=${v} `).join('');
    expect(first).toBe(`#!/usr/bin/env -S ${env}node ${SYNC_V8_FLAGS.join(' ')}`);
  });

  it('run as an executable, the process gets them, with exit code and output unchanged', () => {
    const v = probe(BIN, ['--version']);
    expect(v.execArgv).toEqual([...SYNC_V8_FLAGS]);
    expect(v.malloc).toEqual(SYNC_MALLOC_ENV);
    expect(v.status).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const bad = probe(BIN, ['no-such-command']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('no-such-command');
  });

  it('they cap the young generation (2 × 1 MiB), which V8 otherwise grows to 2 × 16 MiB', () => {
    const capped = probe(process.execPath, [...SYNC_V8_FLAGS, '-e', '0']);
    const plain = probe(process.execPath, ['-e', '0']);
    expect(capped.newSpace).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(plain.newSpace).toBeGreaterThan(4 * 1024 * 1024);
  });
});
