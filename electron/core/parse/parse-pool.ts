// A small pool of parse workers. Falls back to parsing in-process when workers are unavailable,
// so a worker crash can delay a message but never lose it.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { parseMessage, type ParsedFields } from './parse-message.js';

interface Pending {
  resolve: (f: ParsedFields) => void;
  raw: Uint8Array;
}

interface Slot {
  worker: Worker;
  inflight: Map<number, Pending>;
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
    const worker = new Worker(this.entry as string);
    worker.unref();
    const slot: Slot = { worker, inflight: new Map() };
    worker.on('message', (msg: { id: number; fields?: ParsedFields; error?: string }) => {
      const p = slot.inflight.get(msg.id);
      if (!p) return;
      slot.inflight.delete(msg.id);
      if (msg.fields) p.resolve(msg.fields);
      else void parseMessage(p.raw).then(p.resolve);
    });
    let dead = false;
    const onDeath = () => {
      if (dead) return;
      dead = true;
      const idx = this.slots.indexOf(slot);
      if (idx >= 0) this.slots.splice(idx, 1);
      for (const p of slot.inflight.values()) void parseMessage(p.raw).then(p.resolve);
      slot.inflight.clear();
      if (!this.closed && this.entry) this.slots.push(this.spawn());
    };
    worker.once('error', onDeath);
    worker.once('exit', (code) => {
      if (code !== 0 || slot.inflight.size > 0) onDeath();
    });
    return slot;
  }

  parse(raw: Uint8Array): Promise<ParsedFields> {
    if (this.slots.length === 0 || this.closed) return parseMessage(raw);
    let best = this.slots[0] as Slot;
    for (const s of this.slots) if (s.inflight.size < best.inflight.size) best = s;
    const id = this.nextId++;
    return new Promise((resolve) => {
      best.inflight.set(id, { resolve, raw });
      best.worker.ref();
      best.worker.postMessage({ id, raw });
    }).finally(() => {
      if (best.inflight.size === 0) best.worker.unref();
    }) as Promise<ParsedFields>;
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
