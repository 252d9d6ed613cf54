// The IMAP connection layer against a real private Dovecot: TLS, STARTTLS, the refusal to send a password
// in clear, certificate trust and pinning, and every failure mapped to a code and words in FR and EN.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_TABLE } from '../../shared/errors.js';
import type { Logger, LogLevel } from '../../electron/core/model.js';
import { openImap, closeImap, type ImapTarget } from '../../electron/core/imap/connect.js';
import { testConnection } from '../../electron/core/imap/test-connection.js';
import { classifyError } from '../../electron/core/imap/classify-error.js';
import { startDovecot, makeMessage, type DovecotHandle } from '../fixtures/dovecot.js';
import { closedPort, startSilentServer, startTcpProxy } from '../fixtures/net-tools.js';

const ALICE = 'alice@example.test';
// Dovecot refuses non-ASCII user names (auth_username_chars); passwords may hold anything but ':'.
const SPECIAL = { user: 'zoe@example.test', password: 'p@ss "wörd" \\ with spaces' };

function capturingLogger(): Logger & { entries: Array<{ level: LogLevel; msg: string; fields?: Record<string, unknown> }> } {
  const entries: Array<{ level: LogLevel; msg: string; fields?: Record<string, unknown> }> = [];
  return {
    entries,
    log(level, msg, fields) {
      entries.push({ level, msg, ...(fields ? { fields } : {}) });
    },
  };
}

let d: DovecotHandle;

beforeAll(async () => {
  d = await startDovecot({ users: [{ user: ALICE, password: 'alice-Secret-1' }, SPECIAL] });
  for (let i = 0; i < 3; i++) await d.append(ALICE, makeMessage({ subject: `hello ${i}` }));
});

afterAll(async () => {
  await d?.stop();
});

describe('successful connections', () => {
  it('implicit TLS with the test CA trusted: ok, message count, encrypted', async () => {
    const res = await testConnection(d.target(ALICE, 'imaps'), { locale: 'en', tlsCa: [d.caPem] });
    expect(res.error).toBeUndefined();
    expect(res.ok).toBe(true);
    expect(res.message_count).toBe(3);
    expect(res.secure).toBe(true);
    expect(res.capabilities).toContain('IMAP4rev1');
    expect(res.capabilities).toContain('IDLE');
  });

  it('plain port upgrades with STARTTLS before the password is sent', async () => {
    const proxy = await startTcpProxy(d.imapPort);
    try {
      const target = { ...d.target(ALICE, 'starttls'), imap_port: proxy.port };
      const res = await testConnection(target, { locale: 'fr', tlsCa: [d.caPem] });
      expect(res.error).toBeUndefined();
      expect(res).toMatchObject({ ok: true, message_count: 3, secure: true });
      const sent = proxy.clientBytes();
      expect(sent.toString('latin1')).toMatch(/STARTTLS/);
      // Everything after STARTTLS is ciphertext: neither the password nor its base64 form is on the wire.
      expect(sent.includes(Buffer.from(target.password))).toBe(false);
      expect(sent.toString('latin1')).not.toContain(Buffer.from(`\0${ALICE}\0${target.password}`).toString('base64'));
    } finally {
      await proxy.close();
    }
  });

  it('accepts an untrusted certificate pinned by its exact fingerprint (any case, with or without colons)', async () => {
    const pinned = { ...d.target(ALICE, 'imaps'), tls_fingerprint: d.certFingerprint256 };
    expect((await testConnection(pinned, { locale: 'en' })).ok).toBe(true);
    const loose = { ...pinned, tls_fingerprint: d.certFingerprint256.replace(/:/g, '').toLowerCase() };
    expect((await testConnection(loose, { locale: 'en' })).ok).toBe(true);
    // Pinning covers STARTTLS too.
    const starttls = { ...d.target(ALICE, 'starttls'), tls_fingerprint: d.certFingerprint256 };
    expect(await testConnection(starttls, { locale: 'en' })).toMatchObject({ ok: true, secure: true });
  });

  it('logs in with a password full of quotes, spaces, backslashes and accents', async () => {
    const res = await testConnection(d.target(SPECIAL.user, 'imaps'), { locale: 'en', tlsCa: [d.caPem] });
    expect(res.error).toBeUndefined();
    expect(res).toMatchObject({ ok: true, message_count: 0 });
  });

  it('a FETCH is not serialised for protocol logging that is dropped anyway', async () => {
    const logger = capturingLogger();
    const client = await openImap(d.target(ALICE, 'imaps'), { tlsCa: [d.caPem], logger });
    try {
      // imapflow compiles every FETCH response into a trace line when its (untyped) level check says yes.
      const levels = client as unknown as { isLogLevelEnabled(level: string): boolean };
      expect(levels.isLogLevelEnabled('trace')).toBe(false);
      expect(levels.isLogLevelEnabled('debug')).toBe(false);
      expect(levels.isLogLevelEnabled('warn')).toBe(true);
      await client.mailboxOpen('INBOX', { readOnly: true });
      let fetched = 0;
      for await (const m of client.fetch('1:*', { uid: true, source: true })) fetched += m.source ? 1 : 0;
      expect(fetched).toBe(3);
      expect(logger.entries.some((e) => /FETCH/i.test(e.msg))).toBe(false);
    } finally {
      await closeImap(client);
    }
  });

  it('always logs out after a test', async () => {
    const logouts = async () => ((await d.log()).match(/Disconnected: Logged out/g) ?? []).length;
    // Earlier tests' sessions may still be logging out on a loaded machine: start from a quiet log.
    let before = await logouts();
    for (let settled = false; !settled; ) {
      await new Promise((r) => setTimeout(r, 300));
      const now = await logouts();
      settled = now === before;
      before = now;
    }
    await testConnection(d.target(ALICE, 'imaps'), { locale: 'en', tlsCa: [d.caPem] });
    await expect.poll(logouts, { timeout: 5000 }).toBe(before + 1);
  });
});

