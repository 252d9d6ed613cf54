// Serves the built renderer (dist/renderer) with the same CSP as its <meta>, refusing any path that
// escapes the folder, and falling back to index.html for client-side routes.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { say } from '../../shared/i18n/index.js';
import type { Locale } from '../../shared/types.js';
import { SECURITY_HEADERS } from './http-io.js';
import { SERVER_TEXT } from './server.i18n.js';

export const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../dist/renderer', import.meta.url));

export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https: http:",
  "connect-src 'self' ws: wss:",
  "frame-src 'self' about: data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

const PAGE_HEADERS = { ...SECURITY_HEADERS, 'Content-Security-Policy': RENDERER_CSP };

export interface StaticServer {
  handle(req: IncomingMessage, res: ServerResponse, pathname: string, locale: Locale): Promise<void>;
}

export function createStaticServer(rendererDir: string = DEFAULT_RENDERER_DIR): StaticServer {
  const root = resolve(rendererDir);
  return {
    async handle(req, res, pathname, locale) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { ...PAGE_HEADERS, Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
        res.end();
        return;
      }
      const rootReal = await realpath(root).catch(() => null);
      if (!rootReal) return notBuilt(res, locale);
      const decoded = safeDecode(pathname);
      // Encoded or literal "..", backslashes and NUL never reach the file system.
      if (decoded === null || decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').includes('..')) {
        res.writeHead(400, { ...PAGE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Bad request');
        return;
      }
      const file = await findFile(rootReal, decoded);
      if (file) return sendFile(req, res, file.path, file.size);
      // A missing asset is a 404; anything else is a client-side route of the single-page app.
      if (extname(decoded) !== '' && extname(decoded) !== '.html') {
        res.writeHead(404, { ...PAGE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Not found');
        return;
      }
      const index = await findFile(rootReal, '/index.html');
      if (!index) return notBuilt(res, locale);
      return sendFile(req, res, index.path, index.size);
    },
  };
}

function safeDecode(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return null;
  }
}

/** The regular file at `rel` (or its index.html), only if its real path stays inside the root. */
async function findFile(rootReal: string, rel: string): Promise<{ path: string; size: number } | null> {
  const candidate = join(rootReal, rel);
  for (const p of [candidate, join(candidate, 'index.html')]) {
    const real = await realpath(p).catch(() => null);
    if (!real || (real !== rootReal && !real.startsWith(rootReal + sep))) continue;
    const info = await stat(real).catch(() => null);
    if (info?.isFile()) return { path: real, size: info.size };
  }
  return null;
}

function sendFile(req: IncomingMessage, res: ServerResponse, path: string, size: number): void {
  const type = CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
  // Vite's hashed assets never change; index.html must be re-read to pick up a new build.
  const cache = path.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
  res.writeHead(200, { ...PAGE_HEADERS, 'Content-Type': type, 'Content-Length': String(size), 'Cache-Control': cache });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(path)
    .on('error', () => res.destroy())
    .pipe(res);
}

function notBuilt(res: ServerResponse, locale: Locale): void {
  const text = say(locale, SERVER_TEXT.notBuilt);
  const html = `<!doctype html><html lang="${locale}"><meta charset="utf-8"><title>Relève</title><p>${text}</p></html>`;
  res.writeHead(200, { ...PAGE_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(html);
}
