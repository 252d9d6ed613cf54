// Turns whatever an IMAP connection, Node's network stack or SQLite threw into one of our error codes and a
// short technical detail that is safe to store, show and log (never a password or a credential-bearing
// command).
import os from 'node:os';
import { ReleveError, isDiskFullCode, isErrorCode, userError, type ErrorCode } from '../../../shared/errors.js';
import type { Locale, UserError } from '../../../shared/types.js';
import { redact } from '../secrets/redact.js';

export interface ClassifiedError {
  code: ErrorCode;
  detail: string;
  certFingerprint?: string;
}

export interface ClassifyContext {
  /** The IMAP host, for provider-specific readings (Microsoft's password ban). */
  host?: string;
  /** Strings that must never appear in `detail` (the password, the user's credentials). */
  secrets?: string[];
  /**
   * Is the machine on a network at all? Tells "no network" from "this server name does not exist" (default:
   * some non-loopback interface has an address). Injected by tests.
   */
  networkUp?: () => boolean;
}

/** Some interface other than loopback has an address: the machine is at least plugged into a network. */
export function hasNetworkInterface(): boolean {
  return Object.values(os.networkInterfaces()).some((list) => (list ?? []).some((a) => !a.internal));
}

/** The resolver could not be reached at all (not "no such name"): what an offline machine gets. */
const RESOLVER_UNREACHABLE = new Set(['EAI_AGAIN']);
/** A valid certificate for another name: the server name is the thing to check. */
const CERT_NAME_CODES = new Set(['ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH']);

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA', 'ENODATA', 'ESERVFAIL']);
const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'EHOSTDOWN', 'ENETUNREACH', 'ENETDOWN', 'EPIPE',
  'ECONNABORTED', 'EADDRNOTAVAIL', 'NoConnection', 'EConnectionClosed', 'ClosedAfterConnectText',
  'ClosedAfterConnectTLS', 'StateLogout', 'ERR_SOCKET_CLOSED', 'ERR_STREAM_DESTROYED', 'ProxyError', 'EPROXY',
]);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ETIMEOUT', 'CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT', 'LockTimeout', 'ERR_SOCKET_CONNECTION_TIMEOUT']);
const CERT_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_UNTRUSTED', 'CERT_REJECTED', 'CERT_REVOKED', 'CERT_SIGNATURE_FAILURE',
  'HOSTNAME_MISMATCH', 'INVALID_CA', 'CERT_CHAIN_TOO_LONG', 'PATH_LENGTH_EXCEEDED', 'INVALID_PURPOSE',
]);
const PROTOCOL_CODES = new Set([
  'UnexpectedTag', 'MissingTag', 'InvalidResponse', 'ResponseProcessingFailed', 'LineTooLarge', 'LiteralTooLarge',
  'ResponseTooLarge', 'TooManyTokens', 'TooManyResponses', 'MAX_IMAP_NESTING_REACHED', 'MissingServerExtension',
  'COMPRESS_TRAILING_DATA', 'InvalidStringValue', 'InvalidTokenValue', 'InvalidTextValue', 'ETHROTTLE',
]);
/** Hosts where Microsoft refuses every password login (basic auth retired): an AUTH failure there means OAuth2. */
const MICROSOFT_HOSTS = /(^|\.)(outlook\.office365\.com|outlook\.office\.com|imap-mail\.outlook\.com|outlook\.live\.com|imap\.outlook\.com|hotmail\.com|live\.com)$/i;

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  errno?: unknown;
  authenticationFailed?: unknown;
  serverResponseCode?: unknown;
  responseText?: unknown;
  response?: unknown;
  responseStatus?: unknown;
  tlsFailed?: unknown;
  mailboxMissing?: unknown;
  reason?: unknown;
  errors?: unknown;
  cause?: unknown;
  _err?: unknown;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/**
 * redact() (every escaped form of a secret) plus what is particular to IMAP text: the base64 form a secret
 * takes in AUTHENTICATE PLAIN, the arguments of a LOGIN / AUTHENTICATE that slipped into a message, and a
 * bounded length for details shown to the user.
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  const long = secrets.filter((s) => s && s.length >= 3);
  let out = redact(text, [...long, ...long.map((s) => Buffer.from(s).toString('base64').replace(/=+$/, ''))]);
  out = out.replace(/\bLOGIN\s+\S+\s+\S+/g, 'LOGIN ***').replace(/\bAUTHENTICATE\s+(PLAIN|LOGIN|XOAUTH2|OAUTHBEARER)\s+\S+/g, 'AUTHENTICATE $1 ***');
  return out.length > 300 ? out.slice(0, 297) + '...' : out;
}

/** The innermost errors first matter least: walk cause / _err / AggregateError members for a known code. */
function codesOf(err: ErrorLike, depth = 0): string[] {
  if (depth > 4) return [];
  const out: string[] = [];
  const code = str(err.code);
  if (code) out.push(code);
  for (const inner of [err.cause, err._err]) {
    if (inner && typeof inner === 'object') out.push(...codesOf(inner, depth + 1));
  }
  if (Array.isArray(err.errors)) {
    for (const e of err.errors) if (e && typeof e === 'object') out.push(...codesOf(e as ErrorLike, depth + 1));
  }
  return out;
}

