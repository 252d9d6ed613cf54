// Which code `releve` runs: the built bundle dist/cli/releve.cjs when it exists and no source file it is built
// from is newer (a developer who edited the sources gets them, not a stale bundle), else the TypeScript sources
// through tsx. The bundle starts faster and peaks lower (no tsx compiler, no source maps of every module in
// memory): see bench/RESULTS.md. RELEVE_RUN_SOURCES=1 forces the sources.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Folders the CLI bundle is built from (scripts/build.mjs bundles electron/cli/main.ts and what it imports). */
export const SOURCE_DIRS = ['electron/cli', 'electron/core', 'electron/server', 'shared'];

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (/\.(ts|mts|mjs|cjs|js|json)$/.test(entry.name)) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * @param {string} root the repository (or installed package) folder
 * @param {NodeJS.ProcessEnv} env
 * @returns {{ kind: 'bundle', file: string } | { kind: 'sources', file: string, reason: string }}
 */
export function pickEntry(root, env = process.env) {
  const bundle = path.join(root, 'dist', 'cli', 'releve.cjs');
  const sources = path.join(root, 'electron', 'cli', 'main.ts');
  if (env.RELEVE_RUN_SOURCES === '1') return { kind: 'sources', file: sources, reason: 'RELEVE_RUN_SOURCES=1' };
  if (!existsSync(bundle)) return { kind: 'sources', file: sources, reason: 'no bundle' };
  const dirs = SOURCE_DIRS.map((d) => path.join(root, d)).filter((d) => existsSync(d));
  // Without the sources (a package holding only dist/), the bundle is all there is.
  if (dirs.length === 0) return { kind: 'bundle', file: bundle };
  const built = statSync(bundle).mtimeMs;
  const newest = Math.max(...dirs.map(newestMtime));
  return newest > built ? { kind: 'sources', file: sources, reason: 'sources newer than the bundle' } : { kind: 'bundle', file: bundle };
}
