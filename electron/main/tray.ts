// The tray icon: overall state at a glance (ok / syncing / error), a state line, "Sync now", "Open", "Quit".
// State comes from the core's statuses, kept current by its events (pure logic in tray-state.ts).
import { Menu, nativeImage, Tray } from 'electron';
import type { NativeImage } from 'electron';
import path from 'node:path';
import type { MailApi } from '../../shared/api.js';
import type { EventSource } from '../../shared/rpc.js';
import type { Locale } from '../../shared/types.js';
import type { Logger } from '../core/model.js';
import { translator } from '../../shared/i18n/index.js';
import { SHELL } from './shell.i18n.js';
import { applyStatusUpdate, summarizeTray } from './tray-state.js';
import type { StatusBoard, StatusUpdate, TrayIconState, TraySummary } from './tray-state.js';

export interface AppTrayOptions {
  api: Pick<MailApi, 'getStatus' | 'syncAll'>;
  on: EventSource;
  assetsDir: string;
  getLocale(): Locale;
  onOpen(): void;
  onQuit(): void;
  platform?: NodeJS.Platform;
  logger?: Logger;
}

export interface AppTray {
  /** Re-reads every status (after a mailbox was added / removed, or the locale changed). */
  refresh(): Promise<void>;
  current(): TraySummary;
  destroy(): void;
}

/** File of the tray image; macOS gets monochrome template images that follow the menu bar's colour. */
export function trayIconFile(assetsDir: string, state: TrayIconState, platform: NodeJS.Platform): string {
  return path.join(assetsDir, platform === 'darwin' ? `tray-${state}Template.png` : `tray-${state}.png`);
}

export function startAppTray(opts: AppTrayOptions): AppTray {
  const platform = opts.platform ?? process.platform;
  const images = new Map<TrayIconState, NativeImage>();
  const imageFor = (state: TrayIconState): NativeImage => {
    let img = images.get(state);
    if (!img) {
      // createFromPath picks up the @2x file next to it for high-density screens.
      img = nativeImage.createFromPath(trayIconFile(opts.assetsDir, state, platform));
      if (platform === 'darwin') img.setTemplateImage(true);
      images.set(state, img);
    }
    return img;
  };

  let board: StatusBoard = new Map();
  let summary = summarizeTray([], opts.getLocale());
  let syncAllRunning = false;
  const tray = new Tray(imageFor(summary.icon));

  const syncNow = () => {
    if (syncAllRunning) return;
    syncAllRunning = true;
    opts.api
      .syncAll()
      .catch((err: unknown) => opts.logger?.log('warn', 'tray.sync_all_failed', { error: String(err) }))
      .finally(() => {
        syncAllRunning = false;
      });
  };

  const render = () => {
    if (tray.isDestroyed()) return;
    const locale = opts.getLocale();
    summary = summarizeTray(board.values(), locale);
    const t = translator(SHELL, locale);
    tray.setImage(imageFor(summary.icon));
    tray.setToolTip(`${t('appName')} — ${summary.label}`);
    // Rebuilt every time: on Linux (AppIndicator) a menu change shows only after setContextMenu.
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: summary.label, enabled: false },
        { type: 'separator' },
        { label: t('traySyncNow'), click: syncNow },
        { label: t('trayOpen'), click: () => opts.onOpen() },
        { type: 'separator' },
        { label: t('trayQuit'), click: () => opts.onQuit() },
      ]),
    );
  };

  const apply = (update: StatusUpdate) => {
    board = applyStatusUpdate(board, update);
    render();
  };

  const refresh = async () => {
    try {
      apply({ type: 'snapshot', statuses: await opts.api.getStatus() });
    } catch (err) {
      opts.logger?.log('warn', 'tray.status_failed', { error: String(err) });
    }
  };

  // Windows and most Linux trays: a left click opens the window; macOS shows the menu (its convention).
  if (platform !== 'darwin') tray.on('click', () => opts.onOpen());

  const unsubscribe = [
    opts.on('syncStarted', (p) => apply({ type: 'syncStarted', mailbox_id: p.mailbox_id })),
    opts.on('statusChanged', (status) => apply({ type: 'statusChanged', status })),
    opts.on('mailboxesChanged', () => void refresh()),
  ];

  render();
  void refresh();

  return {
    refresh,
    current: () => summary,
    destroy() {
      for (const u of unsubscribe) u();
      if (!tray.isDestroyed()) tray.destroy();
    },
  };
}
