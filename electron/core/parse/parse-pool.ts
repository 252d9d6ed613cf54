// A small pool of parse workers. Falls back to parsing in-process when workers are unavailable,
// so a worker crash can delay a message but never lose it.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DB } from '../store/index.js';
import { InProcessBatchWriter, type BatchWriter } from '../sync/batch-writer.js';
import { ownsItsMemory } from './owns-memory.js';
import { extractAttachments, parseForReader, parseMessage, type ExtractedAttachment, type ParsedFields, type ReaderContent } from './parse-message.js';
import type { ReadRequest, StoreRequest } from './parse-worker.js';
import { fromWire, type WireError } from './worker-store.js';
import { WorkerBatchWriter, type StoreChannel } from './worker-batch-writer.js';

interface Pending {
  resolve: (r: { fields: ParsedFields; raw: Buffer | null }) => void;
  reject: (err: Error) => void;
  /** Null once the source was handed over to the worker. */
  raw: Uint8Array | null;
}

interface StoreCall {
  resolve: (v: unknown) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  inflight: Map<number, Pending>;
  storeCalls: Map<number, StoreCall>;
  /** This worker has the store open and writes the sync engine's batches. */
  writes: boolean;
  dead: boolean;
  /** It answered at least once (a worker that cannot even start must not be respawned forever). */
  answered: boolean;
}

type WorkerReply =
  | { id: number; store?: undefined; fields?: ParsedFields; error?: string; raw?: Uint8Array }
  | { id: number; store: true; done?: unknown; failed?: WireError };

