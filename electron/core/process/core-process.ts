// Entry of the core process (bundled to dist/electron/core-process.cjs): the desktop app's main process starts
// it with Electron's utilityProcess (so it gets the V8 flags of runtime-flags.ts as execArgv), tests start it
// with child_process.fork. It runs the whole core (IMAP, parse workers, SQLite, scheduler, IDLE) and serves the
// MailApi over shared/rpc.ts on the channel to its parent; secrets of the host's boxes are asked to the parent.
import { serveRpc } from '../../../shared/rpc.js';
import type { RpcMessage } from '../../../shared/rpc.js';
import { createCore } from '../create-core.js';
import type { Core } from '../model.js';
import { HostSecrets } from './host-secret-box.js';
import { isHostToCore } from './protocol.js';
import type { CoreProcessInit, CoreToHost, HostToCore } from './protocol.js';

/** Electron's utilityProcess gives the child `process.parentPort` (a MessagePort); Node's fork gives `process.send`. */
interface ParentPortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
}

interface ParentLink {
  send(msg: CoreToHost): void;
  onMessage(handler: (msg: HostToCore) => void): void;
}

function parentLink(): ParentLink {
  const port = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
  const accept = (handler: (msg: HostToCore) => void) => (data: unknown) => {
    if (isHostToCore(data)) handler(data);
  };
  if (port) {
    return { send: (m) => port.postMessage(m), onMessage: (h) => port.on('message', (e) => accept(h)(e.data)) };
  }
  if (process.send) {
    const send = process.send.bind(process);
    return { send: (m) => void send(m), onMessage: (h) => process.on('message', accept(h)) };
  }
  throw new Error('the core process must be started by its host (utilityProcess or child_process.fork)');
}

function readInit(): CoreProcessInit {
  const raw = process.argv[2];
  if (!raw) throw new Error('usage: core-process <init JSON>');
  return JSON.parse(raw) as CoreProcessInit;
}

const link = parentLink();
const init = readInit();
const hostSecrets = new HostSecrets((m) => link.send(m));
const preferred = init.hostBoxes.find((b) => b.kind === init.preferredBox);
function startCore(): Core | null {
  try {
    return createCore({
      dataDir: init.dataDir,
      // The core keeps its own file-key box as a fallback (create-core.ts): only the host's box crosses over.
      ...(preferred ? { secrets: hostSecrets.box(preferred.kind, preferred.available) } : {}),
      ...(init.locale ? { locale: init.locale } : {}),
      ...(init.tlsCa ? { tlsCa: init.tlsCa } : {}),
      ...(init.idle === false ? { idle: false as const } : {}),
      ...(init.maxConcurrency ? { maxConcurrency: init.maxConcurrency } : {}),
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`releve core: cannot start: ${message}\n`);
    // The host ends us once it has the reason (an exit now could drop the message); this is the fallback.
    link.send({ k: 'failed', message });
    setTimeout(() => process.exit(1), 5_000);
    return null;
  }
}

function serve(core: Core): void {
  const rpcHandlers = new Set<(m: RpcMessage) => void>();
  serveRpc(core.api, core.on, {
    send: (m) => link.send({ k: 'rpc', m }),
    onMessage: (h) => {
      rpcHandlers.add(h);
      return () => rpcHandlers.delete(h);
    },
  });

  let closing = false;
  const closeAndExit = async (): Promise<void> => {
    if (closing) return;
    closing = true;
    try {
      await core.close();
    } finally {
      try {
        link.send({ k: 'closed' });
      } catch {
        // the parent is gone
      }
      process.exit(0);
    }
  };

  link.onMessage((msg) => {
    if (hostSecrets.receive(msg)) return;
    if (msg.k === 'rpc') for (const h of rpcHandlers) h(msg.m);
    else if (msg.k === 'start-scheduler') core.startScheduler();
    else if (msg.k === 'close') void closeAndExit();
  });
  // Forked by Node: a parent that dies closes the pipe; the core stops at a batch boundary rather than run orphaned.
  process.on('disconnect', () => void closeAndExit());
  link.send({ k: 'ready' });
}

const core = startCore();
if (core) serve(core);
