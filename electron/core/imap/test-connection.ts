// The setup wizard's "Test the connection": log in, EXAMINE INBOX (read-only, changes nothing), report what
// was found, and always hang up. Failures come back as a UserError in the user's language, never thrown.
// A test never keeps anyone waiting for long: an overall budget under 10 s, a Cancel (signal), and a quick
// answer when SSL/TLS was left unticked on a port that speaks TLS straight away (the server then waits for a
// TLS hello and never greets: without a probe that would only surface as a timeout).
import type { ImapFlow } from 'imapflow';
import tls from 'node:tls';
import type { ErrorCode } from '../../../shared/errors.js';
import { userError } from '../../../shared/errors.js';
import type { ConnectionTestResult, Locale } from '../../../shared/types.js';
import { classifyError } from './classify-error.js';
import { closeImap, openImap, type ImapTarget, type OpenImapOptions } from './connect.js';

/** Connect and greeting timeouts of a test (each), well below the sync's 20 s. */
export const TEST_TIMEOUT_MS = 8_000;
/** Whatever happens, a test answers within this (the wizard's promise: ≤ 10 s). */
export const TEST_BUDGET_MS = 9_500;
/** No greeting after this long on a plain port: check whether the port speaks TLS. */
export const TLS_PROBE_AFTER_MS = 2_000;

export interface TestConnectionOptions extends OpenImapOptions {
  locale: Locale;
  /** Cancel: the test resolves at once with CANCELLED. */
  signal?: AbortSignal;
  /** Overall budget (default TEST_BUDGET_MS). */
  budgetMs?: number;
  /** When to probe for TLS on a plain port (default TLS_PROBE_AFTER_MS; only when below the timeout). */
  tlsProbeAfterMs?: number;
}

/** Does host:port complete a TLS handshake? (Certificate not checked: only the protocol matters here.) */
export function speaksTls(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tls.connect({ host, port, rejectUnauthorized: false, ...(/^[\d.:]+$/.test(host) ? {} : { servername: host }) });
    const done = (v: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(v);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('secureConnect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export async function testConnection(target: ImapTarget, opts: TestConnectionOptions): Promise<ConnectionTestResult> {
  const timeoutMs = opts.timeoutMs ?? TEST_TIMEOUT_MS;
  const budgetMs = opts.budgetMs ?? Math.max(timeoutMs + 1_500, TEST_BUDGET_MS);
  const probeAfter = opts.tlsProbeAfterMs ?? TLS_PROBE_AFTER_MS;
  const inner = new AbortController();
  let verdict: ErrorCode | null = null;
  const stop = (code: ErrorCode) => {
    verdict ??= code;
    inner.abort();
  };
  const onCancel = () => stop('CANCELLED');
  if (opts.signal?.aborted) verdict = 'CANCELLED';
  opts.signal?.addEventListener('abort', onCancel, { once: true });
  const budget = setTimeout(() => stop('TIMEOUT'), budgetMs);
  let probe: NodeJS.Timeout | null = null;
  let greeted = false;
  if (!target.use_ssl && probeAfter < timeoutMs) {
    probe = setTimeout(() => {
      if (greeted) return;
      void speaksTls(target.imap_server.trim(), target.imap_port, Math.min(3_000, timeoutMs)).then((yes) => {
        if (yes && !greeted) stop('TLS_PORT_NEEDS_SSL');
      });
    }, probeAfter);
  }
  let client: ImapFlow | null = null;
  try {
    if (verdict) throw new Error('cancelled');
    client = await openImap(target, { ...opts, timeoutMs, signal: inner.signal });
    greeted = true;
    const inbox = await client.mailboxOpen('INBOX', { readOnly: true });
    if (verdict) throw new Error('stopped');
    return {
      ok: true,
      message_count: inbox.exists,
      secure: client.secureConnection,
      capabilities: [...client.capabilities.keys()].sort(),
    };
  } catch (err) {
    if (verdict) return { ok: false, error: userError(verdict, opts.locale, { context: 'test', detail: verdictDetail(verdict, budgetMs) }) };
    const c = classifyError(err, { host: target.imap_server, secrets: [target.password], ...(opts.networkUp ? { networkUp: opts.networkUp } : {}) });
    return {
      ok: false,
      error: userError(c.code, opts.locale, {
        context: 'test',
        detail: c.detail,
        ...(c.certFingerprint ? { cert_fingerprint: c.certFingerprint } : {}),
      }),
    };
  } finally {
    clearTimeout(budget);
    if (probe) clearTimeout(probe);
    opts.signal?.removeEventListener('abort', onCancel);
    if (client) await closeImap(client);
  }
}

function verdictDetail(code: ErrorCode, budgetMs: number): string {
  if (code === 'TIMEOUT') return `no complete answer within ${Math.round(budgetMs / 1000)} s`;
  if (code === 'TLS_PORT_NEEDS_SSL') return 'the port completed a TLS handshake but sent no plain-text greeting';
  return 'cancelled by the user';
}
