// Decides when each mailbox syncs: its own interval, backoff after failures, one run per mailbox at a time,
// bounded concurrency across mailboxes, and "sync now" that bypasses the schedule.
import type { SyncResult } from '../../../shared/types.js';
import type { MailboxRow } from '../store/index.js';

export interface SchedulerDeps {
  listMailboxes(): MailboxRow[];
  getMailbox(id: number): MailboxRow | undefined;
  run(row: MailboxRow, signal: AbortSignal): Promise<SyncResult>;
  now(): number;
  maxConcurrency: number;
  onRunStart?(id: number): void;
  onRunEnd?(id: number, result: SyncResult): void;
  /** False while another process syncs this data folder (sync-lock.ts): runs are then skipped as 'locked'. */
  mayRun?(): boolean;
  /** A run ended and no other is under way: housekeeping that must not slow a sync goes here. */
  onIdle?(): void;
}

function skipped(row: MailboxRow, reason: SyncResult['skipped']): SyncResult {
  return { mailbox_id: row.id, status: row.last_sync_status ?? 'success', new_messages: 0, updated_messages: 0, skipped: reason };
}

export function nextSyncAt(row: MailboxRow, now: number): number {
  if (row.next_retry_at) return Date.parse(row.next_retry_at);
  if (!row.last_sync_at) return now;
  return Date.parse(row.last_sync_at) + row.sync_interval_minutes * 60_000;
}

export function isDue(row: MailboxRow, now: number): boolean {
  return row.active && now >= nextSyncAt(row, now);
}

export class Scheduler {
  private readonly running = new Map<number, Promise<SyncResult>>();
  private readonly controllers = new Map<number, AbortController>();
  private readonly waiters: Array<() => void> = [];
  private active = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly abort = new AbortController();

  constructor(private readonly deps: SchedulerDeps) {}

  isRunning(id: number): boolean {
    return this.running.has(id);
  }

  /** Bypasses interval and backoff. A mailbox already syncing is not started twice: the caller shares that run. */
  syncNow(id: number): Promise<SyncResult> {
    if (this.abort.signal.aborted) return Promise.resolve({ mailbox_id: id, status: 'error', new_messages: 0, updated_messages: 0, skipped: 'inactive' });
    const current = this.running.get(id);
    if (current) return current;
    const row = this.deps.getMailbox(id);
    if (!row) return Promise.resolve({ mailbox_id: id, status: 'error', new_messages: 0, updated_messages: 0, skipped: 'inactive' });
    return this.launch(row);
  }

  /** One pass: due mailboxes (or every active one with force), concurrently within the cap. */
  async runPass(opts: { force?: boolean; ids?: number[] } = {}): Promise<SyncResult[]> {
    const now = this.deps.now();
    const rows = this.deps.listMailboxes().filter((r) => !opts.ids || opts.ids.includes(r.id));
    const jobs = rows.map((row): Promise<SyncResult> => {
      const skip = (reason: SyncResult['skipped']): Promise<SyncResult> => Promise.resolve(skipped(row, reason));
      if (!row.active) return skip('inactive');
      const current = this.running.get(row.id);
      if (current) return opts.force ? current : skip('running');
      if (!opts.force && !isDue(row, now)) return skip('not_due');
      return this.launch(row);
    });
    return Promise.all(jobs);
  }

  start(tickMs = 15_000): void {
    if (this.timer) return;
    const tick = () => {
      void this.runPass().catch(() => undefined);
    };
    this.timer = setInterval(tick, tickMs);
    this.timer.unref?.();
    tick();
  }

  /** Stops scheduling, asks running syncs to stop at the next batch boundary and waits for them. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.abort.abort();
    await Promise.allSettled([...this.running.values()]);
  }

  /** Stops one mailbox's running sync at the next batch boundary (e.g. before deleting it) and waits. */
  async cancel(id: number): Promise<void> {
    this.controllers.get(id)?.abort();
    await this.running.get(id)?.catch(() => undefined);
  }

  private launch(row: MailboxRow): Promise<SyncResult> {
    const controller = new AbortController();
    const onStop = () => controller.abort();
    this.abort.signal.addEventListener('abort', onStop, { once: true });
    this.controllers.set(row.id, controller);
    const p = (async () => {
      await this.acquire();
      try {
        if (this.abort.signal.aborted) return skipped(row, 'inactive'); // stopped while queued: the DB may be closed
        if (this.deps.mayRun && !this.deps.mayRun()) return skipped(row, 'locked');
        const fresh = this.deps.getMailbox(row.id) ?? row;
        this.deps.onRunStart?.(row.id);
        const result = await this.deps.run(fresh, controller.signal);
        // Not "running" any more when listeners hear the end, or the UI would show it syncing forever.
        this.running.delete(row.id);
        this.deps.onRunEnd?.(row.id, result);
        if (this.running.size === 0 && !this.abort.signal.aborted) this.deps.onIdle?.();
        return result;
      } finally {
        this.release();
        this.running.delete(row.id);
        this.controllers.delete(row.id);
        this.abort.signal.removeEventListener('abort', onStop);
      }
    })();
    this.running.set(row.id, p);
    return p;
  }

  private acquire(): Promise<void> {
    if (this.active < this.deps.maxConcurrency) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push(() => resolve()));
  }

  private release(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.active--;
  }
}
