// A transport-agnostic RPC layer over the MailApi contract (VS Code's channel idea): anything that can
// `send` a JSON-able value and deliver incoming ones (WebSocket, Electron IPC port, worker) carries it.
import { EVENT_NAMES, METHOD_NAMES } from './api.js';
import type { EventName, MailApi, MailClient, MailEvents, MethodName } from './api.js';
import { isErrorCode } from './errors.js';
import { EventListeners } from './listeners.js';
import type { ErrorCode } from './errors.js';

export interface Transport {
  send(message: RpcMessage): void;
  /** Registers the handler for incoming messages; returns an unsubscribe function. */
  onMessage(handler: (message: RpcMessage) => void): () => void;
}

export interface RpcErrorBody {
  code: ErrorCode;
  message: string;
  field?: string;
  detail?: string;
}

export type RpcMessage =
  | { t: 'req'; id: number; method: MethodName; arg: unknown }
  | { t: 'res'; id: number; ok: true; result: unknown }
  | { t: 'res'; id: number; ok: false; error: RpcErrorBody }
  | { t: 'evt'; event: EventName; payload: unknown };

/** Error thrown on the client side when the server answered with an error. */
export class RpcError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly detail: string | undefined;
  constructor(body: RpcErrorBody) {
    super(body.message);
    this.name = 'RpcError';
    this.code = body.code;
    this.field = body.field;
    this.detail = body.detail;
  }
}

export function toErrorBody(err: unknown): RpcErrorBody {
  if (err && typeof err === 'object') {
    const e = err as { code?: unknown; message?: unknown; field?: unknown; detail?: unknown };
    if (isErrorCode(e.code) && typeof e.message === 'string') {
      const body: RpcErrorBody = { code: e.code, message: e.message };
      if (typeof e.field === 'string') body.field = e.field;
      if (typeof e.detail === 'string') body.detail = e.detail;
      return body;
    }
  }
  // Unknown errors never leak a stack trace or internals to a client.
  return { code: 'UNKNOWN', message: 'Internal error' };
}

export function isRpcMessage(v: unknown): v is RpcMessage {
  if (!v || typeof v !== 'object') return false;
  const t = (v as { t?: unknown }).t;
  return t === 'req' || t === 'res' || t === 'evt';
}

export type EventSource = <E extends EventName>(event: E, listener: (payload: MailEvents[E]) => void) => () => void;

/**
 * Serves `api` over a transport and forwards every contract event to it. Returns a dispose function.
 * `validate` runs before each call (shared/arg-checkers.ts in the caller's language); what it throws is the answer.
 */
export function serveRpc(
  api: MailApi,
  on: EventSource,
  transport: Transport,
  validate?: (method: MethodName, arg: unknown) => void,
): () => void {
  const unsubs = EVENT_NAMES.map((event) =>
    on(event, (payload) => transport.send({ t: 'evt', event, payload })),
  );
  const stop = transport.onMessage((msg) => {
    if (msg.t !== 'req') return;
    if (!(METHOD_NAMES as readonly string[]).includes(msg.method)) {
      transport.send({ t: 'res', id: msg.id, ok: false, error: { code: 'NOT_FOUND', message: `Unknown method ${String(msg.method)}` } });
      return;
    }
    const fn = api[msg.method] as (arg: unknown) => Promise<unknown>;
    Promise.resolve()
      .then(() => {
        validate?.(msg.method, msg.arg);
        return fn.call(api, msg.arg);
      })
      .then(
        (result) => transport.send({ t: 'res', id: msg.id, ok: true, result: result === undefined ? null : result }),
        (err: unknown) => transport.send({ t: 'res', id: msg.id, ok: false, error: toErrorBody(err) }),
      );
  });
  return () => {
    stop();
    for (const u of unsubs) u();
  };
}

/** Builds a typed MailClient whose methods are calls over the transport. */
export function createRpcClient(transport: Transport): MailClient & { dispose(): void } {
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  const listeners = new EventListeners();
  const stop = transport.onMessage((msg) => {
    if (msg.t === 'res') {
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(new RpcError(msg.error));
    } else if (msg.t === 'evt') {
      listeners.emit(msg.event, msg.payload as never);
    }
  });
  const api = {} as Record<MethodName, (arg: unknown) => Promise<unknown>>;
  for (const method of METHOD_NAMES) {
    api[method] = (arg: unknown) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        transport.send({ t: 'req', id, method, arg: arg === undefined ? null : arg });
      });
  }
  return {
    api: api as unknown as MailApi,
    on: listeners.on,
    dispose() {
      stop();
      for (const p of pending.values()) p.reject(new RpcError({ code: 'CANCELLED', message: 'Connection closed' }));
      pending.clear();
    },
  };
}
