#!/usr/bin/env -S node --max-semi-space-size=1 --heap-growing-percent=150
// The shebang gives the process the sync engine's V8 flags (electron/core/runtime-flags.ts; a test checks that
// both lists agree): they only work when given at start. `node bin/releve.mjs …` runs without them.
// Entry point of the `releve` CLI. Registers tsx so the TypeScript sources run straight from the repository
// (`npx releve …` needs no build step), then hands over to electron/cli/main.ts.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/cli/main.ts');
const code = await main(process.argv.slice(2));
process.exitCode = code;
// A cron pass must end even if some library left a handle open: exit once output had time to flush.
setTimeout(() => process.exit(code), 2000).unref();
