// The main thread's handle on the parse worker's store writer (worker-store.ts): sources move to the worker
// once (transferred, not copied), the worker keeps and commits them. See sync/batch-writer.ts.
//
// Who parses: this thread, for messages up to MAIN_PARSE_MAX_BYTES; the worker, for bigger ones. Measured on the
// 10 000-message first sync (bench B1, loopback, 2 cores), once the download read the socket itself
// (imap/raw-fetch.ts) the worker was the bottleneck (parsing + storing, the download waiting 3.1 s of 4.4 s for
// it) while this thread idled: parsing here, where the bytes just arrived, gave B1 4.15 → 3.71 s. A message is
// parsed in ~0.1 ms; the size cap keeps the longest pause of this thread (the core process's, which also answers
// the window's requests) to about a millisecond.
import type { FolderStatePatch } from '../store/index.js';
import type { BatchWriter } from '../sync/batch-writer.js';
import type { CommittedBatch, MessageMeta, Staged } from '../sync/staged.js';
import { ownsItsMemory } from './owns-memory.js';
import { parseMessage, parseMessageFast, type ParsedFields } from './parse-message.js';
import type { ReadRequest, StoreRequest } from './parse-worker.js';

export interface StoreChannel {
  /** Sends a request that the worker answers; rejects with WorkerLostError if the worker dies first. */
  call(req: (StoreRequest | ReadRequest) & { id: number }, transfer?: ArrayBuffer[]): Promise<unknown>;
  /** Fire and forget. */
  send(req: StoreRequest, transfer?: ArrayBuffer[]): void;
  nextId(): number;
}

/** Bigger sources are parsed in the worker (see the header). */
export const MAIN_PARSE_MAX_BYTES = 1024 * 1024;

/** The fields of a small source parsed on this thread; undefined: the worker parses it (big, or it threw here). */
function parsedHere(raw: Uint8Array): ParsedFields | Promise<ParsedFields | undefined> | undefined {
  if (raw.length > MAIN_PARSE_MAX_BYTES) return undefined;
  let fast: ParsedFields | null;
  try {
    fast = parseMessageFast(raw);
  } catch {
    return undefined; // the worker tries again and reports what fails at commit, as for any message
  }
  if (fast) return fast;
  // The fast reader declined: postal-mime, still here.
  return parseMessage(raw).catch(() => undefined); // the worker tries again and reports what fails at commit
}

/**
 * Staged messages go to the worker in groups (one postMessage, one wake-up of the worker) of at most this many
 * messages or STAGE_GROUP_BYTES, and before any commit, discard or flush. A postMessage per message cost ~30 µs
 * on each side (bench B1 profile: 0.3 s of the main thread's CPU for 10 000 messages); grouped by 16: B1 3.22/3.15 →
 * 3.13/3.06 s, client CPU −0.1 s (A/B, same hour).
 */
const STAGE_GROUP = 16;
const STAGE_GROUP_BYTES = 1024 * 1024;

type StageItem = Extract<StoreRequest, { type: 'stage' }>['items'][number];

export class WorkerBatchWriter implements BatchWriter {
  private pending: StageItem[] = [];
  private pendingTransfer: ArrayBuffer[] = [];
  private pendingBytes = 0;

  constructor(private readonly channel: StoreChannel) {}

  async stage(raw: Buffer, meta: MessageMeta): Promise<Staged> {
    const id = this.channel.nextId();
    // A view over shared memory would be cloned with all of that memory: send a copy of its bytes instead.
    const own = ownsItsMemory(raw) ? raw : new Uint8Array(raw);
    // Not answered: a worker that dies now makes the batch's commit fail (WorkerLostError).
    const parsed = parsedHere(own);
    const fields = parsed instanceof Promise ? await parsed : parsed;
    this.pending.push({ id, raw: own, meta, ...(fields ? { fields } : {}) });
    this.pendingTransfer.push(own.buffer as ArrayBuffer);
    this.pendingBytes += own.byteLength;
    if (this.pending.length >= STAGE_GROUP || this.pendingBytes >= STAGE_GROUP_BYTES) this.sendStaged();
    return { id, uid: meta.uid };
  }

  private sendStaged(): void {
    if (this.pending.length === 0) return;
    this.channel.send({ type: 'stage', items: this.pending }, this.pendingTransfer);
    this.pending = [];
    this.pendingTransfer = [];
    this.pendingBytes = 0;
  }

  async commit(folderId: number, ids: readonly number[], state: FolderStatePatch): Promise<CommittedBatch> {
    this.sendStaged();
    const id = this.channel.nextId();
    return (await this.channel.call({ type: 'commit', id, folderId, ids: [...ids], state })) as CommittedBatch;
  }

  discard(ids: readonly number[]): void {
    this.sendStaged();
    if (ids.length > 0) this.channel.send({ type: 'discard', ids: [...ids] });
  }

  async flush(): Promise<void> {
    this.sendStaged();
    await this.channel.call({ type: 'flush', id: this.channel.nextId() });
  }
}
