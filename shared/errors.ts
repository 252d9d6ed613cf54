// Error codes every layer speaks, and the words a non-technical user reads for each (errors.i18n.ts).
// The table says which errors the user can fix (Mailspring's approach): those get an actionable hint.
import { ERROR_WORDS, RUN_ERROR_TEXT, TEST_HINTS } from './errors.i18n.js';
import { LOCALES, say, translator, type Entry } from './i18n/index.js';
import type { Locale, UserError } from './types.js';

export const ERROR_CODES = [
  'AUTH', // server refused the login
  'AUTH_OAUTH_ONLY', // provider no longer accepts passwords (Outlook.com, Microsoft 365)
  'AUTH_RECONNECT', // OAuth2 sign-in expired or was revoked: the user must sign in again
  'OAUTH_NOT_CONFIGURED', // no OAuth2 client id for this provider in settings or environment
  'OAUTH_DENIED', // the user (or the provider) refused the sign-in, or it could not be completed
  'INSECURE_AUTH_REFUSED', // would send the password in clear: refused by us
  'DNS', // host name does not resolve
  'NETWORK', // connection refused / reset / unreachable
  'TIMEOUT', // no answer in time
  'TLS_CERT', // certificate not trusted / expired / wrong host
  'TLS', // TLS handshake failed for another reason (wrong port for SSL, protocol)
  'PROTOCOL', // the server said something unexpected
  'MAILBOX_NOT_FOUND', // INBOX or folder missing
  'DISK_FULL', // local disk or database full
  'STORAGE', // other local database failure
  'PARSE', // a message could not be parsed (stored raw)
  'VALIDATION', // bad input
  'NOT_FOUND', // unknown id
  'SECRETS_UNAVAILABLE', // no way to decrypt the stored password
  'SECRET_REQUIRED', // other connection settings than the stored password (or sign-in) was given for: ask it again
  'CANCELLED', // sync stopped (app quitting)
  'SYNC_INCOMPLETE', // the self-check found server messages that are not in the store yet
  // sending (issue 15)
  'SMTP_NOT_CONFIGURED', // the mailbox has no outgoing server
  'SMTP_REJECTED', // the SMTP server refused the sender, a recipient or the message for good (5xx)
  'SEND_UNCERTAIN', // interrupted while the server was accepting: maybe sent, never resent automatically
  'PROVIDER_LIMIT', // the provider limits downloads (daily bandwidth quota, throttling): the run ends partial
  'UNKNOWN',
  // Issue #11 (diagnoses, duplicates): one block so merges stay easy.
  'OFFLINE', // no network at all (no interface up, or no name can be resolved): not a settings error
  'TLS_PORT_NEEDS_SSL', // the port speaks TLS straight away but SSL/TLS was unticked
  'TLS_CERT_NAME', // the certificate is valid but for another host name
  'DUPLICATE_MAILBOX', // the same login on the same server is already a mailbox
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export function isErrorCode(v: unknown): v is ErrorCode {
  return typeof v === 'string' && (ERROR_CODES as readonly string[]).includes(v);
}

/**
 * The one reading of "the disk is full" (DISK_FULL, which the user can fix by freeing space) from a low-level
 * code: the system's ENOSPC / EDQUOT (quota) and SQLite's SQLITE_FULL. Every writer (store, packs, backup,
 * export, lock, data folder) and the error classifier use it, so a full disk reads the same wherever it hits.
 */
export function isDiskFullCode(code: unknown): boolean {
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL';
}

interface Words {
  message: string;
  hint: string;
}

/** `userFixable`: the user can do something (password, host, port); otherwise it is a retry-later error. */
const USER_FIXABLE: Record<ErrorCode, boolean> = {
  AUTH: true, AUTH_OAUTH_ONLY: true, AUTH_RECONNECT: true, OAUTH_NOT_CONFIGURED: true, OAUTH_DENIED: true,
  INSECURE_AUTH_REFUSED: true, DNS: true, NETWORK: true, TIMEOUT: false, TLS_CERT: true, TLS: true, PROTOCOL: false,
  MAILBOX_NOT_FOUND: false, DISK_FULL: true, STORAGE: false, PARSE: false, VALIDATION: true, NOT_FOUND: false,
  SECRETS_UNAVAILABLE: true, SECRET_REQUIRED: true, CANCELLED: false, SYNC_INCOMPLETE: false, SMTP_NOT_CONFIGURED: true,
  SMTP_REJECTED: true, SEND_UNCERTAIN: true, PROVIDER_LIMIT: false, UNKNOWN: false,
  OFFLINE: false, TLS_PORT_NEEDS_SSL: true, TLS_CERT_NAME: true, DUPLICATE_MAILBOX: true,
};

function wordsOf(code: ErrorCode, locale: Locale): Words {
  return { message: say(locale, ERROR_WORDS[`${code}.message`]), hint: say(locale, ERROR_WORDS[`${code}.hint`]) };
}

/**
 * Each code's flag and its words in each language (said once from errors.i18n.ts), for callers that read
 * `ERROR_TABLE[code][locale].message`.
 */
export const ERROR_TABLE = Object.fromEntries(
  ERROR_CODES.map((code) => [code, { userFixable: USER_FIXABLE[code], ...Object.fromEntries(LOCALES.map((l) => [l, wordsOf(code, l)])) }]),
) as Record<ErrorCode, { userFixable: boolean } & Record<Locale, Words>>;

/**
 * Codes that "Fix the settings" can cure. A network outage, a timeout or a server hiccup is not one of them:
 * offering the settings then only invites the user to break working settings.
 */
export const SETTINGS_ERROR_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'AUTH', 'AUTH_OAUTH_ONLY', 'INSECURE_AUTH_REFUSED', 'DNS', 'TLS_CERT', 'TLS_CERT_NAME', 'TLS', 'TLS_PORT_NEEDS_SSL',
  'SECRETS_UNAVAILABLE', 'DUPLICATE_MAILBOX',
]);

