// SQLite copies what a transaction wrote to the WAL back into the database file at checkpoints, by default
// on the connection that commits, inside its COMMIT. During a first sync that is the writer worker, the
// busiest thread, and the copy is most of the cost of storing 386 MB of raw sources. So the writer
// connection does not checkpoint; a connection on a thread of its own does, right after each commit, while
// the main thread mostly waits for the network (bench B1: ~10 % faster). If that thread is lost, the writer
// connection checkpoints itself again.
import type { StoreChannel } from './worker-batch-writer.js';

/** SQLite's default: checkpoint when the WAL holds this many pages. */
const SQLITE_DEFAULT_AUTOCHECKPOINT = 1000;

export class WalCheckpointer {
  private running = false;
  private again = false;
  private alive = true;

  constructor(
    private readonly checkpointer: StoreChannel,
    private readonly writer: StoreChannel,
  ) {}

  /** Takes checkpoints off the writer; false (and nothing changed) when the writer did not agree. */
  async start(): Promise<boolean> {
    try {
      await this.writer.call({ type: 'autocheckpoint', id: this.writer.nextId(), pages: 0 });
      return true;
    } catch {
      this.alive = false;
      return false;
    }
  }

  /** After a commit: checkpoint now, or once more after the one under way. */
  soon(): void {
    if (!this.alive) return;
    if (this.running) {
      this.again = true;
      return;
    }
    void this.run();
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      do {
        this.again = false;
        await this.checkpointer.call({ type: 'checkpoint', id: this.checkpointer.nextId() });
      } while (this.again && this.alive);
    } catch {
      this.lost();
    } finally {
      this.running = false;
    }
  }

  /** The checkpoint thread is gone: the writer checkpoints by itself again. */
  lost(): void {
    if (!this.alive) return;
    this.alive = false;
    this.writer.send({ type: 'autocheckpoint', pages: SQLITE_DEFAULT_AUTOCHECKPOINT });
  }
}
