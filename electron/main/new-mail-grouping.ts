// Turns the core's newMail events into few, useful notifications: the core reports new mail once per run (a
// first sync of thousands of messages is one event), and events of runs that end close together ("sync all",
// the scheduler's tick) are coalesced into one summary. Pure logic with timers only, tested without Electron.
import type { Locale, NewMailEvent } from '../../shared/types.js';
import { COMMON } from '../../shared/i18n/common.i18n.js';
import { translator } from '../../shared/i18n/index.js';
import { SHELL } from './shell.i18n.js';

export interface NewMailGroup {
  mailbox_id: number;
  count: number;
  /** Newest first, at most MAX_LATEST. */
  latest: Array<{ from: string; subject: string }>;
}

export interface MailNotice {
  title: string;
  body: string;
  mailboxIds: number[];
}

const MAX_LATEST = 3;
const MAX_MAILBOX_LINES = 4;

/** Merges events per mailbox, in order of first appearance; later events carry newer messages. */
export function groupNewMail(events: readonly NewMailEvent[]): NewMailGroup[] {
  const byMailbox = new Map<number, NewMailGroup>();
  for (const e of events) {
    if (e.count <= 0) continue;
    let g = byMailbox.get(e.mailbox_id);
    if (!g) byMailbox.set(e.mailbox_id, (g = { mailbox_id: e.mailbox_id, count: 0, latest: [] }));
    g.count += e.count;
    g.latest = [...e.latest, ...g.latest].slice(0, MAX_LATEST);
  }
  return [...byMailbox.values()];
}

export function composeNotice(
  groups: readonly NewMailGroup[],
  mailboxName: (id: number) => string | undefined,
  locale: Locale,
): MailNotice | null {
  const t = translator(SHELL, locale);
  const total = groups.reduce((n, g) => n + g.count, 0);
  if (total === 0) return null;
  const mailboxIds = groups.map((g) => g.mailbox_id);
  const nameOf = (id: number) => mailboxName(id) ?? t('unknownMailbox');

  if (groups.length === 1) {
    const g = groups[0]!;
    const title = t('newMailIn', { count: g.count, mailbox: nameOf(g.mailbox_id) });
    const lines = g.latest.map((m) => `${m.from} — ${m.subject.trim() || t('noSubject')}`);
    if (g.count > lines.length && lines.length > 0) lines.push(t('andMore', { count: g.count - lines.length }));
    return { title, body: lines.join('\n'), mailboxIds };
  }

  const shown = groups.slice(0, MAX_MAILBOX_LINES);
  const lines = shown.map((g) => t('mailboxCount', { mailbox: nameOf(g.mailbox_id), count: g.count }));
  const hiddenMailboxes = groups.length - shown.length;
  if (hiddenMailboxes > 0) lines.push(t('andMore', { count: hiddenMailboxes }));
  return { title: translator(COMMON, locale)('newMessages', { count: total }), body: lines.join('\n'), mailboxIds };
}

export interface NewMailCoalescerOptions {
  /** Flush once no event came for this long and no mailbox is still syncing. */
  quietMs?: number;
  /** Flush anyway this long after the first pending event, so a long or endless sync still notifies. */
  maxWaitMs?: number;
  onFlush(groups: NewMailGroup[]): void;
}

export interface NewMailCoalescer {
  push(event: NewMailEvent): void;
  syncStarted(mailboxId: number): void;
  syncEnded(mailboxId: number): void;
  /** Pending events right now (used at quit so nothing is silently dropped — or to drop them explicitly). */
  flushNow(): void;
  dispose(): void;
}

export function createNewMailCoalescer(opts: NewMailCoalescerOptions): NewMailCoalescer {
  const quietMs = opts.quietMs ?? 3_000;
  const maxWaitMs = opts.maxWaitMs ?? 20_000;
  const syncing = new Set<number>();
  let pending: NewMailEvent[] = [];
  let quietTimer: ReturnType<typeof setTimeout> | null = null;
  let maxTimer: ReturnType<typeof setTimeout> | null = null;

  const clearTimers = () => {
    if (quietTimer) clearTimeout(quietTimer);
    if (maxTimer) clearTimeout(maxTimer);
    quietTimer = maxTimer = null;
  };

  const flush = () => {
    clearTimers();
    if (pending.length === 0) return;
    const groups = groupNewMail(pending);
    pending = [];
    if (groups.length > 0) opts.onFlush(groups);
  };

  const armQuiet = () => {
    if (quietTimer) clearTimeout(quietTimer);
    quietTimer = setTimeout(() => {
      quietTimer = null;
      // Other runs of the same "sync all" are still going: wait for them (syncEnded re-arms this timer), so
      // one summary covers them all; maxWaitMs bounds the wait.
      if (syncing.size > 0) return;
      flush();
    }, quietMs);
  };

  return {
    push(event) {
      if (event.count <= 0) return;
      pending.push(event);
      if (!maxTimer) maxTimer = setTimeout(flush, maxWaitMs);
      armQuiet();
    },
    syncStarted(mailboxId) {
      syncing.add(mailboxId);
    },
    syncEnded(mailboxId) {
      syncing.delete(mailboxId);
      if (pending.length > 0) armQuiet();
    },
    flushNow: flush,
    dispose() {
      clearTimers();
      pending = [];
    },
  };
}
