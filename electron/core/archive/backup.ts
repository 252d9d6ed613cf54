// `releve backup FILE` / `releve restore FILE`.
// Backup: `VACUUM INTO` from a read-only connection — SQLite's documented way to take a consistent snapshot of
// a live database (one read transaction: a sync committing meanwhile neither blocks it nor shows half in it),
// compacted, into a single self-contained file. The backup API (sqlite3_backup_step) was not used: it restarts
// each time another connection writes, and the sync's writer worker commits every 2 MiB during a first sync.
// Restore: only while no process uses the data folder (the sync lock tells); the current store is kept beside
// as releve.db.before-restore-<time> (its source packs as releve.db.before-restore-<time>-sources), so a
// restore never loses anything either. Packs: see backup-sources.ts.
import { chmodSync, closeSync, copyFileSync, existsSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ReleveError, isDiskFullCode } from '../../../shared/errors.js';
import { LATEST_SCHEMA_VERSION } from '../store/migrations/index.js';
import { packsDirBeside, SOURCES_DIR_NAME } from '../store/source-files.js';
import { SyncLock } from '../sync-lock.js';
import { inlinePackedSources } from './backup-sources.js';

export const STORE_FILE_NAME = 'releve.db';

export interface StoreSummary {
  mailboxes: number;
  messages: number;
  schema: number;
}

export interface BackupResult extends StoreSummary {
  file: string;
  bytes: number;
}

export interface RestoreResult extends StoreSummary {
  /** Where the store that was replaced now is (null when the data folder had none). */
  previous: string | null;
  /** Mailboxes whose password or sign-in cannot be opened here: they must be entered again. */
  needSecretAgain: Array<{ id: number; name: string; email_address: string }>;
}

function summary(db: Database.Database): StoreSummary {
  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  return {
    mailboxes: count('SELECT count(*) AS n FROM mailboxes WHERE deleted_at IS NULL'),
    messages: count('SELECT count(*) AS n FROM messages'),
    schema: db.pragma('user_version', { simple: true }) as number,
  };
}

function fsError(err: unknown, what: string): ReleveError {
  if (err instanceof ReleveError) return err; // e.g. a source pack that could not be read (backup-sources.ts)
  const code = (err as NodeJS.ErrnoException).code;
  if (isDiskFullCode(code) || /SQLITE_FULL|disk is full/i.test(String(err))) {
    return new ReleveError('DISK_FULL', `No space left for ${what}`, { detail: code ?? String(err), cause: err });
  }
  return new ReleveError('STORAGE', `Cannot write ${what}`, { detail: String((err as Error).message ?? err), cause: err });
}

export function backupStore(dataDir: string, dest: string): BackupResult {
  const source = path.join(dataDir, STORE_FILE_NAME);
  if (!existsSync(source)) throw new ReleveError('NOT_FOUND', `No store in ${dataDir}`);
  const file = path.resolve(dest);
  // VACUUM INTO refuses an existing file; a half-written one from a failed attempt goes first.
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  try {
    // Every mail is in clear in there: owner-only, like the store (VACUUM INTO accepts an existing empty file).
    closeSync(openSync(partial, 'w', 0o600));
    if (process.platform !== 'win32') chmodSync(partial, 0o600);
  } catch (err) {
    throw fsError(err, file);
  }
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    db.prepare('VACUUM INTO ?').run(partial);
    inlinePackedSources(partial, packsDirBeside(source));
  } catch (err) {
    rmSync(partial, { force: true });
    throw fsError(err, file);
  } finally {
    db.close();
  }
  renameSync(partial, file);
  const copy = new Database(file, { readonly: true, fileMustExist: true });
  let result: BackupResult;
  try {
    result = { ...summary(copy), file, bytes: statSync(file).size };
  } finally {
    copy.close();
  }
  recordLastBackup(dataDir, file);
  return result;
}

const LAST_BACKUP_FILE = 'last-backup.json';

/** Kept beside the store rather than in it: a backup needs no write to the store (it may run beside a sync). */
function recordLastBackup(dataDir: string, file: string): void {
  try {
    writeFileSync(path.join(dataDir, LAST_BACKUP_FILE), JSON.stringify({ at: new Date().toISOString(), file }), { mode: 0o600 });
  } catch {
    // Only a convenience for the About screen: the backup itself is written.
  }
}

export function lastBackup(dataDir: string): { at: string; file: string } | null {
  try {
    const v = JSON.parse(readFileSync(path.join(dataDir, LAST_BACKUP_FILE), 'utf8')) as { at?: unknown; file?: unknown };
    return typeof v.at === 'string' && typeof v.file === 'string' ? { at: v.at, file: v.file } : null;
  } catch {
    return null;
  }
}

