// The e2e suite tests the renderer as shipped: each test file builds it with the project's own build
// script (Vite) into a scratch folder, so `npm test` needs no prior `npm run build` and never tests a stale
// dist/. A build takes about a second.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface BuiltRenderer {
  dir: string;
  remove(): void;
}

export function buildRenderer(): BuiltRenderer {
  const out = mkdtempSync(path.join(tmpdir(), 'releve-e2e-renderer-'));
  const r = spawnSync(process.execPath, ['scripts/build.mjs', '--only=renderer', `--out=${out}`], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  const dir = path.join(out, 'renderer');
  if (r.status !== 0 || !existsSync(path.join(dir, 'index.html'))) {
    rmSync(out, { recursive: true, force: true });
    throw new Error(`renderer build failed (exit ${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  }
  return { dir, remove: () => rmSync(out, { recursive: true, force: true }) };
}
