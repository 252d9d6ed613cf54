import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => {
  const fake = await import('./fake-electron.js');
  return { ...fake.electronModule, default: fake.electronModule };
});

import path from 'node:path';
import type { Locale, MailboxStatus, SyncResult } from '../../shared/types.js';
import { startAppTray, trayIconFile } from '../../electron/main/tray.js';
import { FakeTray, resetFakeElectron } from './fake-electron.js';
import { eventHub, mailboxStatus } from './helpers.js';

const assetsDir = '/opt/releve/assets';

function setup(opts: { statuses?: MailboxStatus[]; platform?: NodeJS.Platform; locale?: Locale } = {}) {
  let statuses = opts.statuses ?? [mailboxStatus(1), mailboxStatus(2)];
  let locale: Locale = opts.locale ?? 'fr';
  const hub = eventHub();
  let releaseSyncAll: (() => void) | null = null;
  const api = {
    getStatus: vi.fn(async () => statuses),
    syncAll: vi.fn(
      () =>
        new Promise<SyncResult[]>((resolve) => {
          releaseSyncAll = () => resolve([]);
        }),
    ),
  };
  const onOpen = vi.fn();
  const onQuit = vi.fn();
  const tray = startAppTray({ api, on: hub.on, assetsDir, getLocale: () => locale, onOpen, onQuit, platform: opts.platform ?? 'linux' });
  const fake = FakeTray.instances.at(-1)!;
  return {
    tray,
    fake,
    hub,
    api,
    onOpen,
    onQuit,
    setStatuses: (s: MailboxStatus[]) => (statuses = s),
    setLocale: (l: Locale) => (locale = l),
    releaseSyncAll: () => releaseSyncAll?.(),
  };
}

const iconName = (fake: FakeTray) => path.basename((fake.image).path);
const flush = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => resetFakeElectron());
afterEach(() => vi.restoreAllMocks());

describe('tray', () => {
  it('starts from the core statuses: ok icon, state line, tooltip and the menu', async () => {
    const { fake } = setup();
    await flush();
    expect(iconName(fake)).toBe('tray-ok.png');
    expect(fake.tooltip).toBe('Relève — Tout est à jour');
    expect(fake.menu!.items.map((i) => i.label ?? i.type)).toEqual([
      'Tout est à jour',
      'separator',
      'Synchroniser maintenant',
      'Ouvrir Relève',
      'separator',
      'Quitter',
    ]);
    expect(fake.menu!.items[0]!.enabled).toBe(false);
  });

  it('follows syncStarted and statusChanged events', async () => {
    const { fake, hub } = setup();
    await flush();
    hub.emit('syncStarted', { mailbox_id: 2 });
    expect(iconName(fake)).toBe('tray-syncing.png');
    expect(fake.menu!.items[0]!.label).toBe('Synchronisation en cours…');
    hub.emit('statusChanged', mailboxStatus(2, { last: 'error' }));
    expect(iconName(fake)).toBe('tray-error.png');
    expect(fake.tooltip).toBe('Relève — 1 boîte en erreur');
    hub.emit('statusChanged', mailboxStatus(2));
    expect(iconName(fake)).toBe('tray-ok.png');
    // The live connection dropped: the last run still says success, the tray does not.
    hub.emit('statusChanged', mailboxStatus(2, { health: 'warning' }));
    expect(iconName(fake)).toBe('tray-warning.png');
  });

  it('re-reads the statuses when mailboxes are added or removed', async () => {
    const t = setup();
    await flush();
    t.setStatuses([mailboxStatus(1), mailboxStatus(2, { last: 'error' }), mailboxStatus(3, { last: 'error' })]);
    t.hub.emit('mailboxesChanged', { ids: [3] });
    await flush();
    expect(t.fake.menu!.items[0]!.label).toBe('2 boîtes en erreur');
    expect(t.api.getStatus).toHaveBeenCalledTimes(2);
  });

  it('"Sync now" runs one sync-all at a time; Open and Quit call back', async () => {
    const t = setup();
    await flush();
    t.fake.menuItem('Synchroniser maintenant').click!();
    t.fake.menuItem('Synchroniser maintenant').click!();
    expect(t.api.syncAll).toHaveBeenCalledTimes(1);
    t.releaseSyncAll();
    await flush();
    t.fake.menuItem('Synchroniser maintenant').click!();
    expect(t.api.syncAll).toHaveBeenCalledTimes(2);
    t.fake.menuItem('Ouvrir Relève').click!();
    expect(t.onOpen).toHaveBeenCalledTimes(1);
    t.fake.emit('click');
    expect(t.onOpen).toHaveBeenCalledTimes(2);
    t.fake.menuItem('Quitter').click!();
    expect(t.onQuit).toHaveBeenCalledTimes(1);
  });

  it('speaks English when the locale is English, after a refresh', async () => {
    const t = setup({ locale: 'en' });
    await flush();
    expect(t.fake.menu!.items.map((i) => i.label).filter(Boolean)).toEqual(['Everything is up to date', 'Sync now', 'Open Relève', 'Quit']);
    t.setLocale('fr');
    await t.tray.refresh();
    expect(t.fake.menu!.items[2]!.label).toBe('Synchroniser maintenant');
  });

  it('uses template images on macOS and leaves the click to the menu there', async () => {
    const t = setup({ platform: 'darwin' });
    await flush();
    expect(iconName(t.fake)).toBe('tray-okTemplate.png');
    expect((t.fake.image).template).toBe(true);
    t.fake.emit('click');
    expect(t.onOpen).not.toHaveBeenCalled();
    expect(trayIconFile('/a', 'error', 'darwin')).toBe(path.join('/a', 'tray-errorTemplate.png'));
    expect(trayIconFile('/a', 'syncing', 'win32')).toBe(path.join('/a', 'tray-syncing.png'));
  });

  it('destroy stops listening and removes the icon', async () => {
    const t = setup();
    await flush();
    t.tray.destroy();
    expect(t.fake.destroyed).toBe(true);
    expect(t.hub.count()).toBe(0);
  });
});
