#!/usr/bin/env node
// `npm run build`: everything the desktop app runs, from the TypeScript sources, into dist/.
//   dist/electron/main.cjs          Electron main process: windows, tray, keychain, the IPC relay
//   dist/electron/core-process.cjs  the core (sync, store, scheduler) in its own utilityProcess, started by main
//   dist/electron/preload.cjs       sandboxed preload: one self-contained file, only require('electron')
//   dist/electron/parse-worker.cjs  MIME parse worker thread, self-contained (unpacked from the asar)
//   dist/cli/releve.cjs             the `releve` CLI without tsx (+ its own parse-worker.cjs)
//   dist/renderer/                  the React UI (Vite)
// Usage: node scripts/build.mjs [--only=main,preload,worker,cli,renderer] [--out=DIR]   (DIR defaults to dist)
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rel = (p) => path.relative(root, p) || '.';
const only = (process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',') ?? []).filter(Boolean);
const wanted = (name) => only.length === 0 || only.includes(name);
// Tests build into a scratch folder inside the repository (so node_modules still resolves from there).
const outRoot = path.resolve(root, process.argv.find((a) => a.startsWith('--out='))?.slice(6) || 'dist');

// Packages bundled into main.cjs instead of being required from node_modules: electron-store (and its
// dependency tree) is ESM-only, which a CommonJS main cannot require on every Electron version.
const BUNDLED_PACKAGES = new Set(['electron-store']);
// Never bundled: provided by Electron, or native addons rebuilt for Electron's ABI by electron-builder.
const ALWAYS_EXTERNAL = ['electron', 'better-sqlite3'];

const isBare = (spec) => !spec.startsWith('.') && !path.isAbsolute(spec) && !spec.startsWith('node:');
const packageName = (spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);

/**
 * Our own code is bundled; packages it imports stay `require()`s resolved from node_modules (shipped by
 * electron-builder), except BUNDLED_PACKAGES, whose whole tree (imports from inside node_modules) is inlined.
 */
const externalizePackages = {
  name: 'externalize-packages',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point' || !isBare(args.path)) return undefined;
      const name = packageName(args.path);
      if (ALWAYS_EXTERNAL.includes(name)) return { path: args.path, external: true };
      const fromOurCode = !args.importer.split(path.sep).includes('node_modules');
      if (fromOurCode && !BUNDLED_PACKAGES.has(name)) return { path: args.path, external: true };
      return undefined;
    });
  },
};

// OAuth2 client ids the packager gives in the build's environment are baked into the Node bundles
// (electron/core/oauth/built-in-clients.ts), so end users sign in with no administrator step. Only these keys.
const OAUTH_BAKED_KEYS = ['RELEVE_OAUTH_MICROSOFT_CLIENT_ID', 'RELEVE_OAUTH_MICROSOFT_TENANT', 'RELEVE_OAUTH_GOOGLE_CLIENT_ID', 'RELEVE_OAUTH_GOOGLE_CLIENT_SECRET'];
const bakedOAuth = Object.fromEntries(OAUTH_BAKED_KEYS.filter((k) => process.env[k]?.trim()).map((k) => [k, process.env[k].trim()]));

// The core computes paths from import.meta.url in places; in a CJS bundle that must still be this file's URL.
const importMetaShim = {
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__importMetaUrl', __RELEVE_BUILT_IN_OAUTH__: JSON.stringify(JSON.stringify(bakedOAuth)) },
};

const common = {
  bundle: true,
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
  legalComments: 'none',
};

const built = [];
const skipped = [];

function record(outfile) {
  const kb = (statSync(outfile).size / 1024).toFixed(1);
  built.push(`${rel(outfile)} (${kb} KiB)`);
}

async function buildNodeBundle(entry, outfile) {
  await build({
    ...common,
    ...importMetaShim,
    entryPoints: [path.join(root, entry)],
    outfile,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    plugins: [externalizePackages],
  });
  record(outfile);
}

