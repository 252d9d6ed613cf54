// What only the desktop shell can do, exposed by the preload next to the MailApi bridge.
// In a browser against `releve serve` it is absent, and the renderer hides these settings.
import type { MailApi, Subscribe } from './api.js';

export interface ShellApi {
  readonly isDesktop: true;
  getStartAtLogin(): Promise<boolean>;
  setStartAtLogin(on: boolean): Promise<void>;
  /** A warning to show when passwords fall back to the file key (no OS keyring), else null. */
  getSecretsWarning(): Promise<string | null>;
}

/** The object the preload puts on `window.releve`. */
export interface ReleveBridge {
  api: MailApi;
  on: Subscribe;
  shell: ShellApi;
}

/** IPC channel names derived from the contract, shared by the preload and the main-process host. */
export const invokeChannel = (method: string): string => `releve:call:${method}`;
export const eventChannel = (event: string): string => `releve:event:${event}`;
export const shellChannel = (name: keyof Omit<ShellApi, 'isDesktop'>): string => `releve:shell:${name}`;
