// During a long first sync the mailbox's status row (its counts) is refreshed now and then, not per batch.
// Recounting reads indexes that grow with the store: at 100 000 messages, a recount every second cost the sync's
// main thread 0.8 s (`countNow`, CPU profile of a 100 000-message `releve sync`), for a CLI that shows no status
// row at all. So: nobody listening to statusChanged, no recount; otherwise at most once a second, and never more
// than about 1 % of the time (the next one waits at least 100 × what the last one took).
const MIN_INTERVAL_MS = 1000;
const COST_FACTOR = 100;

export class StatusRefresh {
  private readonly last = new Map<number, { at: number; costMs: number }>();

  constructor(
    private readonly now: () => number,
    private readonly listening: () => boolean,
    private readonly emit: (mailboxId: number) => void,
  ) {}

  /** A progress step of a sync of this mailbox: emits its status if it is time to. */
  progress(mailboxId: number): void {
    if (!this.listening()) return;
    const prev = this.last.get(mailboxId);
    if (this.now() - (prev?.at ?? 0) < Math.max(MIN_INTERVAL_MS, COST_FACTOR * (prev?.costMs ?? 0))) return;
    const started = performance.now();
    this.emit(mailboxId);
    this.last.set(mailboxId, { at: this.now(), costMs: performance.now() - started });
  }
}
