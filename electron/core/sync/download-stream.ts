// Downloads the new messages of a folder with ONE UID FETCH and cuts the stream into batches as it flows:
// each message goes to the batch writer (the parse worker: batch-writer.ts) the moment it arrives, and each
// batch commits (messages + watermark, one transaction) once parsed, in order. The server never waits for a
// round trip between batches; when parsing or writing falls behind, the loop stops pulling from imapflow, whose backpressure then stops the
// socket, so memory stays bounded (about IN_FLIGHT_BATCHES batches in flight).
//
// Watermark: the folder's last_uid only ever covers a prefix of the wanted UIDs that is fully committed, so
// a crash, a drop or an out-of-order server can never make the next sync skip a message. Once the FETCH
// has completed, UIDs that never arrived were expunged meanwhile and the watermark moves to the last one.
import type { ImapFlow } from 'imapflow';
import { fetchForSync, type FetchedMessage } from '../imap/raw-fetch.js';
import { chunkBySize, toSequenceSet, type SizedUid } from '../imap/uid-set.js';
import type { BatchResult } from '../store/index.js';
import type { BatchWriter, MessageMeta, Staged } from './batch-writer.js';

/**
 * Batches downloaded ahead of the last commit. The writer worker writes each source to its pack as it arrives and
 * fdatasyncs them in the background (store/source-packs.ts); a commit waits until its batch is on disk. With 2
 * batches ahead that wait was 0.6 s of a 10 000-message first sync (bench B1, per-step timers), with 4 0.26-0.32 s
 * (the download waiting for the writer 1.0 → 0.65 s), for ~5 MiB more peak memory; 6 gained little more. Since
 * the writer no longer blocks on its page-cache writes (store/direct-appender.ts), 3 are as fast as 4 (10 000 and
 * 100 000 messages, CLI, 3 and 2 pairs) and peak 3.5 MiB lower at 100 000 (153.4–153.6 → 149.8–150.2 MiB).
 */
const IN_FLIGHT_BATCHES = 3;

/**
 * Batches sealed and not yet known committed. Shared by the consecutive FETCHes of one newest-first download
 * (newest-first.ts): the next group's FETCH starts as soon as the previous stream ended, its batches still
 * committing, and the IN_FLIGHT_BATCHES bound holds across both.
 */
export interface InFlight {
  queue: Array<{ work: Promise<void>; bytes: number }>;
  bytes: number;
}

export function newInFlight(): InFlight {
  return { queue: [], bytes: 0 };
}

/** Waits until everything in flight is committed; rejects with the first failure (the rest still settles). */
export async function settleInFlight(f: InFlight): Promise<void> {
  const works = f.queue.splice(0);
  f.bytes = 0;
  const results = await Promise.allSettled(works.map((w) => w.work));
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}

export interface DownloadDeps {
  client: ImapFlow;
  writer: BatchWriter;
  folderId: number;
  /** Watermark already committed for the folder. */
  lastUid: number;
  signal?: AbortSignal;
  batchCount: number;
  batchBytes: number;
  /** false: commit the messages only, the caller moves the watermark (newest-first order, newest-first.ts). */
  advanceWatermark?: boolean;
  /** Adds the time spent waiting for the writer (parse + commit), not for the server (newest-first.ts). */
  waited?: { ms: number };
  /**
   * Shared with the FETCHes before and after this one: this call then returns once its stream ended and its
   * batches are sealed, and the caller settles them (settleInFlight). Without it, it returns once all committed.
   */
  inFlight?: InFlight;
  /** After each commit: what the batch did, how many messages it held, how many failed to parse. */
  onCommitted(r: BatchResult, messages: number, malformed: number): void;
}

interface Arrived {
  uid: number;
  bytes: number;
  staged: Promise<Staged>;
}

function toIso(d: Date | string | undefined): string | null {
  if (!d) return null;
  if (typeof d === 'string' && d.length === 24 && d.endsWith('Z')) return d; // ISO already (imap/fetch-response.ts)
  const t = d instanceof Date ? d.getTime() : Date.parse(d);
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}

function metaOf(m: FetchedMessage, source: Buffer): MessageMeta {
  return {
    uid: m.uid,
    flags: [...(m.flags ?? [])].sort(),
    size: m.size ?? source.length,
    internal_date: toIso(m.internalDate),
    modseq: m.modseq !== undefined ? m.modseq.toString() : null,
  };
}

