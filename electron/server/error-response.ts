// Turns anything thrown while handling a request into a status and a JSON error body in the request's
// language. Unexpected errors become a fixed "Internal error": no stack trace, no internals, ever.
import { ERROR_TABLE, ReleveError } from '../../shared/errors.js';
import type { ErrorCode } from '../../shared/errors.js';
import { say, translator } from '../../shared/i18n/index.js';
import type { Locale } from '../../shared/types.js';
import { HttpError } from './http-io.js';
import { SERVER_TEXT, WITH_DETAIL } from './server.i18n.js';

export interface ErrorBody {
  error: { code: string; message: string; field?: string; detail?: string; hint?: string };
}

const STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = {
  VALIDATION: 400,
  INSECURE_AUTH_REFUSED: 400,
  AUTH_OAUTH_ONLY: 400,
  // An unknown, used or refused sign-in (oauth_flow_id), or a provider without a client id: the request's fault.
  OAUTH_DENIED: 400,
  OAUTH_NOT_CONFIGURED: 400,
  NOT_FOUND: 404,
  // The request changed where a stored secret would go without giving the secret again.
  SECRET_REQUIRED: 400,
  CANCELLED: 503,
  SECRETS_UNAVAILABLE: 503,
  DISK_FULL: 507,
  // Issue #11: the same mailbox twice is a conflict; an edit whose connection test failed is not saved.
  DUPLICATE_MAILBOX: 409,
  AUTH: 422,
  DNS: 422,
  OFFLINE: 422,
  NETWORK: 422,
  TIMEOUT: 422,
  TLS: 422,
  TLS_CERT: 422,
  TLS_CERT_NAME: 422,
  TLS_PORT_NEEDS_SSL: 422,
  PROTOCOL: 422,
  MAILBOX_NOT_FOUND: 422,
};

export function errorResponse(err: unknown, locale: Locale): { status: number; body: ErrorBody } {
  if (err instanceof HttpError) {
    const text = translator(SERVER_TEXT, locale)(err.textKey);
    const message = err.suffix ? say(locale, WITH_DETAIL, { text, detail: err.suffix }) : text;
    return { status: err.status, body: { error: { code: err.code, message } } };
  }
  if (err instanceof ReleveError) {
    const status = STATUS_BY_CODE[err.code] ?? 500;
    const words = ERROR_TABLE[err.code][locale];
    // VALIDATION messages name the field: they were produced in the request's locale (see shared/arg-checkers.ts),
    // or by a core rule the schemas do not know, in which case the core's wording is the only precise one.
    const message = err.code === 'VALIDATION' ? err.message : words.message;
    const body: ErrorBody = { error: { code: err.code, message } };
    if (err.field) body.error.field = err.field;
    if (err.code !== 'VALIDATION' && err.code !== 'NOT_FOUND') body.error.hint = words.hint;
    if (err.detail) body.error.detail = err.detail;
    return { status, body };
  }
  return { status: 500, body: { error: { code: 'UNKNOWN', message: say(locale, SERVER_TEXT.internal) } } };
}
