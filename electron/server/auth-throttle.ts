// Slows down guessing the API token: every refused token from one client address pushes that client's next
// answer further out (doubling, capped), so parallel guesses are spread out as much as sequential ones. Only
// refusals wait: a request with the right token is never delayed, whoever sends it.
export interface AuthThrottleOptions {
  /** Refusals answered at once (a mistyped or stale token in a script or a tab): the slowdown starts after. */
  freeFailures?: number;
  /** First delay after a refusal. */
  baseMs?: number;
  /** Longest delay between two refusals. */
  maxMs?: number;
  /** A client quiet for this long starts again from baseMs. */
  forgetMs?: number;
  /** Refusals waiting for their answer per client, beyond which the connection is just closed. */
  maxPending?: number;
  now?: () => number;
}

interface ClientState {
  failures: number;
  /** When the next refusal may be answered. */
  nextAt: number;
  lastAt: number;
  pending: number;
}

export class AuthThrottle {
  private readonly clients = new Map<string, ClientState>();
  private readonly freeFailures: number;
  private readonly baseMs: number;
  private readonly maxMs: number;
  private readonly forgetMs: number;
  private readonly maxPending: number;
  private readonly now: () => number;

  constructor(opts: AuthThrottleOptions = {}) {
    this.freeFailures = opts.freeFailures ?? 5;
    this.baseMs = opts.baseMs ?? 200;
    this.maxMs = opts.maxMs ?? 10_000;
    this.forgetMs = opts.forgetMs ?? 15 * 60_000;
    this.maxPending = opts.maxPending ?? 32;
    this.now = opts.now ?? Date.now;
  }

  /**
   * Records a refusal from `client` and says how long to wait before answering it, or null when the client
   * already has too many refusals waiting (close the connection without an answer).
   */
  refused(client: string): number | null {
    const now = this.now();
    this.prune(now);
    let s = this.clients.get(client);
    if (!s || now - s.lastAt > this.forgetMs) s = { failures: 0, nextAt: now, lastAt: now, pending: 0 };
    this.clients.set(client, s);
    if (s.pending >= this.maxPending) return null;
    s.failures++;
    s.lastAt = now;
    if (s.failures <= this.freeFailures) return 0;
    const step = Math.min(this.maxMs, this.baseMs * 2 ** Math.min(s.failures - this.freeFailures - 1, 20));
    s.nextAt = Math.max(s.nextAt, now) + step;
    return s.nextAt - now;
  }

  /** Waits out the delay of one refusal (see refused); false: too many waiting, drop the connection. */
  async delayRefusal(client: string): Promise<boolean> {
    const ms = this.refused(client);
    if (ms === null) return false;
    if (ms === 0) return true;
    const s = this.clients.get(client)!;
    s.pending++;
    try {
      await new Promise((resolve) => setTimeout(resolve, ms).unref());
    } finally {
      s.pending--;
    }
    return true;
  }

  private prune(now: number): void {
    // Bounded memory whatever the number of addresses seen.
    if (this.clients.size < 10_000) return;
    for (const [k, s] of this.clients) if (s.pending === 0 && now - s.lastAt > this.forgetMs) this.clients.delete(k);
    if (this.clients.size >= 10_000) this.clients.clear();
  }
}
