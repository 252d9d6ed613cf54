// One SMTP session per send or test, under the same security policy as IMAP (imap/connect.ts):
//   smtp_use_ssl   → TLS from the first byte (465);
//   otherwise      → STARTTLS required before AUTH (587); without it the password is never sent, unless the
//                    user explicitly allowed it (allow_insecure_auth);
//   OAuth2 mailbox → XOAUTH2 with an access token (refreshed once if refused, like IMAP).
// nodemailer does the protocol; this module only chooses its options and turns its errors into ours.
import net from 'node:net';
import tls from 'node:tls';
import { Readable } from 'node:stream';
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { ReleveError } from '../../../shared/errors.js';
import { classifySmtpError } from './smtp-errors.js';

export interface SmtpTarget {
  host: string;
  port: number;
  use_ssl: boolean;
  username: string;
  password?: string;
  access_token?: string;
  allow_insecure_auth: boolean;
}

export interface SmtpOptions {
  /** Extra CA certificates (PEM) trusted besides the system ones. */
  tlsCa?: string[] | undefined;
  timeoutMs?: number;
}

function smtpTransportOptions(t: SmtpTarget, opts: SmtpOptions = {}): SMTPTransport.Options {
  const timeout = opts.timeoutMs ?? 20_000;
  const ca = opts.tlsCa && opts.tlsCa.length > 0 ? [...tls.rootCertificates, ...opts.tlsCa] : undefined;
  return {
    host: t.host,
    port: t.port,
    secure: t.use_ssl,
    // Plain port: STARTTLS or nothing, unless a clear-text login was explicitly allowed.
    requireTLS: !t.use_ssl && !t.allow_insecure_auth,
    auth: t.access_token
      ? { type: 'OAuth2', user: t.username, accessToken: t.access_token }
      : { user: t.username, pass: t.password ?? '' },
    // SNI only for names (RFC 6066 forbids IP addresses there).
    tls: { ...(ca ? { ca } : {}), ...(net.isIP(t.host) ? {} : { servername: t.host }), minVersion: 'TLSv1.2' },
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: 3 * timeout,
    logger: false,
    debug: false,
  };
}

function secretsOf(t: SmtpTarget): string[] {
  return [t.password ?? '', t.access_token ?? ''].filter((s) => s.length > 0);
}

function toSmtpError(err: unknown, t: SmtpTarget): ReleveError {
  if (err instanceof ReleveError) return err;
  const c = classifySmtpError(err, { host: t.host, secrets: secretsOf(t), oauth: Boolean(t.access_token) });
  return new ReleveError(c.code, `SMTP: ${c.detail}`, { detail: c.detail, cause: err });
}

/** Connects, negotiates TLS, logs in, hangs up. */
export async function verifySmtp(t: SmtpTarget, opts: SmtpOptions = {}): Promise<{ secure: boolean }> {
  const transport = nodemailer.createTransport(smtpTransportOptions(t, opts));
  try {
    await transport.verify();
    // Reaching AUTH implies an encrypted link unless the clear-text login was allowed and STARTTLS absent.
    return { secure: t.use_ssl || !t.allow_insecure_auth };
  } catch (err) {
    throw toSmtpError(err, t);
  } finally {
    transport.close();
  }
}

function addresses(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.map((a: unknown) => {
    if (typeof a === 'string') return a;
    const address = (a as { address?: unknown }).address;
    return typeof address === 'string' ? address : '';
  });
}

export interface SendOutcome {
  /** The server's final reply, e.g. "250 2.0.0 Ok: queued as 4F2…". */
  response: string;
  accepted: string[];
  rejected: string[];
}

/**
 * Sends prepared bytes. `onLastChunk` runs synchronously just before the end of the message is handed over,
 * i.e. before the terminating "." can reach the server: until then an interrupted session cannot have
 * delivered the message (SMTP servers discard an unfinished DATA).
 */
export async function sendRaw(
  t: SmtpTarget,
  envelope: { from: string; to: string[] },
  raw: Buffer,
  opts: SmtpOptions & { onLastChunk?: () => void } = {},
): Promise<SendOutcome> {
  const transport = nodemailer.createTransport(smtpTransportOptions(t, opts));
  const CHUNK = 64 * 1024;
  let offset = 0;
  const source = new Readable({
    read() {
      if (offset < raw.length) {
        this.push(raw.subarray(offset, offset + CHUNK));
        offset += CHUNK;
        return;
      }
      opts.onLastChunk?.();
      this.push(null);
    },
  });
  try {
    const info = await transport.sendMail({ envelope, raw: source });
    return {
      response: String(info.response ?? ''),
      accepted: addresses(info.accepted),
      rejected: addresses(info.rejected),
    };
  } catch (err) {
    throw toSmtpError(err, t);
  } finally {
    transport.close();
  }
}
