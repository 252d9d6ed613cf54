import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => {
  const fake = await import('./fake-electron.js');
  return { ...fake.electronModule, default: fake.electronModule };
});

import type { BrowserWindow } from 'electron';
import { EVENT_NAMES, METHOD_NAMES } from '../../shared/api.js';
import type { MailApi } from '../../shared/api.js';
import { ReleveError } from '../../shared/errors.js';
import { CORE_STATE_CHANNEL, eventChannel, RPC_CHANNEL, shellChannel } from '../../shared/shell.js';
import type { CoreLinkView } from '../../shared/shell.js';
import { isTrustedSender, registerIpcHost } from '../../electron/main/ipc-host.js';
import type { ShellHandlers } from '../../electron/main/ipc-host.js';
import { appPageFor } from '../../electron/main/url-policy.js';
import type { Locale } from '../../shared/types.js';
import { VALID_ARGS } from '../helpers/valid-args.js';
import { FakeBrowserWindow, ipcMain, resetFakeElectron } from './fake-electron.js';
import { eventHub } from './helpers.js';
import type { FakeInvokeEvent } from './fake-electron.js';

const page = appPageFor('/opt/Relève/resources/app.asar/dist/renderer/index.html');

/** A MailApi whose every method records its argument and answers with it, or throws what the test set. */
function recordingApi() {
  const calls: Array<{ method: string; arg: unknown }> = [];
  const failures = new Map<string, unknown>();
  const api = Object.fromEntries(
    METHOD_NAMES.map((method) => [
      method,
      async (arg: unknown) => {
        calls.push({ method, arg });
        if (failures.has(method)) throw failures.get(method);
        return { answeredBy: method, arg: arg ?? null };
      },
    ]),
  ) as unknown as MailApi;
  return { api, calls, failures };
}

function shellHandlers(): ShellHandlers & { loginItem: boolean } {
  const s = {
    loginItem: false,
    getStartAtLogin: () => s.loginItem,
    setStartAtLogin: (on: boolean) => {
      s.loginItem = on;
    },
    getSecretsWarning: () => 'warning text',
  };
  return s;
}

/** The core process's state as main sees it, settable by the test. */
function coreStateSource() {
  let state: CoreLinkView = 'ready';
  const listeners = new Set<(s: CoreLinkView) => void>();
  return {
    current: () => state,
    on(l: (s: CoreLinkView) => void) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    set(s: CoreLinkView) {
      state = s;
      for (const l of listeners) l(s);
    },
    count: () => listeners.size,
  };
}

function setup() {
  const win = new FakeBrowserWindow({ width: 800, height: 600 });
  void win.loadURL(page.url + '#/inbox');
  const { api, calls, failures } = recordingApi();
  const hub = eventHub();
  const shell = shellHandlers();
  const coreState = coreStateSource();
  const app = { locale: 'en' as Locale };
  const dispose = registerIpcHost({
    api,
    on: hub.on,
    page,
    getWindow: () => win as unknown as BrowserWindow,
    shell,
    locale: () => app.locale,
    coreState,
  });
  const trusted: FakeInvokeEvent = { sender: { id: win.webContents.id }, senderFrame: win.webContents.mainFrame };
  const relay = (event: FakeInvokeEvent, method: string, arg?: unknown) => ipcMain.invokeAs(event, RPC_CHANNEL, { method, arg });
  return { win, api, calls, failures, hub, shell, coreState, dispose, trusted, relay, app };
}

beforeEach(() => resetFakeElectron());
afterEach(() => vi.restoreAllMocks());

