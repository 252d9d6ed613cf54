// Diagnoses that were wrong in a walk-through (issue #11, point 6), each against a real Dovecot or a raw TCP
// listener: SSL/TLS port with SSL unticked, a server that accepts and never answers (and Cancel), offline vs
// an unknown host, a self-signed certificate, and test hints that promise no "retry on the next cycle".
// Durations are logged, not asserted (speeds are noisy here): the codes themselves prove the diagnosis, since
// without it each case would end as TIMEOUT or DNS.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/create-core.js';
import { classifyError } from '../../electron/core/imap/classify-error.js';
import { TEST_BUDGET_MS, testConnection } from '../../electron/core/imap/test-connection.js';
import type { Core } from '../../electron/core/model.js';
import { ERROR_TABLE, SETTINGS_ERROR_CODES } from '../../shared/errors.js';
import { startDovecot, type DovecotHandle } from '../fixtures/dovecot.js';
import { startSilentServer } from '../fixtures/net-tools.js';

const ALICE = 'alice@example.test';
let d: DovecotHandle;
let core: Core;
let dataDir: string;

beforeAll(async () => {
  d = await startDovecot();
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'releve-diag-'));
  core = createCore({ dataDir, tlsCa: [d.caPem], locale: 'fr', logger: { log: () => undefined }, idle: false });
});

