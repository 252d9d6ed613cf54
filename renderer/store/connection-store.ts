// State of the link to the core: always "desktop" in Electron; in a browser it follows the WebSocket.
import { createStore } from 'zustand/vanilla';
import type { ConnectionState } from '../connection/reconnecting-client.js';

export type LinkState = ConnectionState | 'desktop';

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