function serverText(err: ErrorLike): string {
  const text = str(err.responseText) || (typeof err.response === 'string' ? err.response : '');
  return text.replace(/^[A-Za-z0-9.]+ (NO|BAD|BYE) /, '');
}

// Provider limits (issue #13): a download quota or throttling ends the run `partial`, to resume later; a
// refused extra connection only means "no more connections now" (sync/extra-connections.ts).
const QUOTA_CODES = new Set(['OVERQUOTA']);
const QUOTA_TEXT = /\[OVERQUOTA\]|exceeded (command or )?bandwidth limits?|bandwidth limits? exceeded|download (limit|quota)|throttl|rate.?limit/i;
const REFUSAL_CODES = new Set(['LIMIT', 'UNAVAILABLE']);
const REFUSAL_TEXT = /too many (simultaneous |concurrent |open )?connections|maximum number of connections|\[(LIMIT|UNAVAILABLE)\]/i;

/** What kind of provider limit an error is, if any: a quota / throttling, or a refused connection. */
export function providerLimitKind(err: unknown): 'quota' | 'connections' | null {
  if (!err || typeof err !== 'object') return null;
  if (err instanceof ReleveError) return err.code === 'PROVIDER_LIMIT' ? (QUOTA_TEXT.test(err.detail ?? '') ? 'quota' : 'connections') : null;
  const e = err as ErrorLike;
  const rc = str(e.serverResponseCode).toUpperCase();
  const said = `${str(e.message)} ${serverText(e)} ${str(e.reason)}`;
  if (QUOTA_CODES.has(rc) || codesOf(e).includes('ETHROTTLE') || QUOTA_TEXT.test(said)) return 'quota';
  if (REFUSAL_CODES.has(rc) || REFUSAL_TEXT.test(said)) return 'connections';
  return null;
}

/** A quota or throttling answer: the run stops, partial, and resumes later. */
export function isProviderLimit(err: unknown): boolean {
  return providerLimitKind(err) === 'quota';
}

