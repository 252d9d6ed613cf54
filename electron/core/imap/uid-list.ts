// A folder's UIDs with their sizes in two typed arrays: 8 bytes a message instead of a `{ uid, size }` object
// (~40 bytes of V8 heap each, plus the array slot). A first sync of 100 000 messages held ~6 MiB of such
// objects on the heap for its whole length; with V8's --heap-growing-percent=150 that live size is what sets
// how much garbage (network buffers included) may pile up before a full GC (issue #13 point 4, bench X2).
// Only the group being downloaded is turned into objects (`slice`), a few thousand at most.
import type { SizedUid } from './uid-set.js';

export class SizedUidList {
  private uids: Uint32Array;
  private sizes: Uint32Array;
  private n = 0;
  private ascending = true;

  constructor(capacity = 1024) {
    this.uids = new Uint32Array(Math.max(16, capacity));
    this.sizes = new Uint32Array(Math.max(16, capacity));
  }

  static from(items: readonly SizedUid[]): SizedUidList {
    const list = new SizedUidList(items.length);
    for (const it of items) list.push(it.uid, it.size);
    return list;
  }

  get length(): number {
    return this.n;
  }

  push(uid: number, size: number): void {
    if (this.n === this.uids.length) {
      const grow = (a: Uint32Array) => {
        const b = new Uint32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.uids = grow(this.uids);
      this.sizes = grow(this.sizes);
    }
    if (this.n > 0 && uid < (this.uids[this.n - 1] as number)) this.ascending = false;
    this.uids[this.n] = uid;
    // RFC822.SIZE of one message: far below 4 GiB; clamped rather than wrapped if a server says otherwise.
    this.sizes[this.n] = Math.min(Math.max(0, size), 0xffffffff);
    this.n++;
  }

  uidAt(i: number): number {
    return this.uids[i] as number;
  }

  sizeAt(i: number): number {
    return this.sizes[i] as number;
  }

  /** Sorts by UID (servers answer in ascending order almost always: then this costs one flag test). */
  sort(): this {
    if (this.ascending) return this;
    const order = new Uint32Array(this.n);
    for (let i = 0; i < this.n; i++) order[i] = i;
    const uids = this.uids;
    order.sort((a, b) => (uids[a] as number) - (uids[b] as number));
    const u = new Uint32Array(Math.max(16, this.n));
    const s = new Uint32Array(Math.max(16, this.n));
    for (let i = 0; i < this.n; i++) {
      u[i] = this.uids[order[i] as number] as number;
      s[i] = this.sizes[order[i] as number] as number;
    }
    this.uids = u;
    this.sizes = s;
    this.ascending = true;
    return this;
  }

  /** A new list of the entries that pass (same order). */
  filter(keep: (uid: number) => boolean): SizedUidList {
    const out = new SizedUidList(this.n);
    for (let i = 0; i < this.n; i++) if (keep(this.uids[i] as number)) out.push(this.uids[i] as number, this.sizes[i] as number);
    return out;
  }

  /** Entries [start, end) as objects, for the code that downloads them. */
  slice(start = 0, end = this.n): SizedUid[] {
    const out: SizedUid[] = [];
    for (let i = Math.max(0, start); i < Math.min(end, this.n); i++) out.push({ uid: this.uids[i] as number, size: this.sizes[i] as number });
    return out;
  }

  /** Entries [start, end) as a list of their own (compact copy). */
  sublist(start: number, end: number): SizedUidList {
    const out = new SizedUidList(end - start);
    out.uids.set(this.uids.subarray(start, end));
    out.sizes.set(this.sizes.subarray(start, end));
    out.n = end - start;
    out.ascending = this.ascending;
    return out;
  }

  bytes(): number {
    let total = 0;
    for (let i = 0; i < this.n; i++) total += this.sizes[i] as number;
    return total;
  }
}

/** Several lists as one, sorted by UID. */
export function concatLists(lists: readonly SizedUidList[]): SizedUidList {
  const out = new SizedUidList(lists.reduce((n, l) => n + l.length, 0));
  for (const l of lists) for (let i = 0; i < l.length; i++) out.push(l.uidAt(i), l.sizeAt(i));
  return out.sort();
}

/** `sorted` ascending (a typed array of UIDs): is `uid` in it? Binary search, no Set of every UID. */
export function hasUid(sorted: Uint32Array, uid: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid] as number;
    if (v === uid) return true;
    if (v < uid) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
