// Opens an authenticated IMAP connection under Relève's security policy:
//   use_ssl            → implicit TLS;
//   otherwise          → STARTTLS whenever the server offers it; when it does not, the password is never
//                        sent unless the user explicitly allowed it (allow_insecure_auth);
//   certificates       → system CAs + opts.tlsCa, or the one certificate pinned by tls_fingerprint.
// Every failure comes out as a ReleveError with a code from shared/errors.ts and a secret-free detail.
import { ImapFlow, type ImapFlowOptions, type Logger as ImapLogger } from 'imapflow';
import { ReleveError } from '../../../shared/errors.js';
import type { Logger, LogLevel } from '../model.js';
import { redactSecrets, toReleveError } from './classify-error.js';
import { createVerifyingTransport, normalizeFingerprint } from './tls-fingerprint.js';

export interface ImapTarget {
  imap_server: string;
  imap_port: number;
  use_ssl: boolean;
  username: string;
  password: string;
  /** OAuth2 access token: logs in with OAUTHBEARER or XOAUTH2 instead of the password. */
  access_token?: string;
  allow_insecure_auth: boolean;
  /** SHA-256 of a certificate the user chose to trust (Node's fingerprint256 format; case and colons free). */
  tls_fingerprint: string | null;
}

export interface OpenImapOptions {
  /** Extra CA certificates (PEM) trusted besides the system ones. */
  tlsCa?: string[];
  /** TCP + TLS connect budget and greeting wait, each (ms). Default 20 s. */
  timeoutMs?: number;
  /** Inactivity limit once connected (ms). Default 5 min: above Dovecot's 2 min IDLE keep-alive. */
  socketTimeoutMs?: number;
  logger?: Logger;
  /** Send the app's name and version in IMAP ID (default true); false sends ID NIL. */
  clientInfo?: boolean;
  /** imapflow knobs the sync engine may want. */
  disableAutoIdle?: boolean;
  maxIdleTime?: number;
  qresync?: boolean;
  /** Aborting closes the connection at once, during the connect or after it (a cancelled connection test). */
  signal?: AbortSignal;
  /** Is the machine on a network at all (classify-error.ts: offline vs unknown host)? Injected by tests. */
  networkUp?: () => boolean;
}

export const DEFAULT_TIMEOUT_MS = 20_000;
const APP_VERSION = '0.1.0';

const STARTTLS_UNAVAILABLE = /does not support STARTTLS|STARTTLS is not possible|can not start TLS/i;

function validate(target: ImapTarget): void {
  const host = target.imap_server.trim();
  if (!host || /[\s/]/.test(host)) {
    throw new ReleveError('VALIDATION', 'Invalid IMAP server name', { field: 'imap_server', detail: 'invalid host' });
  }
  if (!Number.isInteger(target.imap_port) || target.imap_port < 1 || target.imap_port > 65535) {
    throw new ReleveError('VALIDATION', 'Invalid IMAP port', { field: 'imap_port', detail: 'port out of range' });
  }
  if (target.tls_fingerprint && !normalizeFingerprint(target.tls_fingerprint)) {
    throw new ReleveError('VALIDATION', 'Invalid certificate fingerprint', {
      field: 'tls_fingerprint',
      detail: 'expected a SHA-256 fingerprint (64 hex digits)',
    });
  }
}

const SAFE_FIELDS = ['cid', 'src', 'host', 'port', 'secure', 'authorized', 'algo', 'version', 'command'] as const;

/**
 * imapflow's log entries routed to ours: protocol chatter (trace/debug, which includes raw commands) is
 * dropped; the rest keeps a few known-safe fields, with secrets scrubbed from every string.
 */
export function imapLogger(logger: Logger, secrets: string[]): ImapLogger & { isLevelEnabled(level: string): boolean } {
  const forward = (level: LogLevel) => (entry: unknown) => {
    const e = (entry && typeof entry === 'object' ? entry : { msg: String(entry) }) as Record<string, unknown>;
    const fields: Record<string, unknown> = {};
    for (const k of SAFE_FIELDS) {
      const v = e[k];
      if (typeof v === 'string') fields[k] = redactSecrets(v, secrets);
      else if (typeof v === 'number' || typeof v === 'boolean') fields[k] = v;
    }
    const err = e.err as { code?: unknown; message?: unknown } | undefined;
    if (err && typeof err === 'object') {
      fields.err = redactSecrets(`${typeof err.code === 'string' ? err.code + ': ' : ''}${typeof err.message === 'string' ? err.message : ''}`, secrets);
    }
    logger.log(level, redactSecrets(typeof e.msg === 'string' ? e.msg : 'imap', secrets), fields);
  };
  const drop = () => undefined;
  return {
    trace: drop,
    debug: drop,
    info: forward('debug'),
    warn: forward('warn'),
    error: forward('warn'),
    fatal: forward('error'),
    // Without it imapflow serialises every FETCH response for a trace line that is then dropped (its
    // response compiler showed in the B1 main-thread profile: ~0.1 s per 10 000 messages).
    isLevelEnabled: (level: string) => level !== 'trace' && level !== 'debug',
  };
}

