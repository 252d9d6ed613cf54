// Who may talk to the server: the Host header must name this machine (DNS-rebinding defence), REST calls
// carry the Bearer token, WebSocket upgrades carry it in the query and come from our own origin.
import { timingSafeEqual, createHash } from 'node:crypto';
import { isIP } from 'node:net';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1']);

export function isLoopbackHost(host: string): boolean {
  const h = stripBrackets(host.toLowerCase());
  if (LOOPBACK_NAMES.has(h)) return true;
  // The whole 127.0.0.0/8 block is loopback.
  return isIP(h) === 4 && h.startsWith('127.');
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** Host name of a Host header value ("127.0.0.1:8765", "[::1]:8765", "localhost"), lower-case, no port. */
export function hostNameOf(hostHeader: string): string {
  const v = hostHeader.trim().toLowerCase();
  if (v.startsWith('[')) {
    const end = v.indexOf(']');
    return end === -1 ? v : v.slice(1, end);
  }
  const colon = v.indexOf(':');
  return colon === -1 ? v : v.slice(0, colon);
}

/**
 * A browser tricked by DNS rebinding sends the attacker's name in Host: only loopback names, and the host
 * the server was explicitly bound to, are accepted. When remote access was allowed, any IP literal is too:
 * rebinding needs a DNS name the attacker controls, never a bare address.
 */
export function isAllowedHostHeader(hostHeader: string | undefined, boundHost: string, allowRemote = false): boolean {
  if (!hostHeader) return false;
  const name = hostNameOf(hostHeader);
  if (!name) return false;
  if (isLoopbackHost(name)) return true;
  if (allowRemote && isIP(name) !== 0) return true;
  const bound = stripBrackets(boundHost.toLowerCase());
  return bound !== '0.0.0.0' && bound !== '::' && name === bound;
}

/** Constant-time comparison: hashing first makes both sides the same length whatever was sent. */
export function tokenMatches(given: string | undefined | null, expected: string): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

export function bearerToken(authorization: string | undefined): string | null {
  if (!authorization) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  return m?.[1] ?? null;
}

/**
 * Browsers always send Origin on a WebSocket handshake; it must be this very server (scheme + Host).
 * Non-browser clients (scripts, tests) send none and are trusted on their token alone.
 */
export function isSameOrigin(origin: string | undefined, hostHeader: string | undefined): boolean {
  if (origin === undefined) return true;
  if (!hostHeader) return false;
  try {
    const o = new URL(origin);
    return (o.protocol === 'http:' || o.protocol === 'https:') && o.host === new URL(`http://${hostHeader}`).host;
  } catch {
    return false;
  }
}

/** Who a request comes from, for the refused-token slowdown (auth-throttle.ts): its peer address. */
export function clientKey(req: { socket: { remoteAddress?: string | undefined } }): string {
  return req.socket.remoteAddress ?? 'unknown';
}