describe('certificates', () => {
  it('refuses the self-signed certificate when not trusted, and reports its fingerprint', async () => {
    const res = await testConnection(d.target(ALICE, 'imaps'), { locale: 'en' });
    expect(res.ok).toBe(false);
    expect(res.error?.code).toBe('TLS_CERT');
    expect(res.error?.cert_fingerprint).toBe(d.certFingerprint256);
    expect(res.error?.message).toBe(ERROR_TABLE.TLS_CERT.en.message);
  });

  it('refuses an untrusted certificate on STARTTLS before any password is sent', async () => {
    const proxy = await startTcpProxy(d.imapPort);
    try {
      const target = { ...d.target(ALICE, 'starttls'), imap_port: proxy.port };
      const res = await testConnection(target, { locale: 'en' });
      expect(res.error?.code).toBe('TLS_CERT');
      expect(res.error?.cert_fingerprint).toBe(d.certFingerprint256);
      expect(proxy.clientBytes().includes(Buffer.from(target.password))).toBe(false);
    } finally {
      await proxy.close();
    }
  });

  it('refuses the certificate when pinned to another fingerprint', async () => {
    const wrong = d.certFingerprint256.replace(/^../, d.certFingerprint256.startsWith('00') ? '11' : '00');
    const res = await testConnection({ ...d.target(ALICE, 'imaps'), tls_fingerprint: wrong }, { locale: 'fr' });
    expect(res.ok).toBe(false);
    expect(res.error?.code).toBe('TLS_CERT');
    expect(res.error?.cert_fingerprint).toBe(d.certFingerprint256);
    expect(res.error?.message).toBe(ERROR_TABLE.TLS_CERT.fr.message);
  });

  it('rejects a malformed fingerprint as a validation error', async () => {
    const res = await testConnection({ ...d.target(ALICE, 'imaps'), tls_fingerprint: 'not-a-fingerprint' }, { locale: 'en' });
    expect(res.error?.code).toBe('VALIDATION');
  });
});

