#!/usr/bin/env -S MALLOC_MMAP_THRESHOLD_=131072 node --max-semi-space-size=1 --heap-growing-percent=150 --v8-pool-size=1
// The shebang gives the process the sync engine's V8 flags and malloc setting (SYNC_V8_FLAGS, SYNC_MALLOC_ENV in
// electron/core/runtime-flags.ts; a test checks that they agree): they only work when given at start.
// `node bin/releve.mjs …` runs without them. (npm's Windows .cmd shim sets such variables too; only glibc reads it.)
// Entry point of the `releve` CLI: runs the built bundle dist/cli/releve.cjs (built by `npm install`'s prepare
// script) when it is there and up to date, otherwise registers tsx and runs the TypeScript sources
// (electron/cli/main.ts) straight from the repository. Which one, and why: pick-entry.mjs.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { pickEntry } from './pick-entry.mjs';

const entry = pickEntry(fileURLToPath(new URL('..', import.meta.url)));
if (entry.kind === 'bundle') {
  // The bundle runs main(process.argv.slice(2)) itself and sets the exit code (scripts/build.mjs).
  createRequire(import.meta.url)(entry.file);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('../electron/cli/main.ts');
  const code = await main(process.argv.slice(2));
  process.exitCode = code;
  // A cron pass must end even if some library left a handle open: exit once output had time to flush.
  setTimeout(() => process.exit(code), 2000).unref();
}
