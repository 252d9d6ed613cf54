import { describe, expect, it } from 'vitest';
import { createStores, loadAll, wireEvents } from '../../renderer/store/stores.js';
import { isBusy, progressFraction, statusBadge } from '../../renderer/store/status-store.js';
import { FakeMailApi } from './fake-api.js';

const GMAIL = { host: 'imap.gmail.com', accounts: { 'contact@gmail.com': 'abcd efgh ijkl mnop' }, messageCount: 1234 };

async function setup() {
  const api = new FakeMailApi({ servers: [GMAIL] });
  const ok = await api.createMailbox({
    name: 'Contact',
    imap_server: 'imap.gmail.com',
    imap_port: 993,
    email_address: 'contact@gmail.com',
    email_password: 'abcd efgh ijkl mnop',
    use_ssl: true,
  });
  const bad = await api.createMailbox({
    name: 'Support',
    imap_server: 'imap.gmail.com',
    imap_port: 993,
    email_address: 'support@gmail.com',
    email_password: 'wrong',
    use_ssl: true,
  });
  const client = { api, on: api.on };
  const stores = createStores(client, 'fr');
  wireEvents(client, stores);
  await loadAll(stores);
  return { api, stores, ok, bad };
}

describe('status store', () => {
  it('loads one status per mailbox, never synced at first', async () => {
    const { stores, ok, bad } = await setup();
    const s = stores.status.getState();
    expect(s.order).toEqual([ok.id, bad.id]);
    expect(statusBadge(s.statuses[ok.id]!)).toBe('never');
  });

  it('follows syncStarted, syncProgress and statusChanged events of a real run', async () => {
    const { api, stores, ok } = await setup();
    const seen: Array<{ running: boolean; done: number | null }> = [];
    stores.status.subscribe((st) => {
      const x = st.statuses[ok.id];
      if (x) seen.push({ running: x.running, done: x.progress?.done ?? null });
    });
    const result = await api.syncMailbox({ id: ok.id });
    expect(result.status).toBe('success');
    // started (no progress yet) → half → all → finished
    expect(seen[0]).toEqual({ running: true, done: null });
    expect(seen).toContainEqual({ running: true, done: 617 });
    expect(seen).toContainEqual({ running: true, done: 1234 });
    const final = stores.status.getState().statuses[ok.id]!;
    expect(final.running).toBe(false);
    expect(statusBadge(final)).toBe('success');
    expect(final.mailbox.last_sync_at).not.toBeNull();
    // The mailboxes store is kept in step by statusChanged too.
    expect(stores.mailboxes.getState().mailboxes.find((m) => m.id === ok.id)?.last_sync_status).toBe('success');
  });

  it('a failed run shows the error code of the mailbox', async () => {
    const { stores, bad } = await setup();
    await stores.status.getState().syncNow(bad.id);
    const st = stores.status.getState();
    expect(statusBadge(st.statuses[bad.id]!)).toBe('error');
    expect(st.statuses[bad.id]!.mailbox.last_sync_error_code).toBe('AUTH');
    expect(st.syncErrors[bad.id]?.code).toBe('AUTH');
    expect(st.pending[bad.id]).toBeUndefined();
  });

  it('marks the mailbox busy while "Sync now" runs and clears it after', async () => {
    const { stores, ok } = await setup();
    const running = stores.status.getState().syncNow(ok.id);
    const during = stores.status.getState();
    expect(during.pending[ok.id]).toBe(true);
    expect(isBusy(during, during.statuses[ok.id]!)).toBe(true);
    await running;
    const after = stores.status.getState();
    expect(isBusy(after, after.statuses[ok.id]!)).toBe(false);
  });

  it('sync all collects per-mailbox errors', async () => {
    const { api, stores, ok, bad } = await setup();
    const p = stores.status.getState().syncAll();
    expect(stores.status.getState().allPending).toBe(true);
    await p;
    const st = stores.status.getState();
    expect(st.allPending).toBe(false);
    expect(Object.keys(st.syncErrors).map(Number)).toEqual([bad.id]);
    expect(statusBadge(st.statuses[ok.id]!)).toBe('success');
    expect(api.callsOf('syncAll')).toHaveLength(1);
  });

  it('a statusChanged for a new mailbox adds it; forget removes it', async () => {
    const { api, stores } = await setup();
    const extra = await api.createMailbox({
      name: 'Ventes',
      imap_server: 'imap.gmail.com',
      imap_port: 993,
      email_address: 'ventes@gmail.com',
      email_password: 'x',
      use_ssl: true,
    });
    await api.syncMailbox({ id: extra.id });
    expect(stores.status.getState().order).toContain(extra.id);
    stores.status.getState().forget(extra.id);
    expect(stores.status.getState().order).not.toContain(extra.id);
    expect(stores.status.getState().statuses[extra.id]).toBeUndefined();
  });

  it('computes the progress fraction only when the total is known', () => {
    expect(progressFraction(null)).toBeNull();
    expect(progressFraction({ mailbox_id: 1, folder: 'INBOX', done: 0, total: 0 })).toBeNull();
    expect(progressFraction({ mailbox_id: 1, folder: 'INBOX', done: 25, total: 100 })).toBe(0.25);
    expect(progressFraction({ mailbox_id: 1, folder: 'INBOX', done: 120, total: 100 })).toBe(1);
  });
});
