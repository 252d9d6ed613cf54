// `releve serve`: the seed REST API, the WebSocket RPC and the built renderer on one loopback port.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MethodName, ResultOf } from '../../shared/api.js';
import { detectLocale, translator } from '../../shared/i18n/index.js';
import type { Locale } from '../../shared/types.js';
import type { Core, Logger } from '../core/model.js';
import { errorResponse } from './error-response.js';
import { HttpError, MAX_BODY_BYTES, MAX_SEND_BODY_BYTES, SECURITY_HEADERS, readJsonBody, sendJson } from './http-io.js';
import { SEND_BODY_PATHS } from './send-routes.js';
import { AuthThrottle } from './auth-throttle.js';
import { bearerToken, clientKey, isAllowedHostHeader, isLoopbackHost, isSameOrigin, tokenMatches } from './request-guard.js';
import type { RestContext, RestReply, RestRoute } from './rest-context.js';
import { REST_ROUTES } from './rest-routes.js';
import { createRouter } from './router.js';
import { SERVER_TEXT } from './server.i18n.js';
import { appVersion } from '../core/app-version.js';
import { buildOpenApi } from './openapi/document.js';
import { createStaticServer } from './static-files.js';
import { CLEAR_SESSION_COOKIE, WebSessions, sessionCookie, sessionFromCookie } from './web-session.js';
import { createRpcEndpoint, refuse } from './ws-rpc.js';
import { validateArg } from '../../shared/arg-checkers.js';

export interface ServerOptions {
  core: Core;
  host?: string;
  port?: number;
  token: string;
  /** Slows down refused tokens (default: a new AuthThrottle). */
  authThrottle?: AuthThrottle;
  rendererDir?: string;
  /** Language of answers when the request does not ask for French or English. */
  locale?: Locale;
  /** Required to listen on anything but loopback: the API then answers the whole network. */
  allowRemote?: boolean;
  /** Where unexpected errors are reported (the client only ever sees "Internal error"). */
  logger?: Logger;
  /** Web-interface sessions (login link + cookie); kept in this folder across restarts when given. */
  dataDir?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  /** A one-time link that logs a browser in (session cookie), valid 10 minutes. */
  loginLink(): { url: string; expires_at: string };
  close(): Promise<void>;
}

export const DEFAULT_PORT = 8765;

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopbackHost(host) && !opts.allowRemote) {
    throw new Error(`Refusing to listen on non-loopback host ${host} without allowRemote`);
  }
  const fallbackLocale = opts.locale ?? 'en';
  // The router hands back the whole route: its `calls` are checked again at dispatch (below).
  const route = createRouter<RestRoute>(REST_ROUTES.map((r) => ({ ...r, handler: r })));
  // Built once from the live route table (test/server/openapi.test.ts keeps every route described).
  const openApi = buildOpenApi(REST_ROUTES, appVersion());
  const statics = createStaticServer(opts.rendererDir);
  const throttle = opts.authThrottle ?? new AuthThrottle();
  const sessions = new WebSessions(opts.dataDir ?? null);
  // A browser's session cookie stands for the token; the WebSocket endpoint checks the Origin itself.
  const rpc = createRpcEndpoint(opts.core, opts.token, throttle, (req) => sessions.valid(sessionFromCookie(req.headers.cookie)), fallbackLocale);
  let baseUrl = '';
  const loginLink = () => {
    const { code, expires_at } = sessions.issueCode();
    return { url: `${baseUrl}/login?code=${code}`, expires_at };
  };

  const server = createServer((req, res) => {
    const locale = detectLocale({ acceptLanguage: req.headers['accept-language'], fallback: fallbackLocale });
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
    if (rawPath === '/login' && (req.method === 'GET' || req.method === 'HEAD')) {
      const id = sessions.redeem(new URLSearchParams(rawQuery).get('code') ?? '');
      if (!id) {
        // Guessing codes is throttled like guessing tokens.
        if (!(await throttle.delayRefusal(clientKey(req)))) return void req.socket.destroy();
        return sendLoginExpired(res, locale);
      }
      // 303 to the app: the code leaves the address bar and the history at once.
      res.writeHead(303, { ...SECURITY_HEADERS, Location: '/', 'Set-Cookie': sessionCookie(id), 'Cache-Control': 'no-store' });
      res.end();
      return;
    }
    if (rawPath === '/logout' && req.method === 'POST') {
      if (!isSameOrigin(req.headers.origin ?? 'null', req.headers.host)) throw new HttpError(403, 'FORBIDDEN_ORIGIN', 'forbiddenOrigin');
      sessions.revoke(sessionFromCookie(req.headers.cookie));
      res.writeHead(204, { ...SECURITY_HEADERS, 'Set-Cookie': CLEAR_SESSION_COOKIE, 'Cache-Control': 'no-store' });
      res.end();
      return;
    }
    // The API's description holds nothing private: tools read it without the token.
    if (rawPath === '/openapi.json') {
      sendJson(res, 200, openApi);
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
      if (!sessions.valid(sessionFromCookie(req.headers.cookie))) {
        // Refused tokens wait (auth-throttle.ts) before they learn so; the right token never does.
        if (!(await throttle.delayRefusal(clientKey(req)))) {
          req.socket.destroy();
          return;
        }
        res.setHeader('WWW-Authenticate', 'Bearer');
        throw new HttpError(401, 'UNAUTHORIZED', 'unauthorized');
      }
      // Cookie-authenticated changes must come from our own page (CSRF): browsers send Origin on them.
      const safe = req.method === 'GET' || req.method === 'HEAD';
      if (!safe && !isSameOrigin(req.headers.origin ?? 'null', req.headers.host)) throw new HttpError(403, 'FORBIDDEN_ORIGIN', 'forbiddenOrigin');
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
      loginLink,
      call: async <M extends MethodName>(method: M, arg: unknown) => {
        // A route calling a method it does not declare slipped past the compiler (a cast): refuse, never guess.
        if (!match.handler.calls.includes(method)) throw new Error(`REST route ${path} does not declare ${method}`);
        validateArg(method, arg, locale);
        const fn = opts.core.api[method] as (a: unknown) => Promise<ResultOf<M>>;
        return fn.call(opts.core.api, arg);
      },
    };
    writeReply(res, await match.handler.handler(ctx));
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
  baseUrl = `http://${urlHost}:${port}`;
  return {
    url: baseUrl,
    port,
    loginLink,
    async close() {
      await rpc.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function sendLoginExpired(res: ServerResponse, locale: Locale): void {
  const esc = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const t = translator(SERVER_TEXT, locale);
  const html = `<!doctype html><html lang="${locale}"><meta charset="utf-8"><title>${esc(t('loginExpiredTitle'))}</title><body style="font-family:sans-serif;max-width:36em;margin:4em auto"><h1>${esc(t('loginExpiredTitle'))}</h1><p>${esc(t('loginExpired'))}</p></body></html>`;
  const data = Buffer.from(html, 'utf8');
  res.writeHead(401, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': String(data.length),
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
  });
  res.end(data);
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

