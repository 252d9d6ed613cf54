// The parse worker's side of the store writer (sync/batch-writer.ts): its own connection to the store file,
// the staged messages, and the batch transactions. SQLite in WAL mode lets the main thread keep reading (and
// writing its own small updates, after busy_timeout) while this connection commits.
import { ReleveError, isErrorCode } from '../../../shared/errors.js';
import type { ParsedMessage } from '../model.js';
import type { DB, FolderStatePatch, FtsBacklog } from '../store/index.js';
import { commitStaged, type CommittedBatch, type MessageMeta } from '../sync/staged.js';
import { parseMessage, type ParsedFields } from './parse-message.js';

/** An error as it crosses the thread boundary: SQLite's code (SQLITE_FULL …) or our own code survives. */
export interface WireError {
  message: string;
  code?: string;
  releve?: boolean;
  detail?: string;
}

export function toWire(err: unknown): WireError {
  if (err instanceof ReleveError) return { message: err.message, code: err.code, releve: true, ...(err.detail ? { detail: err.detail } : {}) };
  const e = err as { message?: unknown; code?: unknown };
  return { message: String(e?.message ?? err), ...(typeof e?.code === 'string' ? { code: e.code } : {}) };
}

export function fromWire(w: WireError): Error {
  if (w.releve && w.code && isErrorCode(w.code)) return new ReleveError(w.code, w.message, w.detail ? { detail: w.detail } : {});
  return Object.assign(new Error(w.message), w.code ? { code: w.code } : {});
}

type StoreModule = typeof import('../store/index.js');

export class WorkerStore {
  private db: DB | null = null;
  private store: StoreModule | null = null;
  private readonly staged = new Map<number, ParsedMessage>();
  /** Parses under way, by staged id: a commit waits for those of its batch. */
  private readonly parsing = new Map<number, Promise<void>>();
  /**
   * The committed messages' text, indexed for search every few MiB in a batch's transaction (store/fts-deferred.ts):
   * off the main thread, so that longer transaction stalls nothing the user sees.
   */
  private fts: FtsBacklog | null = null;
  /** Flushes run one after the other: one that joined a finishing one could miss the batch committed meanwhile. */
  private flushing: Promise<void> = Promise.resolve();
  /** Sources that could not be written ahead (a full disk…): their batch's commit fails with that error. */
  private readonly unwritten = new Map<number, unknown>();

  /** SQLite is loaded here, not at start: a worker that cannot load it still parses (and says so here). */
  async open(file: string): Promise<void> {
    await this.close();
    this.store = await import('../store/index.js');
    this.db = this.store.openSecondaryConnection(file);
    this.fts = new this.store.FtsBacklog();
  }

  /**
   * A group of staged messages (parse/worker-batch-writer.ts sends them 16 at a time): one write for their sources.
   * Not answered: the sender learns at commit (one reply a batch, not one a message). `fields`: the sender parsed
   * the source already; otherwise it is parsed here.
   */
  stageAll(items: ReadonlyArray<{ id: number; raw: Uint8Array; meta: MessageMeta; fields?: ParsedFields }>): void {
    const sources = items.map((it) => Buffer.from(it.raw.buffer, it.raw.byteOffset, it.raw.byteLength));
    this.writeAhead(
      items.map((it) => it.id),
      sources,
    );
    items.forEach((it, i) => this.keep(it.id, sources[i] as Buffer, it.meta, it.fields));
  }

  private keep(id: number, source: Buffer, meta: MessageMeta, given?: ParsedFields): void {
    if (given) {
      this.staged.set(id, { ...meta, ...given, raw: source });
      return;
    }
    const parsed: Promise<void> = parseMessage(source).then((fields) => {
      // Discarded meanwhile: nothing to keep.
      if (this.parsing.get(id) !== parsed) return;
      this.staged.set(id, { ...meta, ...fields, raw: source });
    });
    parsed.catch(() => undefined); // reported by the commit that waits for it, not as an unhandled rejection
    this.parsing.set(id, parsed);
  }

  /**
   * The source goes to the store's pack file now, while the rest of its batch downloads; its fdatasync runs in
   * the background and commit() waits for it (store/source-packs.ts says why).
   */
  private writeAhead(ids: readonly number[], sources: readonly Buffer[]): void {
    const packs = this.db && this.store ? this.store.packWriterFor(this.db) : null;
    try {
      packs?.writeMany(sources);
    } catch (err) {
      for (const id of ids) this.unwritten.set(id, err);
    }
  }

  /** Commits run one after the other, in the order they were asked for, even when one waits for its sources. */
  private committing: Promise<unknown> = Promise.resolve();

  commit(folderId: number, ids: readonly number[], state: FolderStatePatch): Promise<CommittedBatch> {
    const run = this.committing.catch(() => undefined).then(() => this.commitNow(folderId, ids, state));
    this.committing = run;
    return run;
  }

  private async commitNow(folderId: number, ids: readonly number[], state: FolderStatePatch): Promise<CommittedBatch> {
    await Promise.all(ids.map((id) => this.parsing.get(id) ?? Promise.resolve()));
    for (const id of ids) this.parsing.delete(id);
    if (!this.db || !this.store) throw new ReleveError('STORAGE', 'the parse worker has no store open');
    const { db, store, fts } = this;
    const unwritten = ids.filter((id) => this.unwritten.has(id)).map((id) => this.unwritten.get(id));
    for (const id of ids) this.unwritten.delete(id);
    if (unwritten.length > 0) throw unwritten[0];
    // No row before its source is on disk.
    await store.packWriterFor(db)?.durable(ids.flatMap((id) => this.staged.get(id)?.raw ?? []));
    const r = commitStaged(this.staged, ids, (batch) => store.commitBatch(db, folderId, batch, state, fts ?? undefined));
    // Messages above the search watermark whose text this writer does not hold (a crash, another writer): the
    // backlog would only grow until they are re-parsed and indexed.
    if (fts?.stuck) await this.flush();
    return r;
  }

  /** Indexes every stored message not indexed yet: the text held, the rest re-parsed from its source. */
  flush(): Promise<void> {
    const { db, store, fts } = this;
    if (!db || !store || !fts) return Promise.resolve();
    const run = this.flushing.catch(() => undefined).then(() => (db.open ? store.catchUpFts(db, fts, parseMessage) : undefined));
    this.flushing = run;
    return run;
  }

  discard(ids: readonly number[]): void {
    for (const id of ids) {
      this.unwritten.delete(id);
      this.parsing.delete(id);
      this.staged.delete(id);
    }
  }

  /**
   * Indexes what it holds, then closes the connection without a checkpoint: the main connection folds the WAL
   * back when it closes. A failed flush loses nothing: the next start indexes from the sources.
   */
  async close(): Promise<void> {
    await this.flush().catch(() => undefined);
    if (this.db) this.store?.closeSourceFiles(this.db);
    this.db?.close();
    this.db = null;
    this.fts = null;
  }
}
