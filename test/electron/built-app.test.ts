// The built bundles, not the sources: scripts/build.mjs output is checked for what each runtime may load,
// and dist/electron/main.cjs is run under plain Node with a headless fake of the Electron runtime
// (fixtures/fake-electron-runtime.cjs) in smoke mode: real core, real SQLite, the built preload in an
// isolated context, the page calling through the bridge. This is what scripts/electron-smoke.mjs does with
// the real Electron on a machine that has it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { METHOD_NAMES } from '../../shared/api.js';
import { SYNC_V8_FLAGS } from '../../electron/core/runtime-flags.js';
import { CORE_STATE_CHANNEL, RPC_CHANNEL, shellChannel } from '../../shared/shell.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const requireFromRoot = createRequire(path.join(root, 'package.json'));
let work: string;
let out: string;

beforeAll(() => {
  mkdirSync(path.join(root, '.test-tmp'), { recursive: true });
  // Inside the repository, so the bundles' external packages resolve from its node_modules.
  work = mkdtempSync(path.join(root, '.test-tmp', 'built-app-'));
  out = path.join(work, 'dist');
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--only=main,preload,worker', `--out=${out}`], {
    cwd: root,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`build failed:\n${r.stdout}\n${r.stderr}`);
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function requiredModules(file: string): string[] {
  const code = readFileSync(file, 'utf8');
  return [...new Set([...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]!))].sort();
}
const isBuiltin = (m: string) => m.startsWith('node:') || builtinModules.includes(m);

describe('built bundles', () => {
  it('the preload needs nothing but electron (a sandboxed preload has no Node)', () => {
    expect(requiredModules(path.join(out, 'electron/preload.cjs'))).toEqual(['electron']);
  });

  it('the parse worker needs only better-sqlite3, which the package unpacks beside it with its run-time deps', () => {
    expect(requiredModules(path.join(out, 'electron/parse-worker.cjs')).filter((m) => !isBuiltin(m))).toEqual(['better-sqlite3']);
    // The worker is unpacked from the asar, so what it requires must be unpacked too: better-sqlite3 and,
    // transitively, the packages it requires when it loads (read from the installed packages themselves).
    const yml = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
    const runtimeDeps = (name: string): string[] => {
      const pkg = JSON.parse(readFileSync(requireFromRoot.resolve(`${name}/package.json`), 'utf8')) as { dependencies?: Record<string, string> };
      return Object.keys(pkg.dependencies ?? {}).filter((d) => d !== 'prebuild-install'); // install-time only
    };
    const needed = new Set<string>();
    const visit = (name: string) => {
      if (needed.has(name)) return;
      needed.add(name);
      runtimeDeps(name).forEach(visit);
    };
    visit('better-sqlite3');
    for (const name of needed) expect(yml, name).toContain(`'**/node_modules/${name}/**'`);
  });

  it('main inlines the ESM-only electron-store and requires only installed packages, and no core', () => {
    const mods = requiredModules(path.join(out, 'electron/main.cjs')).filter((m) => !isBuiltin(m));
    expect(mods).toContain('electron');
    // The sync engine and the store live in the core process, not in main.
    expect(mods).not.toContain('better-sqlite3');
    expect(mods).not.toContain('imapflow');
    expect(mods.some((m) => m === 'electron-store' || m === 'conf' || m.startsWith('conf/'))).toBe(false);
    for (const m of mods.filter((x) => x !== 'electron')) {
      expect(() => requireFromRoot.resolve(m), m).not.toThrow();
    }
  });

  it('the core process bundle holds the core, requires no electron, and only installed packages', () => {
    const mods = requiredModules(path.join(out, 'electron/core-process.cjs')).filter((m) => !isBuiltin(m));
    expect(mods).toEqual(expect.arrayContaining(['better-sqlite3', 'imapflow']));
    expect(mods).not.toContain('electron');
    for (const m of mods) expect(() => requireFromRoot.resolve(m), m).not.toThrow();
  });
});