/** Waits for `p`, at most `ms` (the timer keeps the process alive meanwhile, and is cleared after). */
async function within(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p.catch(() => undefined), new Promise((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}

export class WorkerLostError extends Error {
  constructor() {
    super('parse worker died holding a message source; it will be fetched again');
  }
}

function moduleDir(): string {
  // The bundled app is CommonJS (dist/electron/*.cjs); the sources run as ESM through tsx.
  if (typeof __dirname !== 'undefined') return __dirname;
  return path.dirname(fileURLToPath(import.meta.url));
}

/**
 * In a packaged app the bundle sits in app.asar, which Electron's fs reads but a worker thread cannot load
 * from: the worker script (and better-sqlite3) are unpacked beside it (electron-builder.yml, asarUnpack).
 */
export function outsideAsar(file: string, exists: (p: string) => boolean = existsSync): string {
  const marker = `app.asar${path.sep}`;
  const at = file.lastIndexOf(marker);
  if (at < 0) return file;
  const unpacked = `${file.slice(0, at)}app.asar.unpacked${path.sep}${file.slice(at + marker.length)}`;
  return exists(unpacked) ? unpacked : file;
}

export function resolveWorkerEntry(dir = moduleDir()): string | null {
  for (const name of ['parse-worker.cjs', 'parse-worker-boot.mjs']) {
    const p = path.join(dir, name);
    if (existsSync(p)) return outsideAsar(p);
  }
  return null;
}

/** Workers that die this many times in a row before answering anything are not started again. */
const MAX_EARLY_DEATHS = 3;

export function defaultWorkerCount(): number {
  const env = process.env.RELEVE_PARSE_WORKERS;
  if (env !== undefined && /^\d+$/.test(env)) return Number(env);
  const cpus = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(4, cpus - 1));
}

export class ParsePool {
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private closed = false;
  private readonly entry: string | null;
  /** The store file the writer worker opens (again after a respawn); null: batches commit in process. */
  private storeFile: string | null = null;
  private storeOpening: Promise<boolean> | null = null;
  private earlyDeaths = 0;

  /** `entry`: the worker script (tests); by default the one beside this module. */
  constructor(size = defaultWorkerCount(), entry?: string) {
    this.entry = size > 0 ? (entry ?? resolveWorkerEntry()) : null;
    if (this.entry) for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  get workerCount(): number {
    return this.slots.length;
  }

  private spawn(): Slot {
    // A small young generation makes the worker collect the garbage of each parse early: the parser
    // allocates a lot of short-lived strings, and V8's default (16 MiB semi-spaces) keeps ~20 MiB more resident.
    const worker = new Worker(this.entry as string, { resourceLimits: { maxYoungGenerationSizeMb: 4 } });
    worker.unref();
    const slot: Slot = { worker, inflight: new Map(), storeCalls: new Map(), writes: false, dead: false, answered: false };
    worker.on('message', (msg: WorkerReply) => {
      if (!slot.answered) {
        slot.answered = true;
        this.earlyDeaths = 0;
      }
      if (msg.store) {
        const call = slot.storeCalls.get(msg.id);
        slot.storeCalls.delete(msg.id);
        if (slot.inflight.size === 0 && slot.storeCalls.size === 0) slot.worker.unref();
        if (call && msg.failed) call.reject(fromWire(msg.failed));
        else call?.resolve(msg.done);
        return;
      }
      const p = slot.inflight.get(msg.id);
      if (!p) return;
      slot.inflight.delete(msg.id);
      const raw = msg.raw ? Buffer.from(msg.raw.buffer, msg.raw.byteOffset, msg.raw.byteLength) : null;
      if (msg.fields) p.resolve({ fields: msg.fields, raw });
      else {
        const source = raw ?? p.raw;
        if (source) void parseMessage(source).then((fields) => p.resolve({ fields, raw }));
        else p.reject(new WorkerLostError());
      }
    });
    const onDeath = () => {
      if (slot.dead) return;
      slot.dead = true;
      // Staged messages died with it: the download fails and the next sync fetches them again.
      for (const call of slot.storeCalls.values()) call.reject(new WorkerLostError());
      slot.storeCalls.clear();
      const idx = this.slots.indexOf(slot);
      if (idx >= 0) this.slots.splice(idx, 1);
      for (const p of slot.inflight.values()) {
        // A source still ours is parsed here; one handed over died with the worker: the caller refetches it.
        if (p.raw) void parseMessage(p.raw).then((fields) => p.resolve({ fields, raw: null }));
        else p.reject(new WorkerLostError());
      }
      slot.inflight.clear();
      if (!slot.answered) this.earlyDeaths++;
      // A worker that cannot start (a broken install) would be respawned forever: after a few such
      // deaths in a row the pool parses and commits in process instead.
      if (!this.closed && this.entry && this.earlyDeaths < MAX_EARLY_DEATHS) {
        const next = this.spawn();
        this.slots.push(next);
        if (slot.writes && this.storeFile) this.storeOpening = this.openStoreIn(next, this.storeFile);
      }
    };
    worker.once('error', onDeath);
    worker.once('exit', (code) => {
      if (code !== 0 || slot.inflight.size > 0 || slot.storeCalls.size > 0) onDeath();
    });
    return slot;
  }

  private leastBusy(): Slot | null {
    if (this.slots.length === 0 || this.closed) return null;
    let best = this.slots[0] as Slot;
    for (const s of this.slots) if (s.inflight.size < best.inflight.size) best = s;
    return best;
  }

  private send(slot: Slot, raw: Uint8Array, handOver: boolean): Promise<{ fields: ParsedFields; raw: Buffer | null }> {
    const id = this.nextId++;
    return new Promise<{ fields: ParsedFields; raw: Buffer | null }>((resolve, reject) => {
      slot.inflight.set(id, { resolve, reject, raw: handOver ? null : raw });
      slot.worker.ref();
      if (handOver) slot.worker.postMessage({ id, raw, giveBack: true }, [raw.buffer as ArrayBuffer]);
      else slot.worker.postMessage({ id, raw });
    }).finally(() => {
      if (slot.inflight.size === 0 && slot.storeCalls.size === 0) slot.worker.unref();
    });
  }

  /** Parses a copy of `raw`; the caller keeps its buffer. */
  async parse(raw: Uint8Array): Promise<ParsedFields> {
    const slot = this.leastBusy();
    if (!slot) return parseMessage(raw);
    return (await this.send(slot, raw, false)).fields;
  }

  /**
   * Parses `raw` without copying it: when the buffer owns its memory it is moved to the worker and moved
   * back, so the caller must use the returned `raw` from then on. Rejects with WorkerLostError when the
   * worker died while holding it (the message must be fetched again).
   */
  async parseOwned(raw: Buffer): Promise<{ fields: ParsedFields; raw: Buffer }> {
    const slot = this.leastBusy();
    if (!slot) return { fields: await parseMessage(raw), raw };
    const handOver = ownsItsMemory(raw);
    const r = await this.send(slot, raw, handOver);
    return { fields: r.fields, raw: r.raw ?? raw };
  }

  /** A worker for reading: the least busy one that does not write the sync's batches, if there is one. */
  private reader(): Slot | null {
    const free = this.slots.filter((s) => !s.writes && !s.dead);
    if (free.length === 0 || this.closed) return this.leastBusy();
    return free.reduce((a, b) => (b.inflight.size + b.storeCalls.size < a.inflight.size + a.storeCalls.size ? b : a));
  }

  /** Runs a read in a worker on a copy of `raw`; in process when there is none or it died meanwhile. */
  private async read<T>(type: ReadRequest['type'], raw: Uint8Array, inProcess: () => Promise<T>): Promise<T> {
    const slot = this.reader();
    if (!slot) return inProcess();
    const channel = this.channel(slot);
    try {
      return (await channel.call({ type, id: channel.nextId(), raw } satisfies ReadRequest)) as T;
    } catch (err) {
      if (err instanceof WorkerLostError) return inProcess();
      throw err;
    }
  }

  /** The reader pane's content of a stored source, parsed in a worker (never blocks the main thread). */
  readerContent(raw: Uint8Array): Promise<ReaderContent> {
    return this.read('reader', raw, () => parseForReader(raw));
  }

  /** All attachments of a stored source, decoded in a worker. */
  attachments(raw: Uint8Array): Promise<ExtractedAttachment[]> {
    return this.read('attachments', raw, () => extractAttachments(raw));
  }

  private channel(slot: Slot): StoreChannel {
    return {
      nextId: () => this.nextId++,
      send: (req, transfer = []) => {
        if (!slot.dead) slot.worker.postMessage(req, transfer);
      },
      call: (req, transfer = []) =>
        new Promise((resolve, reject) => {
          if (slot.dead) return reject(new WorkerLostError());
          slot.storeCalls.set(req.id, { resolve, reject });
          slot.worker.ref();
          slot.worker.postMessage(req, transfer);
        }),
    };
  }

  private async openStoreIn(slot: Slot, file: string): Promise<boolean> {
    const channel = this.channel(slot);
    try {
      await channel.call({ type: 'open', id: channel.nextId(), file } satisfies StoreRequest);
      slot.writes = true;
      return true;
    } catch {
      slot.writes = false;
      return false;
    }
  }

  /**
   * Lets a worker write the sync engine's batches to this store file (its own SQLite connection). False when
   * it cannot (no worker, or SQLite would not load there): batches then commit in process, as before.
   */
  useStore(file: string): Promise<boolean> {
    const slot = this.slots[0];
    if (!slot || file === ':memory:') return (this.storeOpening = Promise.resolve(false));
    this.storeFile = file;
    this.storeOpening = this.openStoreIn(slot, file);
    return this.storeOpening;
  }

  /**
   * Where a download stages and commits its messages: the writer worker when there is one, else `db`. The
   * worker opens `db`'s file on the first download, not when the core starts (most CLI commands never sync).
   */
  async writerFor(db: DB): Promise<BatchWriter> {
    if (!this.storeOpening) await this.useStore(db.name);
    await this.storeOpening;
    const slot = this.slots.find((s) => s.writes && !s.dead);
    return slot ? new WorkerBatchWriter(this.channel(slot)) : new InProcessBatchWriter(this, db);
  }

  async close(): Promise<void> {
    this.closed = true;
    // A store still being opened is closed properly rather than cut mid-statement by terminate().
    if (this.storeOpening) await within(this.storeOpening, 2000);
    const slots = this.slots.splice(0);
    // The writer's connection closes before the main one folds the WAL back (closeStore).
    await Promise.all(
      slots
        .filter((s) => s.writes && !s.dead)
        .map((s) => {
          const channel = this.channel(s);
          const closing = channel.call({ type: 'close', id: channel.nextId() }).catch(() => undefined);
          return within(closing, 2000);
        }),
    );
    // Ref'd while they stop: an unref'd worker stuck in a long SQLite call would let the process exit
    // with close() still pending.
    await Promise.all(
      slots.map((s) => {
        s.worker.ref();
        return s.worker.terminate();
      }),
    );
  }
}
