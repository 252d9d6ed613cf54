// The main thread's handle on the parse worker's store writer (worker-store.ts): sources move to the worker
// once (transferred, not copied), the worker parses, keeps and commits them. See sync/batch-writer.ts.
import type { FolderStatePatch } from '../store/index.js';
import type { BatchWriter } from '../sync/batch-writer.js';
import type { CommittedBatch, MessageMeta, Staged } from '../sync/staged.js';
import { ownsItsMemory } from './owns-memory.js';
import type { ReadRequest, StoreRequest } from './parse-worker.js';

export interface StoreChannel {
  /** Sends a request that the worker answers; rejects with WorkerLostError if the worker dies first. */
  call(req: (StoreRequest | ReadRequest) & { id: number }, transfer?: ArrayBuffer[]): Promise<unknown>;
  /** Fire and forget. */
  send(req: StoreRequest, transfer?: ArrayBuffer[]): void;
  nextId(): number;
}

export class WorkerBatchWriter implements BatchWriter {
  constructor(private readonly channel: StoreChannel) {}

  async stage(raw: Buffer, meta: MessageMeta): Promise<Staged> {
    const id = this.channel.nextId();
    // A view over shared memory would be cloned with all of that memory: send a copy of its bytes instead.
    const own = ownsItsMemory(raw) ? raw : new Uint8Array(raw);
    // Not answered: a worker that dies now makes the batch's commit fail (WorkerLostError).
    this.channel.send({ type: 'stage', id, raw: own, meta }, [own.buffer as ArrayBuffer]);
    return { id, uid: meta.uid };
  }

  async commit(folderId: number, ids: readonly number[], state: FolderStatePatch): Promise<CommittedBatch> {
    const id = this.channel.nextId();
    return (await this.channel.call({ type: 'commit', id, folderId, ids: [...ids], state })) as CommittedBatch;
  }

  discard(ids: readonly number[]): void {
    if (ids.length > 0) this.channel.send({ type: 'discard', ids: [...ids] });
  }

  async flush(): Promise<void> {
    await this.channel.call({ type: 'flush', id: this.channel.nextId() });
  }
}
