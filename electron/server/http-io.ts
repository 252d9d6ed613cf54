// Reading JSON bodies and writing JSON answers, with the limits and headers every response shares.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerTextKey } from './server.i18n.js';

export const MAX_BODY_BYTES = 1024 * 1024;
/** Messages to send carry their attachments in base64 (25 MB of files ≈ 34 MB of JSON). */
export const MAX_SEND_BODY_BYTES = 40 * 1024 * 1024;

/** An error of the HTTP layer itself: status, code, and a text key translated when answering. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly textKey: ServerTextKey,
    readonly suffix?: string,
  ) {
    super(textKey);
    this.name = 'HttpError';
  }
}

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const data = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(data.length),
    'Cache-Control': 'no-store',
  });
  res.end(data);
}

/**
 * The JSON object of a POST/PATCH. An empty body is `undefined` (routes like …/sync take none);
 * a non-empty one must be declared as JSON, fit in 1 MB and parse.
 */
export async function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (Number.isFinite(declared) && declared > limit) {
    throw new HttpError(413, 'PAYLOAD_TOO_LARGE', 'tooLarge');
  }
  const raw = await collect(req, limit);
  const size = raw.length;
  if (size === 0) return undefined;
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new HttpError(400, 'VALIDATION', 'wrongContentType');
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'VALIDATION', 'invalidJson');
  }
}

/** A body that must be a JSON object (an absent body counts as `{}` where the route allows it). */
export function asObject(body: unknown, allowEmpty: boolean): Record<string, unknown> {
  if (body === undefined && allowEmpty) return {};
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new HttpError(400, 'VALIDATION', 'bodyNotObject');
  }
  return body as Record<string, unknown>;
}

/**
 * Collects the body. Past the limit the rest is drained and dropped, so the client can still read our 413
 * on the same connection; a client that keeps pushing far beyond it is cut off.
 */
function collect(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > 16 * MAX_BODY_BYTES + limit) req.destroy();
    });
    req.on('end', () => {
      if (size > limit) reject(new HttpError(413, 'PAYLOAD_TOO_LARGE', 'tooLarge'));
      else resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}
