// Live mailbox health against a real Dovecot behind a TCP proxy that can go down (an outage) and come back:
// the mailbox turns 'warning' once its live connection stayed down past the grace period, 'error' with the
// classified reason after the sync attempt that follows fails, and 'ok' again after recovery — with
// statusChanged events at each step and no call from a client. The grace period and check interval are
// injected short (the defaults, 30 s and 5 s, would only make the test slow); how long each step took is
// logged, not asserted (speeds are noisy here).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/create-core.js';
import { computeHealth } from '../../electron/core/sync/health.js';
import type { Core } from '../../electron/core/model.js';
import type { MailboxStatus } from '../../shared/types.js';
import { makeMessage, startDovecot, type DovecotHandle } from '../fixtures/dovecot.js';
import { startTcpProxy, type TcpProxy } from '../fixtures/net-tools.js';

const USER = { user: 'health@example.test', password: 'health-Pw-1a' };
const OTHER = { user: 'steady@example.test', password: 'steady-Pw-2b' };

let dovecot: DovecotHandle;
let proxy: TcpProxy;
let core: Core;
let dataDir: string;
const events: MailboxStatus[] = [];
const logged: string[] = [];

async function until<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function statusOf(id: number): Promise<MailboxStatus> {
  const all = await core.api.getStatus();
  const s = all.find((x) => x.mailbox.id === id);
  if (!s) throw new Error(`no status for ${id}`);
  return s;
}

beforeAll(async () => {
  dovecot = await startDovecot({ users: [USER, OTHER] });
  proxy = await startTcpProxy(dovecot.imapsPort!);
  await dovecot.append(USER.user, makeMessage({ subject: 'Avant la panne' }));
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'releve-health-'));
  core = createCore({
    dataDir,
    tlsCa: [dovecot.caPem],
    locale: 'fr',
    logger: { log: (_level, msg) => logged.push(msg) },
    idle: { baseRetryMs: 100, maxRetryMs: 400, livenessMs: 300, livenessTimeoutMs: 500 },
    health: { connectionGraceMs: 1_500, checkMs: 100 },
  });
  core.on('statusChanged', (s) => events.push(s));
});

