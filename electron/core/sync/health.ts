// Live health of each mailbox, separate from "the last run": a mailbox is 'ok' only when its last sync
// succeeded within two intervals AND its live connection (IDLE watcher) is up or not needed. A dropped link
// that does not come back within the grace period turns it 'warning' and asks for one sync attempt; when that
// attempt fails, the run's error makes it 'error'. A monitor re-evaluates every few seconds (health changes
// with time alone: a link down for 30 s, a success growing stale) and emits statusChanged on every change.
import { userError } from '../../../shared/errors.js';
import { healthWords } from '../../../shared/health.js';
import type { ErrorCode } from '../../../shared/errors.js';
import type { Locale, MailboxHealth } from '../../../shared/types.js';
import type { MailboxRow } from '../store/index.js';

/** A dropped live connection must stay down this long before the mailbox is not 'ok'. */
export const DEFAULT_CONNECTION_GRACE_MS = 30_000;
/** How often the monitor re-evaluates every mailbox. */
export const DEFAULT_HEALTH_CHECK_MS = 5_000;

/** What the live connection of one mailbox looks like right now. */
export interface LinkState {
  /** A listening connection is kept for this mailbox (long-running mode, within the cap). */
  watched: boolean;
  /** Since when it has been down (ms epoch, the watcher's wall clock; identifies one outage); null while up. */
  downSince: number | null;
  /** For how long it has been down (ms); null while up. */
  downForMs: number | null;
  /** Delay before the next reconnect attempt, as configured (for the words "retrying in 20 s"). */
  retryMs: number;
}

export interface HealthInput {
  row: MailboxRow;
  running: boolean;
  lastSuccessAt: string | null;
  link: LinkState;
  now: number;
  graceMs: number;
  locale: Locale;
}

export interface Health {
  health: MailboxHealth;
  health_reason: string;
  health_code: ErrorCode | null;
}

/** Is the link down for longer than the grace period? */
export function linkLost(link: LinkState, graceMs: number): boolean {
  return link.watched && link.downForMs !== null && link.downForMs >= graceMs;
}

export function computeHealth(i: HealthInput): Health {
  const { row, locale } = i;
  const code = (row.last_sync_error_code ?? null) as ErrorCode | null;
  if (!row.active) return { health: 'ok', health_reason: healthWords('paused', locale), health_code: null };
  // The last attempt failed: that classified reason is what the user needs, whatever the link does, until a
  // run succeeds (a retry in progress does not make it less true).
  if (row.last_sync_status === 'error') {
    const c = code ?? 'UNKNOWN';
    return { health: 'error', health_reason: userError(c, locale).message, health_code: c };
  }
  if (linkLost(i.link, i.graceMs)) {
    return {
      health: 'warning',
      health_reason: healthWords('connectionLost', locale, { seconds: Math.max(1, Math.round(i.link.retryMs / 1000)) }),
      health_code: 'NETWORK',
    };
  }
  if (!i.lastSuccessAt) return { health: 'warning', health_reason: healthWords('firstSync', locale), health_code: null };
  if (row.last_sync_status === 'partial') {
    const c = code ?? 'UNKNOWN';
    return { health: 'warning', health_reason: healthWords('partial', locale, { reason: userError(c, locale).message }), health_code: c };
  }
  const limit = 2 * row.sync_interval_minutes * 60_000;
  if (i.now - Date.parse(i.lastSuccessAt) > limit) {
    return { health: 'warning', health_reason: healthWords('stale', locale), health_code: null };
  }
  return { health: 'ok', health_reason: healthWords('ok', locale), health_code: null };
}

export interface HealthMonitorDeps {
  listMailboxes(): MailboxRow[];
  /** The health of one mailbox as the status DTO reports it. */
  healthOf(row: MailboxRow): Health;
  link(id: number): LinkState;
  /** Emits statusChanged for the mailbox. */
  emit(id: number): void;
  /** One sync attempt after a link stayed down past the grace period. */
  syncNow(id: number): void;
  graceMs: number;
  checkMs: number;
}

/** Re-evaluates health on a timer and on link changes; emits when it changes; one sync attempt per outage. */
export class HealthMonitor {
  private readonly seen = new Map<number, string>();
  /** downSince of the outage a sync attempt was already made for, per mailbox. */
  private readonly attempted = new Map<number, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: HealthMonitorDeps) {}

  start(): void {
    if (this.timer) return;
    // Remember what clients were told at start, so only changes are emitted.
    for (const row of this.deps.listMailboxes()) this.seen.set(row.id, key(this.deps.healthOf(row)));
    this.timer = setInterval(() => this.check(), this.deps.checkMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Evaluate now (also called when a link goes down or comes back). */
  check(): void {
    if (!this.timer) return;
    const ids = new Set<number>();
    for (const row of this.deps.listMailboxes()) {
      ids.add(row.id);
      const link = this.deps.link(row.id);
      if (row.active && linkLost(link, this.deps.graceMs) && link.downSince !== null && this.attempted.get(row.id) !== link.downSince) {
        this.attempted.set(row.id, link.downSince);
        this.deps.syncNow(row.id);
      }
      if (link.downSince === null) this.attempted.delete(row.id);
      const k = key(this.deps.healthOf(row));
      if (this.seen.get(row.id) !== k) {
        this.seen.set(row.id, k);
        this.deps.emit(row.id);
      }
    }
    for (const id of this.seen.keys()) if (!ids.has(id)) this.seen.delete(id);
  }
}

function key(h: Health): string {
  return `${h.health}|${h.health_reason}`;
}
