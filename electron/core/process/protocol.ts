// What the host (the desktop app's main process, or a test under plain Node) and the core process say to each
// other over their one channel (utilityProcess's MessagePort, or child_process's IPC pipe). The MailApi itself
// travels as shared/rpc.ts frames inside `rpc` envelopes; the rest is the little the host alone can do for
// the core: open and seal secrets with the OS keychain, start the scheduler, stop cleanly.
import type { RpcErrorBody, RpcMessage } from '../../../shared/rpc.js';
import type { Locale } from '../../../shared/types.js';

/** Given to the core process as its one argument (JSON): what createCore needs, minus what only the host has. */
export interface CoreProcessInit {
  dataDir: string;
  locale?: Locale;
  /** Secret boxes the host keeps (safeStorage), by kind, and whether each can be used. */
  hostBoxes: Array<{ kind: string; available: boolean }>;
  /** Kind new secrets are sealed with: one of hostBoxes, or "file" (the core's own file-key box). */
  preferredBox: string;
  /** Extra CA certificates (PEM), as CoreOptions.tlsCa. */
  tlsCa?: string[];
  /** CoreOptions.idle: false turns the listening connections off (tests). */
  idle?: false;
  maxConcurrency?: number;
}

export type SecretOp = 'encrypt' | 'decrypt';

export type HostToCore =
  | { k: 'rpc'; m: RpcMessage }
  | { k: 'secret-res'; id: number; ok: true; value: string }
  | { k: 'secret-res'; id: number; ok: false; error: RpcErrorBody }
  | { k: 'start-scheduler' }
  | { k: 'close' };

export type CoreToHost =
  | { k: 'rpc'; m: RpcMessage }
  /** encrypt: `data` is the plain text, the answer base64; decrypt: `data` is base64, the answer plain text. */
  | { k: 'secret-req'; id: number; op: SecretOp; kind: string; data: string }
  | { k: 'ready' }
  /** The core could not start (createCore threw): why, for the host's startup error. */
  | { k: 'failed'; message: string }
  | { k: 'closed' };

function kindOf(v: unknown): unknown {
  return v && typeof v === 'object' ? (v as { k?: unknown }).k : undefined;
}

export function isHostToCore(v: unknown): v is HostToCore {
  const k = kindOf(v);
  return k === 'rpc' || k === 'secret-res' || k === 'start-scheduler' || k === 'close';
}

export function isCoreToHost(v: unknown): v is CoreToHost {
  const k = kindOf(v);
  return k === 'rpc' || k === 'secret-req' || k === 'ready' || k === 'failed' || k === 'closed';
}
