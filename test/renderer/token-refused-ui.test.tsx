// A stale bookmark: the server accepts the WebSocket and closes it with 4401, as electron/server does. The
// page must say "token refused" (not "cannot reach Relève"), and stop retrying. Wired as main.tsx does.
import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/features/app/App.js';
import { createReconnectingClient, type SocketLike } from '../../renderer/connection/reconnecting-client.js';
import { ServicesProvider } from '../../renderer/store/services.js';
import { createStores, wireEvents } from '../../renderer/store/stores.js';

/** The server side of a socket: completes the handshake, then closes with `code` (or drops: 1006). */
class ServerSocket implements SocketLike {
  readyState = 0;
  onopen: SocketLike['onopen'] = null;
  onclose: SocketLike['onclose'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onerror: SocketLike['onerror'] = null;
  readonly sent: string[] = [];
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.end(1000);
  }
  accept() {
    this.readyState = 1;
    this.onopen?.({});
  }
  end(code: number, reason = '') {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }
}

function renderBrowserApp() {
  const sockets: ServerSocket[] = [];
  // The first state ("connecting") comes before the stores exist: they start in it anyway (as in main.tsx).
  let stores: ReturnType<typeof createStores> | null = null;
  const client = createReconnectingClient({
    url: 'ws://127.0.0.1:8765/rpc?token=stale',
    createSocket: () => {
      const s = new ServerSocket();
      sockets.push(s);
      return s;
    },
    onState: (s) => stores?.connection.getState().setState(s),
    baseDelayMs: 100,
    maxDelayMs: 1000,
  });
  const created = createStores(client, 'fr', 'connecting');
  stores = created;
  wireEvents(client, created);
  render(
    <ServicesProvider services={{ client, shell: null, stores: created }}>
      <App />
    </ServicesProvider>,
  );
  return { sockets, client };
}

describe('token refused by the server', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('4401 after the handshake: the "token refused" page, in French, and no more attempts', async () => {
    const { sockets, client } = renderBrowserApp();
    await act(async () => {
      sockets[0]!.accept();
      sockets[0]!.end(4401, 'unauthorized');
    });
    expect(screen.getByTestId('token-refused').textContent).toContain('Connectez-vous à Relève');
    expect(screen.queryByTestId('connection-failing')).toBeNull();
    await act(() => vi.advanceTimersByTimeAsync(60_000));
    expect(sockets).toHaveLength(1);
    client.close();
  });

  it('a server that cannot be reached: "cannot reach Relève", and it keeps trying', async () => {
    const { sockets, client } = renderBrowserApp();
    await act(async () => sockets[0]!.end(1006));
    expect(screen.getByTestId('connection-failing').textContent).toContain('Impossible de joindre Relève.');
    expect(screen.queryByTestId('token-refused')).toBeNull();
    await act(() => vi.advanceTimersByTimeAsync(200));
    expect(sockets.length).toBeGreaterThan(1);
    client.close();
  });
});