function codeFor(err: ErrorLike, codes: string[], message: string, ctx: ClassifyContext): ErrorCode {
  const server = serverText(err);
  const said = `${message} ${server}`;
  const has = (set: Set<string>) => codes.some((c) => set.has(c));

  if (providerLimitKind(err) !== null) return 'PROVIDER_LIMIT';

  if (str(err.serverResponseCode) === 'NONEXISTENT' || err.mailboxMissing === true) return 'MAILBOX_NOT_FOUND';
  if (err.authenticationFailed === true || str(err.serverResponseCode) === 'AUTHENTICATIONFAILED') {
    if (/BasicAuthBlocked|basic auth(entication)? (is )?(blocked|disabled)|OAuth/i.test(said)) return 'AUTH_OAUTH_ONLY';
    if (ctx.host && MICROSOFT_HOSTS.test(ctx.host)) return 'AUTH_OAUTH_ONLY';
    if (/Login is disabled|Plaintext authentication disal/i.test(said)) return 'INSECURE_AUTH_REFUSED';
    return 'AUTH';
  }
  if (str(err.serverResponseCode) === 'PRIVACYREQUIRED') return 'INSECURE_AUTH_REFUSED';
  // Offline is never "this server name does not exist" nor a settings error.
  if (has(RESOLVER_UNREACHABLE)) return 'OFFLINE';
  if (has(DNS_CODES)) return (ctx.networkUp ?? hasNetworkInterface)() ? 'DNS' : 'OFFLINE';
  if (has(CERT_NAME_CODES)) return 'TLS_CERT_NAME';
  if (has(CERT_CODES)) return 'TLS_CERT';
  if (has(TIMEOUT_CODES)) return 'TIMEOUT';
  if (codes.some(isDiskFullCode)) return 'DISK_FULL';
  if (codes.some((c) => c.startsWith('SQLITE_'))) return 'STORAGE';
  if (codes.some((c) => c.startsWith('ERR_SSL_') || c === 'EPROTO' || c === 'STARTTLS_INJECTION')) return 'TLS';
  if (/SSL routines|wrong version number|tlsv1 alert|handshake failure|unknown protocol|packet length too long/i.test(message)) return 'TLS';
  if (has(NETWORK_CODES)) return codes.some((c) => c === 'ENETUNREACH' || c === 'ENETDOWN') && !(ctx.networkUp ?? hasNetworkInterface)() ? 'OFFLINE' : 'NETWORK';
  if (/connection not available|unexpected close|socket hang up|connection closed|closed unexpectedly/i.test(message)) return 'NETWORK';
  if (err.tlsFailed === true) return 'TLS';
  if (/timed? ?out/i.test(message)) return 'TIMEOUT';
  if (has(PROTOCOL_CODES) || codes.some((c) => c.startsWith('ParserError'))) return 'PROTOCOL';
  if (str(err.responseStatus) === 'NO' || str(err.responseStatus) === 'BAD' || /^Command failed/i.test(message)) return 'PROTOCOL';
  return 'UNKNOWN';
}

export function classifyError(err: unknown, ctx: ClassifyContext = {}): ClassifiedError {
  const secrets = ctx.secrets ?? [];
  if (err instanceof ReleveError) {
    const out: ClassifiedError = { code: err.code, detail: redactSecrets(err.detail ?? err.message, secrets) };
    if (err.certFingerprint) out.certFingerprint = err.certFingerprint;
    return out;
  }
  if (!err || typeof err !== 'object') {
    return { code: 'UNKNOWN', detail: redactSecrets(String(err), secrets) };
  }
  const e = err as ErrorLike;
  // A plain object that already carries one of our codes (e.g. crossed a worker boundary).
  if (isErrorCode(e.code) && !(err instanceof Error && 'errno' in err)) {
    const out: ClassifiedError = { code: e.code, detail: redactSecrets(str(e.message), secrets) };
    const fp = (err as { certFingerprint?: unknown }).certFingerprint;
    if (typeof fp === 'string') out.certFingerprint = fp;
    return out;
  }
  const codes = codesOf(e);
  const message = str(e.message) || (Array.isArray(e.errors) ? e.errors.map((x) => str((x as ErrorLike)?.message)).join('; ') : '');
  const code = codeFor(e, codes, message, ctx);
  const parts = [codes[0], serverText(e) || str(e.reason) || message].filter(Boolean);
  return { code, detail: redactSecrets(parts.join(': ') || 'unknown error', secrets) };
}

/** The same classification, in words for the user (FR/EN) plus the safe technical detail. */
export function toUserError(err: unknown, locale: Locale, ctx: ClassifyContext = {}): UserError {
  const c = classifyError(err, ctx);
  return userError(c.code, locale, {
    detail: c.detail,
    ...(c.certFingerprint ? { cert_fingerprint: c.certFingerprint } : {}),
  });
}

/** A ReleveError carrying the classification, for code paths that rethrow. */
export function toReleveError(err: unknown, ctx: ClassifyContext = {}): ReleveError {
  if (err instanceof ReleveError) return err;
  const c = classifyError(err, ctx);
  return new ReleveError(c.code, `IMAP: ${c.detail}`, {
    detail: c.detail,
    ...(c.certFingerprint ? { certFingerprint: c.certFingerprint } : {}),
  });
}
