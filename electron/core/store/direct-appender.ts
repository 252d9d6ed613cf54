// Sources written ahead (the parse worker's path, source-packs.ts writeMany) go to their pack with O_DIRECT on
// Linux: the bytes go from a reused staging buffer to the disk, not through the page cache. Measured on this
// 2-core VM: a buffered write copies each byte into a page-cache page (B1 profile: the worker's pwritev 0.31 s for
// 386 MB), and on a VM whose freed memory goes back to the host (virtio-balloon free page reporting) every new
// page-cache page is a host fault: `dd` of 4 GB took 7.8–8.5 s of kernel CPU buffered, 0.27 s with O_DIRECT; the
// 100 000-message first sync spent 10–16 s in the kernel, 17 % of its samples copying into the page cache (perf),
// 6.4 s with this path. A first sync of several GB also no longer pushes the user's other files out of the cache.
//
// O_DIRECT wants the buffer address, the file offset and the length aligned (the device's logical block, 512 or
// 4096): the stages live in a WebAssembly memory, page-aligned by construction, and writes are whole 4 KiB blocks
// at 4 KiB offsets. The last, partial block is written padded and rewritten with what follows it, so the file may
// end with up to 4095 bytes of padding past the last source: nothing points there (rows hold offsets), and a clean
// close cuts it off. open() proves the path with one real write (the file's last block, written back as it is): a
// filesystem that takes O_DIRECT at open but not these alignments keeps the buffered path.
//
// A full stage is written on libuv's pool while the other stage fills (a direct write waits for the device: done
// synchronously, the writer thread sat 0.28 s of a 10 000-message sync in them); when the other stage is still
// being written, this one is written synchronously instead, so memory stays at two stages.
import { closeSync, constants, ftruncateSync, openSync, readSync, write, writeSync } from 'node:fs';

const BLOCK = 4096;
/** Bytes per stage (two stages): large enough for the disk's speed, small enough to stay resident. */
export const DIRECT_STAGE_BYTES = 1024 * 1024;
const WASM_PAGE = 64 * 1024;
const STAGE_SPAN = Math.ceil((DIRECT_STAGE_BYTES + BLOCK) / WASM_PAGE) * WASM_PAGE;

/** The core's TypeScript library has no WebAssembly types (no DOM lib); V8 always has the Memory constructor. */
const { Memory } = (globalThis as unknown as { WebAssembly: { Memory: new (d: { initial: number }) => { buffer: ArrayBuffer } } }).WebAssembly;

/**
 * The stages' memory, reused from one pack to the next (a writer starts a new pack every 256 MiB): V8 frees a
 * WebAssembly memory only when a full GC finds it dead, so a memory per pack piles up. A memory goes back to the
 * pool only once no write from it is under way.
 */
export class StagePool {
  private spare: ArrayBuffer | null = null;

  take(): ArrayBuffer {
    const m = this.spare ?? new Memory({ initial: (2 * STAGE_SPAN) / WASM_PAGE }).buffer;
    this.spare = null;
    return m;
  }

  give(memory: ArrayBuffer): void {
    this.spare ??= memory;
  }
}

const floorBlock = (n: number) => n - (n % BLOCK);
const ceilBlock = (n: number) => floorBlock(n + BLOCK - 1);

/** A stage's write under way on libuv's pool: what it writes, in case it must be written again synchronously. */
interface InFlight {
  from: number;
  to: number;
  base: number;
  done: Promise<void>;
}

/** Writes at ever-growing offsets of one file, through aligned stages. */
export class DirectAppender {
  private readonly stages: [Buffer, Buffer];
  private readonly inFlight: [InFlight | null, InFlight | null] = [null, null];
  private cur: 0 | 1 = 0;
  /** File offset of the current stage's first byte (block-aligned). */
  private base: number;
  /** Bytes in the current stage: the file's logical end is base + fill. */
  private fill: number;
  /** stage[0, written) is already on the device as it is now (a drain wrote it; nothing was added before it). */
  private written = 0;
  /** The first failed background write: every later call throws it (the caller lets the pack go). */
  private failure: Error | null = null;
  private closed = false;

  private constructor(
    private readonly fd: number,
    private readonly readFd: number,
    end: number,
    private readonly memory: ArrayBuffer,
    private readonly pool: StagePool,
  ) {
    this.stages = [Buffer.from(memory, 0, DIRECT_STAGE_BYTES + BLOCK), Buffer.from(memory, STAGE_SPAN, DIRECT_STAGE_BYTES + BLOCK)];
    this.base = floorBlock(end);
    this.fill = end - this.base;
  }

  /**
   * null where O_DIRECT does not work for this file (not Linux, tmpfs before 6.6, some FUSE filesystems, a full
   * disk…): the caller keeps writing buffered. `fd`: the pack opened read-write, `end`: its logical end.
   */
  static open(file: string, fd: number, end: number, pool: StagePool): DirectAppender | null {
    const flag = constants.O_DIRECT;
    if (process.platform !== 'linux' || typeof flag !== 'number') return null;
    let directFd: number;
    try {
      directFd = openSync(file, constants.O_WRONLY | flag);
    } catch {
      return null;
    }
    const memory = pool.take();
    const appender = new DirectAppender(directFd, fd, end, memory, pool);
    try {
      appender.probe();
      ftruncateSync(fd, end); // the probe's padding cut off again
      return appender;
    } catch {
      closeSync(directFd);
      pool.give(memory);
      return null;
    }
  }

