// Expunged and removed messages leave their sources as dead bytes in the packs (source-packs.ts: append-only).
// Compaction gives the space back without touching a pack any writer may append to:
// - a sealed pack under half live (none live included): its live sources are copied to this connection's
//   current pack (fdatasync'ed before the rows are re-pointed, one transaction per chunk), and it is retired;
// - an unsealed pack nobody holds (its writer closed or died) under half live is sealed first, atomically, so no
//   writer takes it over meanwhile, then treated the same;
// - a pack retired at least RETIRE_GRACE_MS ago, with no live row: its file goes, then its row. The delay is for
//   readers inside a read transaction begun before the move (an export in progress, a backup's snapshot): they
//   still see the old rows, and read the old file;
// - a pack file without a row (left by a removal whose unlink failed, e.g. held open on Windows) goes.
// The check is cheap (sum of lengths per pack against the file's size): run it when no sync is writing, e.g.
// after a sync pass, and only in the process that holds the sync lock (one compaction at a time).
import { readdirSync, statSync, unlinkSync } from 'node:fs';
import type { DB } from './db.js';
import { packFile, packsDirOf } from './source-files.js';
import { isAlive, packWriterFor } from './source-packs.js';
import { forgetPackReader, readFromPack } from './source-read.js';
import { cached } from './statements.js';

/** Bytes copied per transaction: bounds the memory held and the time the write lock is held. */
const CHUNK_BYTES = 32 * 1024 * 1024;
/** How long a retired pack's file stays for readers of an older snapshot. */
export const RETIRE_GRACE_MS = 60 * 60_000;

export interface CompactOptions {
  /** The clock (tests move it past the grace). */
  now?: number;
}

export interface CompactResult {
  /** Packs emptied by this pass (their files go once the grace is over). */
  retired: number;
  /** Pack files removed (retired long enough, or orphan). */
  removed: number;
  /** Sources copied to the current pack. */
  moved: number;
  /** Bytes given back to the disk. */
  freed: number;
}

interface PackRow {
  id: number;
  sealed: number;
  owner_pid: number | null;
  retired_at: string | null;
  live: number;
}

const PACK_NAME = /^(\d+)\.pack$/;

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Gone already, or held open on Windows: an orphan file is removed by a later pass.
  }
}

function sizeOf(file: string): number {
  return statSync(file, { throwIfNoEntry: false })?.size ?? 0;
}

/** Seals an unsealed pack whose writer is gone, unless a writer took it meanwhile; true when sealed now. */
function sealIfUnheld(db: DB, p: PackRow): boolean {
  if (p.sealed === 1) return true;
  if (p.owner_pid !== null && isAlive(p.owner_pid)) return false;
  return cached(db, 'UPDATE source_packs SET sealed = 1 WHERE id = ? AND sealed = 0 AND owner_pid IS ?').run(p.id, p.owner_pid).changes === 1;
}

/** File, then row (a crash between leaves a row without a file, dropped next time); false when still used. */
function dropPack(db: DB, dir: string, id: number): boolean {
  // A sealed pack gets no new row: once none points here, none will.
  if (cached(db, 'SELECT 1 FROM message_sources WHERE pack_id = ? LIMIT 1').get(id) !== undefined) return false;
  const file = packFile(dir, id);
  forgetPackReader(db, file);
  unlinkQuietly(file);
  cached(db, 'DELETE FROM source_packs WHERE id = ?').run(id);
  return true;
}

/** Copies the pack's live sources to the connection's current pack, a chunk per transaction. */
async function rewritePack(db: DB, dir: string, id: number): Promise<number> {
  const writer = packWriterFor(db);
  if (!writer) return 0;
  const rows = cached<{ message_id: number; offset: number; length: number }>(
    db,
    'SELECT message_id, "offset" AS offset, length FROM message_sources WHERE pack_id = ? ORDER BY "offset"',
  ).all(id);
  let moved = 0;
  for (let i = 0; i < rows.length; ) {
    writer.begin();
    const chunk: Array<{ message_id: number; offset: number; to: { packId: number; offset: number } }> = [];
    let bytes = 0;
    for (; i < rows.length && (chunk.length === 0 || bytes < CHUNK_BYTES); i++) {
      const r = rows[i] as (typeof rows)[number];
      const raw = readFromPack(db, dir, { pack_id: id, offset: r.offset, length: r.length });
      chunk.push({ message_id: r.message_id, offset: r.offset, to: writer.append(raw) });
      bytes += r.length;
    }
    moved += db
      .transaction((): number => {
        let n = 0;
        for (const c of chunk) {
          // Only a row still where it was read moves (one deleted meanwhile leaves dead bytes, nothing more).
          n += cached(db, 'UPDATE message_sources SET pack_id = ?, "offset" = ? WHERE message_id = ? AND pack_id = ? AND "offset" = ?').run(
            c.to.packId,
            c.to.offset,
            c.message_id,
            id,
            c.offset,
          ).changes;
        }
        writer.flush();
        return n;
      })
      .immediate();
    // The sync and the UI go on between chunks.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return moved;
}

export async function compactSources(db: DB, opts: CompactOptions = {}): Promise<CompactResult> {
  const result: CompactResult = { retired: 0, removed: 0, moved: 0, freed: 0 };
  const dir = packsDirOf(db);
  if (dir === null) return result;
  const now = opts.now ?? Date.now();
  // Files first, rows second: a pack's row is committed before its file is created (source-packs.ts).
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return result; // no packs yet
  }
  const packs = cached<PackRow>(
    db,
    `SELECT p.id, p.sealed, p.owner_pid, p.retired_at, COALESCE(l.live, 0) AS live
       FROM source_packs p
       LEFT JOIN (SELECT pack_id, sum(length) AS live FROM message_sources GROUP BY pack_id) l ON l.pack_id = p.id`,
  ).all();
  const known = new Set(packs.map((p) => p.id));
  for (const name of names) {
    const m = PACK_NAME.exec(name);
    if (!m || known.has(Number(m[1]))) continue;
    const file = packFile(dir, Number(m[1]));
    result.freed += sizeOf(file);
    unlinkQuietly(file);
    result.removed++;
  }
  for (const p of packs) {
    const file = packFile(dir, p.id);
    const size = sizeOf(file);
    if (p.retired_at !== null) {
      if (Date.parse(p.retired_at) + RETIRE_GRACE_MS > now || !dropPack(db, dir, p.id)) continue;
      result.freed += size;
      result.removed++;
      continue;
    }
    if ((p.live > 0 && p.live * 2 >= size) || !sealIfUnheld(db, p)) continue;
    if (p.live > 0) result.moved += await rewritePack(db, dir, p.id);
    result.retired += cached(
      db,
      'UPDATE source_packs SET retired_at = ? WHERE id = ? AND NOT EXISTS (SELECT 1 FROM message_sources WHERE pack_id = ?)',
    ).run(new Date(now).toISOString(), p.id, p.id).changes;
  }
  return result;
}
