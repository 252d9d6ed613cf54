// Where a downloaded message goes between its arrival and its commit. The sync engine hands each source to a
// BatchWriter as it arrives (`stage`: parse it, keep it) and commits whole batches in order (`commit`: the
// staged messages and the folder's watermark, one transaction). Two writers exist:
// - in the parse worker (parse/worker-store.ts, through ParsePool.writerFor): the source moves to the worker
//   once and never comes back; the SQLite transaction happens there (~2 s of SQLite work off the main thread
//   on a first sync of 10 000 messages, bench B1). Small sources are parsed on the main thread before they
//   move, big ones in the worker (why: parse/worker-batch-writer.ts).
// - in process (this file): parse in the pool, commit on the caller's connection. Used when there is no
//   worker or the worker could not open the store.
import type { ParsedMessage } from '../model.js';
import type { ParsePool } from '../parse/parse-pool.js';
import * as store from '../store/index.js';
import type { DB, FolderStatePatch } from '../store/index.js';
import { commitStaged, type CommittedBatch, type MessageMeta, type Staged } from './staged.js';

export type { CommittedBatch, MessageMeta, Staged };

export interface BatchWriter {
  /** Parses and keeps one message; the caller must not use `raw` afterwards (it may be moved away). */
  stage(raw: Buffer, meta: MessageMeta): Promise<Staged>;
  /**
   * Stores the staged messages (once parsed) and the folder's new state in one transaction; they are
   * forgotten after.
   */
  commit(folderId: number, ids: readonly number[], state: FolderStatePatch): Promise<CommittedBatch>;
  /** Forgets staged messages that will never be committed (the download failed). */
  discard(ids: readonly number[]): void;
  /**
   * Indexes for search every stored message not indexed yet (store/fts-deferred.ts): at the end of a folder's
   * download, so a sync that succeeded leaves search complete.
   */
  flush(): Promise<void>;
}

export class InProcessBatchWriter implements BatchWriter {
  private readonly staged = new Map<number, ParsedMessage>();
  private nextId = 1;
  /**
   * Indexed at once, in each batch's own transaction, as before deferred indexing: this writer runs on the main
   * thread, where one transaction indexing a few MiB of text would stall the UI for a noticeable time.
   */
  private readonly fts = new store.FtsBacklog(store.FTS_IMMEDIATE);

  constructor(
    private readonly pool: ParsePool,
    private readonly db: DB,
  ) {}

  async stage(raw: Buffer, meta: MessageMeta): Promise<Staged> {
    const id = this.nextId++;
    const parsed = await this.pool.parseOwned(raw);
    this.staged.set(id, { ...meta, ...parsed.fields, raw: parsed.raw });
    return { id, uid: meta.uid };
  }

  async commit(folderId: number, ids: readonly number[], state: FolderStatePatch): Promise<CommittedBatch> {
    const r = commitStaged(this.staged, ids, (batch) => store.commitBatch(this.db, folderId, batch, state, this.fts));
    // Messages above the search watermark that another writer stored (or a crash left): index them now.
    if (this.fts.stuck) await this.flush();
    return r;
  }

  discard(ids: readonly number[]): void {
    for (const id of ids) this.staged.delete(id);
  }

  flush(): Promise<void> {
    // Sources re-parsed in the pool's workers when there are some: only short transactions on this thread.
    return store.catchUpFts(this.db, this.fts, (raw) => this.pool.parse(raw));
  }
}
