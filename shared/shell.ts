// What only the desktop shell can do, exposed by the preload next to the MailApi bridge.
// In a browser against `releve serve` it is absent, and the renderer hides these settings.
import type { MailApi, Subscribe } from './api.js';

export interface ShellApi {
  readonly isDesktop: true;
  getStartAtLogin(): Promise<boolean>;
  setStartAtLogin(on: boolean): Promise<void>;
  /** A warning to show when passwords fall back to the file key (no OS keyring), else null. */
  getSecretsWarning(): Promise<string | null>;
  /**
   * The sync engine runs in its own process: "reconnecting" while the main process restarts it after a crash,
   * "ready" once calls go through again (the UI then reloads what it shows). Called at once with the current state.
   */
  onCoreState(listener: (state: CoreLinkView) => void): () => void;
}

export type CoreLinkView = 'ready' | 'reconnecting';

/** Shell calls answered by the main process itself (one ipcMain.handle each); onCoreState is a push. */
export type ShellCallName = Exclude<keyof ShellApi, 'isDesktop' | 'onCoreState'>;

/** One MailApi call as the renderer sends it on RPC_CHANNEL. */
export interface RelayedCall {
  method: string;
  arg: unknown;
}

/** The object the preload puts on `window.releve`. */
export interface ReleveBridge {
  api: MailApi;
  on: Subscribe;
  shell: ShellApi;
}

/** IPC channel names derived from the contract, shared by the preload and the main-process host. */
// Every MailApi call travels on one channel: main relays it to the core process (no handler per method).
export const RPC_CHANNEL = 'releve:rpc';
export const CORE_STATE_CHANNEL = 'releve:core-state';
export const eventChannel = (event: string): string => `releve:event:${event}`;
export const shellChannel = (name: ShellCallName): string => `releve:shell:${name}`;