  /** Where the bytes already handed to the device end (settled() then an fdatasync make them durable). */
  get onDevice(): number {
    return this.base + this.written;
  }

  /** Copies the sources in; each time a stage fills, its whole blocks are written (in the background). */
  append(raws: readonly Buffer[]): void {
    this.check();
    for (const raw of raws) {
      let at = 0;
      while (at < raw.length) {
        if (this.fill === this.stages[this.cur].length) this.writeFullBlocks();
        const stage = this.stages[this.cur]; // after writeFullBlocks: it may have moved on to the other stage
        const n = Math.min(raw.length - at, stage.length - this.fill);
        raw.copy(stage, this.fill, at, at + n);
        this.fill += n;
        at += n;
      }
    }
    if (this.fill >= DIRECT_STAGE_BYTES) this.writeFullBlocks();
  }

  /** Everything staged goes to the device now (the last block padded with zeros); settled() for the rest. */
  drain(): void {
    this.check();
    if (this.fill <= this.written) return;
    this.writePadded(floorBlock(this.written));
    this.written = this.fill;
  }

  /** Resolves once the background writes started so far are done; rejects with the first that failed. */
  async settled(): Promise<void> {
    await this.allWritten();
    this.check();
  }

  /**
   * Everything on the device before returning, synchronously: the background writes under way are written again
   * from their stages (the same bytes at the same place), then the stage drained. For a caller that cannot wait.
   */
  flushSync(): void {
    this.check();
    ([0, 1] as const).forEach((i) => {
      const w = this.inFlight[i];
      if (w) writeAll(this.fd, this.stages[i], w.from, w.to, w.base);
    });
    this.drain();
  }

  /** Closes the direct descriptor once no background write uses it any more. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const release = () => {
      closeSync(this.fd);
      this.pool.give(this.memory);
    };
    // At once when nothing is under way: a worker thread ending right after would never run a callback.
    if (!this.inFlight[0] && !this.inFlight[1]) release();
    else void this.allWritten().then(release);
  }

  private allWritten(): Promise<unknown> {
    return Promise.all(this.inFlight.map((w) => (w ? w.done : Promise.resolve())));
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }

  /**
   * One real direct write (open() calls it once, before any append): the file's partial last block is read back,
   * so that rewriting that block keeps its bytes, and written as it is (a block of zeros at a new file's start).
   */
  private probe(): void {
    const stage = this.stages[this.cur];
    let got = 0;
    while (got < this.fill) {
      const n = readSync(this.readFd, stage, got, this.fill - got, this.base + got);
      if (n === 0) throw Object.assign(new Error('pack shorter than its recorded end'), { code: 'EIO' });
      got += n;
    }
    this.written = this.fill;
    this.writePadded(0);
  }

  /** The current stage from `from` to the end of its last staged byte's block (at least one), zeros past `fill`. */
  private writePadded(from: number): void {
    const stage = this.stages[this.cur];
    const len = Math.max(BLOCK, ceilBlock(this.fill));
    stage.fill(0, this.fill, len);
    writeAll(this.fd, stage, from, len, this.base);
  }

  /** Writes the current stage's whole blocks; the partial one moves to the front of the stage used next. */
  private writeFullBlocks(): void {
    const full = floorBlock(this.fill);
    if (full === 0) return;
    const from = floorBlock(this.written);
    const stage = this.stages[this.cur];
    const next: 0 | 1 = this.cur === 0 ? 1 : 0;
    const tail = this.fill - full;
    if (this.inFlight[next] || full <= from) {
      if (full > from) writeAll(this.fd, stage, from, full, this.base);
      stage.copy(stage, 0, full, this.fill);
    } else {
      this.startWrite(this.cur, from, full);
      stage.copy(this.stages[next], 0, full, this.fill);
      this.cur = next;
    }
    this.base += full;
    this.fill = tail;
    this.written = Math.max(0, this.written - full);
  }

  private startWrite(index: 0 | 1, from: number, to: number): void {
    const base = this.base;
    const done = new Promise<void>((resolve) => {
      const step = (at: number): void => {
        if (at >= to) return resolve();
        write(this.fd, this.stages[index], at, to - at, base + at, (err, n) => {
          if (err || n <= 0 || n % BLOCK !== 0) {
            this.failure ??= err ?? Object.assign(new Error(`direct write of ${n} bytes`), { code: 'EIO' });
            return resolve();
          }
          step(at + n);
        });
      };
      step(from);
    }).then(() => {
      this.inFlight[index] = null;
    });
    this.inFlight[index] = { from, to, base, done };
  }
}

/** stage[from, to) at base + from, until every byte is written (a direct write may be short, in whole blocks). */
function writeAll(fd: number, stage: Buffer, from: number, to: number, base: number): void {
  let at = from;
  while (at < to) {
    const n = writeSync(fd, stage, at, to - at, base + at);
    if (n <= 0 || n % BLOCK !== 0) throw Object.assign(new Error(`direct write of ${n} bytes`), { code: 'EIO' });
    at += n;
  }
}
