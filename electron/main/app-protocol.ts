// The renderer is served from app://releve/… (a privileged, standard, secure custom scheme) rather than
// file://: a file:// page is same-origin with every other local file and could be pointed at any of them;
// app:// gives the app its own origin and serves only files inside the built renderer's folder.
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'releve';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** Must run before the app is ready (Electron's rule for privileged schemes). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * The file an app:// URL names inside `rendererDir`, or null: another host, a path escaping the folder
 * (`..`, encoded or not, backslashes, NUL), or a malformed URL. Pure: tested without Electron.
 */
export function resolveAppFile(rendererDir: string, url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (rel.includes('\0') || rel.includes('\\') || rel.split('/').some((seg) => seg === '..')) return null;
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${rel === '/' ? '/index.html' : rel}`);
  return file.startsWith(root + path.sep) ? file : null;
}

/** Serves the built renderer on app://releve/ with the app's CSP; anything else is a 404. */
export function handleAppProtocol(rendererDir: string, csp: string): void {
  protocol.handle(APP_SCHEME, async (request: Request) => {
    const file = resolveAppFile(rendererDir, request.url);
    const common = { 'X-Content-Type-Options': 'nosniff', 'Content-Security-Policy': csp };
    if (!file) return new Response('Not found', { status: 404, headers: common });
    try {
      const body = await readFile(file);
      const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      return new Response(body, { status: 200, headers: { ...common, 'Content-Type': type } });
    } catch {
      return new Response('Not found', { status: 404, headers: common });
    }
  });
}
