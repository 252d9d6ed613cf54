// `releve export`: the store's raw sources written out as mbox files (one per folder) or .eml files (one per
// message, byte-identical to what the server gave), under <out>/<mailbox>/<folder…>. It reads through its own
// read-only connection, one row at a time, so memory stays flat whatever the store's size and the core (or
// another process) can keep syncing meanwhile; between rows it yields to the event loop (awaited writes), so
// `releve serve` stays responsive during a large export.
import { mkdir, open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ReleveError, isDiskFullCode } from '../../../shared/errors.js';
import { closeSourceReaders, readRawSource } from '../store/source-read.js';
import { folderSegments, guessDelimiter, mailboxDirName } from './export-layout.js';
import { mboxEntry } from './mbox.js';

export type ExportFormat = 'mbox' | 'eml';

export interface ExportOptions {
  /** The store file (releve.db). */
  storeFile: string;
  /** null: every mailbox, including removed ones whose mail was kept. */
  mailboxIds: number[] | null;
  format: ExportFormat;
  /** Destination folder (created; existing files of the same name are replaced). */
  out: string;
  onProgress?: (done: number, total: number) => void;
}

export interface ExportResult {
  messages: number;
  files: number;
  bytes: number;
  out: string;
}

interface Row {
  id: number;
  uid: number;
  from_address: string | null;
  internal_date: string | null;
  sort_date: number;
  folder_id: number;
  path: string;
  mailbox_id: number;
  email_address: string;
}

const PROGRESS_EVERY = 200;

function openReadOnly(file: string): Database.Database {
  try {
    return new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new ReleveError('STORAGE', `Cannot open the store ${file}`, { detail: String(err), cause: err });
  }
}

const PAGE = 200;

/**
 * The rows in export order with their sources, a page at a time: a source is read on the same connection
 * (readRawSource), which better-sqlite3 refuses while a statement is still being iterated.
 */
function* sourcesInOrder(db: Database.Database, where: { sql: string; params: number[] }): Generator<{ row: Row; raw: Buffer }> {
  const page = db.prepare(
    `SELECT m.id, m.uid, m.from_address, m.internal_date, m.sort_date, m.folder_id, f.path, m.mailbox_id, mb.email_address
       FROM messages m
       JOIN folders f ON f.id = m.folder_id
       JOIN mailboxes mb ON mb.id = m.mailbox_id
      ${where.sql ? `${where.sql} AND` : 'WHERE'} (m.mailbox_id, m.folder_id, m.uid, m.id) > (?, ?, ?, ?)
      ORDER BY m.mailbox_id, m.folder_id, m.uid, m.id
      LIMIT ${PAGE}`,
  );
  let after = [-1, -1, -1, -1];
  for (;;) {
    const rows = page.all(...where.params, ...after) as Row[];
    for (const row of rows) {
      const raw = readRawSource(db, row.id);
      if (raw) yield { row, raw };
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < PAGE) return;
    after = [last.mailbox_id, last.folder_id, last.uid, last.id];
  }
}

function whereClause(ids: number[] | null): { sql: string; params: number[] } {
  if (ids === null) return { sql: '', params: [] };
  return { sql: `WHERE m.mailbox_id IN (${ids.map(() => '?').join(',')})`, params: ids };
}

/** Checks the requested mailboxes exist (removed ones with kept mail count as existing). */
function checkMailboxes(db: Database.Database, ids: number[] | null): void {
  if (ids === null) return;
  const stmt = db.prepare('SELECT 1 FROM mailboxes WHERE id = ?');
  for (const id of ids) if (!stmt.get(id)) throw new ReleveError('NOT_FOUND', `No mailbox ${id}`);
}

export async function exportMessages(opts: ExportOptions): Promise<ExportResult> {
  const db = openReadOnly(opts.storeFile);
  const result: ExportResult = { messages: 0, files: 0, bytes: 0, out: path.resolve(opts.out) };
  // One mbox file open at a time (rows come ordered by mailbox and folder).
  const open_: { file: { key: string; fh: FileHandle } | null } = { file: null };
  try {
    checkMailboxes(db, opts.mailboxIds);
    const where = whereClause(opts.mailboxIds);
    const total = (db.prepare(`SELECT count(*) AS n FROM messages m ${where.sql}`).get(...where.params) as { n: number }).n;
    opts.onProgress?.(0, total);
    await mkdir(result.out, { recursive: true });
    // One read transaction: the pages below see one state of the store, as a single query did.
    db.exec('BEGIN');
    for (const { row, raw } of sourcesInOrder(db, where)) {
      const dir = path.join(result.out, mailboxDirName({ id: row.mailbox_id, email_address: row.email_address }));
      const segments = folderSegments(row.path, guessDelimiter(row.path));
      if (opts.format === 'eml') {
        const folderDir = path.join(dir, ...segments);
        await mkdir(folderDir, { recursive: true });
        await writeWhole(path.join(folderDir, `${row.uid}.eml`), raw);
        result.files += 1;
        result.bytes += raw.length;
      } else {
        const key = `${row.mailbox_id}/${row.folder_id}`;
        if (open_.file?.key !== key) {
          await open_.file?.fh.close();
          open_.file = null;
          const file = `${path.join(dir, ...segments)}.mbox`;
          await mkdir(path.dirname(file), { recursive: true });
          open_.file = { key, fh: await open(file, 'w', 0o600) };
          result.files += 1;
        }
        const dateMs = row.internal_date ? Date.parse(row.internal_date) : row.sort_date;
        const entry = mboxEntry(raw, row.from_address, Number.isFinite(dateMs) ? dateMs : row.sort_date);
        await open_.file.fh.write(entry);
        result.bytes += entry.length;
      }
      result.messages += 1;
      if (result.messages % PROGRESS_EVERY === 0) opts.onProgress?.(result.messages, total);
    }
    opts.onProgress?.(result.messages, Math.max(total, result.messages));
    return result;
  } catch (err) {
    throw asExportError(err);
  } finally {
    await open_.file?.fh.close();
    closeSourceReaders(db);
    db.close();
  }
}

async function writeWhole(file: string, data: Buffer): Promise<void> {
  const fh = await open(file, 'w', 0o600);
  try {
    await fh.write(data);
  } finally {
    await fh.close();
  }
}

/** A full disk or an unwritable destination is said as such; anything else keeps its own code. */
function asExportError(err: unknown): unknown {
  if (err instanceof ReleveError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  if (isDiskFullCode(code)) return new ReleveError('DISK_FULL', 'No space left for the export', { detail: code, cause: err });
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOTDIR') {
    return new ReleveError('STORAGE', 'Cannot write the export there', { detail: `${code}: ${String((err as Error).message)}`, cause: err });
  }
  return err;
}
