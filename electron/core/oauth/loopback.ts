// The loopback redirect of an installed app (RFC 8252 §7.3): a one-shot HTTP listener on 127.0.0.1, random
// port, open only while one sign-in waits for the browser to come back. It accepts exactly one redirect that
// carries the flow's `state` (anything else gets a 400 and the wait goes on), then stops listening at once;
// it also stops on timeout or when the flow is cancelled.
import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ReleveError, userError } from '../../../shared/errors.js';
import { translator } from '../../../shared/i18n/index.js';
import type { Locale } from '../../../shared/types.js';
import { LOOPBACK_PAGE } from './oauth.i18n.js';

export interface LoopbackRedirect {
  /** http://127.0.0.1:<port>/ — what the authorization request names as redirect_uri. */
  readonly redirectUri: string;
  readonly port: number;
  /** The redirect URL (code, state, iss or error) once the browser came back with the right state. */
  readonly result: Promise<URL>;
  isListening(): boolean;
  /** Stops waiting; `result` rejects with `reason` unless it already settled. */
  close(reason: ReleveError): void;
}

export interface LoopbackOptions {
  state: string;
  timeoutMs: number;
  locale: Locale;
}

function page(locale: Locale, kind: 'done' | 'refused' | 'invalid'): string {
  const t = translator(LOOPBACK_PAGE, locale);
  const title = t(`${kind}Title`);
  const text = t(`${kind}Text`);
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${title}</title></head>` +
    `<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;line-height:1.5">` +
    `<h1 style="font-size:1.4rem">${title}</h1><p>${text}</p></body></html>`;
}

function sameState(got: string | null, expected: string): boolean {
  if (got === null) return false;
  const a = Buffer.from(got);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function listenForRedirect(opts: LoopbackOptions): Promise<LoopbackRedirect> {
  let settle: { resolve: (u: URL) => void; reject: (e: ReleveError) => void } | null = null;
  const result = new Promise<URL>((resolve, reject) => (settle = { resolve, reject }));
  // The flow may be cancelled before anyone awaits the result.
  result.catch(() => undefined);
  let listening = true;
  let timer: NodeJS.Timeout | undefined;

  const server = http.createServer((req, res) => {
    const send = (status: number, body: string) => {
      res.writeHead(status, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
        'referrer-policy': 'no-referrer',
        connection: 'close',
      });
      res.end(body);
    };
    const url = new URL(req.url ?? '/', redirectUri);
    if (req.method !== 'GET' || url.pathname !== '/') return send(404, page(opts.locale, 'invalid'));
    if (!settle || !sameState(url.searchParams.get('state'), opts.state)) return send(400, page(opts.locale, 'invalid'));
    send(200, page(opts.locale, url.searchParams.has('error') ? 'refused' : 'done'));
    const s = settle;
    stop();
    s.resolve(url);
  });

  const stop = () => {
    settle = null;
    if (timer) clearTimeout(timer);
    if (!listening) return;
    listening = false;
    server.close();
    // Keep-alive sockets would hold the port: the page above is sent with `connection: close` first.
    setImmediate(() => server.closeAllConnections());
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const redirectUri = `http://127.0.0.1:${port}/`;

  timer = setTimeout(() => {
    const s = settle;
    stop();
    s?.reject(new ReleveError('TIMEOUT', userError('TIMEOUT', opts.locale).message, { detail: 'sign-in not finished in time' }));
  }, opts.timeoutMs);
  timer.unref();

  return {
    redirectUri,
    port,
    result,
    isListening: () => listening,
    close(reason) {
      const s = settle;
      stop();
      s?.reject(reason);
    },
  };
}
