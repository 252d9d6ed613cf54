// When the store's source packs are compacted (store/source-compact.ts): after a sync run, when no other run is
// under way (the batches of a sync are never slowed by it), at most once every few minutes (its cheap check is
// still a scan of message_sources), only in the process that holds the sync lock, one pass at a time.
import { classifyError } from '../imap/classify-error.js';
import type { Logger } from '../model.js';
import type { DB } from '../store/index.js';
import { compactSources } from '../store/source-compact.js';

const MIN_INTERVAL_MS = 10 * 60_000;

export class SourceCompaction {
  private running: Promise<void> | null = null;
  private lastAt = -Infinity;

  constructor(
    private readonly db: DB,
    private readonly log: Logger,
    private readonly allowed: () => boolean,
    private readonly now: () => number = Date.now,
  ) {}

  maybeRun(): void {
    if (this.running || !this.allowed() || this.now() - this.lastAt < MIN_INTERVAL_MS) return;
    this.lastAt = this.now();
    this.running = compactSources(this.db)
      .then((r) => {
        if (r.removed > 0 || r.retired > 0) this.log.log('info', 'source packs compacted', { ...r });
      })
      .catch((err: unknown) => {
        // Nothing is lost: a failed pass leaves every source where it was readable; the next pass tries again.
        const c = classifyError(err);
        this.log.log('warn', 'source pack compaction failed', { code: c.code, detail: c.detail });
      })
      .finally(() => {
        this.running = null;
      });
  }

  /** Waits for a pass under way (before the store closes). */
  async settled(): Promise<void> {
    await this.running;
  }
}
