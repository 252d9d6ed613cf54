// New-mail notifications: the core's newMail events, coalesced (new-mail-grouping.ts) into one summary per
// burst, shown only when the user wants them (settings.notifications) and not while they look at the inbox.
import { Notification } from 'electron';
import type { MailApi } from '../../shared/api.js';
import type { EventSource } from '../../shared/rpc.js';
import type { Logger } from '../core/model.js';
import { composeNotice, createNewMailCoalescer } from './new-mail-grouping.js';
import { plainNotification } from './notification-text.js';
import type { NewMailGroup } from './new-mail-grouping.js';

export interface NewMailNotifierOptions {
  api: Pick<MailApi, 'getSettings' | 'listMailboxes'>;
  on: EventSource;
  /** Clicking a notification opens the window. */
  onOpen(mailboxIds: number[]): void;
  /** True while the window is visible and focused: the user already sees the new mail arrive. */
  isWindowFocused(): boolean;
  iconPath?: string;
  quietMs?: number;
  logger?: Logger;
  /** Whose notification rules apply (tests); the running OS by default. */
  platform?: NodeJS.Platform;
}

export interface NewMailNotifier {
  dispose(): void;
}

export function startNewMailNotifications(opts: NewMailNotifierOptions): NewMailNotifier {
  // Held until closed: an unreferenced Notification can be collected before its click arrives (Windows).
  const shown = new Set<Notification>();

  const show = async (groups: NewMailGroup[]) => {
    const settings = await opts.api.getSettings();
    if (!settings.notifications || opts.isWindowFocused() || !Notification.isSupported()) return;
    const mailboxes = await opts.api.listMailboxes();
    const names = new Map(mailboxes.map((m) => [m.id, m.name]));
    const notice = composeNotice(groups, (id) => names.get(id), settings.locale);
    if (!notice) return;
    const text = plainNotification(notice, opts.platform);
    const n = new Notification({ title: text.title, body: text.body, ...(opts.iconPath ? { icon: opts.iconPath } : {}) });
    shown.add(n);
    n.on('click', () => opts.onOpen(notice.mailboxIds));
    n.on('close', () => shown.delete(n));
    n.show();
  };

  const coalescer = createNewMailCoalescer({
    ...(opts.quietMs !== undefined ? { quietMs: opts.quietMs } : {}),
    onFlush: (groups) => {
      show(groups).catch((err: unknown) => opts.logger?.log('warn', 'notify.failed', { error: String(err) }));
    },
  });

  const unsubscribe = [
    opts.on('newMail', (e) => coalescer.push(e)),
    opts.on('syncStarted', (p) => coalescer.syncStarted(p.mailbox_id)),
    opts.on('statusChanged', (s) => {
      if (!s.running) coalescer.syncEnded(s.mailbox.id);
    }),
  ];

  return {
    dispose() {
      for (const u of unsubscribe) u();
      coalescer.dispose();
      shown.clear();
    },
  };
}
