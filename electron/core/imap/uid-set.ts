// UID lists ↔ IMAP sequence sets, and chunking of a UID list into fetch batches bounded by count and bytes.

/** [1,2,3,5,7,8] → "1:3,5,7:8" (input ascending). */
export function toSequenceSet(uids: readonly number[]): string {
  const parts: string[] = [];
  let start = uids[0];
  let prev = start;
  if (start === undefined || prev === undefined) return '';
  for (let i = 1; i <= uids.length; i++) {
    const u = uids[i];
    if (u !== undefined && u === prev + 1) {
      prev = u;
      continue;
    }
    parts.push(start === prev ? String(start) : `${start}:${prev}`);
    if (u === undefined) break;
    start = u;
    prev = u;
  }
  return parts.join(',');
}

export interface SizedUid {
  uid: number;
  size: number;
}

/** Splits ascending UIDs into batches of at most maxCount messages and about maxBytes (a single big message is its own batch). */
export function chunkBySize(items: readonly SizedUid[], maxCount: number, maxBytes: number): SizedUid[][] {
  const out: SizedUid[][] = [];
  let cur: SizedUid[] = [];
  let bytes = 0;
  for (const it of items) {
    if (cur.length > 0 && (cur.length >= maxCount || bytes + it.size > maxBytes)) {
      out.push(cur);
      cur = [];
      bytes = 0;
    }
    cur.push(it);
    bytes += it.size;
  }
  if (cur.length > 0) out.push(cur);
  return out;
}
