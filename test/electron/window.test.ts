import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => {
  const fake = await import('./fake-electron.js');
  return { ...fake.electronModule, default: fake.electronModule };
});

import type { Session } from 'electron';
import { contentSecurityPolicy } from '../../electron/main/csp.js';
import { inMemoryPreferences } from '../../electron/main/preferences.js';
import { appPageFor, isAppPageUrl, isExternalLink } from '../../electron/main/url-policy.js';
import { createMainWindow, installSessionPolicy } from '../../electron/main/window.js';
import type { SavedWindowState } from '../../electron/main/window-bounds.js';
import { FakeBrowserWindow, resetFakeElectron, screen, shell } from './fake-electron.js';

const page = appPageFor('/opt/Relève/resources/app.asar/dist/renderer/index.html');

function openWindow(opts: { quitting?: () => boolean; saved?: SavedWindowState; startHidden?: boolean } = {}) {
  const preferences = inMemoryPreferences(opts.saved);
  const win = createMainWindow({
    page,
    preloadPath: '/opt/releve/dist/electron/preload.cjs',
    preferences,
    startHidden: opts.startHidden ?? false,
    devTools: false,
    isQuitting: opts.quitting ?? (() => false),
  }) as unknown as FakeBrowserWindow;
  return { win, preferences };
}

beforeEach(() => {
  resetFakeElectron();
  screen.workAreas = [{ x: 0, y: 0, width: 1920, height: 1040 }];
});

describe('main window', () => {
  it('runs the page isolated, sandboxed, without Node, with web security and no <webview>', () => {
    const { win } = openWindow();
    expect(win.options.webPreferences).toMatchObject({
      preload: '/opt/releve/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    });
    expect(win.webContents.loadedUrl).toBe(page.url);
    // Served by the app:// protocol (app-protocol.ts), never from file://.
    expect(page.url).toBe('app://releve/index.html');
  });

  it('denies every window.open; web and mail links go to the system instead', () => {
    const { win } = openWindow();
    const open = win.webContents.windowOpenHandler!;
    for (const url of ['https://example.com/a', 'http://example.com/', 'mailto:a@example.com']) {
      expect(open({ url })).toEqual({ action: 'deny' });
    }
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'data:text/html,x', 'not a url']) {
      expect(open({ url })).toEqual({ action: 'deny' });
    }
    expect(shell.opened).toEqual(['https://example.com/a', 'http://example.com/', 'mailto:a@example.com']);
  });

  it('keeps the main frame on the app page: other navigations are stopped, links opened outside', () => {
    const { win } = openWindow();
    const wc = win.webContents;
    expect(wc.emitCancellable('will-navigate', {}, `${page.url}#/settings`)).toBe(false);
    expect(wc.emitCancellable('will-navigate', {}, 'https://phish.example/login')).toBe(true);
    expect(wc.emitCancellable('will-navigate', {}, 'file:///home/user/.ssh/id_rsa')).toBe(true);
    expect(wc.emitCancellable('will-redirect', {}, 'https://elsewhere.example/')).toBe(true);
    expect(shell.opened).toEqual(['https://phish.example/login']);
  });

  it('lets frames show inline documents only, and refuses <webview>', () => {
    const { win } = openWindow();
    const wc = win.webContents;
    const frame = (url: string) => wc.emitCancellable('will-frame-navigate', { url, isMainFrame: false });
    expect(frame('about:srcdoc')).toBe(false);
    expect(frame('about:blank')).toBe(false);
    expect(frame('https://tracker.example/pixel')).toBe(true);
    expect(frame('file:///etc/hosts')).toBe(true);
    expect(wc.emitCancellable('will-attach-webview')).toBe(true);
    expect(shell.opened).toEqual([]);
  });

  it('closing hides the window to the tray, unless the app is quitting', () => {
    let quitting = false;
    const { win } = openWindow({ quitting: () => quitting });
    win.emit('ready-to-show');
    expect(win.visible).toBe(true);
    expect(win.userClose()).toBe(true);
    expect(win.visible).toBe(false);
    quitting = true;
    expect(win.userClose()).toBe(false);
  });

  it('stays hidden when started at login', () => {
    const { win } = openWindow({ startHidden: true });
    win.emit('ready-to-show');
    expect(win.visible).toBe(false);
  });

  it('restores the saved place and size, and remembers them on close', () => {
    const { win, preferences } = openWindow({ saved: { x: 100, y: 80, width: 1000, height: 700, maximized: false } });
    expect(win.bounds).toEqual({ x: 100, y: 80, width: 1000, height: 700 });
    win.bounds = { x: 200, y: 150, width: 1100, height: 720 };
    win.userClose();
    expect(preferences.getWindowState()).toEqual({ x: 200, y: 150, width: 1100, height: 720, maximized: false });
  });

  it('centres a window whose saved place is on a screen that is gone', () => {
    const { win } = openWindow({ saved: { x: 2500, y: 100, width: 1000, height: 700, maximized: true } });
    expect(win.options.center).toBe(true);
    expect(win.options.x).toBeUndefined();
    expect(win.maximized).toBe(true);
  });
});

