#!/usr/bin/env node
// Smoke test of the real desktop app, for a machine WITH the Electron binary (a developer's machine or a
// release builder; not the CI machines, where ELECTRON_SKIP_BINARY_DOWNLOAD=1). Not part of `npm test`.
//
//   npm run build && node scripts/electron-smoke.mjs [--build] [-- <extra electron args>]
//   Linux without a display:  xvfb-run -a node scripts/electron-smoke.mjs
//   As root in a container:   node scripts/electron-smoke.mjs -- --no-sandbox
//
// It starts `electron .` with a fresh temporary RELEVE_DATA_DIR and RELEVE_SMOKE=1. In that mode the main
// process keeps the window hidden, does not start the scheduler, and once the page has loaded runs a probe
// inside it (electron/main/smoke-probe.ts): window.releve is exactly { api, on, shell }, Node is out of reach,
// and calls go page → preload → IPC relay → core process (SQLite) and back, errors keeping their code. It prints
// RELEVE_SMOKE_OK or RELEVE_SMOKE_FAIL <reason> and quits. Exit code 0 when OK, 1 otherwise.
// (The same path runs headless in test/electron/built-app.test.ts with a fake Electron runtime.)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TIMEOUT_MS = Number(process.env.RELEVE_SMOKE_TIMEOUT_MS || 90_000);
const dashDash = process.argv.indexOf('--');
const extraArgs = dashDash >= 0 ? process.argv.slice(dashDash + 1) : [];
const ownArgs = dashDash >= 0 ? process.argv.slice(2, dashDash) : process.argv.slice(2);

function fail(reason) {
  console.error(`electron smoke: FAIL — ${reason}`);
  process.exit(1);
}

// In plain Node, require('electron') returns the path of the Electron executable (or throws without it).
let electronBinary;
try {
  electronBinary = createRequire(path.join(root, 'package.json'))('electron');
} catch (err) {
  fail(`the Electron binary is not installed here (${err instanceof Error ? err.message : String(err)})`);
}
if (typeof electronBinary !== 'string' || !existsSync(electronBinary)) fail(`no Electron executable at ${String(electronBinary)}`);

if (ownArgs.includes('--build')) {
  const b = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) fail('npm run build failed');
}
for (const f of ['dist/electron/main.cjs', 'dist/electron/core-process.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html']) {
  if (!existsSync(path.join(root, f))) fail(`${f} is missing: run \`npm run build\` first (or pass --build)`);
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'releve-smoke-'));
const child = spawn(electronBinary, ['.', ...extraArgs], {
  cwd: root,
  env: { ...process.env, RELEVE_SMOKE: '1', RELEVE_DATA_DIR: dataDir, ELECTRON_ENABLE_LOGGING: '1' },
  stdio: ['ignore', 'pipe', 'pipe'],
});

let verdict = null;
let buffered = '';
const onOutput = (chunk) => {
  const text = chunk.toString();
  process.stdout.write(text);
  buffered += text;
  const m = /^(RELEVE_SMOKE_OK|RELEVE_SMOKE_FAIL)(.*)$/m.exec(buffered);
  if (m && !verdict) verdict = { ok: m[1] === 'RELEVE_SMOKE_OK', line: `${m[1]}${m[2]}` };
};
child.stdout.on('data', onOutput);
child.stderr.on('data', (chunk) => process.stderr.write(chunk));

const timer = setTimeout(() => {
  if (!verdict) verdict = { ok: false, line: `no verdict within ${TIMEOUT_MS} ms` };
  child.kill('SIGKILL');
}, TIMEOUT_MS);

child.on('exit', (code, signal) => {
  clearTimeout(timer);
  rmSync(dataDir, { recursive: true, force: true });
  if (!verdict) verdict = { ok: false, line: `electron exited (${signal ?? code}) without a verdict` };
  // The app quits by itself after the probe, through the normal quit path (core closed first).
  if (verdict.ok && code !== 0) verdict = { ok: false, line: `${verdict.line} but electron exited with ${signal ?? code}` };
  console.log(verdict.ok ? `electron smoke: OK — ${verdict.line}` : `electron smoke: FAIL — ${verdict.line}`);
  process.exit(verdict.ok ? 0 : 1);
});
