import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, createReconnectingClient } from '../../renderer/connection/reconnecting-client.js';
import type { ConnectionState, SocketLike } from '../../renderer/connection/reconnecting-client.js';
import { forgetToken, rpcUrl, takeToken } from '../../renderer/connection/token.js';
import { serveRpc } from '../../shared/rpc.js';
import type { RpcMessage } from '../../shared/rpc.js';
import { FakeMailApi } from './fake-api.js';

/** A socket whose other end is the real serveRpc over a FakeMailApi, opened and dropped at will. */
class LoopSocket implements SocketLike {
  readyState = 0;
  onopen: SocketLike['onopen'] = null;
  onclose: SocketLike['onclose'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onerror: SocketLike['onerror'] = null;
  sent: RpcMessage[] = [];
  private serverHandlers = new Set<(m: RpcMessage) => void>();
  private stopServer: (() => void) | null = null;
  /** When false, requests are received but never answered (a server that died mid-call). */
  answer = true;
  constructor(
    readonly url: string,
    private api: FakeMailApi,
  ) {}
  open() {
    this.stopServer = serveRpc(this.api, this.api.on, {
      send: (m) => {
        if (this.readyState === 1 && (this.answer || m.t === 'evt')) this.onmessage?.({ data: JSON.stringify(m) });
      },
      onMessage: (h) => {
        this.serverHandlers.add(h);
        return () => this.serverHandlers.delete(h);
      },
    });
    this.readyState = 1;
    this.onopen?.({});
  }
  send(data: string) {
    const msg = JSON.parse(data) as RpcMessage;
    this.sent.push(msg);
    queueMicrotask(() => {
      for (const h of this.serverHandlers) h(msg);
    });
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.stopServer?.();
    this.onclose?.({ code });
  }
  close() {
    this.drop(1000);
  }
}

describe('reconnecting WebSocket client', () => {
  let api: FakeMailApi;
  let sockets: LoopSocket[];
  let states: ConnectionState[];
  beforeEach(() => {
    vi.useFakeTimers();
    api = new FakeMailApi({ locale: 'en' });
    sockets = [];
    states = [];
  });
  afterEach(() => vi.useRealTimers());

  const make = (onReconnected = () => {}) =>
    createReconnectingClient({
      url: 'ws://127.0.0.1:8765/rpc?token=t',
      createSocket: (url) => {
        const s = new LoopSocket(url, api);
        sockets.push(s);
        return s;
      },
      onState: (s) => states.push(s),
      onReconnected,
      baseDelayMs: 100,
      maxDelayMs: 1000,
    });

  it('calls made before the socket opens wait for it, then go through the real RPC server', async () => {
    const client = make();
    const pending = client.api.getSettings();
    expect(states).toEqual(['connecting']);
    sockets[0]!.open();
    await expect(pending).resolves.toMatchObject({ locale: 'en', notifications: true });
    expect(states.at(-1)).toBe('open');
  });

  it('server errors arrive with their code', async () => {
    const client = make();
    sockets[0]!.open();
    await expect(client.api.getMessage({ id: 999 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(client.api.listMessages({ limit: 100_000 })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('after a drop: pending calls fail with CANCELLED, it reconnects with backoff, listeners survive', async () => {
    const reconnected = vi.fn();
    const client = make(reconnected);
    const events: number[] = [];
    client.on('messagesChanged', (e) => events.push(e.mailbox_id));
    sockets[0]!.open();
    api.emit('messagesChanged', { mailbox_id: 1 });

    sockets[0]!.answer = false;
    const lost = client.api.getStatus();
    await Promise.resolve();
    sockets[0]!.drop();
    await expect(lost).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(states.at(-1)).toBe('reconnecting');

    // A call made while down waits for the next socket.
    const later = client.api.getSettings();
    await vi.advanceTimersByTimeAsync(120);
    expect(sockets).toHaveLength(2);
    sockets[1]!.open();
    await expect(later).resolves.toMatchObject({ locale: 'en' });
    expect(reconnected).toHaveBeenCalledTimes(1);
    expect(states.at(-1)).toBe('open');

    api.emit('messagesChanged', { mailbox_id: 2 });
    expect(events).toEqual([1, 2]);
  });

  it('never connected and failing: says so, and keeps retrying with growing delays', async () => {
    make();
    sockets[0]!.drop();
    expect(states.at(-1)).toBe('failing');
    await vi.advanceTimersByTimeAsync(100);
    expect(sockets).toHaveLength(2);
    sockets[1]!.drop();
    await vi.advanceTimersByTimeAsync(99);
    expect(sockets).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(101);
    expect(sockets).toHaveLength(3);
  });

  it('a close code saying the token is refused stops retrying', async () => {
    make();
    sockets[0]!.drop(4401);
    expect(states.at(-1)).toBe('unauthorized');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sockets).toHaveLength(1);
  });

  it('backoff grows exponentially with jitter and a cap', () => {
    expect(backoffDelay(0, 500, 15_000, () => 0)).toBe(250);
    expect(backoffDelay(0, 500, 15_000, () => 1)).toBe(500);
    expect(backoffDelay(3, 500, 15_000, () => 1)).toBe(4000);
    expect(backoffDelay(20, 500, 15_000, () => 1)).toBe(15_000);
  });
});

describe('access token', () => {
  beforeEach(() => {
    sessionStorage.clear();
    history.replaceState(null, '', '/');
  });

  it('takes the token from the fragment, keeps it in sessionStorage and clears the address bar', () => {
    history.replaceState(null, '', '/index.html?x=1#token=abc%2Bdef');
    const token = takeToken({ location, history, storage: sessionStorage });
    expect(token).toBe('abc+def');
    expect(location.hash).toBe('');
    expect(location.pathname + location.search).toBe('/index.html?x=1');
    expect(sessionStorage.getItem('releve.token')).toBe('abc+def');
    // Reloading the page without the fragment still works.
    expect(takeToken({ location, history, storage: sessionStorage })).toBe('abc+def');
    forgetToken({ storage: sessionStorage });
    expect(takeToken({ location, history, storage: sessionStorage })).toBeNull();
  });

  it('builds the RPC URL on the page’s own host, wss under https', () => {
    expect(rpcUrl({ protocol: 'http:', host: '127.0.0.1:8765' }, 'a b')).toBe('ws://127.0.0.1:8765/rpc?token=a%20b');
    expect(rpcUrl({ protocol: 'https:', host: 'localhost:9000' }, 't')).toBe('wss://localhost:9000/rpc?token=t');
  });
});
