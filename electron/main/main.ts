// Electron entry (bundled to dist/electron/main.cjs): one instance, the window, the tray, notifications, the
// IPC relay and the OS keychain. The core (IMAP, parse workers, SQLite, scheduler, IDLE) runs in its own
// utilityProcess (dist/electron/core-process.cjs, started with the V8 flags of runtime-flags.ts), restarted
// with backoff if it dies. Closing the window leaves Relève syncing in the tray; "Quit" stops the core
// cleanly (runs stop at a batch boundary, the database is closed) before exiting.
import { app, dialog, session } from 'electron';
import type { BrowserWindow } from 'electron';
import path from 'node:path';
import type { MailApi } from '../../shared/api.js';
import { detectLocale, say } from '../../shared/i18n/index.js';
import type { Locale } from '../../shared/types.js';
import { ensureDataDir, resolveDataDir } from '../core/data-dir.js';
import { createFileLogger, Redactor } from '../core/logger.js';
import type { Logger } from '../core/model.js';
import { CoreHost } from '../core/process/core-host.js';
import { createFileKeyBox } from '../core/secrets/index.js';
import { installAppMenu } from './app-menu.js';
import { handleAppProtocol, registerAppScheme } from './app-protocol.js';
import { contentSecurityPolicy } from './csp.js';
import { forkWithUtilityProcess } from './core-utility-process.js';
import { SHELL } from './shell.i18n.js';
import { registerIpcHost } from './ipc-host.js';
import { createLoginItemControl, launchedAtLogin } from './login-item.js';
import { startNewMailNotifications } from './notifications.js';
import type { NewMailNotifier } from './notifications.js';
import { inMemoryPreferences } from './preferences.js';
import { openShellPreferences } from './preferences-store.js';
import { chooseSecretBoxes } from './safe-storage-box.js';
import { runSmokeProbe } from './smoke-probe.js';
import { startAppTray } from './tray.js';
import type { AppTray } from './tray.js';
import { appPageFor } from './url-policy.js';
import { createMainWindow, hardenWebContents, installSessionPolicy, revealWindow } from './window.js';

const CORE_CLOSE_TIMEOUT_MS = 15_000;
const smokeMode = process.env.RELEVE_SMOKE === '1';

// Same folder as the `releve` CLI (data-dir.ts), set before `ready` so Chromium's own files land there too.
const dataDir = resolveDataDir();
app.setName('Releve');
app.setPath('userData', dataDir);
// Chromium's own caches and storage go to a subfolder, so the data folder stays readable for backups.
app.setPath('sessionData', path.join(dataDir, 'chromium'));
// Every renderer sandboxed, whatever a future window forgets to ask for.
app.enableSandbox();
// Windows shows notifications only for an app with an AppUserModelID: the installer registers this one.
if (process.platform === 'win32') app.setAppUserModelId('fr.releve.app');

const appRoot = app.getAppPath();
const assetsDir = path.join(appRoot, 'assets');
const page = appPageFor(path.join(appRoot, 'dist', 'renderer', 'index.html'), process.env.RELEVE_RENDERER_URL || null);
// Developer tools only in development builds: in a packaged app they would let anyone at the keyboard (or a
// script driving it) read the page's memory and call the IPC API directly.
const devTools = !app.isPackaged;
// Privileged schemes must be declared before `ready`: the renderer is served on app://releve/.
registerAppScheme();

let core: CoreHost | null = null;
let win: BrowserWindow | null = null;
let tray: AppTray | null = null;
let notifier: NewMailNotifier | null = null;
let disposeIpc: (() => void) | null = null;
let logger: Logger | undefined;
let locale: Locale = 'en';
let quitting = false;
let coreClosed = false;

function showWindow(): void {
  if (win) revealWindow(win);
}

/** The core's API, with settings changes also refreshing the shell's own language (tray, notifications). */
function shellAwareApi(api: MailApi): MailApi {
  return {
    ...api,
    async updateSettings(patch) {
      const settings = await api.updateSettings(patch);
      locale = settings.locale;
      void tray?.refresh();
      return settings;
    },
  };
}

function failStartup(err: unknown): void {
  const detail = err instanceof Error ? err.message : String(err);
  logger?.log('error', 'startup.failed', { error: detail });
  if (smokeMode) console.log(`RELEVE_SMOKE_FAIL startup: ${detail}`);
  else dialog.showErrorBox(say(locale, SHELL.startupFailedTitle), say(locale, SHELL.startupFailed, { detail }));
  coreClosed = true;
  // The core may already be open (a later step failed): close the database before leaving.
  void Promise.resolve(core?.close())
    .catch(() => {})
    .finally(() => app.exit(1));
}

