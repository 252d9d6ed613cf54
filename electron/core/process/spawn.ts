// "Start the core process": one small interface, two implementations — Electron's utilityProcess in the
// desktop app (electron/main/core-utility-process.ts) and child_process.fork under plain Node (fork-node.ts) —
// so the host (core-host.ts) and its tests are the same code whichever starts the process.
import type { CoreToHost, HostToCore } from './protocol.js';

export interface CoreChild {
  /** OS process id once started (undefined if it could not start). */
  readonly pid: number | undefined;
  send(msg: HostToCore): void;
  onMessage(handler: (msg: CoreToHost) => void): void;
  /** Called once when the process is gone, whatever the reason (exit, crash, kill -9). */
  onExit(handler: (code: number | null) => void): void;
  /** Ends it at once (SIGKILL-like): used only when a clean close timed out. */
  kill(): void;
}

export interface SpawnOptions {
  /** V8/Node flags for the child (runtime-flags.ts SYNC_V8_FLAGS). */
  execArgv: string[];
  env?: NodeJS.ProcessEnv;
}

export type SpawnCore = (script: string, args: string[], opts: SpawnOptions) => CoreChild;
