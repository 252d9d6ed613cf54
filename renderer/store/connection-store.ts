// State of the link to the core: in Electron "desktop", or "core-restarting" while the app restarts its sync
// engine process; in a browser it follows the WebSocket.
import { createStore } from 'zustand/vanilla';
import type { ConnectionState } from '../connection/reconnecting-client.js';

export type LinkState = ConnectionState | 'desktop' | 'core-restarting';

export interface ConnectionStoreState {
  state: LinkState;
  setState(state: LinkState): void;
}

export function createConnectionStore(initial: LinkState) {
  return createStore<ConnectionStoreState>()((set) => ({
    state: initial,
    setState(state) {
      set({ state });
    },
  }));
}
export type ConnectionStore = ReturnType<typeof createConnectionStore>;
