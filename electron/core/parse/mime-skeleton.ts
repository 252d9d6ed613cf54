// Attachments are most of the bytes of a mailbox (on the bench fixture, 5 % of the messages carry ~60 % of
// them), yet the store needs only their name, type and size: the raw source is kept for the reader.
// This pre-pass finds base64 leaf parts that are neither text nor multipart nor message and replaces each
// body by a short token, so that the MIME parser walks a small "skeleton" instead of decoding megabytes.
// Native Buffer.indexOf finds the boundaries; anything unusual (duplicate headers, no boundary, deep
// nesting) returns null and the caller parses the full source as before.

/** Decoded size of each stripped part, keyed by the token its body was replaced with. */
export interface Skeleton {
  bytes: Uint8Array;
  sizes: Map<string, number>;
}

/** Bodies shorter than this are left alone: stripping them would save nothing. */
const MIN_STRIP_BYTES = 2048;
const MAX_DEPTH = 12;
const MAX_PARTS = 256;
const TOKEN_PREFIX = 'releve-stripped:';

const LF = 0x0a;
const CR = 0x0d;

interface Cut {
  start: number;
  end: number;
  token: string;
}

interface Walk {
  buf: Buffer;
  cuts: Cut[];
  sizes: Map<string, number>;
  parts: number;
}

class Unusual extends Error {}

/** Token bytes are 24 ASCII characters: base64 without padding, and recognisable after decoding. */
function tokenFor(n: number): string {
  return TOKEN_PREFIX + String(n).padStart(24 - TOKEN_PREFIX.length, '0');
}

/** Returns the token when `content` is one (the decoded body of a stripped part). */
export function strippedToken(content: ArrayBuffer | Uint8Array | string): string | null {
  const len = typeof content === 'string' ? content.length : content.byteLength;
  if (len !== 24) return null;
  const s = typeof content === 'string' ? content : Buffer.from(content as ArrayBuffer).toString('latin1');
  return s.startsWith(TOKEN_PREFIX) ? s : null;
}

// Lookup table of base64 alphabet bytes: the decoded size of a body is 3/4 of its alphabet characters.
const B64 = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') B64[c.charCodeAt(0)] = 1;

function countAlphabet(buf: Uint8Array, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) n += B64[buf[i] as number] as number;
  return n;
}

/** Byte by byte, as the MIME parser decodes: padding ends a unit, each unit yields floor(3/4 × its length). */
function decodedSizeSlow(buf: Uint8Array, start: number, end: number): number {
  let size = 0;
  let unit = 0;
  for (let i = start; i < end; i++) {
    const c = buf[i] as number;
    if (c === 0x3d) {
      size += Math.floor((unit * 3) / 4);
      unit = 0;
    } else unit += B64[c] as number;
  }
  return size + Math.floor((unit * 3) / 4);
}

/**
 * Decoded size of a base64 body. Encoders write lines of one fixed length: when every line break sits
 * where that length says and no line but the last carries padding, only the last lines are counted
 * byte by byte (a 2 MB attachment costs ~27 000 reads instead of 2 million); otherwise every byte is.
 */
export function base64DecodedSize(buf: Uint8Array, start: number, end: number): number {
  const nl = buf.indexOf(LF, start);
  if (nl < 0 || nl >= end - 1) return decodedSizeSlow(buf, start, end);
  const lineLen = nl + 1 - start;
  const eol = nl > start && buf[nl - 1] === CR ? 2 : 1;
  const full = Math.floor((end - start) / lineLen);
  for (let k = 1; k < full; k++) {
    const p = start + k * lineLen - 1;
    if (buf[p] !== LF || (eol === 2 && buf[p - 1] !== CR) || buf[p - eol] === 0x3d) {
      return decodedSizeSlow(buf, start, end);
    }
  }
  const lastFull = start + full * lineLen;
  if (buf[lastFull - 1] !== LF) return decodedSizeSlow(buf, start, end);
  // Every full line but the last holds lineLen - eol alphabet characters and no padding: one unit with the
  // rest, which is counted exactly.
  const head = (full - 1) * (lineLen - eol);
  const tailStart = lastFull - lineLen;
  if (buf.indexOf(0x3d, tailStart) >= 0 && buf.indexOf(0x3d, tailStart) < end) {
    const firstPad = buf.indexOf(0x3d, tailStart);
    const unit = head + countAlphabet(buf, tailStart, firstPad);
    return Math.floor((unit * 3) / 4) + decodedSizeSlow(buf, firstPad, end);
  }
  return Math.floor(((head + countAlphabet(buf, tailStart, end)) * 3) / 4);
}

/** End of the header block: index of the first byte of the body, or -1 when there is no empty line. */
function bodyStart(buf: Buffer, start: number, end: number): number {
  if (buf[start] === LF) return start + 1;
  if (buf[start] === CR && buf[start + 1] === LF) return start + 2;
  let i = start;
  for (;;) {
    const nl = buf.indexOf(LF, i);
    if (nl < 0 || nl >= end) return -1;
    if (buf[nl + 1] === LF) return nl + 2 <= end ? nl + 2 : -1;
    if (buf[nl + 1] === CR && buf[nl + 2] === LF) return nl + 3 <= end ? nl + 3 : -1;
    i = nl + 1;
  }
}