describe('IPC host', () => {
  it('registers one relay channel for the whole contract (not a handler per method), the core state and the three shell calls', () => {
    setup();
    const expected = [
      RPC_CHANNEL,
      CORE_STATE_CHANNEL,
      shellChannel('getStartAtLogin'),
      shellChannel('setStartAtLogin'),
      shellChannel('getSecretsWarning'),
    ].sort();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(expected);
  });

  it('relays every method to the same core method with its argument and wraps the result', async () => {
    const { trusted, calls, relay } = setup();
    for (const method of METHOD_NAMES) {
      const arg = VALID_ARGS[method] ?? null;
      const reply = await relay(trusted, method, arg);
      expect(reply).toEqual({ ok: true, result: { answeredBy: method, arg } });
    }
    expect(calls.map((c) => c.method)).toEqual([...METHOD_NAMES]);
  });

  it('checks the argument in the app language before relaying: a bad one is refused and reaches nothing', async () => {
    const { trusted, calls, relay, app } = setup();
    app.locale = 'fr';
    expect(await relay(trusted, 'getMailbox', { id: 'abc' })).toEqual({
      ok: false,
      error: { code: 'VALIDATION', field: 'id', message: 'L’identifiant « id » doit être un entier positif.' },
    });
    app.locale = 'en';
    expect(await relay(trusted, 'setSeen', { ids: [], seen: true })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'ids', message: expect.stringMatching(/^“ids” must be/) } });
    expect(calls).toEqual([]);
  });

  it('relays only contract methods: anything else is NOT_FOUND and reaches nothing', async () => {
    const { trusted, calls } = setup();
    for (const bad of [{ method: 'constructor' }, { method: '__proto__' }, { method: 'closeDatabase' }, 'listMailboxes', null, { arg: 1 }]) {
      expect(await ipcMain.invokeAs(trusted, RPC_CHANNEL, bad)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    expect(calls).toEqual([]);
  });

  it('pushes the core process state to the window and answers it on request', async () => {
    const { win, trusted, coreState } = setup();
    expect(await ipcMain.invokeAs(trusted, CORE_STATE_CHANNEL)).toEqual({ ok: true, result: 'ready' });
    coreState.set('reconnecting');
    coreState.set('ready');
    expect(win.webContents.sent).toEqual([
      { channel: CORE_STATE_CHANNEL, payload: 'reconnecting' },
      { channel: CORE_STATE_CHANNEL, payload: 'ready' },
    ]);
  });

  it('returns a coded error envelope, keeping field and detail, for a core error', async () => {
    const { trusted, failures, relay } = setup();
    failures.set('createMailbox', new ReleveError('VALIDATION', 'Port invalide', { field: 'imap_port', detail: 'must be 1-65535' }));
    const reply = await relay(trusted, 'createMailbox', VALID_ARGS.createMailbox);
    expect(reply).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: 'Port invalide', field: 'imap_port', detail: 'must be 1-65535' },
    });
  });

  it('never leaks the message or stack of an unexpected error', async () => {
    const { trusted, failures, relay } = setup();
    failures.set('getStatus', new TypeError("Cannot read properties of undefined (reading 'secret')"));
    const reply = await relay(trusted, 'getStatus');
    expect(reply).toEqual({ ok: false, error: { code: 'UNKNOWN', message: 'Internal error' } });
  });

  it('refuses calls that do not come from the main frame of our window showing the app page', async () => {
    const { win, trusted, calls, relay } = setup();
    const mailFrame = { url: 'about:srcdoc', parent: win.webContents.mainFrame };
    // Even a frame showing the app page itself is refused: only the top-level page may call.
    const framedApp = { url: page.url, parent: win.webContents.mainFrame };
    const foreign: FakeInvokeEvent[] = [
      { sender: { id: win.webContents.id + 1000 }, senderFrame: win.webContents.mainFrame },
      { sender: trusted.sender, senderFrame: mailFrame },
      { sender: trusted.sender, senderFrame: framedApp },
      { sender: trusted.sender, senderFrame: { url: 'https://evil.example/', parent: null } },
      { sender: trusted.sender, senderFrame: { url: 'file:///tmp/other.html', parent: null } },
      { sender: trusted.sender, senderFrame: null },
    ];
    for (const event of foreign) await expect(relay(event, 'listMailboxes')).rejects.toThrow(/refused/);
    expect(calls).toEqual([]);
    // The same call from the app page goes through.
    await expect(relay(trusted, 'listMailboxes')).resolves.toMatchObject({ ok: true });
  });

  it('refuses everything once the window is destroyed', async () => {
    const { win, trusted, relay } = setup();
    win.destroyed = true;
    await expect(relay(trusted, 'getSettings')).rejects.toThrow(/refused/);
  });

  it('forwards every contract event to the window on its channel', () => {
    const { win, hub } = setup();
    for (const name of EVENT_NAMES) hub.emit(name, { mailbox_id: 7, name } as never);
    expect(win.webContents.sent).toEqual(EVENT_NAMES.map((name) => ({ channel: eventChannel(name), payload: { mailbox_id: 7, name } })));
  });

  it('serves the shell calls and validates setStartAtLogin', async () => {
    const { trusted, shell } = setup();
    expect(await ipcMain.invokeAs(trusted, shellChannel('setStartAtLogin'), true)).toEqual({ ok: true, result: null });
    expect(shell.loginItem).toBe(true);
    expect(await ipcMain.invokeAs(trusted, shellChannel('getStartAtLogin'))).toEqual({ ok: true, result: true });
    expect(await ipcMain.invokeAs(trusted, shellChannel('setStartAtLogin'), 'yes')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'on' },
    });
    expect(shell.loginItem).toBe(true);
    expect(await ipcMain.invokeAs(trusted, shellChannel('getSecretsWarning'))).toEqual({ ok: true, result: 'warning text' });
  });

  it('dispose removes every handler and stops forwarding events', () => {
    const { win, hub, coreState, dispose } = setup();
    expect(hub.count()).toBe(EVENT_NAMES.length);
    expect(coreState.count()).toBe(1);
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
    expect(hub.count()).toBe(0);
    expect(coreState.count()).toBe(0);
    hub.emit('newMail', { mailbox_id: 1, count: 1, latest: [] });
    expect(win.webContents.sent).toEqual([]);
  });
});

describe('isTrustedSender', () => {
  it('accepts the app page with any route and refuses a window that does not exist', () => {
    const win = new FakeBrowserWindow({ width: 1, height: 1 });
    void win.loadURL(page.url);
    const event = { sender: { id: win.webContents.id }, senderFrame: { url: `${page.url}?x=1#/settings`, parent: null } };
    expect(isTrustedSender(event as never, win as unknown as BrowserWindow, page)).toBe(true);
    expect(isTrustedSender(event as never, null, page)).toBe(false);
  });

  it('in development trusts the dev server origin only', () => {
    const dev = appPageFor('/unused', 'http://127.0.0.1:5173/');
    const win = new FakeBrowserWindow({ width: 1, height: 1 });
    const ok = { sender: { id: win.webContents.id }, senderFrame: { url: 'http://127.0.0.1:5173/#/inbox', parent: null } };
    const other = { sender: { id: win.webContents.id }, senderFrame: { url: 'http://127.0.0.1:5174/', parent: null } };
    expect(isTrustedSender(ok as never, win as unknown as BrowserWindow, dev)).toBe(true);
    expect(isTrustedSender(other as never, win as unknown as BrowserWindow, dev)).toBe(false);
  });
});