describe('session policy', () => {
  type HeadersListener = (
    details: { responseHeaders?: Record<string, string[]> },
    callback: (r: { responseHeaders: Record<string, string | string[]> }) => void,
  ) => void;
  type RequestHandler = (wc: unknown, permission: string, callback: (granted: boolean) => void) => void;
  type CheckHandler = (wc: unknown, permission: string, origin: string) => boolean;

  function fakeSession() {
    const s: {
      headersListener: HeadersListener | null;
      requestHandler: RequestHandler | null;
      checkHandler: CheckHandler | null;
      webRequest: { onHeadersReceived(l: HeadersListener): void };
      setPermissionRequestHandler(h: RequestHandler): void;
      setPermissionCheckHandler(h: CheckHandler): void;
    } = {
      headersListener: null,
      requestHandler: null,
      checkHandler: null,
      webRequest: {
        onHeadersReceived(l) {
          s.headersListener = l;
        },
      },
      setPermissionRequestHandler(h) {
        s.requestHandler = h;
      },
      setPermissionCheckHandler(h) {
        s.checkHandler = h;
      },
    };
    return s;
  }

  it('enforces the CSP on every response, replacing any policy the response brought', () => {
    const s = fakeSession();
    installSessionPolicy(s as unknown as Session, page);
    let out: Record<string, string | string[]> = {};
    s.headersListener!({ responseHeaders: { 'content-security-policy': ["default-src *"], 'X-Other': ['1'] } }, (r) => (out = r.responseHeaders));
    expect(out['Content-Security-Policy']).toEqual([contentSecurityPolicy()]);
    expect(out['content-security-policy']).toBeUndefined();
    expect(out['X-Other']).toEqual(['1']);
  });

  it('denies permission requests, and allows only clipboard writes from the app page', () => {
    const s = fakeSession();
    installSessionPolicy(s as unknown as Session, page);
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      let granted: boolean | null = null;
      s.requestHandler!({}, p, (g) => (granted = g));
      expect(granted).toBe(false);
    }
    expect(s.checkHandler!({}, 'clipboard-sanitized-write', page.url)).toBe(true);
    expect(s.checkHandler!({}, 'clipboard-sanitized-write', 'https://evil.example')).toBe(false);
    expect(s.checkHandler!({}, 'media', page.url)).toBe(false);
  });
});

describe('content security policy', () => {
  it('is the renderer meta policy, with connect-src limited to the app', () => {
    expect(contentSecurityPolicy()).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https: http:; " +
        "connect-src 'self'; frame-src 'self' about: data:; object-src 'none'; base-uri 'none'; form-action 'none'",
    );
  });

  it('opens up only for the dev server origin in development', () => {
    const dev = contentSecurityPolicy('http://127.0.0.1:5173');
    expect(dev).toContain("script-src 'self' 'unsafe-inline' http://127.0.0.1:5173");
    expect(dev).toContain("connect-src 'self' http://127.0.0.1:5173 ws://127.0.0.1:5173");
    expect(dev).toContain("object-src 'none'");
  });
});

describe('url policy', () => {
  it('recognises the app page by file path, whatever the route', () => {
    expect(isAppPageUrl(page, page.url)).toBe(true);
    expect(isAppPageUrl(page, `${page.url}#/inbox?x=1`)).toBe(true);
    expect(isAppPageUrl(page, page.url.replace('index.html', 'other.html'))).toBe(false);
    expect(isAppPageUrl(page, 'https://example.com/dist/renderer/index.html')).toBe(false);
    expect(isAppPageUrl(page, 'garbage')).toBe(false);
  });

  it('treats only http(s) and mailto as external links', () => {
    expect(isExternalLink('https://a.example')).toBe(true);
    expect(isExternalLink('mailto:x@y.z')).toBe(true);
    expect(isExternalLink('file:///C:/Windows/system32/calc.exe')).toBe(false);
    expect(isExternalLink('ms-msdt:/id PCWDiagnostic')).toBe(false);
    expect(isExternalLink('javascript:void(0)')).toBe(false);
  });

  it('refuses a dev server URL that is not http(s)', () => {
    expect(() => appPageFor('/x', 'file:///tmp/index.html')).toThrow(/http/);
  });
});

// Keeps the fake's registry honest: one window per createMainWindow call.
it('creates one BrowserWindow per call', () => {
  resetFakeElectron();
  openWindow();
  expect(FakeBrowserWindow.instances).toHaveLength(1);
});
