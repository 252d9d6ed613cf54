// Long-running mode (desktop app, `releve serve`): one listening connection per active mailbox, up to a cap
// (beyond it, mailboxes are only polled by the scheduler at their interval). A change the server reports
// triggers a sync of that mailbox right away; changes that arrive while it syncs queue exactly one more run.
// `releve sync` (runOnce) never starts this: it stays one-shot.
import type { ImapFlow } from 'imapflow';
import type { SyncResult } from '../../../shared/types.js';
import type { Logger } from '../model.js';
import type { MailboxRow } from '../store/index.js';
import { MailboxWatcher, type WatchMode, type WatchState } from './idle-watcher.js';

export interface IdleOptions {
  /** Open listening connections at most (default 50); the other mailboxes are polled at their interval. */
  maxConnections?: number;
  /** NOOP polling interval on servers without IDLE (default 60 s). */
  pollIntervalMs?: number;
  /** IDLE restart interval (default 4 min: below the 5 min socket timeout, and NAT-friendly). */
  idleRestartMs?: number;
  /** Reconnect delays: first retry after baseRetryMs, doubling up to maxRetryMs (default 1 s). */
  baseRetryMs?: number;
  /**
   * Longest wait between reconnect attempts after a network failure (default 20 s): short enough that a
   * mailbox is back within a minute of the server coming back (its health depends on it).
   */
  maxRetryMs?: number;
  /** Liveness NOOP on each listening link (default 15 s; 0 disables) and its answer limit (default 5 s). */
  livenessMs?: number;
  livenessTimeoutMs?: number;
}

export interface IdleManagerDeps extends IdleOptions {
  listMailboxes(): MailboxRow[];
  connect(row: MailboxRow): Promise<ImapFlow>;
  syncNow(id: number): Promise<SyncResult>;
  isRunning(id: number): boolean;
  log: Logger;
  /** A listening link went down or came back. */
  onLinkChange?(id: number): void;
}

export interface WatchInfo {
  mailbox_id: number;
  state: WatchState;
  mode: WatchMode | null;
}

const MAX_RETRY_MS = 20_000;
/** After a password or certificate problem, retrying often would only lock the account. */
const USER_FIXABLE_RETRY_MS = 30 * 60_000;
const RECONCILE_MS = 30_000;

/** The settings a connection depends on: when one changes, the watcher reopens with the new ones. */
export function connectionSignature(row: MailboxRow): string {
  return JSON.stringify([
    row.imap_server,
    row.imap_port,
    row.use_ssl,
    row.username,
    row.email_address,
    row.allow_insecure_auth,
    row.tls_fingerprint,
    row.auth_method,
    row.password_enc ? row.password_enc.toString('base64') : null,
  ]);
}

export class IdleManager {
  private readonly watchers = new Map<number, MailboxWatcher>();
  private readonly queued = new Set<number>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** Only startScheduler() starts watching: one-shot runs (runOnce, `releve sync`) never open listeners. */
  private started = false;

  constructor(private readonly deps: IdleManagerDeps) {}

  start(): void {
    if (this.timer || this.stopped) return;
    this.started = true;
    this.reconcile();
    this.timer = setInterval(() => this.reconcile(), RECONCILE_MS);
    this.timer.unref?.();
  }

  /** Watches the active mailboxes (lowest ids first, up to the cap); reopens those whose settings changed. */
  reconcile(): void {
    if (this.stopped || !this.started) return;
    const cap = this.deps.maxConnections ?? 50;
    const wanted = this.deps
      .listMailboxes()
      .filter((r) => r.active)
      .sort((a, b) => a.id - b.id)
      .slice(0, cap);
    const byId = new Map(wanted.map((r) => [r.id, r]));
    for (const [id, w] of this.watchers) {
      const row = byId.get(id);
      if (!row || connectionSignature(row) !== w.signature) {
        this.watchers.delete(id);
        void w.close();
      }
    }
    for (const row of wanted) if (!this.watchers.has(row.id)) this.watchers.set(row.id, this.spawn(row));
  }

  /** The mailbox's open connection for a sync, or null (the sync then opens its own). */
  borrow(row: MailboxRow): ImapFlow | null {
    const w = this.watchers.get(row.id);
    if (!w || w.signature !== connectionSignature(row)) return null;
    return w.borrow();
  }

  /** Whether a listening connection is kept for this mailbox (it counts against the provider's cap). */
  listening(row: MailboxRow): boolean {
    return this.watchers.has(row.id);
  }

  giveBack(row: MailboxRow, client: ImapFlow): void {
    this.watchers.get(row.id)?.giveBack(client);
  }

  /** The live link of one mailbox, for its health (not watched: no link is needed). */
  link(id: number): { watched: boolean; downSince: number | null; downForMs: number | null; retryMs: number } {
    const w = this.started && !this.stopped ? this.watchers.get(id) : undefined;
    const since = w ? w.downSince : null;
    return { watched: w !== undefined, downSince: since, downForMs: since === null ? null : Date.now() - since, retryMs: this.maxRetryMs() };
  }

  private maxRetryMs(): number {
    return this.deps.maxRetryMs ?? MAX_RETRY_MS;
  }

  watching(): WatchInfo[] {
    return [...this.watchers.values()].map((w) => ({ mailbox_id: w.id, state: w.state, mode: w.mode }));
  }

  /** Stops triggering syncs (before the scheduler stops). */
  quiesce(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Closes every listening connection (after the scheduler stopped, so none is lent any more). */
  async close(): Promise<void> {
    this.quiesce();
    const all = [...this.watchers.values()];
    this.watchers.clear();
    await Promise.all(all.map((w) => w.close()));
  }

  private spawn(row: MailboxRow): MailboxWatcher {
    const base = this.deps.baseRetryMs ?? 1000;
    return new MailboxWatcher(row, connectionSignature(row), {
      connect: this.deps.connect,
      onChange: (id) => void this.requestSync(id),
      log: this.deps.log,
      ...(this.deps.onLinkChange ? { onLinkChange: this.deps.onLinkChange } : {}),
      pollMs: this.deps.pollIntervalMs ?? 60_000,
      idleRestartMs: this.deps.idleRestartMs ?? 4 * 60_000,
      // A silent drop is found within livenessMs + livenessTimeoutMs (≤ 20 s): with the 30 s grace period the
      // mailbox is non-ok within a minute of an outage (≤ 50 s), even when no FIN ever arrives.
      livenessMs: this.deps.livenessMs ?? 15_000,
      livenessTimeoutMs: this.deps.livenessTimeoutMs ?? 5_000,
      retryDelayMs: (attempt, userFixable) => {
        if (userFixable) return USER_FIXABLE_RETRY_MS;
        const d = Math.min(this.maxRetryMs(), base * 2 ** Math.max(0, attempt - 1));
        return Math.round(d * (0.8 + 0.4 * Math.random()));
      },
    });
  }

  /** Syncs now; when a sync is already running, one more run follows it (the change may be newer). */
  private async requestSync(id: number): Promise<void> {
    if (this.stopped || this.queued.has(id)) return;
    this.queued.add(id);
    try {
      while (this.deps.isRunning(id)) await this.deps.syncNow(id).catch(() => undefined);
    } finally {
      this.queued.delete(id);
    }
    if (this.stopped) return;
    await this.deps.syncNow(id).catch((err: unknown) => {
      this.deps.log.log('warn', 'idle: triggered sync failed', { mailbox: id, detail: String(err) });
    });
  }
}
