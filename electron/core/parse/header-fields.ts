// A part's header block, read straight from the message bytes, keeping only the fields the fast reader looks
// up. Decoding the whole block to a string and unfolding, trimming and lowercasing every field (Received,
// DKIM-Signature, ARC-*, X-*…) was ~70 MB of garbage per 10 000 messages on the sync's main thread, for a
// handful of keys. Here each line is found with Buffer.indexOf, a field's key is compared as bytes, and only a
// wanted field's value is decoded — by exactly parseHeaderBlock's rules (mime-headers.ts), which stays the
// reference and the path for the odd keys (non-ASCII, or no colon on the field's first line).
import { parseHeaderBlock, trimWsp, type HeaderField } from './mime-headers.js';

/** Every key fast-reader.ts reads: the root's address, subject, id and date fields, every part's content fields. */
export const READER_KEYS: readonly string[] = [
  'from',
  'to',
  'cc',
  'reply-to',
  'subject',
  'message-id',
  'date',
  'content-type',
  'content-disposition',
  'content-id',
  'content-transfer-encoding',
];

const LF = 0x0a;
const CR = 0x0d;
const SP = 0x20;
const HT = 0x09;
const COLON = 0x3a;

const KEYS_BY_LENGTH: string[][] = [];
for (const key of READER_KEYS) (KEYS_BY_LENGTH[key.length] ??= []).push(key);
const WANTED = new Set(READER_KEYS);
/**
 * ASCII bytes a wanted field's line can start with: SP/HTAB (trimmed off the key) and the first letter of
 * each key in either case. A line starting with any other ASCII byte holds no wanted key, whatever follows
 * (that byte lowercases to itself or its small letter, which no key starts with): Received, DKIM-Signature
 * and X-* lines mostly stop at their first byte. Non-ASCII first bytes go the long way.
 */
const MAY_START = new Uint8Array(128);
MAY_START[SP] = MAY_START[HT] = 1;
for (const key of READER_KEYS) MAY_START[key.charCodeAt(0)] = MAY_START[key.toUpperCase().charCodeAt(0)] = 1;

/** The wanted key spelled, ASCII case aside, by buf[s, e) (all bytes < 0x80), as its interned string. */
function wantedKey(buf: Buffer, s: number, e: number): string | undefined {
  const candidates = KEYS_BY_LENGTH[e - s];
  if (!candidates) return undefined;
  next: for (const key of candidates) {
    for (let i = 0; i < key.length; i++) {
      let b = buf[s + i] as number;
      if (b >= 0x41 && b <= 0x5a) b += 0x20;
      if (b !== key.charCodeAt(i)) continue next;
    }
    return key;
  }
  return undefined;
}

/**
 * The value of the field whose first line's colon is at `colon`: the rest of the first line and each
 * continuation line up to `end`, every line without its line end, joined, `[\r\n]+` → space, trimmed of SP/HTAB.
 * UTF-8 decoding piece by piece equals decoding the whole: the pieces are cut at ASCII bytes, which never
 * belong to a multi-byte sequence (an unfinished one decodes to U+FFFD either way).
 */
function valueOf(buf: Buffer, colon: number, firstEnd: number, end: number): string {
  let s = colon + 1;
  let value: string;
  if (firstEnd === end) {
    // One line: trim the bytes first (SP/HTAB are ASCII, so this is trimming the decoded text) and decode once.
    let e = end;
    while (s < e && (buf[s] === SP || buf[s] === HT)) s++;
    while (e > s && (buf[e - 1] === SP || buf[e - 1] === HT)) e--;
    if (s === e) return '';
    value = buf.toString('utf8', s, e);
  } else {
    value = buf.toString('utf8', s, firstEnd);
    let pos = buf.indexOf(LF, firstEnd) + 1;
    while (pos > 0 && pos <= end) {
      const nl = buf.indexOf(LF, pos);
      let e = nl < 0 || nl > end ? end : nl;
      while (e > pos && buf[e - 1] === CR) e--;
      value += buf.toString('utf8', pos, e);
      pos = nl < 0 || nl > end ? 0 : nl + 1;
    }
  }
  // A CR left inside a line (not before its line feed) becomes a space, as parseHeaderBlock does.
  return value.includes('\r') ? trimWsp(value.replace(/[\r\n]+/g, ' ')) : trimWsp(value);
}

