import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => {
  const fake = await import('./fake-electron.js');
  return { ...fake.electronModule, default: fake.electronModule };
});

import { EVENT_NAMES, METHOD_NAMES } from '../../shared/api.js';
import type { EventName } from '../../shared/api.js';
import { CORE_STATE_CHANNEL, eventChannel, RPC_CHANNEL, shellChannel } from '../../shared/shell.js';
import type { CoreLinkView, RelayedCall, ReleveBridge } from '../../shared/shell.js';
import { contextBridge, ipcMain, ipcRenderer } from './fake-electron.js';

let bridge: ReleveBridge;
const trusted = { sender: { id: 1 }, senderFrame: { url: 'file:///app/index.html', parent: null } };

beforeAll(async () => {
  // The preload exposes its bridge as a side effect of being loaded, as in the real renderer.
  await import('../../electron/preload/preload.js');
  bridge = contextBridge.exposed.get('releve') as ReleveBridge;
});

beforeEach(() => {
  ipcMain.handlers.clear();
  ipcRenderer.invokeCalls = [];
  ipcRenderer.senderEvent = trusted;
});

describe('preload bridge', () => {
  it('exposes exactly window.releve = { api, on, shell } and nothing else', () => {
    expect([...contextBridge.exposed.keys()]).toEqual(['releve']);
    expect(Object.keys(bridge).sort()).toEqual(['api', 'on', 'shell']);
    expect(Object.keys(bridge.api).sort()).toEqual([...METHOD_NAMES].sort());
    for (const m of METHOD_NAMES) expect(typeof bridge.api[m]).toBe('function');
    expect(Object.keys(bridge.shell).sort()).toEqual(['getSecretsWarning', 'getStartAtLogin', 'isDesktop', 'onCoreState', 'setStartAtLogin']);
    expect(bridge.shell.isDesktop).toBe(true);
  });

  it('turns each method call into one invoke on the relay channel naming the method, and unwraps the result', async () => {
    ipcMain.handle(RPC_CHANNEL, (_e, call) => {
      const { method, arg } = call as RelayedCall;
      return { ok: true, result: { echoed: arg, by: method } };
    });
    for (const m of METHOD_NAMES) {
      const call = bridge.api[m] as (arg: unknown) => Promise<unknown>;
      await expect(call({ n: m })).resolves.toEqual({ echoed: { n: m }, by: m });
    }
    expect(ipcRenderer.invokeCalls).toEqual(METHOD_NAMES.map((m) => ({ channel: RPC_CHANNEL, arg: { method: m, arg: { n: m } } })));
  });

  it('tells the page the core process state: the current one at once, then every change', async () => {
    ipcMain.handle(CORE_STATE_CHANNEL, () => ({ ok: true, result: 'reconnecting' }));
    const seen: CoreLinkView[] = [];
    const off = bridge.shell.onCoreState((s) => seen.push(s));
    await new Promise((r) => setTimeout(r, 0));
    ipcRenderer.deliver(CORE_STATE_CHANNEL, 'ready');
    expect(seen).toEqual(['reconnecting', 'ready']);
    off();
    expect(ipcRenderer.listenerCount(CORE_STATE_CHANNEL)).toBe(0);
  });

  it('rejects with the code, message and field of an error envelope', async () => {
    ipcMain.handle(RPC_CHANNEL, () => ({
      ok: false,
      error: { code: 'VALIDATION', message: 'Adresse invalide', field: 'email_address' },
    }));
    const err = await bridge.api.createMailbox({} as never).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toEqual({ name: 'RpcError', code: 'VALIDATION', message: 'Adresse invalide', field: 'email_address' });
  });

  it('rejects a malformed reply instead of passing it on as a result', async () => {
    ipcMain.handle(RPC_CHANNEL, () => ({ locale: 'fr' }));
    await expect(bridge.api.getSettings()).rejects.toMatchObject({ code: 'UNKNOWN' });
  });

  it('subscribes to contract events only, hands over the payload alone, and unsubscribes', () => {
    const received: unknown[] = [];
    const off = bridge.on('newMail', (payload) => received.push(payload));
    expect(ipcRenderer.listenerCount(eventChannel('newMail'))).toBe(1);
    ipcRenderer.deliver(eventChannel('newMail'), { mailbox_id: 3, count: 2, latest: [] });
    expect(received).toEqual([{ mailbox_id: 3, count: 2, latest: [] }]);
    off();
    expect(ipcRenderer.listenerCount(eventChannel('newMail'))).toBe(0);
    ipcRenderer.deliver(eventChannel('newMail'), { mailbox_id: 3, count: 1, latest: [] });
    expect(received).toHaveLength(1);
  });

  it('refuses unknown events, so the page cannot listen on arbitrary channels', () => {
    for (const bad of ['electron-store-get-data', 'releve:call:listMailboxes', '__proto__', 'toString']) {
      expect(() => bridge.on(bad as EventName, () => {})).toThrow(/Unknown event/);
    }
    const total = [...ipcRenderer.listeners.values()].reduce((n, set) => n + set.size, 0);
    expect(total).toBe(0);
    for (const name of EVENT_NAMES) bridge.on(name, () => {})();
  });

  it('shell calls go to their channels; setStartAtLogin sends a strict boolean', async () => {
    ipcMain.handle(shellChannel('getStartAtLogin'), () => ({ ok: true, result: false }));
    ipcMain.handle(shellChannel('setStartAtLogin'), (_e, on) => ({ ok: true, result: on === true ? null : 'not-true' }));
    ipcMain.handle(shellChannel('getSecretsWarning'), () => ({ ok: true, result: null }));
    await expect(bridge.shell.getStartAtLogin()).resolves.toBe(false);
    await expect(bridge.shell.setStartAtLogin(true)).resolves.toBeNull();
    await expect(bridge.shell.getSecretsWarning()).resolves.toBeNull();
  });
});
