// Keeps one authenticated connection open on a mailbox's INBOX and listens on it: IDLE when the server
// offers it, NOOP polling (imapflow's fallback) when it does not. Any change the server reports (new mail,
// expunge, flags) is passed on at once; a dropped link is reopened with backoff, and every (re)connection
// asks for a catch-up sync. While open, the connection is lent to this mailbox's syncs, so "nothing new"
// costs one EXAMINE instead of TCP + TLS + LOGIN.
import type { ImapFlow } from 'imapflow';
import type { ErrorCode } from '../../../shared/errors.js';
import { classifyError } from '../imap/classify-error.js';
import { closeImap } from '../imap/connect.js';
import type { Logger } from '../model.js';
import type { MailboxRow } from '../store/index.js';

/** Logged (info) each time a watcher starts listening; tests and the bench wait for it. */
export const IDLE_READY_LOG = 'idle: watching INBOX';

/**
 * Failures that only the user can cure and that retrying often would make worse (locked account): slow retry.
 * An outage (NETWORK, TIMEOUT, OFFLINE, DNS) is retried quickly, so the mailbox is back soon after the server.
 */
const SLOW_RETRY_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'AUTH', 'AUTH_OAUTH_ONLY', 'AUTH_RECONNECT', 'OAUTH_NOT_CONFIGURED', 'OAUTH_DENIED', 'INSECURE_AUTH_REFUSED',
  'TLS_CERT', 'TLS_CERT_NAME', 'SECRETS_UNAVAILABLE',
]);

export type WatchMode = 'idle' | 'poll';
export type WatchState = 'connecting' | 'watching' | 'waiting' | 'stopped';

export interface WatcherDeps {
  /** An authenticated connection for the row, opened with auto-IDLE off (we start IDLE ourselves). */
  connect(row: MailboxRow): Promise<ImapFlow>;
  /** The server reported a change, or the link was (re)opened: the mailbox should be synced now. */
  onChange(id: number, reason: 'exists' | 'expunge' | 'flags' | 'connected'): void;
  log: Logger;
  /** NOOP polling interval on servers without IDLE. */
  pollMs: number;
  /** IDLE is restarted this often (some servers and NATs drop IDLE sessions left alone too long). */
  idleRestartMs: number;
  /** Wait before reconnect attempt n (1, 2, …) after the given failure. */
  retryDelayMs(attempt: number, userFixable: boolean): number;
  /** The link went down or came back (mailbox health follows it). */
  onLinkChange?(id: number): void;
  /**
   * A link can die silently (Wi-Fi gone, NAT dropped it): no FIN, and IDLE would not notice for minutes. Every
   * livenessMs a NOOP must answer within livenessTimeoutMs, or the link is closed and reopened. 0 disables.
   */
  livenessMs?: number;
  livenessTimeoutMs?: number;
}

export class MailboxWatcher {
  private client: ImapFlow | null = null;
  private lent = false;
  private closed = false;
  private wake: (() => void) | null = null;
  private stateValue: WatchState = 'connecting';
  private modeValue: WatchMode | null = null;
  /** Since when the link has been down (ms epoch): set from the first attempt until it listens. */
  private downSinceValue: number | null = Date.now();
  private readonly done: Promise<void>;

  constructor(
    private row: MailboxRow,
    /** Connection settings the watcher was opened with: another signature means reopen. */
    readonly signature: string,
    private readonly deps: WatcherDeps,
  ) {
    this.done = this.loop();
  }

  get id(): number {
    return this.row.id;
  }
  get state(): WatchState {
    return this.stateValue;
  }
  get mode(): WatchMode | null {
    return this.modeValue;
  }
  get downSince(): number | null {
    return this.downSinceValue;
  }

  private setDown(down: boolean): void {
    const next = down ? (this.downSinceValue ?? Date.now()) : null;
    if (next === this.downSinceValue) return;
    this.downSinceValue = next;
    this.deps.onLinkChange?.(this.id);
  }

  /** The open connection for a sync of this mailbox, or null (not connected yet, or already lent). */
  borrow(): ImapFlow | null {
    const c = this.client;
    if (!c || this.lent || this.closed || !c.usable) return null;
    this.lent = true;
    return c;
  }

  /** Back from the sync: listen again (the INBOX is re-selected if the sync left another folder open). */
  giveBack(client: ImapFlow): void {
    if (client !== this.client) return; // the link dropped meanwhile; the loop already reconnects
    this.lent = false;
    void this.listen(client);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stateValue = 'stopped';
    this.wake?.();
    const c = this.client;
    this.client = null;
    if (c) await closeImap(c);
    await this.done;
  }

