// The whole surface the renderer gets in the desktop app: `window.releve` = { api, on, shell }, derived from
// the contract lists so nothing else (no ipcRenderer, no generic send) ever reaches the page. Every API call
// goes on the one relay channel, which main forwards to the core process. Runs in a sandboxed preload, hence
// bundled to one CJS file with only `electron` left as a require.
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { EVENT_NAMES, METHOD_NAMES } from '../../shared/api.js';
import type { EventName, MailApi, MailEvents, Subscribe } from '../../shared/api.js';
import { CORE_STATE_CHANNEL, eventChannel, RPC_CHANNEL, shellChannel } from '../../shared/shell.js';
import type { CoreLinkView, RelayedCall, ReleveBridge, ShellApi } from '../../shared/shell.js';
import { unwrapEnvelope } from './ipc-envelope.js';

async function call<T>(channel: string, arg?: unknown): Promise<T> {
  return unwrapEnvelope<T>(await ipcRenderer.invoke(channel, arg));
}

const api = Object.fromEntries(
  METHOD_NAMES.map((method) => [method, (arg: unknown) => call(RPC_CHANNEL, { method, arg } satisfies RelayedCall)]),
) as unknown as MailApi;

const knownEvents: ReadonlySet<string> = new Set(EVENT_NAMES);

const on: Subscribe = <E extends EventName>(event: E, listener: (payload: MailEvents[E]) => void) => {
  if (!knownEvents.has(event)) throw new Error(`Unknown event: ${String(event)}`);
  if (typeof listener !== 'function') throw new Error('Listener must be a function');
  // The IpcRendererEvent (with its sender) never reaches the page: only the payload does.
  const handler = (_e: IpcRendererEvent, payload: MailEvents[E]) => listener(payload);
  const channel = eventChannel(event);
  ipcRenderer.on(channel, handler);
  return () => {
    ipcRenderer.removeListener(channel, handler);
  };
};

const shell: ShellApi = {
  isDesktop: true,
  getStartAtLogin: () => call<boolean>(shellChannel('getStartAtLogin')),
  setStartAtLogin: (enabled: boolean) => call<void>(shellChannel('setStartAtLogin'), enabled === true),
  getSecretsWarning: () => call<string | null>(shellChannel('getSecretsWarning')),
  onCoreState(listener) {
    if (typeof listener !== 'function') throw new Error('Listener must be a function');
    const handler = (_e: IpcRendererEvent, state: CoreLinkView) => listener(state);
    ipcRenderer.on(CORE_STATE_CHANNEL, handler);
    // The state may have changed before the page subscribed: ask once.
    void call<CoreLinkView>(CORE_STATE_CHANNEL).then(listener, () => {});
    return () => {
      ipcRenderer.removeListener(CORE_STATE_CHANNEL, handler);
    };
  },
};

const bridge = { api, on, shell } satisfies ReleveBridge;

contextBridge.exposeInMainWorld('releve', bridge);
