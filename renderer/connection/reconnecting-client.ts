// A MailClient over a WebSocket that survives drops: each socket gets its own RPC client (shared/rpc.ts);
// calls made while disconnected wait for the next connection; calls in flight when a socket drops fail
// with CANCELLED (the server may never answer them); event listeners stay registered across sockets.
import { EVENT_NAMES, METHOD_NAMES } from '../../shared/api.js';
import type { MailApi, MailClient, MethodName } from '../../shared/api.js';
import { EventListeners } from '../../shared/listeners.js';
import { createRpcClient, isRpcMessage } from '../../shared/rpc.js';
import type { RpcMessage } from '../../shared/rpc.js';

/**
 * connecting: first attempt; failing: never connected yet and attempts fail (server down: a browser cannot
 * tell a refused upgrade from a dead server); reconnecting: was open, dropped; unauthorized: the server took
 * the socket and closed it with 4401 (wrong or stale token) — it may briefly be "open" before, and nothing
 * sent meanwhile is answered (those calls fail with CANCELLED).
 */
export type ConnectionState = 'connecting' | 'failing' | 'open' | 'reconnecting' | 'unauthorized' | 'closed';

/** The part of the DOM WebSocket we use, so tests can pass their own. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: { code: number; reason?: string }) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export interface ReconnectingClientOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  onState?: (state: ConnectionState) => void;
  /** Called after a reconnection (not the first connection): events may have been missed. */
  onReconnected?: () => void;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

/** Close codes by which the server says the token is refused (policy violation / app-defined 4401). */
const UNAUTHORIZED_CODES = new Set([1008, 4401, 4403]);

export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const exp = Math.min(maxMs, baseMs * 2 ** attempt);
  // Full jitter on the upper half: many tabs do not reconnect in lockstep after a server restart.
  return Math.round(exp / 2 + (random() * exp) / 2);
}

export function createReconnectingClient(opts: ReconnectingClientOptions): MailClient & { close(): void } {
  const createSocket = opts.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  const baseMs = opts.baseDelayMs ?? 500;
  const maxMs = opts.maxDelayMs ?? 15_000;
  const listeners = new EventListeners();
  let current: (MailClient & { dispose(): void }) | null = null;
  let waiters: Array<(c: MailClient) => void> = [];
  let attempt = 0;
  let everOpened = false;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const setState = (s: ConnectionState) => opts.onState?.(s);

  const waitingState = (): ConnectionState => (everOpened ? 'reconnecting' : attempt > 0 ? 'failing' : 'connecting');

  const connect = () => {
    if (stopped) return;
    setState(waitingState());
    let socket: SocketLike;
    try {
      socket = createSocket(opts.url);
    } catch {
      scheduleReconnect();
      return;
    }
    const handlers = new Set<(m: RpcMessage) => void>();
    socket.onmessage = (ev) => {
      if (typeof ev.data !== 'string') return;
      let msg: unknown;
      try {
        msg = JSON.parse(ev.data);
      } catch {
        return;
      }
      if (isRpcMessage(msg)) for (const h of handlers) h(msg);
    };
    socket.onopen = () => {
      const client = createRpcClient({
        send: (m) => socket.send(JSON.stringify(m)),
        onMessage: (h) => {
          handlers.add(h);
          return () => handlers.delete(h);
        },
      });
      for (const event of EVENT_NAMES) {
        client.on(event, (payload) => listeners.emit(event, payload));
      }
      current = client;
      const reconnected = everOpened;
      everOpened = true;
      attempt = 0;
      setState('open');
      const ready = waiters;
      waiters = [];
      for (const w of ready) w(client);
      if (reconnected) opts.onReconnected?.();
    };
    socket.onerror = () => {
      // onclose follows and decides what to do.
    };
    socket.onclose = (ev) => {
      if (current) {
        current.dispose();
        current = null;
      }
      handlers.clear();
      if (stopped) return;
      if (UNAUTHORIZED_CODES.has(ev.code)) {
        stopped = true;
        setState('unauthorized');
        return;
      }
      scheduleReconnect();
    };
  };

  const scheduleReconnect = () => {
    const delay = backoffDelay(attempt++, baseMs, maxMs);
    setState(waitingState());
    timer = setTimeout(() => {
      timer = null;
      connect();
    }, delay);
  };

  const ready = (): Promise<MailClient> =>
    current ? Promise.resolve(current) : new Promise((resolve) => waiters.push(resolve));

  const api = {} as Record<MethodName, (arg: unknown) => Promise<unknown>>;
  for (const method of METHOD_NAMES) {
    api[method] = async (arg: unknown) => {
      const client = await ready();
      const fn = client.api[method] as (a: unknown) => Promise<unknown>;
      return fn.call(client.api, arg);
    };
  }

  connect();
  return {
    api: api as unknown as MailApi,
    on: listeners.on,
    close() {
      stopped = true;
      if (timer) clearTimeout(timer);
      current?.dispose();
      current = null;
      setState('closed');
    },
  };
}
