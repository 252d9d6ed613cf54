// A little space set aside in the data folder, given back when the disk fills up. When a sync meets a full
// disk (SQLITE_FULL, ENOSPC, EDQUOT), recording that outcome needs a few pages of its own: without them the
// mailbox would keep saying its previous status, and nobody would see which mailbox stopped or why.
import { closeSync, openSync, statSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

/** A few SQLite pages (32 KiB each in a new store) for the run and the mailbox outcome, with room to spare. */
const RESERVE_BYTES = 1024 * 1024;

export class DiskReserve {
  readonly file: string;

  constructor(dataDir: string, private readonly bytes = RESERVE_BYTES) {
    this.file = path.join(dataDir, 'disk-reserve');
  }

  /** Sets the space aside again if it is not (best effort: on a full disk it simply stays free). */
  ensure(): boolean {
    if ((statSync(this.file, { throwIfNoEntry: false })?.size ?? -1) === this.bytes) return true;
    let fd: number | null = null;
    try {
      fd = openSync(this.file, 'w', 0o600);
      // Real bytes, not a sparse file: the space must actually be taken to be given back later.
      const chunk = Buffer.alloc(64 * 1024);
      for (let done = 0; done < this.bytes; done += chunk.length) writeSync(fd, chunk, 0, Math.min(chunk.length, this.bytes - done));
      return true;
    } catch {
      if (fd !== null) closeSync(fd);
      fd = null;
      this.release(); // a half-written reserve would only take space away
      return false;
    } finally {
      if (fd !== null) closeSync(fd);
    }
  }

  /** Gives the space back; true when there was some to give. */
  release(): boolean {
    try {
      unlinkSync(this.file);
      return true;
    } catch {
      return false;
    }
  }
}
