// A listener that must stay silent: remote images and scripts in a mail point at it, and the test reads
// what reached it. TCP connections are counted too, so an https:// URL aimed at it (a TLS handshake it
// cannot answer) still shows up.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

// 1×1 transparent PNG.
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

export interface ProbeServer {
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  readonly port: number;
  /** Paths requested, in order. */
  readonly hits: string[];
  /** TCP connections accepted (includes failed TLS attempts). */
  connections(): number;
  close(): Promise<void>;
}

export async function startProbeServer(): Promise<ProbeServer> {
  const hits: string[] = [];
  let connections = 0;
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(200, { 'Content-Type': 'image/png', 'Cache-Control': 'no-store', 'Access-Control-Allow-Origin': '*' });
    res.end(PIXEL);
  });
  server.on('connection', (socket) => {
    connections++;
    socket.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    hits,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