function targetSecrets(target: ImapTarget): string[] {
  return target.access_token ? [target.password, target.access_token] : [target.password];
}

/** The imapflow options for a target, before the connection is made (exported for tests). */
export function imapFlowOptions(target: ImapTarget, opts: OpenImapOptions = {}): ImapFlowOptions {
  const timeout = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const secrets = targetSecrets(target);
  const options: ImapFlowOptions = {
    host: target.imap_server.trim(),
    port: target.imap_port,
    secure: target.use_ssl,
    auth: target.access_token
      ? { user: target.username, accessToken: target.access_token }
      : { user: target.username, pass: target.password },
    transport: createVerifyingTransport({ extraCa: opts.tlsCa ?? [], pin: target.tls_fingerprint }),
    logger: opts.logger ? imapLogger(opts.logger, secrets) : false,
    clientInfo:
      opts.clientInfo === false
        ? { name: '', version: '', vendor: '', 'support-url': '' }
        : { name: 'Releve', version: APP_VERSION, vendor: 'Releve', 'support-url': '' },
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: opts.socketTimeoutMs ?? 5 * 60_000,
  };
  // Plain port: insist on STARTTLS (fail before LOGIN) unless the user allowed a clear-text login.
  if (!target.use_ssl && !target.allow_insecure_auth) options.doSTARTTLS = true;
  if (opts.disableAutoIdle !== undefined) options.disableAutoIdle = opts.disableAutoIdle;
  if (opts.maxIdleTime !== undefined) options.maxIdleTime = opts.maxIdleTime;
  if (opts.qresync !== undefined) options.qresync = opts.qresync;
  return options;
}

/** Connected and authenticated, or a ReleveError. The returned client never throws an unhandled 'error'. */
export async function openImap(target: ImapTarget, opts: OpenImapOptions = {}): Promise<ImapFlow> {
  validate(target);
  // With a token, a refusal is about the token: not Microsoft's "passwords no longer accepted" reading.
  const ctx = {
    host: target.access_token ? undefined : target.imap_server,
    secrets: targetSecrets(target),
    ...(opts.networkUp ? { networkUp: opts.networkUp } : {}),
  };
  const client = new ImapFlow(imapFlowOptions(target, opts));
  // A dropped link after connect is reported by the next command; the event itself must not crash us.
  client.on('error', (err: unknown) => {
    const e = toReleveError(err, ctx);
    opts.logger?.log('warn', 'imap connection error', { host: target.imap_server, code: e.code, detail: e.detail });
  });
  const abort = () => client.close();
  opts.signal?.addEventListener('abort', abort, { once: true });
  try {
    if (opts.signal?.aborted) throw new ReleveError('CANCELLED', 'Connection cancelled', { detail: 'cancelled before connecting' });
    await client.connect();
  } catch (err) {
    client.close();
    opts.signal?.removeEventListener('abort', abort);
    if (opts.signal?.aborted) throw new ReleveError('CANCELLED', 'Connection cancelled', { detail: 'cancelled' });
    const e = err as { message?: unknown; tlsFailed?: unknown };
    if (e && e.tlsFailed === true && STARTTLS_UNAVAILABLE.test(typeof e.message === 'string' ? e.message : '')) {
      throw new ReleveError('INSECURE_AUTH_REFUSED', 'Refused to send the password over an unencrypted connection', {
        detail: 'server offers no STARTTLS; login not attempted',
      });
    }
    throw toReleveError(err, ctx);
  }
  return client;
}

/** LOGOUT politely, but never wait on a dead link for longer than `timeoutMs`; always releases the socket. */
export async function closeImap(client: ImapFlow, timeoutMs = 2_000): Promise<void> {
  if (client.usable) {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        client.logout(),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, timeoutMs);
        }),
      ]);
    } catch {
      /* the server went away first: nothing left to say to it */
    } finally {
      if (timer) clearTimeout(timer);
    }
  }
  client.close();
}
