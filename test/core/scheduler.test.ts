import { describe, expect, it } from 'vitest';
import type { SyncResult } from '../../shared/types.js';
import type { MailboxRow } from '../../electron/core/store/index.js';
import { BACKOFF_CAP_MS, retryDelayMs } from '../../electron/core/sync/backoff.js';
import { isDue, nextSyncAt, Scheduler } from '../../electron/core/sync/scheduler.js';

const NOW = Date.parse('2026-11-24T12:00:00Z');

function row(over: Partial<MailboxRow> = {}): MailboxRow {
  return {
    id: 1, integration_type: 'imap', name: 'x', imap_server: 'h', imap_port: 993, email_address: 'a@b.c', username: 'a@b.c',
    password_enc: null, secret_kind: null, auth_method: 'password', oauth_provider: null, oauth_tokens_enc: null,
    oauth_secret_kind: null, use_ssl: true, allow_insecure_auth: false, sync_interval_minutes: 5, active: true,
    color: '#000000', sync_window_days: null, sync_window_count: null, tls_fingerprint: null, preset_id: null,
    last_sync_at: null, last_sync_status: null, last_sync_error_code: null, last_sync_error_detail: null, failures: 0,
    next_retry_at: null, created_at: '', updated_at: '',
    smtp_server: null, smtp_port: null, smtp_use_ssl: true, smtp_username: null, smtp_password_enc: null,
    smtp_secret_kind: null, sender_name: null, signature: null, aliases_json: '[]', ...over,
  };
}

describe('due rules', () => {
  it('a never-synced mailbox is due; one synced 1 minute ago with a 5-minute interval is not', () => {
    expect(isDue(row(), NOW)).toBe(true);
    expect(isDue(row({ last_sync_at: new Date(NOW - 60_000).toISOString() }), NOW)).toBe(false);
    expect(isDue(row({ last_sync_at: new Date(NOW - 5 * 60_000).toISOString() }), NOW)).toBe(true);
    expect(isDue(row({ active: false }), NOW)).toBe(false);
  });

  it('a failing mailbox waits for its retry time', () => {
    const r = row({ last_sync_at: new Date(NOW - 10 * 60_000).toISOString(), next_retry_at: new Date(NOW + 60_000).toISOString() });
    expect(isDue(r, NOW)).toBe(false);
    expect(nextSyncAt(r, NOW)).toBe(NOW + 60_000);
  });
});

describe('backoff', () => {
  it('retries on the next cycle first, then doubles, never past the cap', () => {
    const mid = () => 0.5; // no jitter
    expect(retryDelayMs(1, 5, mid)).toBe(5 * 60_000);
    expect(retryDelayMs(2, 5, mid)).toBe(10 * 60_000);
    expect(retryDelayMs(3, 5, mid)).toBe(20 * 60_000);
    expect(retryDelayMs(30, 5, mid)).toBe(BACKOFF_CAP_MS);
    // jitter stays within ±10 % and never below the interval
    for (const r of [0, 0.999]) {
      const d = retryDelayMs(3, 5, () => r);
      expect(d).toBeGreaterThanOrEqual(18 * 60_000 - 1);
      expect(d).toBeLessThanOrEqual(22 * 60_000 + 1);
    }
    expect(retryDelayMs(1, 5, () => 0)).toBe(5 * 60_000);
  });
});

describe('Scheduler', () => {
  function harness(rows: MailboxRow[], maxConcurrency: number) {
    const started: number[] = [];
    let active = 0;
    let peak = 0;
    const releases = new Map<number, () => void>();
    const s = new Scheduler({
      listMailboxes: () => rows,
      getMailbox: (id) => rows.find((r) => r.id === id),
      now: () => NOW,
      maxConcurrency,
      run: (r) =>
        new Promise<SyncResult>((resolve) => {
          started.push(r.id);
          active++;
          peak = Math.max(peak, active);
          releases.set(r.id, () => {
            active--;
            resolve({ mailbox_id: r.id, status: 'success', new_messages: 0, updated_messages: 0 });
          });
        }),
    });
    return { s, started, releases, peak: () => peak };
  }
  const tick = () => new Promise((r) => setTimeout(r, 0));

  it('never runs one mailbox twice at once: sync now shares the running run', async () => {
    const h = harness([row({ id: 1 })], 4);
    const a = h.s.syncNow(1);
    const b = h.s.syncNow(1);
    await tick();
    expect(h.started).toEqual([1]);
    h.releases.get(1)!();
    expect(await a).toEqual(await b);
  });

  it('bounds concurrency and does not let one slow mailbox hold up the others', async () => {
    const rows = [1, 2, 3, 4, 5].map((id) => row({ id }));
    const h = harness(rows, 2);
    const until = async (cond: () => boolean) => {
      for (let i = 0; i < 100 && !cond(); i++) await tick();
      expect(cond()).toBe(true);
    };
    const pass = h.s.runPass({ force: true });
    await until(() => h.started.length === 2);
    expect(h.started).toEqual([1, 2]);
    h.releases.get(2)!(); // mailbox 1 stays slow; the others go through the second slot
    await until(() => h.started.length === 3);
    h.releases.get(3)!();
    await until(() => h.started.length === 4);
    h.releases.get(4)!();
    await until(() => h.started.length === 5);
    expect(h.started).toEqual([1, 2, 3, 4, 5]);
    h.releases.get(5)!();
    h.releases.get(1)!();
    const results = await pass;
    expect(results.map((r) => r.mailbox_id)).toEqual([1, 2, 3, 4, 5]);
    expect(h.peak()).toBe(2);
  });

  it('a pass skips mailboxes not due or inactive, force runs every active one', async () => {
    const rows = [
      row({ id: 1, last_sync_at: new Date(NOW - 60_000).toISOString() }),
      row({ id: 2 }),
      row({ id: 3, active: false }),
    ];
    const h = harness(rows, 4);
    const p = h.s.runPass();
    await tick();
    h.releases.get(2)!();
    const res = await p;
    expect(res.map((r) => r.skipped)).toEqual(['not_due', undefined, 'inactive']);
    const f = h.s.runPass({ force: true });
    await tick();
    h.releases.get(1)!();
    h.releases.get(2)!();
    expect((await f).map((r) => r.skipped)).toEqual([undefined, undefined, 'inactive']);
  });
});

describe('Scheduler lifecycle', () => {
  it('listeners of a run end no longer see the mailbox as running, and nothing starts after stop', async () => {
    let sawRunning: boolean | null = null;
    let runs = 0;
    const rows = [row({ id: 7 })];
    const s: Scheduler = new Scheduler({
      listMailboxes: () => rows,
      getMailbox: (id) => rows.find((r) => r.id === id),
      now: () => NOW,
      maxConcurrency: 1,
      run: async (r) => {
        runs++;
        return { mailbox_id: r.id, status: 'success', new_messages: 0, updated_messages: 0 };
      },
      onRunEnd: (id) => {
        sawRunning = s.isRunning(id);
      },
    });
    await s.syncNow(7);
    expect(sawRunning).toBe(false);
    await s.stop();
    expect(await s.syncNow(7)).toMatchObject({ skipped: 'inactive' });
    expect(runs).toBe(1);
  });
});
