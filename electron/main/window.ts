// The one app window and the rules every web page of the app lives under: isolated sandboxed renderer,
// enforced CSP, no navigation away from the app's page, no new windows, no <webview>, no permissions.
// Links the user follows (mail content, help pages) open in the system browser instead.
import { BrowserWindow, screen, shell } from 'electron';
import type { Session, WebContents, WebPreferences } from 'electron';
import { contentSecurityPolicy } from './csp.js';
import type { ShellPreferences } from './preferences.js';
import { isAppPageUrl, isExternalLink } from './url-policy.js';
import type { AppPage } from './url-policy.js';
import { fitWindowState, MIN_WINDOW_SIZE } from './window-bounds.js';
import type { SavedWindowState } from './window-bounds.js';

export function secureWebPreferences(preloadPath: string, devTools: boolean): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools,
  };
}

function openIfExternal(url: string): void {
  if (isExternalLink(url)) {
    shell.openExternal(url).catch(() => {
      // No browser / mail client registered: nothing more the app can do; the click just has no effect.
    });
  }
}

/** Applied to every WebContents the app ever creates (see main.ts `web-contents-created`). */
export function hardenWebContents(contents: WebContents, page: AppPage): void {
  contents.setWindowOpenHandler(({ url }) => {
    openIfExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (isAppPageUrl(page, url)) return;
    event.preventDefault();
    openIfExternal(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppPageUrl(page, url)) event.preventDefault();
  });
  // Frames (the sandboxed mail viewer) may show inline documents, never load or leave for a remote page.
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame) return; // handled by will-navigate
    const url = event.url;
    if (url.startsWith('about:') || url.startsWith('data:') || isAppPageUrl(page, url)) return;
    event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Session-wide: the CSP response header and a blanket "no" to permission requests (camera, geolocation …). */
export function installSessionPolicy(session: Session, page: AppPage): void {
  const csp = contentSecurityPolicy(page.kind === 'dev' ? page.origin : null);
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string | string[]> = { ...(details.responseHeaders ?? {}) };
    for (const name of Object.keys(headers)) if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    headers['Content-Security-Policy'] = [csp];
    callback({ responseHeaders: headers });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  // Copy to the clipboard from the app's own page is the only capability the UI uses.
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    permission === 'clipboard-sanitized-write' && isAppPageUrl(page, requestingOrigin || ''),
  );
}

export interface MainWindowOptions {
  page: AppPage;
  preloadPath: string;
  preferences: ShellPreferences;
  iconPath?: string;
  /** Started at login: stay in the tray until the user opens the window. */
  startHidden: boolean;
  devTools: boolean;
  /** Closing the window only hides it (the app keeps syncing in the tray) unless this says we are quitting. */
  isQuitting(): boolean;
  /** Called after the window is hidden by a close, e.g. to drop the macOS dock icon. */
  onHiddenToTray?(): void;
}

export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const restored = fitWindowState(
    opts.preferences.getWindowState(),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const win = new BrowserWindow({
    title: 'Relève',
    width: restored.width,
    height: restored.height,
    ...(restored.x !== undefined && restored.y !== undefined ? { x: restored.x, y: restored.y } : { center: true }),
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    backgroundColor: '#f6f7f9',
    autoHideMenuBar: true,
    ...(opts.iconPath ? { icon: opts.iconPath } : {}),
    webPreferences: secureWebPreferences(opts.preloadPath, opts.devTools),
  });
  hardenWebContents(win.webContents, opts.page);
  if (restored.maximized) win.maximize();

  win.once('ready-to-show', () => {
    if (!opts.startHidden) win.show();
  });

  const saveState = () => {
    if (win.isDestroyed() || win.isMinimized()) return;
    const b = win.getNormalBounds();
    const state: SavedWindowState = { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() };
    opts.preferences.setWindowState(state);
  };
  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  const saveSoon = () => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(saveState, 500);
  };
  win.on('resize', saveSoon);
  win.on('move', saveSoon);
  win.on('close', (event) => {
    if (saveTimer) clearTimeout(saveTimer);
    saveState();
    if (opts.isQuitting()) return;
    event.preventDefault();
    win.hide();
    opts.onHiddenToTray?.();
  });

  void win.loadURL(opts.page.url);
  return win;
}

/** Brings the window to the front, restoring it from the tray or the taskbar. */
export function revealWindow(win: BrowserWindow): void {
  if (win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
