// WebSocket RPC at /rpc: one serveRpc per connection over the MailApi contract. Browsers cannot set
// headers on a WebSocket, so the token comes in the query (or a Bearer header from scripts); Origin must be
// this server.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket } from 'ws';
import type { RawData } from 'ws';
import { validateArg } from '../../shared/arg-checkers.js';
import { detectLocale } from '../../shared/i18n/index.js';
import { isRpcMessage, serveRpc } from '../../shared/rpc.js';
import type { RpcMessage, Transport } from '../../shared/rpc.js';
import type { Locale } from '../../shared/types.js';
import type { Core } from '../core/model.js';
import { MAX_SEND_BODY_BYTES } from './http-io.js';
import type { AuthThrottle } from './auth-throttle.js';
import { bearerToken, clientKey, isSameOrigin, tokenMatches } from './request-guard.js';

/** Close code of a socket whose token was wrong or missing (4000–4999: application-defined; 401 as in HTTP). */
export const UNAUTHORIZED_CLOSE_CODE = 4401;

export interface RpcEndpoint {
  /**
   * Handles an upgrade whose Host was already checked: a foreign Origin is refused (403) before the upgrade;
   * a wrong or missing token gets the upgrade and an immediate close with 4401, and nothing else.
   */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): void;
  close(): Promise<void>;
}

export function createRpcEndpoint(
  core: Core,
  token: string,
  throttle: AuthThrottle,
  sessionOk: (req: IncomingMessage) => boolean = () => false,
  fallbackLocale: Locale = 'en',
): RpcEndpoint {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_SEND_BODY_BYTES }); // a message to send carries its attachments
  wss.on('connection', (ws: WebSocket, req: IncomingMessage) => {
    // A socket speaks the language its upgrade request asked for; refusals come back worded in it.
    const locale = detectLocale({ acceptLanguage: req.headers['accept-language'], fallback: fallbackLocale });
    const dispose = serveRpc(core.api, core.on, socketTransport(ws), (method, arg) => validateArg(method, arg, locale));
    ws.on('close', dispose);
    ws.on('error', () => ws.terminate());
  });
  return {
    upgrade(req, socket, head, url) {
      if (!isSameOrigin(req.headers.origin, req.headers.host)) return refuse(socket, 403, 'Forbidden');
      const given = url.searchParams.get('token') ?? bearerToken(req.headers.authorization);
      // A browser logged in through a login link carries its session cookie instead of the token.
      const authorized = tokenMatches(given, token) || sessionOk(req);
      if (authorized) {
        wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
        return;
      }
      // Refused tokens wait (auth-throttle.ts) before they learn so; the right token never does.
      void throttle.delayRefusal(clientKey(req)).then((answer) => {
        if (!answer || socket.destroyed) {
          socket.destroy();
          return;
        }
        wss.handleUpgrade(req, socket, head, (ws) => {
          // A browser cannot read the status of a refused upgrade (it looks like a dead server), but it does
          // get the close code: the page can then say "this address's token is refused" instead of retrying.
          // No serveRpc here: not one event or answer goes out on this socket.
          ws.on('error', () => ws.terminate());
          ws.close(UNAUTHORIZED_CLOSE_CODE, 'unauthorized');
        });
      });
    },
    close() {
      for (const client of wss.clients) client.terminate();
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}

function socketTransport(ws: WebSocket): Transport {
  return {
    send(message: RpcMessage) {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
    },
    onMessage(handler) {
      const listener = (data: RawData, isBinary: boolean) => {
        if (isBinary) return;
        let msg: unknown;
        try {
          msg = JSON.parse(rawToString(data));
        } catch {
          return; // malformed frames are ignored, the connection stays usable
        }
        if (isRpcMessage(msg) && msg.t === 'req' && Number.isSafeInteger(msg.id)) handler(msg);
      };
      ws.on('message', listener);
      return () => ws.off('message', listener);
    },
  };
}

function rawToString(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

export function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