/** Staged messages of a batch that will not be committed are dropped from the writer. */
async function discardSettled(writer: BatchWriter, items: readonly Arrived[]): Promise<void> {
  const settled = await Promise.allSettled(items.map((a) => a.staged));
  writer.discard(settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value.id] : [])));
}

/**
 * Resolves with the folder's new watermark once every wanted message is committed; rejects (after committing
 * what arrived) on a drop.
 */
export async function downloadInBatches(deps: DownloadDeps, wanted: readonly SizedUid[]): Promise<number> {
  if (wanted.length === 0) return deps.lastUid;
  const plan = chunkBySize(wanted, deps.batchCount, deps.batchBytes);
  const batchOf = new Map<number, number>();
  plan.forEach((b, i) => b.forEach((s) => batchOf.set(s.uid, i)));
  const order = wanted.map((w) => w.uid);
  const committed = new Set<number>();
  let prefix = 0; // order[0 .. prefix) are committed
  let lastUid = deps.lastUid;

  let chain: Promise<void> = Promise.resolve();
  const inFlight = deps.inFlight ?? newInFlight();
  let filling: Arrived[] = [];
  let fillingBatch = 0;

  const seal = (items: Arrived[], final: boolean) => {
    const previous = chain;
    const bytes = items.reduce((n, a) => n + a.bytes, 0);
    const work = (async () => {
      try {
        const staged = await Promise.all(items.map((a) => a.staged));
        // Without a watermark to move (newest-first order), a batch does not depend on the one before: it is
        // sent to the writer as soon as it is staged, so the writer never idles until this thread gets round to
        // the previous commit's answer (measured B1: the download's wait for the writer 0.75-0.9 → 0.4-0.55 s).
        // With one, the watermark may only cover committed batches: the previous commit is awaited first.
        const eager = deps.advanceWatermark === false;
        if (!eager) await previous;
        for (const p of staged) committed.add(p.uid);
        while (prefix < order.length && committed.has(order[prefix] as number)) prefix++;
        const mark = final ? (order[order.length - 1] as number) : prefix > 0 ? (order[prefix - 1] as number) : 0;
        const advance = deps.advanceWatermark !== false && mark > lastUid;
        const state = advance ? { last_uid: mark } : {};
        const r = await deps.writer.commit(
          deps.folderId,
          staged.map((p) => p.id),
          state,
        );
        if (eager) await previous; // progress is reported in order, and a failure before stops the run
        if (advance) lastUid = mark;
        deps.onCommitted(r, staged.length, r.malformed);
      } catch (err) {
        await discardSettled(deps.writer, items);
        throw err;
      }
    })();
    work.catch(() => undefined); // awaited below; no unhandled rejection while the stream goes on
    chain = work;
    inFlight.queue.push({ work, bytes });
  };

  /** Waits for the oldest sealed batches while more than IN_FLIGHT_BATCHES batches' worth of bytes are in flight. */
  const drain = async (limit: number) => {
    while (inFlight.bytes > limit && inFlight.queue.length > 0) {
      const oldest = inFlight.queue.shift() as { work: Promise<void>; bytes: number };
      const t0 = performance.now();
      await oldest.work;
      if (deps.waited) deps.waited.ms += performance.now() - t0;
      inFlight.bytes -= oldest.bytes;
    }
  };

  let streamError: unknown = null;
  try {
    for await (const m of fetchForSync(deps.client, toSequenceSet(order), 'sources')) {
      if (!m.source) continue; // expunged between listing and fetch: nothing to keep
      const b = batchOf.get(m.uid);
      if (b === undefined) continue; // not asked for
      if (b > fillingBatch) {
        // The stream moved past the batch being filled: it is complete, hand it over.
        if (filling.length > 0) seal(filling, false);
        filling = [];
        fillingBatch = b;
        deps.signal?.throwIfAborted();
        await drain(IN_FLIGHT_BATCHES * deps.batchBytes);
      }
      const bytes = m.source.length;
      inFlight.bytes += bytes;
      // The source moves to the writer (the parse worker) and stays there until its batch is committed.
      const staged = deps.writer.stage(m.source, metaOf(m, m.source));
      staged.catch(() => undefined);
      filling.push({ uid: m.uid, bytes, staged });
    }
  } catch (err) {
    streamError = err; // commit what arrived before the drop (or the stop), then report it
  }
  seal(filling, streamError === null);
  if (!deps.inFlight) {
    const t0 = performance.now();
    await chain;
    if (deps.waited) deps.waited.ms += performance.now() - t0;
  }
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows what the stream threw, as it was
  if (streamError !== null) throw streamError;
  return lastUid;
}