function runBuiltMain(dataDir: string, reportFile: string) {
  return spawnSync(
    process.execPath,
    ['-r', path.join(root, 'test/electron/fixtures/register-fake-electron.cjs'), path.join(out, 'electron/main.cjs')],
    {
      cwd: work,
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        ...process.env,
        RELEVE_SMOKE: '1',
        RELEVE_DATA_DIR: dataDir,
        RELEVE_PARSE_WORKERS: '1',
        FAKE_APP_ROOT: work,
        FAKE_ELECTRON_REPORT: reportFile,
      },
    },
  );
}

describe('built main process, headless', () => {
  it('starts, serves the page through the preload bridge, and quits cleanly', () => {
    const dataDir = path.join(work, 'data');
    const reportFile = path.join(work, 'report.json');
    const r = runBuiltMain(dataDir, reportFile);
    expect(r.stdout, r.stderr).toMatch(/^RELEVE_SMOKE_OK mailboxes=0 locale=fr desktop=true$/m);
    expect(r.status).toBe(0);

    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as {
      name: string;
      paths: Record<string, string>;
      sandboxEnabled?: boolean;
      handlers: string[];
      handlersAtLoad: string[];
      windows: Array<{ webPreferences: Record<string, unknown>; show: boolean; loaded: string }>;
      cspInstalled: boolean;
      permissionRequestHandler: boolean;
      trays: Array<{ image: string; menu: string[] }>;
      errors: string[];
      utilityForks: Array<{ modulePath: string; execArgv: string[]; serviceName: string | null }>;
      privilegedSchemes: unknown[];
      handledSchemes: string[];
      appFetch: Record<string, number>;
    };
    expect(report.errors).toEqual([]);
    // Same data folder as the CLI, set as Electron's userData.
    expect(report.name).toBe('Releve');
    expect(report.paths.userData).toBe(dataDir);
    expect(report.paths.sessionData).toBe(path.join(dataDir, 'chromium'));
    expect(report.sandboxEnabled).toBe(true);
    // One relay channel for the whole MailApi, not a handler per method.
    expect(report.handlersAtLoad).toEqual(
      [RPC_CHANNEL, CORE_STATE_CHANNEL, ...(['getStartAtLogin', 'setStartAtLogin', 'getSecretsWarning'] as const).map((n) => shellChannel(n))].sort(),
    );
    expect(METHOD_NAMES.length).toBeGreaterThan(10);
    // The core ran in its own utility process, given the memory V8 flags.
    expect(report.utilityForks).toEqual([{ modulePath: path.join(out, 'electron/core-process.cjs'), execArgv: [...SYNC_V8_FLAGS], serviceName: 'Relève core' }]);
    expect(report.handlers).toEqual([]); // removed at shutdown
    expect(report.windows).toHaveLength(1);
    expect(report.windows[0]!.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(report.windows[0]!.webPreferences.preload).toBe(path.join(out, 'electron/preload.cjs'));
    // The page comes from app:// (a privileged, standard, secure scheme), never file://; nothing outside the
    // renderer folder is served through it.
    expect(report.windows[0]!.loaded).toBe('app://releve/index.html');
    expect(report.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(report.handledSchemes).toEqual(['app']);
    expect(report.appFetch.traversal).toBe(404);
    expect(report.cspInstalled && report.permissionRequestHandler).toBe(true);
    expect(path.basename(report.trays[0]!.image)).toBe('tray-ok.png');
    expect(report.trays[0]!.menu).toContain('Synchroniser maintenant');
    // The core closed the database on quit: no WAL left behind.
    expect(existsSync(path.join(dataDir, 'releve.db'))).toBe(true);
    expect(existsSync(path.join(dataDir, 'releve.db-wal'))).toBe(false);
  }, 90_000);

  it('reports a data folder it cannot use and exits with an error, without opening a window', () => {
    const notADir = path.join(work, 'not-a-dir');
    writeFileSync(notADir, 'a file where the data folder should be');
    const reportFile = path.join(work, 'report-fail.json');
    const r = runBuiltMain(notADir, reportFile);
    expect(r.stdout).toMatch(/^RELEVE_SMOKE_FAIL startup: .*not-a-dir/m);
    expect(r.status).toBe(1);
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { windows: unknown[] };
    expect(report.windows).toEqual([]);
  }, 90_000);
});