afterAll(async () => {
  await core?.close();
  await proxy?.close();
  await dovecot?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('live mailbox health', () => {
  it('is not ok before the first sync, then ok once synced and listening', async () => {
    const mb = await core.api.createMailbox({
      name: 'Santé',
      imap_server: '127.0.0.1',
      imap_port: proxy.port,
      email_address: USER.user,
      email_password: USER.password,
      use_ssl: true,
      sync_interval_minutes: 1440,
    });
    const before = await statusOf(mb.id);
    expect(before.health).toBe('warning');
    expect(before.health_reason).toBe('Première synchronisation pas encore terminée.');
    expect(before.last_success_at).toBeNull();

    core.startScheduler();
    const ok = await until('health ok', async () => {
      const s = await statusOf(mb.id);
      return s.health === 'ok' ? s : false;
    });
    expect(ok.health_reason).toBe('À jour.');
    expect(ok.last_success_at).not.toBeNull();
    expect(ok.mailbox.last_sync_status).toBe('success');
  });

  it('goes warning then error during an outage, and back to ok after it, with events and no click', async () => {
    const [mb] = await core.api.listMailboxes();
    const id = mb!.id;
    // Let the start-up syncs (the first one, and the catch-up the listener asked for) finish: a sync that
    // borrows the link at the moment it drops fails at once, which is right but not this test's story.
    let quietSince = events.length;
    await until('no status event for 800 ms', async () => {
      const n = events.length;
      await new Promise((r) => setTimeout(r, 800));
      const quiet = events.length === n && n === quietSince;
      quietSince = events.length;
      return quiet && !(await statusOf(id)).running;
    });
    const okBefore = await statusOf(id);
    expect(okBefore.health).toBe('ok');
    const successBefore = okBefore.last_success_at;
    const mark = events.length;
    const down = Date.now();
    proxy.down();

    const warning = await until('a warning event', () => events.slice(mark).find((e) => e.mailbox.id === id && e.health === 'warning'));
    const tWarning = Date.now() - down;
    expect(warning.health_reason).toMatch(/^Connexion perdue, nouvel essai dans \d+ s\.$/);
    // The last run has not failed yet: only the live link says something is wrong.
    expect(warning.mailbox.last_sync_status).toBe('success');

    const error = await until('an error event', () => events.slice(mark).find((e) => e.mailbox.id === id && e.health === 'error'));
    const tError = Date.now() - down;
    expect(['NETWORK', 'TIMEOUT']).toContain(error.health_code);
    expect(error.health_reason).toBe(error.health_code === 'NETWORK' ? 'Impossible de joindre le serveur.' : 'Le serveur ne répond pas (délai dépassé).');
    // Last success is kept beside the failed attempt.
    expect(error.last_success_at).toBe(successBefore);
    expect(error.mailbox.last_sync_status).toBe('error');

    const mark2 = events.length;
    const up = Date.now();
    proxy.up();
    const back = await until('an ok event', () => events.slice(mark2).find((e) => e.mailbox.id === id && e.health === 'ok'));
    const tBack = Date.now() - up;
    expect(back.mailbox.last_sync_status).toBe('success');
    expect(Date.parse(back.last_success_at!)).toBeGreaterThan(Date.parse(successBefore!));
    // Measured, not asserted: with grace 1.5 s / retry ≤ 0.4 s (defaults 30 s / 20 s).
    console.log(`health: warning after ${tWarning} ms, error after ${tError} ms, ok ${tBack} ms after recovery`);
  });

  it('a link that dies silently (no FIN: the proxy stalls) is found by the liveness NOOP, then recovers', async () => {
    const [mb] = await core.api.listMailboxes();
    const id = mb!.id;
    await until('ok before the stall', async () => (await statusOf(id)).health === 'ok' && !(await statusOf(id)).running);
    const mark = events.length;
    const t0 = Date.now();
    proxy.stall();
    const lost = await until('a non-ok event', () => events.slice(mark).find((e) => e.mailbox.id === id && e.health !== 'ok'));
    const tLost = Date.now() - t0;
    expect(lost.health).toBe('warning');
    expect(lost.health_reason).toMatch(/^Connexion perdue/);
    // Found by the liveness NOOP: nothing else would notice a link that just stops answering.
    expect(logged).toContain('idle: no answer to NOOP, reopening');
    const t1 = Date.now();
    proxy.resume();
    await until('ok after the stall', async () => {
      const s = await statusOf(id);
      return s.health === 'ok' && !s.running;
    }, 40_000);
    console.log(`silent drop: non-ok after ${tLost} ms (NOOP every 0.3 s, 0.5 s to answer, grace 1.5 s); ok ${Date.now() - t1} ms after it ended`);
  }, 60_000);

  it('a mailbox without a live link needs none: ok from its last success alone (one-shot mode)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'releve-health-once-'));
    const once = createCore({ dataDir: dir, tlsCa: [dovecot.caPem], locale: 'en', logger: { log: () => undefined } });
    try {
      const mb = await once.api.createMailbox({
        name: 'Once',
        imap_server: '127.0.0.1',
        imap_port: dovecot.imapsPort!,
        email_address: OTHER.user,
        email_password: OTHER.password,
        use_ssl: true,
      });
      await once.runOnce({ force: true });
      const [s] = await once.api.getStatus();
      expect(s!.mailbox.id).toBe(mb.id);
      expect(s!.health).toBe('ok');
      expect(s!.health_reason).toBe('Up to date.');
      await once.api.updateMailbox({ id: mb.id, patch: { active: false } });
      const [paused] = await once.api.getStatus();
      expect(paused!.health).toBe('ok');
      expect(paused!.health_reason).toContain('Paused');
    } finally {
      await once.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('health rules (computeHealth)', () => {
  const base = {
    active: true,
    sync_interval_minutes: 10,
    last_sync_status: 'success',
    last_sync_error_code: null,
  } as unknown as import('../../electron/core/store/index.js').MailboxRow;
  const up = { watched: true, downSince: null, downForMs: null, retryMs: 20_000 };
  const now = Date.parse('2026-01-01T12:00:00Z');
  const h = (over: Partial<typeof base>, extra: Partial<Parameters<typeof computeHealth>[0]> = {}) =>
    computeHealth({ row: { ...base, ...over }, running: false, lastSuccessAt: '2026-01-01T11:55:00Z', link: up, now, graceMs: 30_000, locale: 'en', ...extra });

  it('ok within two intervals of the last success, warning beyond', () => {
    expect(h({}).health).toBe('ok');
    expect(h({}, { lastSuccessAt: '2026-01-01T11:41:00Z' }).health).toBe('ok');
    expect(h({}, { lastSuccessAt: '2026-01-01T11:39:00Z' })).toMatchObject({ health: 'warning', health_reason: 'No successful sync for more than two intervals.' });
  });

  it('a link down for less than the grace period is tolerated; beyond it, a warning with the retry delay', () => {
    expect(h({}, { link: { ...up, downSince: 1, downForMs: 29_000 } }).health).toBe('ok');
    expect(h({}, { link: { ...up, downSince: 1, downForMs: 30_000 } })).toMatchObject({ health: 'warning', health_reason: 'Connection lost, retrying in 20 s.' });
    // No listening link (one-shot mode, beyond the cap): not needed.
    expect(h({}, { link: { watched: false, downSince: null, downForMs: null, retryMs: 0 } }).health).toBe('ok');
  });

  it('partial is a warning with its reason; error wins over everything', () => {
    expect(h({ last_sync_status: 'partial', last_sync_error_code: 'PARSE' })).toMatchObject({ health: 'warning', health_code: 'PARSE' });
    expect(h({ last_sync_status: 'error', last_sync_error_code: 'AUTH' }, { running: true })).toMatchObject({
      health: 'error',
      health_code: 'AUTH',
      health_reason: 'The server refused the user name or password.',
    });
  });
});
