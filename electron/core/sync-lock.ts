// One process syncs a data folder at a time: the desktop app, `releve serve` or a `releve sync` pass from
// cron. Without it, a cron pass overlapping a long first sync downloaded everything twice (the unique keys
// kept the store right, not the bandwidth), and a second process starting up marked the first one's
// running syncs as interrupted. The lock is a file holding the owner's pid; a process that died (SIGKILL,
// power cut) leaves it stale, and the next one takes it over.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

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
      const o = JSON.parse(readFileSync(this.file, 'utf8')) as LockOwner;
      // SQLite's WAL needs every process on one machine: a lock from another host name is from before a rename.
      if (typeof o.pid !== 'number' || o.host !== os.hostname() || !alive(o.pid)) return null;
      return o;
    } catch {
      return null;
    }
  }

  /** Takes the lock if it is free or stale; true while this process holds it. Cheap to call before each run. */
  hold(): boolean {
    if (this.held) return true;
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(this.file, 'wx', 0o600);
        const me: LockOwner = { pid: process.pid, host: os.hostname(), since: new Date().toISOString() };
        writeSync(fd, JSON.stringify(me));
        closeSync(fd);
        this.held = true;
        process.once('exit', this.onExit);
        return true;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return false;
        const o = this.owner();
        // Another core of this very process (tests, an embedding app) shares the folder's lock.
        if (o?.pid === process.pid) return true;
        if (o) return false;
        try {
          unlinkSync(this.file); // stale: its owner is gone
        } catch {
          // someone else removed or took it first: the next attempt tells
        }
      }
    }
    return false;
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