describe('failures', () => {
  it('wrong password → AUTH, in French and English, without the password anywhere', async () => {
    const bad: ImapTarget = { ...d.target(ALICE, 'imaps'), password: 'Wrong-Pass-42' };
    const logger = capturingLogger();
    const fr = await testConnection(bad, { locale: 'fr', tlsCa: [d.caPem], logger });
    const en = await testConnection(bad, { locale: 'en', tlsCa: [d.caPem], logger });
    expect(fr.ok).toBe(false);
    expect(fr.error?.code).toBe('AUTH');
    expect(fr.error?.message).toBe(ERROR_TABLE.AUTH.fr.message);
    expect(fr.error?.hint).toBe(ERROR_TABLE.AUTH.fr.hint);
    expect(en.error?.code).toBe('AUTH');
    expect(en.error?.message).toBe(ERROR_TABLE.AUTH.en.message);
    expect(en.error?.detail).toMatch(/AUTHENTICATIONFAILED|Authentication failed/);
    const everything = JSON.stringify([fr, en, logger.entries]);
    expect(everything).not.toContain('Wrong-Pass-42');
    expect(everything).not.toContain(Buffer.from(`\0${ALICE}\0Wrong-Pass-42`).toString('base64'));
    expect(logger.entries.length).toBeGreaterThan(0);
  });

  it('closed port → NETWORK', async () => {
    const port = await closedPort();
    const res = await testConnection({ ...d.target(ALICE, 'imaps'), imap_port: port }, { locale: 'en', tlsCa: [d.caPem] });
    expect(res.error?.code).toBe('NETWORK');
    expect(res.error?.detail).toMatch(/ECONNREFUSED/);
  });

  it('unresolvable host → DNS', async () => {
    const res = await testConnection({ ...d.target(ALICE, 'imaps'), imap_server: 'nonexistent.invalid' }, { locale: 'en' });
    expect(res.error?.code).toBe('DNS');
    expect(res.error?.message).toBe(ERROR_TABLE.DNS.en.message);
  });

  it('SSL spoken to the plain port → TLS', async () => {
    const res = await testConnection(
      { ...d.target(ALICE, 'imaps'), imap_port: d.imapPort },
      { locale: 'en', tlsCa: [d.caPem], timeoutMs: 5_000 },
    );
    expect(res.error?.code).toBe('TLS');
  });

  it('a server that accepts but never greets → TIMEOUT within the configured timeout', async () => {
    const silent = await startSilentServer();
    try {
      const t0 = Date.now();
      const res = await testConnection(
        { ...d.target(ALICE, 'starttls'), imap_port: silent.port },
        { locale: 'en', timeoutMs: 800 },
      );
      const elapsed = Date.now() - t0;
      expect(res.error?.code).toBe('TIMEOUT');
      expect(silent.accepted()).toBe(1);
      expect(elapsed).toBeGreaterThanOrEqual(700);
      expect(elapsed).toBeLessThan(3_000);
    } finally {
      await silent.close();
    }
  });

  it('a link cut after login surfaces as NETWORK on the next command, without crashing the process', async () => {
    const proxy = await startTcpProxy(d.imapsPort as number);
    try {
      const client = await openImap({ ...d.target(ALICE, 'imaps'), imap_port: proxy.port }, { tlsCa: [d.caPem] });
      proxy.cutAll();
      await new Promise((r) => setTimeout(r, 100));
      const err = await client.mailboxOpen('INBOX').then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).not.toBeNull();
      expect(classifyError(err).code).toBe('NETWORK');
      await closeImap(client);
    } finally {
      await proxy.close();
    }
  });
});

describe('a server without TLS', () => {
  let plain: DovecotHandle;
  beforeAll(async () => {
    plain = await startDovecot({ ssl: false });
  });
  afterAll(async () => {
    await plain?.stop();
  });

  it('refuses to send the password when clear-text login was not allowed', async () => {
    const proxy = await startTcpProxy(plain.imapPort);
    try {
      const target: ImapTarget = { ...plain.target(ALICE, 'plain'), imap_port: proxy.port, allow_insecure_auth: false };
      const res = await testConnection(target, { locale: 'fr' });
      expect(res.ok).toBe(false);
      expect(res.error?.code).toBe('INSECURE_AUTH_REFUSED');
      expect(res.error?.message).toBe(ERROR_TABLE.INSECURE_AUTH_REFUSED.fr.message);
      const sent = proxy.clientBytes().toString('latin1');
      expect(proxy.connections()).toBe(1);
      expect(sent).not.toMatch(/LOGIN|AUTHENTICATE/i);
      expect(sent).not.toContain(target.password);
      // Dovecot saw a connection without any authentication attempt.
      await expect.poll(() => plain.log(), { timeout: 5000 }).toMatch(/no auth attempts/);
      expect(await plain.log()).not.toMatch(/Login: user=<alice@example\.test>/);
    } finally {
      await proxy.close();
    }
  });

  it('logs in over clear text only when explicitly allowed', async () => {
    // Same observation point as above: here the credentials do cross, so the proxy would have seen them there.
    const proxy = await startTcpProxy(plain.imapPort);
    try {
      const target: ImapTarget = { ...plain.target(ALICE, 'plain'), imap_port: proxy.port, allow_insecure_auth: true };
      const res = await testConnection(target, { locale: 'en' });
      expect(res.error).toBeUndefined();
      expect(res).toMatchObject({ ok: true, secure: false, message_count: 0 });
      expect(proxy.clientBytes().toString('latin1')).toMatch(/AUTHENTICATE PLAIN|LOGIN/);
      expect(await plain.log()).toMatch(/Login: user=<alice@example\.test>/);
    } finally {
      await proxy.close();
    }
  });
});

