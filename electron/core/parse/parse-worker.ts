// Worker-thread entry: parses raw messages off the main thread so the UI and the IMAP stream stay responsive,
// and, once given the store file, also writes the sync engine's batches (worker-store.ts).
// A source handed over (transferred, not copied) for a plain parse comes back the same way with the fields.
import { parentPort } from 'node:worker_threads';
import type { FolderStatePatch } from '../store/index.js';
import type { MessageMeta } from '../sync/staged.js';
import { extractAttachments, parseForReader, parseMessage, type ParsedFields } from './parse-message.js';
import { toWire, WorkerStore } from './worker-store.js';

export interface ParseRequest {
  type?: undefined;
  id: number;
  raw: Uint8Array;
  /** The sender transferred `raw` and wants it back. */
  giveBack?: boolean;
}

export type StoreRequest =
  | { type: 'open'; id: number; file: string }
  | { type: 'stage'; items: Array<{ id: number; raw: Uint8Array; meta: MessageMeta; fields?: ParsedFields }> }
  | { type: 'commit'; id: number; folderId: number; ids: number[]; state: FolderStatePatch }
  | { type: 'discard'; ids: number[] }
  | { type: 'flush'; id: number }
  | { type: 'close'; id: number };

/**
 * Reading, off the main thread: a message's full content for the reader pane, or all its attachments (a large
 * message parsed on the main thread stalled every other request, /health and the sync included). Answered
 * like store requests: `{ id, store: true, done }`.
 */
export type ReadRequest = { type: 'reader'; id: number; raw: Uint8Array } | { type: 'attachments'; id: number; raw: Uint8Array };

if (!parentPort) throw new Error('parse-worker must run in a worker thread');
const port = parentPort;
const worker = new WorkerStore();

function parse(req: ParseRequest): void {
  const back = req.giveBack ? [req.raw.buffer as ArrayBuffer] : [];
  parseMessage(req.raw).then(
    (fields) => port.postMessage({ id: req.id, fields, raw: req.giveBack ? req.raw : undefined }, back),
    (err: unknown) => port.postMessage({ id: req.id, error: String(err), raw: req.giveBack ? req.raw : undefined }, back),
  );
}

/** Store requests answer `{ id, done }` or `{ id, failed }`, except stage and discard (see worker-store.ts). */
function handleStore(req: StoreRequest): void {
  const answer = (run: () => unknown) => {
    if (!('id' in req)) return;
    Promise.resolve()
      .then(run)
      .then(
        (done) => port.postMessage({ id: req.id, store: true, done }),
        (err: unknown) => port.postMessage({ id: req.id, store: true, failed: toWire(err) }),
      );
  };
  switch (req.type) {
    case 'open':
      return answer(() => worker.open(req.file));
    case 'stage':
      return worker.stageAll(req.items);
    case 'commit':
      return answer(() => worker.commit(req.folderId, req.ids, req.state));
    case 'discard':
      return worker.discard(req.ids);
    case 'flush':
      return answer(() => worker.flush());
    case 'close':
      return answer(() => worker.close());
  }
}

function handleRead(req: ReadRequest): void {
  const work = req.type === 'reader' ? parseForReader(req.raw) : extractAttachments(req.raw);
  work.then(
    (done) => {
      // The attachments' bytes move to the main thread rather than being copied.
      const transfer = Array.isArray(done) ? done.map((a) => a.content.buffer as ArrayBuffer) : [];
      port.postMessage({ id: req.id, store: true, done }, transfer);
    },
    (err: unknown) => port.postMessage({ id: req.id, store: true, failed: toWire(err) }),
  );
}

port.on('message', (req: ParseRequest | StoreRequest | ReadRequest) => {
  if (req.type === undefined) parse(req);
  else if (req.type === 'reader' || req.type === 'attachments') handleRead(req);
  else handleStore(req);
});
