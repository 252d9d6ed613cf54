// Extra IMAP connections for a large first sync (issue #13): over the internet one connection is limited by
// the provider (a few MB/s), not by our CPU, so the newest-first download (newest-first.ts) spreads its FETCH
// groups over several connections, up to what the provider allows (connectionCap, shared/providers.ts).
//
// A server that refuses one more connection (`* BYE Too many simultaneous connections`, `NO [LIMIT]`,
// `[UNAVAILABLE]`, a reset, a TLS client meeting a cleartext BYE…) is never an error: the run goes on with
// the connections it has, and opens no more until it ends. The folder's own connection already logged in
// with the same credentials, so a failure here says "not now", not "wrong settings".
import type { ImapFlow } from 'imapflow';
import type { Logger } from '../model.js';

export interface ExtraConnectionStats {
  /** Extra connections open at the same time, at most (the folder's own one not counted). */
  peak: number;
  /** Connections the server refused (or that failed to open) this run. */
  refused: number;
}

export class ExtraConnections {
  private readonly idle: ImapFlow[] = [];
  private readonly all = new Set<ImapFlow>();
  private opening = 0;
  private stopped = false;
  private closed = false;
  readonly stats: ExtraConnectionStats = { peak: 0, refused: 0 };

  /**
   * @param max how many besides the folder's own connection (and a live listening one) this run may open
   * @param openOne opens one authenticated connection with the mailbox's settings
   */
  constructor(
    readonly max: number,
    private readonly openOne: () => Promise<ImapFlow>,
    private readonly log: Logger,
    private readonly mailboxId: number,
  ) {}

  /** An open extra connection (reused or new), or null when the cap or a refusal says no more. */
  async acquire(): Promise<ImapFlow | null> {
    while (this.idle.length > 0) {
      const c = this.idle.pop() as ImapFlow;
      if (c.usable) return c;
      this.forget(c);
    }
    if (this.stopped || this.all.size + this.opening >= this.max) return null;
    this.opening++;
    try {
      const c = await this.openOne();
      this.all.add(c);
      this.stats.peak = Math.max(this.stats.peak, this.all.size);
      if (this.closed) {
        // closeAll() ran while this one was opening (a refusal meanwhile does not matter: this one got in)
        this.forget(c);
        return null;
      }
      return c;
    } catch (err) {
      this.stats.refused++;
      this.stopped = true; // back off: no more this run, the ones open go on
      this.log.log('info', 'extra IMAP connection refused: going on with the connections open', {
        mailbox: this.mailboxId,
        open: this.all.size,
        reason: err instanceof Error ? err.message.slice(0, 200) : String(err),
      });
      return null;
    } finally {
      this.opening--;
    }
  }

  /** Hands a connection back for the next folder; a broken one is closed and not replaced. */
  release(c: ImapFlow, healthy: boolean): void {
    if (healthy && c.usable) this.idle.push(c);
    else this.forget(c);
  }

  /** Stops opening more (the run is failing or a limit was met). */
  stop(): void {
    this.stopped = true;
  }

  async closeAll(): Promise<void> {
    this.stopped = true;
    this.closed = true;
    this.idle.length = 0;
    await Promise.all([...this.all].map((c) => logoutQuietly(c)));
    this.all.clear();
  }

  private forget(c: ImapFlow): void {
    this.all.delete(c);
    void logoutQuietly(c);
  }
}

async function logoutQuietly(c: ImapFlow): Promise<void> {
  try {
    if (c.usable) await c.logout();
    else c.close();
  } catch {
    c.close();
  }
}