/**
 * Adds to `out` the field buf[start, end) (its first line ends at `firstEnd`; `end` is its last line's end
 * without line feed and CRs) when its key is one of READER_KEYS, as parseHeaderBlock would give it.
 */
function collectField(buf: Buffer, start: number, firstEnd: number, end: number, out: HeaderField[]): void {
  const b0 = buf[start] as number;
  if (b0 < 0x80 && MAY_START[b0] === 0) return;
  let colon = start;
  let ascii = true;
  while (colon < firstEnd && buf[colon] !== COLON) {
    if ((buf[colon] as number) >= 0x80) ascii = false;
    colon++;
  }
  if (!ascii || (colon === firstEnd && end !== firstEnd)) {
    // A colon on a continuation line makes the key span lines: rare, the reference does it. A non-ASCII key
    // goes there too: the only non-ASCII character that lowercases to ASCII is U+212A KELVIN SIGN → "k", in
    // no READER_KEYS key today (test/core/header-block.test.ts checks both), but this stays right if one comes.
    for (const field of parseHeaderBlock(buf.toString('utf8', start, end))) if (WANTED.has(field.key)) out.push(field);
    return;
  }
  let ks = start;
  let ke = colon;
  while (ks < ke && (buf[ks] === SP || buf[ks] === HT)) ks++;
  while (ke > ks && (buf[ke - 1] === SP || buf[ke - 1] === HT)) ke--;
  const key = wantedKey(buf, ks, ke);
  if (key === undefined) return;
  out.push({ key, value: colon === firstEnd ? '' : valueOf(buf, colon, firstEnd, end) });
}

export interface HeaderBlock {
  /** The READER_KEYS fields, in document order. */
  fields: HeaderField[];
  /** Where the header lines end: the empty line, the delimiter line, or the end of the source. */
  end: number;
  /** After the empty line; -1 when the header block never ended (no body). */
  bodyStart: number;
}

/**
 * The header block starting at `start`: it ends at the first empty line (only CRs before its line feed) or at
 * the first line `isDelimiter` accepts. A line starting with SP/HTAB continues the previous field.
 * Once a header line ends past start + maxBytes the block is surely longer than that: reading stops there
 * (`end` past the limit, no more fields), so a hostile header costs no more than the caller's limit allows.
 */
export function readHeaderBlock(
  buf: Buffer,
  start: number,
  isDelimiter: ((s: number, e: number) => boolean) | null,
  maxBytes = Infinity,
): HeaderBlock {
  const fields: HeaderField[] = [];
  const length = buf.length;
  let pos = start;
  let end = length;
  let bodyStart = -1;
  let fieldStart = -1;
  let firstEnd = -1;
  let fieldEnd = -1;
  while (pos < length) {
    const nl = buf.indexOf(LF, pos);
    const next = nl < 0 ? length : nl + 1;
    let e = nl < 0 ? length : nl;
    while (e > pos && buf[e - 1] === CR) e--;
    if (e === pos) {
      end = pos;
      bodyStart = next;
      break;
    }
    if (isDelimiter !== null && isDelimiter(pos, e)) {
      end = pos;
      break;
    }
    if (e - start > maxBytes) return { fields, end: e, bodyStart: -1 };
    const c = buf[pos];
    if (fieldStart >= 0 && (c === SP || c === HT)) fieldEnd = e;
    else {
      if (fieldStart >= 0) collectField(buf, fieldStart, firstEnd, fieldEnd, fields);
      fieldStart = pos;
      firstEnd = fieldEnd = e;
    }
    pos = next;
  }
  if (fieldStart >= 0) collectField(buf, fieldStart, firstEnd, fieldEnd, fields);
  return { fields, end, bodyStart };
}
