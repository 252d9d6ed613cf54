// The parse worker's side of the store writer (sync/batch-writer.ts): its own connection to the store file,
// the staged messages, and the batch transactions. SQLite in WAL mode lets the main thread keep reading (and
// writing its own small updates, after busy_timeout) while this connection commits.
import { ReleveError, isErrorCode } from '../../../shared/errors.js';
import type { ParsedMessage } from '../model.js';
import type { DB, FolderStatePatch } from '../store/index.js';
import { commitStaged, type CommittedBatch, type MessageMeta } from '../sync/staged.js';
import { parseMessage } from './parse-message.js';

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

  /** SQLite is loaded here, not at start: a worker that cannot load it still parses (and says so here). */
  async open(file: string): Promise<void> {
    this.close();
    this.store = await import('../store/index.js');
    this.db = this.store.openSecondaryConnection(file);
  }

  /** Not answered: the sender learns at commit (one reply a batch, not one a message). */
  stage(id: number, raw: Uint8Array, meta: MessageMeta): void {
    const parsed: Promise<void> = parseMessage(raw).then((fields) => {
      // Discarded meanwhile: nothing to keep.
      if (this.parsing.get(id) !== parsed) return;
      this.staged.set(id, { ...meta, ...fields, raw: Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength) });
    });
    parsed.catch(() => undefined); // reported by the commit that waits for it, not as an unhandled rejection
    this.parsing.set(id, parsed);
  }

  async commit(folderId: number, ids: readonly number[], state: FolderStatePatch): Promise<CommittedBatch> {
    await Promise.all(ids.map((id) => this.parsing.get(id) ?? Promise.resolve()));
    for (const id of ids) this.parsing.delete(id);
    if (!this.db || !this.store) throw new ReleveError('STORAGE', 'the parse worker has no store open');
    const { db, store } = this;
    return commitStaged(this.staged, ids, (batch) => store.commitBatch(db, folderId, batch, state));
  }

  discard(ids: readonly number[]): void {
    for (const id of ids) {
      this.parsing.delete(id);
      this.staged.delete(id);
    }
  }

  /** Closes the connection without a checkpoint: the main connection folds the WAL back when it closes. */
  close(): void {
    if (this.db) this.store?.closeSourceFiles(this.db);
    this.db?.close();
    this.db = null;
  }
}
