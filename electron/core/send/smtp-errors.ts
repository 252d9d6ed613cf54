// nodemailer's SMTP errors (EAUTH, ETLS, ESOCKET… with the system code kept in originalCode and the server's
// reply in response/responseCode) read as our error codes, plus whether trying again later can help.
import type { ErrorCode } from '../../../shared/errors.js';
import { classifyError, redactSecrets, type ClassifiedError } from '../imap/classify-error.js';

interface SmtpErrorLike {
  code?: unknown;
  originalCode?: unknown;
  message?: unknown;
  response?: unknown;
  responseCode?: unknown;
  command?: unknown;
}

const MICROSOFT_SMTP = /(^|\.)(smtp-mail\.outlook\.com|smtp\.office365\.com|outlook\.office365\.com)$/i;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function classifySmtpError(err: unknown, ctx: { host?: string; secrets?: string[]; oauth?: boolean } = {}): ClassifiedError {
  const e = (err && typeof err === 'object' ? err : {}) as SmtpErrorLike;
  const code = str(e.code);
  const secrets = ctx.secrets ?? [];
  const detail = redactSecrets([code, str(e.command), str(e.message)].filter(Boolean).join(': '), secrets);
  const out = (c: ErrorCode): ClassifiedError => ({ code: c, detail });
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : 0;
  if (code === 'EAUTH') {
    if (!ctx.oauth && ctx.host && MICROSOFT_SMTP.test(ctx.host)) return out('AUTH_OAUTH_ONLY');
    if (/5\.7\.(0|11)|encryption required|must issue a STARTTLS/i.test(str(e.message))) return out('INSECURE_AUTH_REFUSED');
    return out(ctx.oauth ? 'AUTH_RECONNECT' : 'AUTH');
  }
  // requireTLS: the server answered STARTTLS with a refusal, or has no EHLO: the password is not sent.
  if ((code === 'ETLS' && str(e.command) === 'STARTTLS' && str(e.response)) || /does not support required STARTTLS/.test(str(e.message))) {
    return out('INSECURE_AUTH_REFUSED');
  }
  if (code === 'EENVELOPE' || code === 'EMESSAGE' || (responseCode >= 500 && code !== 'ETLS')) {
    return responseCode >= 400 && responseCode < 500 ? out('PROTOCOL') : out('SMTP_REJECTED');
  }
  if (code === 'EDNS') return out('DNS');
  // The system-level cause (ECONNREFUSED, a certificate code…) decides the rest.
  const inner = classifyError({ code: str(e.originalCode) || code, message: str(e.message) }, { secrets });
  if (inner.code !== 'UNKNOWN') return { ...inner, detail };
  if (code === 'ETLS') return out('TLS');
  if (code === 'ESOCKET' || code === 'ECONNECTION') return out('NETWORK');
  if (code === 'ETIMEDOUT') return out('TIMEOUT');
  if (code === 'EPROTOCOL') return out('PROTOCOL');
  return out('UNKNOWN');
}

/** Errors worth another attempt later (offline, server busy); the others need the user. */
export function isTransient(code: ErrorCode): boolean {
  return code === 'NETWORK' || code === 'TIMEOUT' || code === 'DNS' || code === 'PROTOCOL' || code === 'TLS' || code === 'UNKNOWN';
}
