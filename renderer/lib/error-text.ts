// Turns an error code (or a thrown error) into words for the UI, always in the UI's language: the core's
// own `message` may be in another locale, so the fixed ERROR_TABLE is the source of the text.
import { ERROR_TABLE, isErrorCode } from '../../shared/errors.js';
import type { ErrorCode } from '../../shared/errors.js';
import type { Locale, UserError } from '../../shared/types.js';

export interface ErrorWords {
  code: ErrorCode;
  message: string;
  hint: string;
  userFixable: boolean;
  /** Technical detail for support (server answer, field), never shown as the main text. */
  detail?: string;
  cert_fingerprint?: string;
}

export function errorWords(code: ErrorCode | null | undefined, locale: Locale): ErrorWords {
  const c: ErrorCode = code ?? 'UNKNOWN';
  const entry = ERROR_TABLE[c];
  return { code: c, message: entry[locale].message, hint: entry[locale].hint, userFixable: entry.userFixable };
}

/** A UserError from the API, in the UI locale (keeps detail and certificate fingerprint). */
export function describeUserError(err: UserError, locale: Locale): ErrorWords {
  const words = errorWords(err.code, locale);
  if (err.detail) words.detail = err.detail;
  if (err.cert_fingerprint) words.cert_fingerprint = err.cert_fingerprint;
  return words;
}

/**
 * Anything a rejected API call may throw: an RpcError / ReleveError (has `code`), an Electron IPC error
 * whose message carries the code, or a plain Error. The original message becomes the detail.
 */
export function describeThrown(err: unknown, locale: Locale): ErrorWords {
  const e = (err && typeof err === 'object' ? err : {}) as { code?: unknown; message?: unknown; field?: unknown; detail?: unknown };
  const raw = typeof e.message === 'string' ? e.message : typeof err === 'string' ? err : '';
  let code: ErrorCode = 'UNKNOWN';
  if (isErrorCode(e.code)) code = e.code;
  else {
    // Electron wraps main-process errors: "Error invoking remote method '…': ReleveError: [AUTH] …".
    const m = /\[([A-Z_]+)\]/.exec(raw);
    if (m && isErrorCode(m[1])) code = m[1];
  }
  const words = errorWords(code, locale);
  const details = [typeof e.field === 'string' ? e.field : '', typeof e.detail === 'string' ? e.detail : raw]
    .filter(Boolean)
    .join(' — ');
  if (details) words.detail = details;
  return words;
}

/** A plain-Error form a store can keep and the UI can show. */
export function toUserError(err: unknown, locale: Locale): UserError {
  const w = describeThrown(err, locale);
  const out: UserError = { code: w.code, message: w.message, hint: w.hint };
  if (w.detail) out.detail = w.detail;
  return out;
}