async function start(): Promise<void> {
  locale = detectLocale({ preferred: [app.getLocale()] });
  ensureDataDir(dataDir);
  logger = createFileLogger(path.join(dataDir, 'logs', 'shell.log'), new Redactor());

  const secrets = chooseSecretBoxes(createFileKeyBox(dataDir, process.env, { logger }));
  if (secrets.usesFileKey) logger.log('warn', 'secrets.file_key_fallback', { reason: secrets.verdict.usable ? null : secrets.verdict.reason });
  // safeStorage exists only here: the core process asks main to seal and open with it. The file-key box the
  // core keeps itself (same data folder, same key), as a fallback for secrets sealed by it.
  const keychain = secrets.all.filter((b) => b.kind !== 'file');
  core = new CoreHost({
    spawn: forkWithUtilityProcess,
    script: path.join(appRoot, 'dist', 'electron', 'core-process.cjs'),
    init: {
      dataDir,
      locale,
      hostBoxes: keychain.map((b) => ({ kind: b.kind, available: b.available() })),
      preferredBox: secrets.preferred.kind,
    },
    hostBoxes: keychain,
    logger,
    closeTimeoutMs: CORE_CLOSE_TIMEOUT_MS,
  });
  await core.start();
  const host = core;
  host.onState((s) => logger?.log(s === 'restarting' ? 'warn' : 'info', 'core.state', { state: s, pid: host.pid ?? null }));
  const api = shellAwareApi(core.api);
  try {
    locale = (await api.getSettings()).locale;
  } catch {
    // keep the OS locale
  }

  installAppMenu(process.platform, devTools);
  installSessionPolicy(session.defaultSession, page);
  if (page.kind === 'app') handleAppProtocol(page.dir, contentSecurityPolicy(null));

  let preferences;
  try {
    preferences = openShellPreferences(dataDir);
  } catch (err) {
    logger.log('warn', 'preferences.unreadable', { error: String(err) });
    preferences = inMemoryPreferences();
  }

  win = createMainWindow({
    page,
    preloadPath: path.join(appRoot, 'dist', 'electron', 'preload.cjs'),
    preferences,
    iconPath: path.join(assetsDir, 'icon.png'),
    startHidden: smokeMode || launchedAtLogin(process.argv),
    devTools,
    isQuitting: () => quitting,
  });

  const loginItem = createLoginItemControl();
  disposeIpc = registerIpcHost({
    api,
    on: core.on,
    page,
    getWindow: () => win,
    locale: () => locale,
    logger,
    coreState: {
      current: () => (host.linkState === 'restarting' ? 'reconnecting' : 'ready'),
      on: (listener) => host.onState((s) => listener(s === 'restarting' ? 'reconnecting' : 'ready')),
    },
    shell: {
      getStartAtLogin: () => loginItem.get(),
      setStartAtLogin: (on) => loginItem.set(on),
      getSecretsWarning: () => (secrets.usesFileKey ? say(locale, SHELL.secretsWarning) : null),
    },
  });

  tray = startAppTray({
    api,
    on: core.on,
    assetsDir,
    getLocale: () => locale,
    onOpen: showWindow,
    onQuit: () => app.quit(),
    logger,
  });
  notifier = startNewMailNotifications({
    api,
    on: core.on,
    onOpen: () => showWindow(),
    isWindowFocused: () => !!win && !win.isDestroyed() && win.isVisible() && win.isFocused(),
    iconPath: path.join(assetsDir, 'icon.png'),
    logger,
  });

  if (smokeMode) {
    win.webContents.once('did-finish-load', () => {
      void runSmokeProbe(win!).then(({ ok, line }) => {
        console.log(line);
        process.exitCode = ok ? 0 : 1;
        app.quit();
      });
    });
    win.webContents.once('did-fail-load', (_e, code, description) => {
      console.log(`RELEVE_SMOKE_FAIL page did not load: ${code} ${description}`);
      process.exitCode = 1;
      app.quit();
    });
    return;
  }
  core.startScheduler();
}

/** Stops everything in order; the core gets a bounded time to stop its runs and close the database. */
async function shutdown(): Promise<void> {
  notifier?.dispose();
  disposeIpc?.();
  if (core) {
    // Bounded by the host: after CORE_CLOSE_TIMEOUT_MS the core process is killed (the store is crash-safe).
    try {
      await core.close();
    } catch (err) {
      logger?.log('error', 'shutdown.core_close_failed', { error: String(err) });
    }
  }
  tray?.destroy();
  coreClosed = true;
  app.quit();
}

if (!app.requestSingleInstanceLock()) {
  // Another Relève runs with this data folder: it gets the 'second-instance' event and shows its window.
  app.exit(0);
} else {
  app.on('second-instance', showWindow);
  app.on('activate', showWindow); // macOS: click on the dock icon
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, page));
  // The window only hides on close; without this listener Electron would quit when it is really closed.
  app.on('window-all-closed', () => {});
  let shuttingDown = false;
  app.on('before-quit', (event) => {
    quitting = true;
    if (coreClosed) return;
    event.preventDefault();
    if (shuttingDown) return;
    shuttingDown = true;
    void shutdown();
  });
  process.on('unhandledRejection', (reason) => {
    logger?.log('error', 'main.unhandled_rejection', { error: reason instanceof Error ? reason.message : String(reason) });
  });
  app.whenReady().then(start).catch(failStartup);
}
