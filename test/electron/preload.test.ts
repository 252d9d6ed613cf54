import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => {
  const fake = await import('./fake-electron.js');
  return { ...fake.electronModule, default: fake.electronModule };
});

import { EVENT_NAMES, METHOD_NAMES } from '../../shared/api.js';
import type { EventName } from '../../shared/api.js';
import { eventChannel, invokeChannel, shellChannel } from '../../shared/shell.js';
import type { ReleveBridge } from '../../shared/shell.js';
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
    expect(Object.keys(bridge.shell).sort()).toEqual(['getSecretsWarning', 'getStartAtLogin', 'isDesktop', 'setStartAtLogin']);
    expect(bridge.shell.isDesktop).toBe(true);
  });

  it('turns each method call into one invoke on its channel and unwraps the result', async () => {
    for (const m of METHOD_NAMES) {
      ipcMain.handle(invokeChannel(m), (_e, arg) => ({ ok: true, result: { echoed: arg, by: m } }));
    }
    for (const m of METHOD_NAMES) {
      const call = bridge.api[m] as (arg: unknown) => Promise<unknown>;
      await expect(call({ n: m })).resolves.toEqual({ echoed: { n: m }, by: m });
    }
    expect(ipcRenderer.invokeCalls.map((c) => c.channel)).toEqual(METHOD_NAMES.map((m) => invokeChannel(m)));
  });

  it('rejects with the code, message and field of an error envelope', async () => {
    ipcMain.handle(invokeChannel('createMailbox'), () => ({
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
    ipcMain.handle(invokeChannel('getSettings'), () => ({ locale: 'fr' }));
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