/** Reads a backup file and says what it holds; refuses what is not a Relève store this version can open. */
export function inspectBackup(file: string): StoreSummary {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new ReleveError('VALIDATION', `Cannot read ${file}`, { detail: String(err), cause: err, field: 'backup_unreadable' });
  }
  try {
    const quick = db.pragma('quick_check', { simple: true });
    if (quick !== 'ok') throw new ReleveError('VALIDATION', `${file} is damaged`, { detail: String(quick), field: 'backup_damaged' });
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((t) => t.name));
    if (!tables.has('mailboxes') || !tables.has('messages') || !tables.has('message_raw')) {
      throw new ReleveError('VALIDATION', `${file} is not a Relève backup`, { field: 'backup_foreign' });
    }
    const s = summary(db);
    if (s.schema > LATEST_SCHEMA_VERSION) {
      throw new ReleveError('VALIDATION', `${file} comes from a newer Relève (schema ${s.schema} > ${LATEST_SCHEMA_VERSION})`, { field: 'backup_newer' });
    }
    return s;
  } catch (err) {
    if (err instanceof ReleveError) throw err;
    throw new ReleveError('VALIDATION', `${file} is not a Relève backup`, { detail: String(err), cause: err, field: 'backup_foreign' });
  } finally {
    db.close();
  }
}

export interface RestoreOptions {
  dataDir: string;
  file: string;
  /** Whether a stored secret (password or sign-in) can be opened on this computer. */
  canOpenSecret: (enc: Buffer, kind: string) => Promise<boolean>;
  now?: () => Date;
}

export async function restoreStore(opts: RestoreOptions): Promise<RestoreResult> {
  const source = path.resolve(opts.file);
  inspectBackup(source);
  const lock = new SyncLock(opts.dataDir);
  const owner = lock.owner();
  if (owner && owner.pid !== process.pid) {
    throw new ReleveError('VALIDATION', `The data folder is in use by process ${owner.pid}`, { detail: `pid ${owner.pid}`, field: 'data_busy' });
  }
  if (!lock.hold()) throw new ReleveError('VALIDATION', 'The data folder is in use', { field: 'data_busy' });
  try {
    const target = path.join(opts.dataDir, STORE_FILE_NAME);
    const incoming = `${target}.restoring`;
    try {
      copyFileSync(source, incoming);
    } catch (err) {
      rmSync(incoming, { force: true });
      throw fsError(err, target);
    }
    let previous: string | null = null;
    if (existsSync(target)) {
      previous = `${target}.before-restore-${(opts.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-')}`;
      // The old WAL belongs to the old file: checkpointing it first keeps the kept copy whole, and it must not
      // be applied to the restored one.
      const old = new Database(target, { fileMustExist: true });
      try {
        old.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        old.close();
      }
      renameSync(target, previous);
    }
    // The replaced store's packs must not be read as the restored one's (a restored backup has its sources
    // inline): they go aside with it.
    const packs = packsDirBeside(target);
    if (existsSync(packs)) renameSync(packs, `${previous ?? `${target}.before-restore-${Date.now()}`}-${SOURCES_DIR_NAME}`);
    rmSync(`${target}-wal`, { force: true });
    rmSync(`${target}-shm`, { force: true });
    renameSync(incoming, target);
    const db = new Database(target, { readonly: true, fileMustExist: true });
    let rows: SecretRow[];
    let s: StoreSummary;
    try {
      s = summary(db);
      rows = secretRows(db);
    } finally {
      db.close();
    }
    return { ...s, previous, needSecretAgain: await mailboxesNeedingSecret(rows, opts.canOpenSecret) };
  } finally {
    lock.release();
  }
}

interface SecretRow {
  id: number;
  name: string;
  email_address: string;
  password_enc: Buffer | null;
  secret_kind: string | null;
  oauth_tokens_enc: Buffer | null;
  oauth_secret_kind: string | null;
}

function secretRows(db: Database.Database): SecretRow[] {
  const cols = new Set((db.prepare('PRAGMA table_info(mailboxes)').all() as Array<{ name: string }>).map((c) => c.name));
  const oauth = cols.has('oauth_tokens_enc') ? 'oauth_tokens_enc, oauth_secret_kind' : 'NULL AS oauth_tokens_enc, NULL AS oauth_secret_kind';
  return db
    .prepare(`SELECT id, name, email_address, password_enc, secret_kind, ${oauth} FROM mailboxes WHERE deleted_at IS NULL ORDER BY id`)
    .all() as SecretRow[];
}

async function mailboxesNeedingSecret(rows: SecretRow[], canOpen: RestoreOptions['canOpenSecret']): Promise<RestoreResult['needSecretAgain']> {
  const opens = async (enc: Buffer | null, kind: string | null) => enc !== null && kind !== null && (await canOpen(enc, kind));
  const out: RestoreResult['needSecretAgain'] = [];
  for (const r of rows) {
    if (!(await opens(r.password_enc, r.secret_kind)) && !(await opens(r.oauth_tokens_enc, r.oauth_secret_kind))) {
      out.push({ id: r.id, name: r.name, email_address: r.email_address });
    }
  }
  return out;
}
