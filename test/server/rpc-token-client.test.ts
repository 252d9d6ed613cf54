// The renderer's own WebSocket client (renderer/connection) against the real server: a stale token must end
// in "token refused" (close code 4401) at once and for good, not in endless "cannot reach Relève" retries.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore } from '../../electron/core/create-core.js';
import type { Core } from '../../electron/core/model.js';
import { startServer, type RunningServer } from '../../electron/server/start-server.js';
import { createReconnectingClient, type ConnectionState, type SocketLike } from '../../renderer/connection/reconnecting-client.js';
import { makeTmpDir, type TmpDir } from '../helpers/tmp-dir.js';

const TOKEN = 'client-test-token-0123456789abcdefghijklmnop';

let dir: TmpDir;
let core: Core;
let server: RunningServer;
beforeAll(async () => {
  dir = makeTmpDir('releve-rpc-token-');
  core = createCore({ dataDir: join(dir.path, 'data'), locale: 'en', oauth: { env: {} } });
  server = await startServer({ core, port: 0, token: TOKEN, locale: 'en' });
});
afterAll(async () => {
  await server?.close();
  await core?.close();
  dir?.remove();
});

/** renderer/connection/token.ts rpcUrl (DOM-typed, so not imported under the Node config). */
const rpcUrl = (host: string, token: string) => `ws://${host}/rpc?token=${encodeURIComponent(token)}`;

/** What a browser tab does: the page's own Origin, the token from its address. */
function connect(token: string) {
  const host = `127.0.0.1:${server.port}`;
  const states: ConnectionState[] = [];
  let sockets = 0;
  const client = createReconnectingClient({
    url: rpcUrl(host, token),
    createSocket: (url) => {
      sockets++;
      return new WebSocket(url, { headers: { Origin: `http://${host}` } }) as unknown as SocketLike;
    },
    onState: (s) => states.push(s),
    baseDelayMs: 20,
    maxDelayMs: 50,
  });
  return { client, states, sockets: () => sockets };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('renderer client and the token', () => {
  it('a wrong token: "unauthorized" after one attempt, no retry, no answer', async () => {
    const c = connect('stale-bookmark-token');
    // The handshake completes (that is what lets the page read the close code), so the socket is briefly
    // "open" and this call is sent; it is never answered, and fails when the socket closes.
    const call = c.client.api.listMailboxes();
    await expect(call).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect.poll(() => c.states.at(-1), { timeout: 5000 }).toBe('unauthorized');
    await sleep(300); // several backoff periods
    expect(c.sockets()).toBe(1);
    expect(c.states).toEqual(['connecting', 'open', 'unauthorized']);
    c.client.close();
  });

  it('the right token: open, and calls go through', async () => {
    const c = connect(TOKEN);
    expect(await c.client.api.listMailboxes()).toEqual([]);
    expect(c.states.at(-1)).toBe('open');
    c.client.close();
  });

  it('a dead server is still told apart from a refused token: it keeps retrying', async () => {
    const gone = await startServer({ core, port: 0, token: TOKEN, locale: 'en' });
    const port = gone.port;
    await gone.close();
    const states: ConnectionState[] = [];
    let sockets = 0;
    const client = createReconnectingClient({
      url: rpcUrl(`127.0.0.1:${port}`, TOKEN),
      createSocket: (url) => {
        sockets++;
        const ws = new WebSocket(url);
        ws.on('error', () => {}); // the client's onerror/onclose handle it; keep ws from throwing
        return ws as unknown as SocketLike;
      },
      onState: (s) => states.push(s),
      baseDelayMs: 20,
      maxDelayMs: 50,
    });
    await expect.poll(() => sockets, { timeout: 5000 }).toBeGreaterThanOrEqual(3);
    expect(states).not.toContain('unauthorized');
    expect(states.at(-1)).toBe('failing');
    client.close();
  });
});
