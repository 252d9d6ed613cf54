// `releve serve`: the seed REST API, the WebSocket RPC and the built renderer on one loopback port.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MethodName, ResultOf } from '../../shared/api.js';
import type { Locale } from '../../shared/types.js';
import type { Core, Logger } from '../core/model.js';
import { errorResponse } from './error-response.js';
import { HttpError, MAX_BODY_BYTES, MAX_SEND_BODY_BYTES, SECURITY_HEADERS, readJsonBody, sendJson } from './http-io.js';
import { SEND_BODY_PATHS } from './send-routes.js';
import { bearerToken, isAllowedHostHeader, isLoopbackHost, tokenMatches } from './request-guard.js';
import type { RestContext, RestHandler, RestReply } from './rest-context.js';
import { REST_ROUTES } from './rest-routes.js';
import { validateInLocale } from './rest-validation.js';
import { createRouter } from './router.js';
import { requestLocale } from './server-text.js';
import { createStaticServer } from './static-files.js';
import { createRpcEndpoint, refuse } from './ws-rpc.js';

export interface ServerOptions {
  core: Core;
  host?: string;
  port?: number;
  token: string;
  rendererDir?: string;
  /** Language of answers when the request does not ask for French or English. */
  locale?: Locale;
  /** Required to listen on anything but loopback: the API then answers the whole network. */
  allowRemote?: boolean;
  /** Where unexpected errors are reported (the client only ever sees "Internal error"). */
  logger?: Logger;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 8765;

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopbackHost(host) && !opts.allowRemote) {
    throw new Error(`Refusing to listen on non-loopback host ${host} without allowRemote`);
  }
  const fallbackLocale = opts.locale ?? 'en';
  const route = createRouter<RestHandler>(REST_ROUTES);
  const statics = createStaticServer(opts.rendererDir);
  const rpc = createRpcEndpoint(opts.core, opts.token);

  const server = createServer((req, res) => {
    const locale = requestLocale(req.headers['accept-language'], fallbackLocale);
    handle(req, res, locale).catch((err: unknown) => {
      const { status, body } = errorResponse(err, locale);
      if (status >= 500) {
        opts.logger?.log('error', 'request failed', { method: req.method, path: req.url?.split('?')[0], error: String(err) });
      }
      if (res.headersSent) res.destroy();
      else {
        if (status === 413) res.setHeader('Connection', 'close');
        sendJson(res, status, body);
      }
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse, locale: Locale): Promise<void> {
    // The raw path, not a normalised URL: "/../x" must be seen (and refused) as it was sent.
    const [rawPath = '/', rawQuery = ''] = (req.url ?? '/').split('?', 2);
    if (!isAllowedHostHeader(req.headers.host, host, opts.allowRemote)) throw new HttpError(421, 'FORBIDDEN_HOST', 'forbiddenHost');
    if (rawPath === '/health') {
      sendJson(res, 200, { ok: true });
      return;
    }
    if (rawPath === '/inbox' || rawPath.startsWith('/inbox/')) {
      await handleApi(req, res, rawPath, new URLSearchParams(rawQuery), locale);
      return;
    }
    await statics.handle(req, res, rawPath, locale);
  }

  async function handleApi(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    query: URLSearchParams,
    locale: Locale,
  ): Promise<void> {
    if (!tokenMatches(bearerToken(req.headers.authorization), opts.token)) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      throw new HttpError(401, 'UNAUTHORIZED', 'unauthorized');
    }
    const match = route(req.method ?? 'GET', path);
    if (match.kind === 'none') throw new HttpError(404, 'NOT_FOUND', 'unknownRoute');
    if (match.kind === 'wrong_method') {
      res.setHeader('Allow', match.allowed.join(', '));
      throw new HttpError(405, 'METHOD_NOT_ALLOWED', 'methodNotAllowed');
    }
    let body: Promise<unknown> | undefined;
    const ctx: RestContext = {
      core: opts.core,
      params: match.params,
      query,
      locale,
      body: () => (body ??= readJsonBody(req, SEND_BODY_PATHS.test(path) ? MAX_SEND_BODY_BYTES : MAX_BODY_BYTES)),
      call: async <M extends MethodName>(method: M, arg: unknown) => {
        validateInLocale(method, arg, locale);
        const fn = opts.core.api[method] as (a: unknown) => Promise<ResultOf<M>>;
        return fn.call(opts.core.api, arg);
      },
    };
    writeReply(res, await match.handler(ctx));
  }

  server.on('upgrade', (req: IncomingMessage, socket, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (!isAllowedHostHeader(req.headers.host, host, opts.allowRemote)) return refuse(socket, 421, 'Misdirected Request');
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/rpc') return refuse(socket, 404, 'Not Found');
    rpc.upgrade(req, socket, head, url);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? DEFAULT_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    async close() {
      await rpc.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function writeReply(res: ServerResponse, reply: RestReply): void {
  if ('json' in reply) {
    sendJson(res, reply.status ?? 200, reply.json);
    return;
  }
  res.writeHead(reply.status ?? 200, {
    ...SECURITY_HEADERS,
    ...reply.headers,
    'Content-Length': String(reply.binary.length),
    'Cache-Control': 'no-store',
  });
  res.end(reply.binary);
}