  private async loop(): Promise<void> {
    let attempt = 0;
    let userFixable = false;
    while (!this.closed) {
      this.stateValue = 'connecting';
      let client: ImapFlow | null = null;
      try {
        client = await this.deps.connect(this.row);
        if (this.closed) break;
        await client.mailboxOpen('INBOX', { readOnly: true });
      } catch (err) {
        if (client) client.close();
        client = null;
        const c = classifyError(err);
        userFixable = SLOW_RETRY_CODES.has(c.code);
        attempt++;
        this.deps.log.log('warn', 'idle: connect failed', { mailbox: this.id, code: c.code, detail: c.detail, attempt });
      }
      if (this.closed) {
        if (client) await closeImap(client);
        break;
      }
      if (client) {
        await this.watch(client);
        if (this.closed) break;
        attempt = 1;
        userFixable = false;
        this.setDown(true);
        this.deps.log.log('warn', 'idle: connection lost, reopening', { mailbox: this.id });
      }
      this.stateValue = 'waiting';
      await this.sleep(this.deps.retryDelayMs(attempt, userFixable));
    }
    this.stateValue = 'stopped';
  }

  /** Listens on an open connection until it closes. */
  private async watch(client: ImapFlow): Promise<void> {
    this.modeValue = client.capabilities.has('IDLE') ? 'idle' : 'poll';
    // Without IDLE, imapflow polls with NOOP every maxIdleTime ms while we "idle".
    client.maxIdleTime = this.modeValue === 'idle' ? this.deps.idleRestartMs : this.deps.pollMs;
    const closedLink = new Promise<void>((resolve) => client.once('close', () => resolve()));
    const onExists = () => this.deps.onChange(this.id, 'exists');
    const onExpunge = () => this.deps.onChange(this.id, 'expunge');
    const onFlags = () => this.deps.onChange(this.id, 'flags');
    client.on('exists', onExists);
    client.on('expunge', onExpunge);
    client.on('flags', onFlags);
    this.client = client;
    this.lent = false;
    this.stateValue = 'watching';
    this.setDown(false);
    this.deps.log.log('info', IDLE_READY_LOG, { mailbox: this.id, mode: this.modeValue });
    // Mail may have arrived while we were not listening (start-up, a drop): catch up.
    this.deps.onChange(this.id, 'connected');
    void this.listen(client);
    const liveness = this.deps.livenessMs ? setInterval(() => void this.checkAlive(client), this.deps.livenessMs) : null;
    liveness?.unref?.();
    await Promise.race([closedLink, new Promise<void>((r) => (this.wake = r))]);
    if (liveness) clearInterval(liveness);
    this.wake = null;
    client.off('exists', onExists);
    client.off('expunge', onExpunge);
    client.off('flags', onFlags);
    if (this.client === client) this.client = null;
    this.lent = false;
    this.modeValue = null;
    if (!this.closed) client.close();
  }

  /** NOOP on the listening link (it breaks IDLE, which listen() restarts); no answer in time → reopen. */
  private async checkAlive(client: ImapFlow): Promise<void> {
    if (this.closed || this.lent || this.client !== client || !client.usable) return;
    let timer: NodeJS.Timeout | undefined;
    const answered = await Promise.race([
      client.noop().then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), this.deps.livenessTimeoutMs ?? 5_000);
      }),
    ]);
    if (timer) clearTimeout(timer);
    // A sync that borrowed the link meanwhile reports its own failure; only a listening link is judged here.
    if (answered || this.closed || this.lent || this.client !== client) return;
    this.deps.log.log('warn', 'idle: no answer to NOOP, reopening', { mailbox: this.id });
    client.close();
  }

  private async listen(client: ImapFlow): Promise<void> {
    if (this.closed || this.lent || this.client !== client || !client.usable) return;
    try {
      const selected = client.mailbox;
      if (!selected || selected.path !== 'INBOX') await client.mailboxOpen('INBOX', { readOnly: true });
      if (this.lent || this.client !== client) return;
      for (;;) {
        // Resolves when a command (a sync borrowing the link) breaks the IDLE; giveBack() listens again.
        await client.idle({ whenFree: true });
        if (this.closed || this.lent || this.client !== client || !client.usable) return;
        // Ended on its own (the server refused IDLE, a poll failed): imapflow falls back to polling next time.
        await new Promise((r) => setTimeout(r, 1000).unref?.());
        if (this.closed || this.lent || this.client !== client || !client.usable) return;
      }
    } catch (err) {
      const c = classifyError(err);
      this.deps.log.log('warn', 'idle: listening failed, reopening', { mailbox: this.id, code: c.code, detail: c.detail });
      client.close();
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      timer.unref?.();
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
    });
  }
}
