// Body bytes of one MIME leaf, decoded with the semantics of postal-mime's decoders (pass-through,
// quoted-printable, base64: line by line, each line without its CR/LF) but in a few native passes instead of
// one JS call and one Blob per line. Used by fast-reader.ts.
import { base64DecodedSize } from './mime-skeleton.js';

const LF = 0x0a;
const CR = 0x0d;
const EQ = 0x3d;

/** Calls `each(start, end)` for every line of buf[start, end) as postal-mime's readLine cuts them. */
function forEachLine(buf: Buffer, start: number, end: number, each: (s: number, e: number) => void): void {
  let pos = start;
  while (pos < end) {
    let nl = buf.indexOf(LF, pos);
    const next = nl < 0 || nl >= end ? end : nl + 1;
    if (nl < 0 || nl >= end) nl = end;
    let e = nl;
    while (e > pos && (buf[e - 1] === CR || buf[e - 1] === LF)) e--;
    each(pos, e);
    pos = next;
  }
}

/**
 * The body buf[start, end) copied once into a buffer it is then compacted in: Buffer#copy of a sub-range
 * allocates a Uint8Array view per call (node:buffer _copyActual), which per line of a text body was ~40 MB per
 * 10 000 messages; copyWithin moves bytes without allocating. The decoders only shrink the text (a line end,
 * an `=XY` or a soft break gives at most as many bytes as it takes), so a byte moves to or before its place and
 * is never overwritten before it is read. One byte more for the LF postal-mime adds after the last line.
 */
function workCopy(buf: Buffer, start: number, end: number): Buffer {
  const size = end - start + 1;
  let out: Buffer;
  if (size <= scratch.length) out = scratch;
  else if (size <= SCRATCH_MAX) out = scratch = Buffer.allocUnsafeSlow(Math.max(size, 2 * scratch.length, 16 * 1024));
  else out = Buffer.allocUnsafe(size);
  buf.copy(out, 0, start, end);
  return out;
}

/**
 * Reused by workCopy: a text body's bytes live only until decodeText turns them into a string (or
 * decodedBodySize reads their length), and a fresh buffer per body was native allocation the main thread
 * paid for every message. Bodies above SCRATCH_MAX get their own buffer, so no more than that stays held.
 */
let scratch = Buffer.alloc(0);
const SCRATCH_MAX = 256 * 1024;

/** Moves out[s, e) to out[n, …); returns the byte count. */
function moveTo(out: Buffer, n: number, s: number, e: number): number {
  if (e <= s) return 0;
  if (n !== s) out.copyWithin(n, s, e);
  return e - s;
}

/** Pass-through: every line followed by one LF. */
function plainBytes(buf: Buffer, start: number, end: number): Buffer {
  // The common case, LF-only lines ending on a LF, is the region itself.
  if (end > start && buf[end - 1] === LF) {
    const cr = buf.indexOf(CR, start);
    if (cr < 0 || cr >= end) return buf.subarray(start, end);
  }
  const out = workCopy(buf, start, end);
  let n = 0;
  forEachLine(buf, start, end, (s, e) => {
    n += moveTo(out, n, s - start, e - start);
    out[n++] = LF;
  });
  return out.subarray(0, n);
}

export function hexNibble(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/** Quoted-printable: `=XY` escapes, a trailing `=` joins the next line, other lines end with LF. */
function qpBytes(buf: Buffer, start: number, end: number): Buffer {
  const out = workCopy(buf, start, end);
  let n = 0;
  forEachLine(buf, start, end, (s, e) => {
    const soft = e > s && buf[e - 1] === EQ;
    const len = soft ? e - 1 : e;
    let literal = s;
    let i = buf.indexOf(EQ, s);
    while (i >= 0 && i < len) {
      if (i + 2 < len) {
        const high = hexNibble(buf[i + 1] as number);
        const low = hexNibble(buf[i + 2] as number);
        if (high >= 0 && low >= 0) {
          n += moveTo(out, n, literal - start, i - start);
          out[n++] = (high << 4) | low;
          literal = i + 3;
          i = buf.indexOf(EQ, i + 3);
          continue;
        }
      }
      i = buf.indexOf(EQ, i + 1);
    }
    if (literal < len) n += moveTo(out, n, literal - start, len - start);
    if (!soft) out[n++] = LF;
  });
  return out.subarray(0, n);
}

/** Base64: padding ends a unit (some mailers pad every line), each unit decoded on its own. */
function base64Bytes(buf: Buffer, start: number, end: number): Buffer {
  const alphabet = buf.toString('latin1', start, end).replace(/[^a-zA-Z0-9+/=]+/g, '');
  if (!alphabet.includes('=') || /^[^=]*=*$/.test(alphabet)) return Buffer.from(alphabet.replace(/=+$/, ''), 'base64');
  return Buffer.concat(alphabet.split(/=+/).map((unit) => Buffer.from(unit, 'base64')));
}

export type TransferEncoding = 'base64' | 'qp' | 'plain';

/** The decoded bytes of buf[start, end). They may sit in a buffer the next call reuses: read them before. */
export function decodeBody(buf: Buffer, start: number, end: number, enc: TransferEncoding): Buffer {
  if (enc === 'base64') return base64Bytes(buf, start, end);
  if (enc === 'qp') return qpBytes(buf, start, end);
  return plainBytes(buf, start, end);
}

/** Decoded length of a body, without decoding base64 ones (the bulk of a mailbox's bytes). */
export function decodedBodySize(buf: Buffer, start: number, end: number, enc: TransferEncoding): number {
  if (enc === 'base64') {
    // The skeleton's size function reads a region that excludes the line end before the delimiter.
    let e = end;
    if (e > start && buf[e - 1] === LF) e--;
    if (e > start && buf[e - 1] === CR) e--;
    return base64DecodedSize(buf, start, e);
  }
  return decodeBody(buf, start, end, enc).length;
}

/** RFC 3676 format=flowed, unfolded as postal-mime's decodeFlowedText does (signature line kept apart). */
export function decodeFlowedText(str: string, delSp: boolean): string {
  const parts: string[] = [];
  let lineStart = 0;
  let lineLength = 0;
  const lines = str.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] as string;
    if (line.charAt(0) === ' ') line = line.slice(1); // space stuffing
    if (i) {
      const last = parts.length ? (parts[parts.length - 1] as string) : '';
      const isSignature = lineLength === 3 && parts.slice(lineStart).join('') === '-- ';
      if (last.endsWith(' ') && !isSignature) {
        if (delSp) {
          if (last.length > 1) parts[parts.length - 1] = last.slice(0, -1);
          else parts.pop();
          lineLength--;
        }
      } else {
        parts.push('\n');
        lineStart = parts.length;
        lineLength = 0;
      }
    }
    if (line) {
      parts.push(line);
      lineLength += line.length;
    }
  }
  return parts.join('');
}
