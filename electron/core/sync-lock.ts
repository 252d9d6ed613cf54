// One process syncs a data folder at a time: the desktop app, `releve serve` or a `releve sync` pass from
// cron. Without it, a cron pass overlapping a long first sync downloaded everything twice (the unique keys
// kept the store right, not the bandwidth), and a second process starting up marked the first one's
// running syncs as interrupted. The lock is a file holding the owner's pid; a process that died (SIGKILL,
// power cut) leaves it stale, and the next one takes it over.
//
// Taking over must let exactly one process win even when several find the same stale file at once: "unlink
// the stale file, then create it" let two win (B unlinks the file A has just created). So the file is only
// ever created whole (written aside, then hard-linked in place: never seen empty), and a stale file is only
// removed by the holder of a guard named after that very content, who checks under the guard that the file
// still holds it. (proper-lockfile was considered: its stale takeover has the same unlink race, and it
// judges staleness by mtime, which needs a timer refreshing the file; a pid is exact on one machine.)
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, linkSync, openSync, readFileSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ReleveError, isDiskFullCode } from '../../shared/errors.js';

export interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function errCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException).code;
}

/** The owner in a lock file's content, when it is a live process on this machine. */
function liveOwner(content: string): LockOwner | null {
  try {
    const o = JSON.parse(content) as LockOwner;
    // SQLite's WAL needs every process on one machine: a lock from another host name is from before a rename.
    if (typeof o.pid !== 'number' || o.host !== os.hostname() || !alive(o.pid)) return null;
    return o;
  } catch {
    return null;
  }
}

function readRaw(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    if (errCode(err) === 'ENOENT') return null;
    throw err;
  }
}

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}

/** Creates `file` with `content` atomically; false when it already exists. */
function createWhole(file: string, content: string): boolean {
  const aside = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(aside, content, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(aside, file);
    return true;
  } catch (err) {
    if (errCode(err) === 'EEXIST') return false;
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].includes(errCode(err) ?? '')) throw err;
    // A file system without hard links: exclusive create, then write (a reader may briefly see it empty).
    return createExclusive(file, content);
  } finally {
    unlinkQuietly(aside);
  }
}

function createExclusive(file: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (err) {
    if (errCode(err) === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Creates `file` holding `content` unless a live process owns it; a stale one is replaced. A taker that died
 * holding a guard leaves a stale guard, taken over the same way (hence the depth).
 */
function acquire(file: string, content: string, depth = 0): boolean {
  if (createWhole(file, content)) return true;
  const seen = readRaw(file);
  if (seen !== null) {
    if (liveOwner(seen) || depth >= 3) return false;
    const guard = `${file}.takeover-${createHash('sha256').update(seen).digest('hex').slice(0, 16)}`;
    if (!acquire(guard, content, depth + 1)) return false;
    try {
      // Under the guard nobody else may remove this content: if it is still there, it is still stale.
      if (readRaw(file) === seen) unlinkSync(file);
    } finally {
      unlinkQuietly(guard);
    }
  }
  return createWhole(file, content);
}

export class SyncLock {
  readonly file: string;
  private held = false;
  private readonly onExit = () => this.release();

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'sync.lock');
  }

  /** Who holds it now, if anyone alive does. */
  owner(): LockOwner | null {
    try {
      return liveOwner(readFileSync(this.file, 'utf8'));
    } catch {
      return null;
    }
  }

  /** Takes the lock if it is free or stale; true while this process holds it. Cheap to call before each run. */
  hold(): boolean {
    if (this.held) return true;
    const me: LockOwner = { pid: process.pid, host: os.hostname(), since: new Date().toISOString() };
    let taken: boolean;
    try {
      taken = acquire(this.file, JSON.stringify(me));
    } catch (err) {
      // A full disk is said as such (the caller decides) unless another live process holds the lock anyway;
      // other failures read as "not ours", as before.
      const other = this.owner();
      if (other) return other.pid === process.pid;
      if (isDiskFullCode(errCode(err))) {
        throw new ReleveError('DISK_FULL', 'no space left to write the sync lock', { detail: this.file, cause: err });
      }
      return false;
    }
    if (taken) {
      this.held = true;
      process.once('exit', this.onExit);
      return true;
    }
    // Another core of this very process (tests, an embedding app) shares the folder's lock.
    return this.owner()?.pid === process.pid;
  }

  release(): void {
    if (!this.held) return;
    this.held = false;
    process.removeListener('exit', this.onExit);
    try {
      const owner = this.owner();
      if (owner === null || owner.pid === process.pid) unlinkSync(this.file);
    } catch {
      // already gone
    }
  }
}
