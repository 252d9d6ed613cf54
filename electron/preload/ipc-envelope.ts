// What every IPC handler of the shell returns. ipcMain.handle turns a thrown error into a bare message (its
// code and field are lost), so errors travel as data and the preload turns them back into a rejection.
import type { RpcErrorBody } from '../../shared/rpc.js';

export type IpcEnvelope<T = unknown> = { ok: true; result: T } | { ok: false; error: RpcErrorBody };

/**
 * The rejection value a bridge call settles with on failure. A plain object on purpose: contextBridge copies
 * an Error across worlds with its message only, while a plain object arrives whole (code, field, detail).
 * The renderer may wrap it in shared/rpc.ts's RpcError.
 */
export interface BridgeRejection extends RpcErrorBody {
  name: 'RpcError';
}

export function isIpcEnvelope(v: unknown): v is IpcEnvelope {
  if (!v || typeof v !== 'object') return false;
  const e = v as { ok?: unknown; error?: unknown };
  if (e.ok === true) return 'result' in e;
  return e.ok === false && !!e.error && typeof e.error === 'object';
}

/** Result of a successful envelope, or throws the BridgeRejection of a failed one (or of a malformed reply). */
export function unwrapEnvelope<T>(reply: unknown): T {
  if (!isIpcEnvelope(reply)) {
    const rejection: BridgeRejection = { name: 'RpcError', code: 'UNKNOWN', message: 'Malformed reply from the app' };
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- see BridgeRejection: a plain object on purpose
    throw rejection;
  }
  if (reply.ok) return reply.result as T;
  const { code, message, field, detail } = reply.error;
  const rejection: BridgeRejection = { name: 'RpcError', code, message };
  if (field !== undefined) rejection.field = field;
  if (detail !== undefined) rejection.detail = detail;
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- see BridgeRejection: a plain object on purpose
  throw rejection;
}