// main.cjs starts core-process.cjs from its own folder: the two are always built together.
async function buildMain() {
  await buildNodeBundle('electron/main/main.ts', path.join(outRoot, 'electron/main.cjs'));
  await buildNodeBundle('electron/core/process/core-process.ts', path.join(outRoot, 'electron/core-process.cjs'));
}

async function buildPreload() {
  const outfile = path.join(outRoot, 'electron/preload.cjs');
  // A sandboxed preload has no Node: no built-ins, no node_modules, only require('electron').
  await build({
    ...common,
    entryPoints: [path.join(root, 'electron/preload/preload.ts')],
    outfile,
    platform: 'browser',
    format: 'cjs',
    target: 'chrome120',
    external: ['electron'],
  });
  record(outfile);
}

// The core looks for parse-worker.cjs next to the bundle that runs it: core-process.cjs, and the CLI's releve.cjs.
async function buildWorker(outfile = path.join(outRoot, 'electron/parse-worker.cjs')) {
  const entry = path.join(root, 'electron/core/parse/parse-worker.ts');
  if (!existsSync(entry)) {
    skipped.push(`parse worker: ${rel(entry)} does not exist yet`);
    return;
  }
  // Self-contained (postal-mime inlined): it is unpacked from the asar and must not need node_modules.
  await build({
    ...common,
    ...importMetaShim,
    entryPoints: [entry],
    outfile,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ALWAYS_EXTERNAL,
  });
  record(outfile);
}

async function buildCli() {
  const entry = path.join(root, 'electron/cli/main.ts');
  if (!existsSync(entry)) {
    skipped.push(`CLI: ${rel(entry)} does not exist yet`);
    return;
  }
  const outfile = path.join(outRoot, 'cli/releve.cjs');
  // electron/cli/main.ts exports main(argv); this entry runs it the way bin/releve.mjs does.
  await build({
    ...common,
    ...importMetaShim,
    banner: { js: `#!/usr/bin/env node\n${importMetaShim.banner.js}` },
    stdin: {
      contents: [
        "import { main } from './electron/cli/main.ts';",
        'main(process.argv.slice(2)).then((code) => {',
        '  process.exitCode = code;',
        '  setTimeout(() => process.exit(code), 2000).unref();',
        '});',
      ].join('\n'),
      resolveDir: root,
      sourcefile: 'releve-cli-entry.ts',
      loader: 'ts',
    },
    outfile,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    plugins: [externalizePackages],
  });
  record(outfile);
  await buildWorker(path.join(outRoot, 'cli/parse-worker.cjs'));
}

function buildRenderer() {
  const config = path.join(root, 'renderer/vite.config.ts');
  if (!existsSync(config)) {
    skipped.push(`renderer: ${rel(config)} does not exist yet`);
    return;
  }
  const vite = path.join(root, 'node_modules/vite/bin/vite.js');
  const outDir = path.join(outRoot, 'renderer');
  const r = spawnSync(process.execPath, [vite, 'build', '--config', config, '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status ?? r.signal})`);
  const index = path.join(outDir, 'index.html');
  if (!existsSync(index)) throw new Error(`vite build did not produce ${rel(index)}`);
  record(index);
}

const steps = [
  ['main', buildMain],
  ['preload', buildPreload],
  ['worker', () => buildWorker()],
  ['cli', buildCli],
  ['renderer', buildRenderer],
];

try {
  for (const [name, step] of steps) if (wanted(name)) await step();
} catch (err) {
  console.error(`build failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
console.log('built:');
for (const b of built) console.log(`  ${b}`);
for (const s of skipped) console.warn(`  skipped — ${s}`);
// Which sign-ins this build offers out of the box (the names only: a secret is never printed).
console.log(`OAuth2 clients baked in: ${Object.keys(bakedOAuth).join(', ') || 'none (set RELEVE_OAUTH_MICROSOFT_CLIENT_ID … to offer sign-in without setup)'}`);