/**
 * Hints for a connection test (wizard, editor, `accounts test`): nothing is scheduled yet, so no promise of an
 * automatic retry on the next cycle.
 */
const TEST_HINT: Partial<Record<ErrorCode, Entry>> = TEST_HINTS;

/** The hint for a code; `context: 'test'` when it answers a connection test rather than a scheduled sync. */
export function errorHint(code: ErrorCode, locale: Locale, context: 'sync' | 'test' = 'sync'): string {
  const test = context === 'test' ? TEST_HINT[code] : undefined;
  return test ? say(locale, test) : ERROR_TABLE[code][locale].hint;
}

export function userError(
  code: ErrorCode,
  locale: Locale,
  extra: { detail?: string; cert_fingerprint?: string; message?: string; context?: 'sync' | 'test' } = {},
): UserError {
  const words = ERROR_TABLE[code][locale];
  const out: UserError = { code, message: extra.message ?? words.message, hint: errorHint(code, locale, extra.context) };
  if (extra.detail) out.detail = extra.detail;
  if (extra.cert_fingerprint) out.cert_fingerprint = extra.cert_fingerprint;
  return out;
}

/** SYNC_INCOMPLETE with its count, as the run and the API report it. */
export function missingMessagesText(count: number, locale: Locale): string {
  return translator(RUN_ERROR_TEXT, locale)('missingMessages', { count });
}

/** DISK_FULL naming the place to free (the data folder), as the run and the API report it. */
export function diskFullText(where: string, locale: Locale): string {
  return translator(RUN_ERROR_TEXT, locale)('diskFull', { where });
}

/** An error that carries a code across layers (core → API → UI). */
export class ReleveError extends Error {
  readonly code: ErrorCode;
  readonly detail: string | undefined;
  readonly field: string | undefined;
  readonly certFingerprint: string | undefined;
  constructor(
    code: ErrorCode,
    message: string,
    opts: { detail?: string; field?: string; certFingerprint?: string; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'ReleveError';
    this.code = code;
    this.detail = opts.detail;
    this.field = opts.field;
    this.certFingerprint = opts.certFingerprint;
  }
}