describe('classifyError mapping', () => {
  const errno = (code: string, message = code) => Object.assign(new Error(message), { code });
  it.each([
    [errno('ENOTFOUND'), 'DNS'],
    [errno('EAI_AGAIN'), 'OFFLINE'],
    [errno('ECONNRESET'), 'NETWORK'],
    [errno('EHOSTUNREACH'), 'NETWORK'],
    [errno('ENETUNREACH'), 'NETWORK'],
    [errno('EPIPE'), 'NETWORK'],
    [new Error('Connection not available'), 'NETWORK'],
    [errno('ETIMEDOUT'), 'TIMEOUT'],
    [errno('CERT_HAS_EXPIRED'), 'TLS_CERT'],
    [errno('ERR_TLS_CERT_ALTNAME_INVALID'), 'TLS_CERT_NAME'],
    [errno('SELF_SIGNED_CERT_IN_CHAIN'), 'TLS_CERT'],
    [errno('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), 'TLS_CERT'],
    [errno('ERR_SSL_WRONG_VERSION_NUMBER', 'ssl3_get_record:wrong version number'), 'TLS'],
    [errno('SQLITE_FULL', 'database or disk is full'), 'DISK_FULL'],
    [errno('ENOSPC'), 'DISK_FULL'],
    [errno('SQLITE_CORRUPT'), 'STORAGE'],
    [Object.assign(new Error('Command failed'), { serverResponseCode: 'NONEXISTENT', responseText: 'Mailbox does not exist' }), 'MAILBOX_NOT_FOUND'],
    [Object.assign(new Error('Command failed'), { responseStatus: 'BAD', responseText: 'Error in IMAP command' }), 'PROTOCOL'],
  ] as const)('%s → %s', (err, code) => {
    expect(classifyError(err).code).toBe(code);
  });

  it("reads Microsoft's password ban as OAuth-only", () => {
    const blocked = Object.assign(new Error('Command failed'), {
      authenticationFailed: true,
      responseText: 'AUTHENTICATE failed. BasicAuthBlocked',
    });
    expect(classifyError(blocked).code).toBe('AUTH_OAUTH_ONLY');
    const plainFail = Object.assign(new Error('Command failed'), { authenticationFailed: true, responseText: 'AUTHENTICATE failed.' });
    expect(classifyError(plainFail).code).toBe('AUTH');
    expect(classifyError(plainFail, { host: 'outlook.office365.com' }).code).toBe('AUTH_OAUTH_ONLY');
  });

  it('scrubs secrets from the detail', () => {
    const err = Object.assign(new Error('A1 LOGIN "bob" "hunter2-secret" failed'), { code: 'EPIPE' });
    const c = classifyError(err, { secrets: ['hunter2-secret'] });
    expect(c.code).toBe('NETWORK');
    expect(c.detail).not.toContain('hunter2-secret');
    // The IMAP-escaped and JSON-escaped forms of a password with quotes, and its AUTHENTICATE PLAIN base64.
    const pw = 'p"w\\ord-1';
    const escaped = pw.replace(/[\\"]/g, (ch) => '\\' + ch);
    const b64 = Buffer.from(pw).toString('base64').replace(/=+$/, '');
    const d = classifyError(new Error(`BAD "${escaped}" ${JSON.stringify(pw)} ${b64}`), { secrets: [pw] }).detail;
    for (const form of [pw, escaped, JSON.stringify(pw).slice(1, -1), b64]) expect(d).not.toContain(form);
  });
});
