// The desktop app's way to start the core process: Electron's utilityProcess, a Node child that takes V8 flags
// as execArgv (the main process takes them only at launch) and talks over a MessagePort (process.parentPort in
// the child). The host logic around it is electron/core/process/core-host.ts, tested under plain Node.
import { utilityProcess } from 'electron';
import { isCoreToHost } from '../core/process/protocol.js';
import type { CoreChild, SpawnCore } from '../core/process/spawn.js';

export const forkWithUtilityProcess: SpawnCore = (script, args, opts): CoreChild => {
  const child = utilityProcess.fork(script, args, {
    execArgv: opts.execArgv,
    serviceName: 'Relève core',
    stdio: 'inherit',
    ...(opts.env ? { env: opts.env } : {}),
  });
  let exited = false;
  const exitHandlers: Array<(code: number | null) => void> = [];
  child.on('exit', (code: number) => {
    exited = true;
    for (const h of exitHandlers) h(code);
  });
  return {
    get pid() {
      return child.pid;
    },
    send(msg) {
      if (!exited) child.postMessage(msg);
    },
    onMessage(handler) {
      child.on('message', (m: unknown) => {
        if (isCoreToHost(m)) handler(m);
      });
    },
    onExit(handler) {
      exitHandlers.push(handler);
    },
    kill() {
      child.kill();
    },
  };
};