afterAll(async () => {
  await core?.close();
  await d?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const noRetryPromise = (hint: string | undefined) => {
  expect(hint).toBeDefined();
  expect(hint).not.toMatch(/prochain cycle|next cycle/);
};

describe('SSL/TLS port with SSL unticked', () => {
  it('says the port expects SSL/TLS instead of timing out', async () => {
    const t0 = Date.now();
    const res = await testConnection({ ...d.target(ALICE, 'starttls'), imap_port: d.imapsPort! }, { locale: 'fr', tlsCa: [d.caPem] });
    const ms = Date.now() - t0;
    expect(res.ok).toBe(false);
    expect(res.error?.code).toBe('TLS_PORT_NEEDS_SSL');
    expect(res.error?.message).toBe('Ce port attend une connexion SSL/TLS.');
    expect(res.error?.hint).toMatch(/Cochez « SSL\/TLS »/);
    console.log(`SSL port without SSL: diagnosed in ${ms} ms`);
  });

  it('the plain port with SSL unticked still works (the probe never fires on a greeting server)', async () => {
    const res = await testConnection(d.target(ALICE, 'starttls'), { locale: 'en', tlsCa: [d.caPem] });
    expect(res).toMatchObject({ ok: true, secure: true });
  });
});

describe('a server that accepts TCP and never answers', () => {
  it('gives up within the test budget (under 10 s) with a test hint, not a retry promise', async () => {
    expect(TEST_BUDGET_MS).toBeLessThanOrEqual(10_000);
    const silent = await startSilentServer();
    try {
      const t0 = Date.now();
      const res = await testConnection({ ...d.target(ALICE, 'imaps'), imap_port: silent.port }, { locale: 'fr' });
      const ms = Date.now() - t0;
      expect(res.error?.code).toBe('TIMEOUT');
      noRetryPromise(res.error?.hint);
      expect(res.error?.hint).toBe('Le serveur n’a pas répondu à temps. Vérifiez le nom du serveur, le port et l’option SSL, puis relancez le test.');
      console.log(`silent server (SSL ticked): TIMEOUT after ${ms} ms`);
    } finally {
      await silent.close();
    }
  }, 20_000);

  it('Cancel stops a test in flight through the API (test_id + cancelConnectionTest)', async () => {
    const silent = await startSilentServer();
    try {
      const running = core.api.testConnection({
        imap_server: '127.0.0.1',
        imap_port: silent.port,
        use_ssl: false,
        email_address: ALICE,
        email_password: 'x-secret-1',
        test_id: 'wizard-1',
      });
      await new Promise((r) => setTimeout(r, 300));
      expect(silent.accepted()).toBe(1);
      expect(await core.api.cancelConnectionTest({ test_id: 'wizard-1' })).toEqual({ cancelled: true });
      const res = await running;
      expect(res.error?.code).toBe('CANCELLED');
      expect(res.error?.hint).toBe('Test annulé : relancez-le quand vous voulez.');
      // Nothing left to cancel, and a bad id is a validation error.
      expect(await core.api.cancelConnectionTest({ test_id: 'wizard-1' })).toEqual({ cancelled: false });
      await expect(core.api.cancelConnectionTest({ test_id: 'no spaces' })).rejects.toMatchObject({ code: 'VALIDATION' });
    } finally {
      await silent.close();
    }
  });
});

describe('offline vs an unknown host name', () => {
  it('an unknown name on a connected machine is DNS; the same with no network is OFFLINE, never "n’existe pas"', async () => {
    const target = { ...d.target(ALICE, 'imaps'), imap_server: 'imap.nonexistent.invalid' };
    const online = await testConnection(target, { locale: 'fr', networkUp: () => true });
    expect(online.error?.code).toBe('DNS');
    const offline = await testConnection(target, { locale: 'fr', networkUp: () => false });
    expect(offline.error?.code).toBe('OFFLINE');
    expect(offline.error?.message).not.toMatch(/n’existe pas/);
    expect(offline.error?.message).toBe('Pas de connexion au réseau : aucun serveur ne peut être joint.');
    noRetryPromise(offline.error?.hint);
  });

  it('a resolver that cannot be reached at all (EAI_AGAIN) is offline too; offline is not a settings error', () => {
    const err = Object.assign(new Error('getaddrinfo EAI_AGAIN imap.orange.fr'), { code: 'EAI_AGAIN' });
    expect(classifyError(err, { networkUp: () => true }).code).toBe('OFFLINE');
    const unreachable = Object.assign(new Error('connect ENETUNREACH'), { code: 'ENETUNREACH' });
    expect(classifyError(unreachable, { networkUp: () => false }).code).toBe('OFFLINE');
    expect(classifyError(unreachable, { networkUp: () => true }).code).toBe('NETWORK');
    for (const code of ['OFFLINE', 'NETWORK', 'TIMEOUT'] as const) expect(SETTINGS_ERROR_CODES.has(code)).toBe(false);
    for (const code of ['AUTH', 'DNS', 'TLS_CERT', 'TLS_PORT_NEEDS_SSL'] as const) expect(SETTINGS_ERROR_CODES.has(code)).toBe(true);
  });
});

describe('a self-signed certificate', () => {
  it('says the certificate is not trusted, without sending the user to check the server name', async () => {
    const res = await testConnection(d.target(ALICE, 'imaps'), { locale: 'fr' });
    expect(res.error?.code).toBe('TLS_CERT');
    expect(res.error?.message).toMatch(/n'est pas de confiance \(auto-signé/);
    expect(res.error?.hint).not.toMatch(/Vérifiez le nom du serveur/);
    expect(res.error?.cert_fingerprint).toBe(d.certFingerprint256);
    // The name check is a different diagnosis with its own words.
    expect(classifyError(Object.assign(new Error('altname'), { code: 'ERR_TLS_CERT_ALTNAME_INVALID' })).code).toBe('TLS_CERT_NAME');
    expect(ERROR_TABLE.TLS_CERT_NAME.fr.hint).toMatch(/Vérifiez le nom du serveur/);
  });
});

describe('a new mailbox whose test failed', () => {
  it('is never promised an automatic retry on the next cycle', async () => {
    const silent = await startSilentServer();
    try {
      const res = await core.api.testConnection({
        imap_server: '127.0.0.1',
        imap_port: silent.port,
        use_ssl: true,
        email_address: ALICE,
        email_password: 'x-secret-1',
      });
      expect(res.error?.code).toBe('TIMEOUT');
      noRetryPromise(res.error?.hint);
    } finally {
      await silent.close();
    }
  }, 20_000);
});
