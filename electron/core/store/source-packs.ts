// Message sources go to append-only pack files beside the store instead of SQLite blobs: SQLite writes a blob
// twice (WAL, then checkpoint) plus page overhead; one write per batch into a pack and one fdatasync before the
// batch's commit made the 10 000-message first sync ~14 % faster (bench B1, loopback: 5.5 → 4.75 s, CPU −0.8 s).
//
// One PackWriter per writing connection, holding one pack no other connection appends to. Order that keeps a
// crash harmless: a source's bytes are fdatasync'ed before SQLite commits the row that points at them. A crash
// in between leaves unreferenced bytes, never a row without bytes. Two ways to get there:
// - append + flush, inside the batch's transaction: written and fdatasync'ed at its end (the in-process writer);
// - write as each source arrives, outside any transaction, fdatasync'ed in the background (libuv's pool) every
//   few MiB, and durable() awaited before the transaction (the parse worker). Measured on the 10 000-message first
//   sync (bench B1): an fdatasync per 2 MiB batch in the transaction took 0.85 s of the writer's 1.8 s and kept
//   the download waiting; a 2 MiB synchronous write reaches ~300 MB/s on this disk, 32 MiB ones ~1.2 GB/s.
//   On Linux these writes bypass the page cache (direct-appender.ts says why).
import { closeSync, fdatasync, fdatasyncSync, fstatSync, ftruncateSync, openSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { DB } from './db.js';
import { DirectAppender, StagePool } from './direct-appender.js';
import { ensurePacksDir, hasSourcePacks, packFile, packsDirOf, sourceIoError, syncDir, writeAllAt } from './source-files.js';
import { cached } from './statements.js';

/** A pack is sealed (never appended to again) past this size: compaction rewrites files of a bounded size. */
export const PACK_ROLLOVER_BYTES = 256 * 1024 * 1024;
const fdatasyncAsync = promisify(fdatasync);
/** Sources written ahead are fdatasync'ed once this many bytes wait (or a commit needs them). */
const SYNC_EVERY_BYTES = 4 * 1024 * 1024;

interface OpenPack {
  id: number;
  fd: number;
  /** Where the next source goes: the file's size once the last write was made durable. */
  end: number;
  /** writeMany's O_DIRECT path: undefined until its first use, null where it does not work. */
  direct?: DirectAppender | null;
}

export interface SourcePlace {
  packId: number;
  offset: number;
}

export function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class PackWriter {
  private pack: OpenPack | null = null;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Written ahead (writeMany()), not yet known durable: the current pack's bytes from syncedEnd to its end. */
  private syncedEnd = 0;
  private syncing: Promise<void> | null = null;
  /** Where each source written ahead went, found again by storeSource when its row is inserted. */
  private readonly placed = new WeakMap<Buffer, SourcePlace>();
  private readonly stages = new StagePool();
  /** Packs let go after a failed write or fdatasync: their unsynced sources must never get a row. */
  private readonly lost = new Map<number, unknown>();

  constructor(
    private readonly db: DB,
    private readonly dir: string,
    private readonly rolloverBytes = PACK_ROLLOVER_BYTES,
  ) {}

  /**
   * Called before a transaction that appends: forgets what an aborted transaction queued, and makes sure a pack
   * is open and still this writer's (full, or sealed by compaction: a new one). Never inside the batch's
   * transaction, so a rolled-back batch cannot take a pack row away from under its file.
   */
  begin(): void {
    this.pending = [];
    this.pendingBytes = 0;
    if (this.pack && (this.pack.end >= this.rolloverBytes || this.sealedOrTaken(this.pack.id))) this.retire(true);
    this.pack ??= this.takePack();
  }

  /** Queues a source; returns where it will be once `flush` ran. Inside the transaction. */
  append(raw: Buffer): SourcePlace {
    if (!this.pack) throw sourceIoError(new Error('no pack open (begin() not called)'), 'store the message source');
    const place = { packId: this.pack.id, offset: this.pack.end + this.pendingBytes };
    this.pending.push(raw);
    this.pendingBytes += raw.length;
    return place;
  }

  /**
   * Writes sources now, outside any transaction (the parse worker, as they arrive), one pwritev per pack they
   * land in; each row is inserted later (storeSource finds the place again), after durable() said the bytes are
   * on disk.
   */
  writeMany(raws: readonly Buffer[]): SourcePlace[] {
    const places: SourcePlace[] = [];
    let run: Buffer[] = [];
    let runAt = 0;
    const writeRun = () => {
      const pack = this.pack;
      if (!pack || run.length === 0) return;
      try {
        if (pack.direct === undefined) pack.direct = DirectAppender.open(packFile(this.dir, pack.id), pack.fd, runAt, this.stages);
        if (pack.direct) pack.direct.append(run);
        else writeAllAt(pack.fd, run, runAt);
      } catch (err) {
        this.abandon(pack, err);
        throw sourceIoError(err, 'store the message sources');
      }
      run = [];
    };
    for (const raw of raws) {
      if (this.pack && this.pack.end > 0 && this.pack.end + raw.length > this.rolloverBytes) {
        writeRun();
        this.retire(true);
      }
      this.pack ??= this.takePack();
      if (run.length === 0) runAt = this.pack.end;
      const place = { packId: this.pack.id, offset: this.pack.end };
      run.push(raw);
      this.pack.end += raw.length;
      this.placed.set(raw, place);
      places.push(place);
    }
    writeRun();
    if (this.pack && this.pack.end - this.syncedEnd >= SYNC_EVERY_BYTES && !this.syncing) this.startSync(false);
    return places;
  }

  /** Where writeMany() put this source, if it did. */
  placeOf(raw: Buffer): SourcePlace | undefined {
    return this.placed.get(raw);
  }

  /** Resolves once every one of these sources written ahead is on disk; rejects if one was lost. */
  async durable(sources: readonly Buffer[]): Promise<void> {
    let need = -1;
    for (const raw of sources) {
      const at = this.placed.get(raw);
      if (!at) continue;
      if (this.lost.has(at.packId)) throw sourceIoError(this.lost.get(at.packId), 'store the message sources');
      // A pack other than the current one was made durable when it was let go (retire).
      if (this.pack?.id === at.packId) need = Math.max(need, at.offset + raw.length);
    }
    while (need > this.syncedEnd) {
      const pack = this.pack;
      if (!pack) break;
      if (this.syncing) await this.syncing;
      else this.startSync(true);
      if (this.lost.has(pack.id)) throw sourceIoError(this.lost.get(pack.id), 'store the message sources');
      if (this.pack !== pack) break;
    }
  }

  /**
   * One fdatasync on libuv's pool for everything the current pack holds so far (`all`), or, in the background,
   * for what the direct path already wrote (its stage's tail would be written twice: padded now, whole later).
   */
  private startSync(all: boolean): void {
    const pack = this.pack;
    if (!pack) return;
    const direct = pack.direct;
    try {
      if (all) direct?.drain();
    } catch (err) {
      this.abandon(pack, err);
      return;
    }
    const target = direct ? direct.onDevice : pack.end;
    this.syncing = (async () => {
      let failure: unknown = null;
      try {
        await direct?.settled(); // the direct writes under way reach the device before the fdatasync
        await fdatasyncAsync(pack.fd);
      } catch (err) {
        failure = err;
      }
      this.syncing = null;
      // Let go meanwhile: retire() made it durable itself, or abandon() already recorded the loss.
      if (this.pack === pack) {
        if (failure) this.abandon(pack, failure);
        else this.syncedEnd = Math.max(this.syncedEnd, target);
      }
    })();
  }

  /**
   * After a failed write or fdatasync: nothing points at the unsynced tail (no row commits before durable()),
   * so it is cut off when possible, and the file let go; the next source starts a fresh pack.
   */
  private abandon(pack: OpenPack, err: unknown): void {
    this.lost.set(pack.id, err);
    try {
      ftruncateSync(pack.fd, this.syncedEnd);
    } catch {
      // A later writer appends after whatever is there (it takes the file's size as its end).
    }
    this.pack = null;
    closePack(pack);
  }

  /** Writes and fdatasyncs the queued sources; last step of the transaction (a throw rolls it back). */
  flush(): void {
    const pack = this.pack;
    if (!pack || this.pendingBytes === 0) return;
    const buffers = this.pending;
    this.pending = [];
    const total = this.pendingBytes;
    this.pendingBytes = 0;
    try {
      // Bytes staged for a direct write go first; the stage would not know of what this writes after them.
      pack.direct?.flushSync();
      pack.direct?.close();
      pack.direct = undefined;
      writeAllAt(pack.fd, buffers, pack.end);
      fdatasyncSync(pack.fd);
      pack.end += total;
      this.syncedEnd = pack.end;
    } catch (err) {
      // Nothing will point at a half-written tail: cut it off when possible. The file is then let go (closed,
      // its row left to a later writer: an UPDATE here would roll back with the batch), so the next batch starts
      // from a freshly opened pack rather than a file in an unknown state.
      try {
        ftruncateSync(pack.fd, pack.end);
      } catch {
        // A later writer appends after whatever is there (it takes the file's size as its end).
      }
      this.pack = null;
      closePack(pack);
      throw sourceIoError(err, 'store the message sources');
    }
  }

  /** Clean close: the pack is left for the next writer to take over (or sealed when full). */
  close(): void {
    if (!this.pack) return;
    this.retire(this.pack.end >= this.rolloverBytes);
  }

  private sealedOrTaken(id: number): boolean {
    const row = cached<{ sealed: number; owner_pid: number | null }>(this.db, 'SELECT sealed, owner_pid FROM source_packs WHERE id = ?').get(id);
    return !row || row.sealed === 1 || row.owner_pid !== process.pid;
  }

  private retire(seal: boolean): void {
    const pack = this.pack;
    if (!pack) return;
    this.pack = null;
    if (this.syncedEnd < pack.end || pack.direct) {
      // Sources written ahead into it may be committed after this: durable before the file is let go, without
      // the direct path's padding past its end.
      try {
        pack.direct?.flushSync();
        if (pack.direct) ftruncateSync(pack.fd, pack.end);
        fdatasyncSync(pack.fd);
      } catch (err) {
        this.lost.set(pack.id, err);
      }
    }
    closePack(pack);
    if (!this.db.open) return;
    try {
      cached(this.db, `UPDATE source_packs SET owner_pid = NULL, sealed = sealed OR ? WHERE id = ? AND owner_pid IS ?`).run(
        seal ? 1 : 0,
        pack.id,
        process.pid,
      );
    } catch {
      // Busy or full: the pack stays marked as this process's and is taken over once the process is gone (one
      // left unsealed past its size limit is sealed by the writer that takes it, at its next batch).
    }
  }

  /** Takes over an unsealed pack nobody appends to any more (clean close, or a crashed writer), else a new one. */
  private takePack(): OpenPack {
    try {
      ensurePacksDir(this.dir);
    } catch (err) {
      throw sourceIoError(err, 'create the source packs folder');
    }
    for (;;) {
      const taken = this.reservePack();
      // The file is created after its row is committed: compaction removes a pack file that has no row, so the
      // other order could lose a file being created.
      const opened = this.openPack(taken.id, taken.isNew);
      if (opened) {
        this.syncedEnd = opened.end; // what a pack taken over holds is dead or was made durable by its writer
        return opened;
      }
      // A pack to take over whose file is gone: never written again, so its rows (if any) cannot read other bytes.
      cached(this.db, 'UPDATE source_packs SET sealed = 1, owner_pid = NULL WHERE id = ?').run(taken.id);
    }
  }

  private reservePack(): { id: number; isNew: boolean } {
    return this.db
      .transaction((): { id: number; isNew: boolean } => {
        const free = cached<{ id: number; owner_pid: number | null }>(
          this.db,
          'SELECT id, owner_pid FROM source_packs WHERE sealed = 0 ORDER BY id',
        )
          .all()
          .find((p) => p.owner_pid === null || !isAlive(p.owner_pid));
        if (free) {
          cached(this.db, 'UPDATE source_packs SET owner_pid = ? WHERE id = ?').run(process.pid, free.id);
          return { id: free.id, isNew: false };
        }
        const id = cached(this.db, 'INSERT INTO source_packs (created_at, owner_pid) VALUES (?, ?)').run(new Date().toISOString(), process.pid)
          .lastInsertRowid;
        return { id: Number(id), isNew: true };
      })
      .immediate();
  }

  /** Writes go at explicit offsets (pwritev), so no append mode; null when a pack to take over has no file. */
  private openPack(id: number, isNew: boolean): OpenPack | null {
    const file = packFile(this.dir, id);
    let fd: number;
    try {
      if (!isNew) {
        try {
          fd = openSync(file, 'r+');
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
          throw err;
        }
        // Bytes past the last referenced source (a crash after the write, before the commit) are dead but
        // harmless: appending after them keeps every offset already handed out valid.
        return { id, fd, end: fstatSync(fd).size };
      }
      // Ids are never reused (AUTOINCREMENT): a file of a new pack's name cannot hold anything referenced.
      fd = openSync(file, 'w+', 0o600);
    } catch (err) {
      throw sourceIoError(err, 'open a source pack');
    }
    try {
      syncDir(this.dir);
      syncDir(path.dirname(this.dir)); // the sources folder itself may be new
    } catch (err) {
      closeSync(fd);
      throw sourceIoError(err, 'create a source pack');
    }
    return { id, fd, end: 0 };
  }
}

function closePack(pack: OpenPack): void {
  pack.direct?.close();
  closeSync(pack.fd);
}

const writers = new WeakMap<DB, PackWriter | null>();

/**
 * This connection's writer, or null when its sources stay inline: a store in memory, or one whose schema predates
 * the packs (only tests write to such a store; the app migrates before any write).
 */
export function packWriterFor(db: DB): PackWriter | null {
  const existing = writers.get(db);
  if (existing !== undefined) return existing;
  const dir = packsDirOf(db);
  const w = dir === null || !hasSourcePacks(db) ? null : new PackWriter(db, dir);
  writers.set(db, w);
  return w;
}

/** Before the connection closes: its pack is handed back for the next writer. */
export function closePackWriter(db: DB): void {
  writers.get(db)?.close();
  writers.delete(db);
}
