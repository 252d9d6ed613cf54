// What the tray shows, computed from the mailboxes' statuses: pure, so it is tested without Electron.
import type { MailboxStatus } from '../../shared/types.js';
import type { Locale } from '../../shared/types.js';
import { translator } from '../../shared/i18n/index.js';
import { SHELL } from './shell.i18n.js';

export type TrayIconState = 'ok' | 'syncing' | 'warning' | 'error';

export interface TraySummary {
  icon: TrayIconState;
  /** The state line of the menu, also the tooltip. */
  label: string;
  syncing: number;
  errors: number;
  /** Active mailboxes whose live health is 'warning' (connection lost, first sync, stale, partial). */
  warnings: number;
}

/** Latest known status per mailbox id, kept current from the core's events between full refreshes. */
export type StatusBoard = ReadonlyMap<number, MailboxStatus>;

export type StatusUpdate =
  | { type: 'snapshot'; statuses: readonly MailboxStatus[] }
  | { type: 'syncStarted'; mailbox_id: number }
  | { type: 'statusChanged'; status: MailboxStatus };

export function applyStatusUpdate(board: StatusBoard, update: StatusUpdate): StatusBoard {
  switch (update.type) {
    case 'snapshot':
      return new Map(update.statuses.map((s) => [s.mailbox.id, s]));
    case 'statusChanged': {
      const next = new Map(board);
      next.set(update.status.mailbox.id, update.status);
      return next;
    }
    case 'syncStarted': {
      const known = board.get(update.mailbox_id);
      // Unknown mailbox (just created): the next snapshot brings it; nothing to mark yet.
      if (!known || known.running) return board;
      const next = new Map(board);
      next.set(update.mailbox_id, { ...known, running: true });
      return next;
    }
  }
}

export function summarizeTray(statuses: Iterable<MailboxStatus>, locale: Locale): TraySummary {
  const t = translator(SHELL, locale);
  let total = 0;
  let active = 0;
  let syncing = 0;
  let errors = 0;
  let warnings = 0;
  for (const s of statuses) {
    total++;
    if (s.running) syncing++;
    // A paused mailbox's old error is not something to alarm about in the tray.
    if (!s.mailbox.active) continue;
    active++;
    // Live health, not the last run: a lost connection shows while the last run still says "success".
    if (s.health === 'error') errors++;
    else if (s.health === 'warning') warnings++;
  }
  const base = { syncing, errors, warnings };
  if (syncing > 0) return { icon: 'syncing', label: t('traySyncing', { count: syncing }), ...base };
  if (errors > 0) return { icon: 'error', label: t('trayErrors', { count: errors }), ...base };
  if (warnings > 0) return { icon: 'warning', label: t('trayWarnings', { count: warnings }), ...base };
  if (total === 0) return { icon: 'ok', label: t('trayNoMailbox'), ...base };
  if (active === 0) return { icon: 'ok', label: t('trayAllInactive'), ...base };
  return { icon: 'ok', label: t('trayUpToDate'), ...base };
}
