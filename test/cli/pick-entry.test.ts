// `releve` runs the built CLI bundle when it is there and up to date, the TypeScript sources otherwise.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM next to the executable, no type declarations
import { pickEntry } from '../../bin/pick-entry.mjs';
import { makeTmpDir } from '../helpers/tmp-dir.js';

type Picked = { kind: 'bundle' | 'sources'; file: string; reason?: string };
const pick = pickEntry as (root: string, env?: NodeJS.ProcessEnv) => Picked;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function tree(withBundle: boolean) {
  const dir = makeTmpDir('releve-pick-');
  const file = (rel: string, text = 'x', at?: number) => {
    const p = dir.file(rel);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, text);
    if (at !== undefined) utimesSync(p, at / 1000, at / 1000);
    return p;
  };
  const t0 = Date.now() - 60_000;
  file('electron/cli/main.ts', 'x', t0);
  file('electron/core/sync/scheduler.ts', 'x', t0);
  file('shared/api.ts', 'x', t0);
  if (withBundle) file('dist/cli/releve.cjs', 'x', t0 + 10_000);
  return { dir, file, t0 };
}

describe('pickEntry', () => {
  it('uses the bundle when no source is newer', () => {
    const { dir } = tree(true);
    expect(pick(dir.path, {})).toEqual({ kind: 'bundle', file: dir.file('dist/cli/releve.cjs') });
    dir.remove();
  });

  it('falls back to the sources when one of them (deep in a folder) was edited after the build', () => {
    const { dir, file, t0 } = tree(true);
    file('electron/core/sync/scheduler.ts', 'edited', t0 + 20_000);
    expect(pick(dir.path, {})).toMatchObject({ kind: 'sources', file: dir.file('electron/cli/main.ts'), reason: 'sources newer than the bundle' });
    dir.remove();
  });

  it('falls back to the sources without a bundle, or when RELEVE_RUN_SOURCES=1', () => {
    const none = tree(false);
    expect(pick(none.dir.path, {})).toMatchObject({ kind: 'sources', reason: 'no bundle' });
    none.dir.remove();
    const forced = tree(true);
    expect(pick(forced.dir.path, { RELEVE_RUN_SOURCES: '1' })).toMatchObject({ kind: 'sources' });
    forced.dir.remove();
  });
});

describe('bin/releve.mjs with a built bundle', () => {
  let work: string;
  beforeAll(() => {
    mkdirSync(path.join(root, '.test-tmp'), { recursive: true });
    // Inside the repository, so the bundle's external packages resolve from its node_modules.
    work = mkdtempSync(path.join(root, '.test-tmp', 'bin-'));
    mkdirSync(path.join(work, 'bin'));
    for (const f of ['releve.mjs', 'pick-entry.mjs']) copyFileSync(path.join(root, 'bin', f), path.join(work, 'bin', f));
    const r = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--only=cli', `--out=${path.join(work, 'dist')}`], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`build failed:\n${r.stdout}\n${r.stderr}`);
  }, 120_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('runs the bundle (not tsx) and the command works', () => {
    const probe = path.join(work, 'probe.cjs');
    const out = path.join(work, 'loaded.json');
    writeFileSync(probe, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(Object.keys(require.cache))));`);
    const r = spawnSync(process.execPath, [path.join(work, 'bin/releve.mjs'), 'accounts', 'list', '--json'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: work, RELEVE_DATA_DIR: path.join(work, 'data'), NODE_OPTIONS: `--require ${probe}` },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
    const loaded = JSON.parse(readFileSync(out, 'utf8')) as string[];
    expect(loaded).toContain(path.join(work, 'dist/cli/releve.cjs'));
    expect(loaded.some((m) => m.includes(`${path.sep}tsx${path.sep}`))).toBe(false);
  }, 60_000);
});
