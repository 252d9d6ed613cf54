// The core process under plain Node: child_process.fork with the same V8 flags the desktop app gives its
// utilityProcess, and structured-clone serialization like a MessagePort.
import { fork } from 'node:child_process';
import type { CoreChild, SpawnCore } from './spawn.js';
import { isCoreToHost } from './protocol.js';

export const forkWithNode: SpawnCore = (script, args, opts): CoreChild => {
  const child = fork(script, args, {
    execArgv: opts.execArgv,
    env: opts.env ?? process.env,
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exitHandlers: Array<(code: number | null) => void> = [];
  let exited = false;
  const gone = (code: number | null) => {
    if (exited) return;
    exited = true;
    for (const h of exitHandlers) h(code);
  };
  child.on('exit', (code) => gone(code));
  // A process that could not even start emits 'error' and maybe never 'exit'.
  child.on('error', () => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) gone(child.exitCode);
  });
  return {
    get pid() {
      return child.pid;
    },
    send(msg) {
      if (child.connected) child.send(msg);
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
      child.kill('SIGKILL');
    },
  };
};