interface PartHeaders {
  type: string;
  boundary: string | null;
  encoding: string;
}

function readHeaders(block: string): PartHeaders {
  const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
  const lines = unfolded.split(/\r?\n/);
  let ctype: string | null = null;
  let cte: string | null = null;
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (name === 'content-type') {
      if (ctype !== null) throw new Unusual('two Content-Type headers');
      ctype = line.slice(colon + 1);
    } else if (name === 'content-transfer-encoding') {
      if (cte !== null) throw new Unusual('two Content-Transfer-Encoding headers');
      cte = line.slice(colon + 1);
    }
  }
  const type = (ctype ?? 'text/plain').split(';')[0]?.trim().toLowerCase() ?? 'text/plain';
  let boundary: string | null = null;
  if (type.startsWith('multipart/') && ctype) {
    const m = /;\s*boundary\s*=\s*(?:"([^"]*)"|([^\s;]+))/i.exec(ctype);
    boundary = m ? ((m[1] ?? m[2]) as string) : null;
    if (/boundary\*/i.test(ctype)) throw new Unusual('RFC 2231 boundary');
  }
  return { type, boundary, encoding: (cte ?? '7bit').trim().toLowerCase() };
}

/** True when the delimiter found at `at` stands alone on its line; sets `close` for "--boundary--". */
function delimiterAt(buf: Buffer, at: number, len: number, end: number): { lineEnd: number; close: boolean } | null {
  if (at > 0 && buf[at - 1] !== LF) return null;
  let i = at + len;
  let close = false;
  if (buf[i] === 0x2d && buf[i + 1] === 0x2d) {
    close = true;
    i += 2;
  }
  while (i < end && (buf[i] === 0x20 || buf[i] === 0x09)) i++;
  if (i >= end) return { lineEnd: end, close };
  if (buf[i] === LF) return { lineEnd: i + 1, close };
  if (buf[i] === CR && buf[i + 1] === LF) return { lineEnd: i + 2, close };
  return null;
}

/** Where the line ending before a delimiter starts (that CRLF belongs to the delimiter). */
function beforeLineEnd(buf: Buffer, at: number, floor: number): number {
  let p = at;
  if (p > floor && buf[p - 1] === LF) p--;
  if (p > floor && buf[p - 1] === CR) p--;
  return p;
}

function walkEntity(w: Walk, start: number, end: number, depth: number): void {
  if (++w.parts > MAX_PARTS || depth > MAX_DEPTH) throw new Unusual('too many or too deep parts');
  const body = bodyStart(w.buf, start, end);
  if (body < 0) return;
  const h = readHeaders(w.buf.toString('latin1', start, body));
  if (h.type.startsWith('multipart/')) {
    if (!h.boundary) return;
    walkMultipart(w, body, end, h.boundary, depth);
    return;
  }
  if (h.type.startsWith('text/') || h.type.startsWith('message/') || h.encoding !== 'base64') return;
  if (end - body < MIN_STRIP_BYTES) return;
  const token = tokenFor(w.cuts.length + 1);
  w.sizes.set(token, base64DecodedSize(w.buf, body, end));
  w.cuts.push({ start: body, end, token });
}

function walkMultipart(w: Walk, start: number, end: number, boundary: string, depth: number): void {
  const delim = Buffer.from('--' + boundary, 'latin1');
  let partStart = -1;
  let at = w.buf.indexOf(delim, start);
  while (at >= 0 && at < end) {
    const d = delimiterAt(w.buf, at, delim.length, end);
    if (d) {
      if (partStart >= 0) walkEntity(w, partStart, beforeLineEnd(w.buf, at, partStart), depth + 1);
      if (d.close) return;
      partStart = d.lineEnd;
    }
    at = w.buf.indexOf(delim, at + 1);
  }
  // No closing delimiter: the last part runs to the end of its parent, as the MIME parser reads it.
  if (partStart >= 0) walkEntity(w, partStart, end, depth + 1);
}

/** The message with large base64 attachment bodies replaced by tokens; null when there is nothing to strip. */
export function mimeSkeleton(raw: Uint8Array): Skeleton | null {
  const buf = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const w: Walk = { buf, cuts: [], sizes: new Map(), parts: 0 };
  try {
    walkEntity(w, 0, buf.length, 0);
  } catch (err) {
    if (err instanceof Unusual) return null;
    throw err;
  }
  if (w.cuts.length === 0) return null;
  const pieces: Buffer[] = [];
  let pos = 0;
  for (const c of w.cuts) {
    pieces.push(buf.subarray(pos, c.start), Buffer.from(Buffer.from(c.token, 'latin1').toString('base64'), 'latin1'));
    pos = c.end;
  }
  pieces.push(buf.subarray(pos));
  return { bytes: Buffer.concat(pieces), sizes: w.sizes };
}
