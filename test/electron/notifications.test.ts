import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => {
  const fake = await import('./fake-electron.js');
  return { ...fake.electronModule, default: fake.electronModule };
});

import type { Mailbox, Settings } from '../../shared/types.js';
import { startNewMailNotifications } from '../../electron/main/notifications.js';
import { FakeNotification, resetFakeElectron } from './fake-electron.js';
import { eventHub, mailboxStatus } from './helpers.js';

function setup(opts: { settings?: Partial<Settings>; focused?: boolean } = {}) {
  const noClient = { client_id: null, has_client_secret: false, tenant: null, source: null };
  const settings: Settings = { locale: 'fr', locale_chosen: true, notifications: true, oauth: { microsoft: noClient, google: noClient }, triage_name: null, ...opts.settings };
  const hub = eventHub();
  const api = {
    getSettings: vi.fn(async () => settings),
    listMailboxes: vi.fn(async () => [{ id: 1, name: 'Support' } as Mailbox, { id: 2, name: 'Contact' } as Mailbox]),
  };
  const onOpen = vi.fn();
  const notifier = startNewMailNotifications({ api, on: hub.on, onOpen, isWindowFocused: () => opts.focused ?? false, quietMs: 3000 });
  return { hub, api, onOpen, notifier };
}

beforeEach(() => {
  resetFakeElectron();
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('new-mail notifications', () => {
  it('shows one grouped summary for the runs of a sync-all, and opens the window on click', async () => {
    const { hub, onOpen } = setup();
    hub.emit('syncStarted', { mailbox_id: 1 });
    hub.emit('syncStarted', { mailbox_id: 2 });
    hub.emit('statusChanged', mailboxStatus(1));
    hub.emit('newMail', { mailbox_id: 1, count: 40, latest: [{ from: 'Alice', subject: 'Devis' }] });
    await vi.advanceTimersByTimeAsync(5000);
    expect(FakeNotification.instances).toHaveLength(0);
    hub.emit('statusChanged', mailboxStatus(2));
    hub.emit('newMail', { mailbox_id: 2, count: 2, latest: [] });
    await vi.advanceTimersByTimeAsync(3000);
    expect(FakeNotification.instances).toHaveLength(1);
    const n = FakeNotification.instances[0]!;
    expect(n.shown).toBe(true);
    expect(n.options).toMatchObject({ title: '42 nouveaux messages', body: 'Support : 40\nContact : 2' });
    n.emit('click');
    expect(onOpen).toHaveBeenCalledWith([1, 2]);
  });

  it('shows a first sync of one mailbox as a single notification', async () => {
    const { hub } = setup({ settings: { locale: 'en' } });
    hub.emit('newMail', { mailbox_id: 1, count: 1200, latest: [{ from: 'Bob', subject: 'Invoice' }] });
    await vi.advanceTimersByTimeAsync(3000);
    expect(FakeNotification.instances.map((n) => n.options.title)).toEqual(['1200 new messages in Support']);
  });

  it('stays silent when the user turned notifications off', async () => {
    const { hub } = setup({ settings: { notifications: false } });
    hub.emit('newMail', { mailbox_id: 1, count: 3, latest: [] });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(FakeNotification.instances).toHaveLength(0);
  });

  it('stays silent while the user is looking at the window, or where notifications are unsupported', async () => {
    const focused = setup({ focused: true });
    focused.hub.emit('newMail', { mailbox_id: 1, count: 3, latest: [] });
    await vi.advanceTimersByTimeAsync(10_000);
    FakeNotification.supported = false;
    const unsupported = setup();
    unsupported.hub.emit('newMail', { mailbox_id: 1, count: 3, latest: [] });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(FakeNotification.instances).toHaveLength(0);
  });

  it('dispose drops pending mail and stops listening', async () => {
    const { hub, notifier } = setup();
    hub.emit('newMail', { mailbox_id: 1, count: 3, latest: [] });
    notifier.dispose();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeNotification.instances).toHaveLength(0);
    expect(hub.count()).toBe(0);
  });
});
