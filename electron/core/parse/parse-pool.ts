// A small pool of parse workers. Falls back to parsing in-process when workers are unavailable,
// so a worker crash can delay a message but never lose it.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { parseMessage, type ParsedFields } from './parse-message.js';

interface Pending {
  resolve: (r: { fields: ParsedFields; raw: Buffer | null }) => void;
  reject: (err: Error) => void;
  /** Null once the source was handed over to the worker. */
  raw: Uint8Array | null;
}

interface Slot {
  worker: Worker;
  inflight: Map<number, Pending>;
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

export function resolveWorkerEntry(): string | null {
  const dir = moduleDir();
  for (const name of ['parse-worker.cjs', 'parse-worker-boot.mjs']) {
    const p = path.join(dir, name);
    if (existsSync(p)) return p;
  }
  return null;
}

export function defaultWorkerCount(): number {
  const env = process.env.RELEVE_PARSE_WORKERS;
  if (env !== undefined && /^\d+$/.test(env)) return Number(env);
  const cpus = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(4, cpus - 1));
}

/** A Buffer that alone owns its whole ArrayBuffer can be transferred; a slice of Node's pool cannot. */
function ownsItsMemory(b: Uint8Array): boolean {
  return b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer;
}

export class ParsePool {
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private closed = false;
  private readonly entry: string | null;

  constructor(size = defaultWorkerCount()) {
    this.entry = size > 0 ? resolveWorkerEntry() : null;
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
    const slot: Slot = { worker, inflight: new Map() };
    worker.on('message', (msg: { id: number; fields?: ParsedFields; error?: string; raw?: Uint8Array }) => {
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
    let dead = false;
    const onDeath = () => {
      if (dead) return;
      dead = true;
      const idx = this.slots.indexOf(slot);
      if (idx >= 0) this.slots.splice(idx, 1);
      for (const p of slot.inflight.values()) {
        // A source still ours is parsed here; one handed over died with the worker: the caller refetches it.
        if (p.raw) void parseMessage(p.raw).then((fields) => p.resolve({ fields, raw: null }));
        else p.reject(new WorkerLostError());
      }
      slot.inflight.clear();
      if (!this.closed && this.entry) this.slots.push(this.spawn());
    };
    worker.once('error', onDeath);
    worker.once('exit', (code) => {
      if (code !== 0 || slot.inflight.size > 0) onDeath();
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
      if (slot.inflight.size === 0) slot.worker.unref();
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

  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
