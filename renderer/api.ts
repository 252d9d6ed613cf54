// Where the renderer's MailClient comes from: the Electron preload bridge (window.releve), or a WebSocket
// to `releve serve` authenticated by its session cookie (login link) or a token from the URL fragment.
import type { MailClient } from '../shared/api.js';
import type { ReleveBridge, ShellApi } from '../shared/shell.js';
import { createReconnectingClient } from './connection/reconnecting-client.js';
import type { ConnectionState } from './connection/reconnecting-client.js';
import { rpcUrl, takeToken } from './connection/token.js';

export type AppConnection =
  | { kind: 'desktop'; client: MailClient; shell: ShellApi }
  | {
      kind: 'web';
      client: MailClient;
      shell: null;
      /** Subscribes to connection state changes (for the "connection lost" banner). */
      onState(listener: (s: ConnectionState) => void): () => void;
      onReconnected(listener: () => void): () => void;
    };

function bridge(): ReleveBridge | undefined {
  return (window as unknown as { releve?: ReleveBridge }).releve;
}

export function pickConnection(): AppConnection {
  const b = bridge();
  if (b) return { kind: 'desktop', client: { api: b.api, on: b.on }, shell: b.shell };
  // A token from the address (scripts, older links) or none: then the session cookie of a login link speaks,
  // and a server that refuses both answers 4401, which shows the "how to log in" page.
  const token = takeToken({ location: window.location, history: window.history, storage: window.sessionStorage });
  const stateListeners = new Set<(s: ConnectionState) => void>();
  const reconnectListeners = new Set<() => void>();
  let last: ConnectionState = 'connecting';
  const client = createReconnectingClient({
    url: rpcUrl(window.location, token),
    onState: (s) => {
      last = s;
      for (const l of stateListeners) l(s);
    },
    onReconnected: () => {
      for (const l of reconnectListeners) l();
    },
  });
  return {
    kind: 'web',
    client,
    shell: null,
    onState(listener) {
      stateListeners.add(listener);
      listener(last);
      return () => stateListeners.delete(listener);
    },
    onReconnected(listener) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
  };
}
