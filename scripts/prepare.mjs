#!/usr/bin/env node
// `npm install` / `npm ci` run this (package.json "prepare"): builds the `releve` CLI bundle (dist/cli/), which
// bin/releve.mjs then runs instead of the TypeScript sources. Only esbuild is needed — not Electron's binary,
// which CI and headless machines skip (ELECTRON_SKIP_BINARY_DOWNLOAD=1). Where esbuild is not installed
// (npm install --omit=dev), nothing is built and `releve` keeps running the sources through tsx.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
try {
  createRequire(path.join(root, 'package.json')).resolve('esbuild');
} catch {
  console.warn('releve: esbuild is not installed (production install): the CLI will run from the sources.');
  process.exit(0);
}
const r = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--only=cli'], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
