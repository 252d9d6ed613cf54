// The fast reader reads a part's header fields straight from the bytes (header-fields.ts) and parses structured
// values by runs of characters (mime-headers.ts parseStructured). Both must give exactly what the former
// string-based code gave (kept as the reference in test/helpers/former-header-code.ts) on every input, so
// they are compared on a generated corpus made to hit the odd corners: folding, CR/CRLF/LF mixes, bare CRs, keys with spaces or
// a colon on a continuation line, lines without colon, non-ASCII keys and values, invalid UTF-8, duplicated
// keys, quoted parameters with escapes and `;`, RFC 2231 sections, upper-case parameters, tabs.
import { expect, it } from 'vitest';
import { readOrExplain } from '../../electron/core/parse/fast-reader.js';
import { READER_KEYS, readHeaderBlock } from '../../electron/core/parse/header-fields.js';
import { parseStructured, transferEncoding, type Structured } from '../../electron/core/parse/mime-headers.js';
import { refParseStructured, refReadHeaderBlock, refTransferEncoding } from '../helpers/former-header-code.js';

// ---- The corpus. ----

/** Deterministic PRNG so a failure names a reproducible case. */
function prng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
}

type Rnd = () => number;
const pick = <T>(rnd: Rnd, items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;

function randomCase(rnd: Rnd, s: string): string {
  return [...s].map((c) => (rnd() < 0.3 ? c.toUpperCase() : c)).join('');
}

// A bare CR where a wanted key has its hyphen: 0x0d | 0x20 === 0x2d, so a sloppy case fold would take it for one.
const OTHER_KEYS = ['Received', 'DKIM-Signature', 'ARC-Seal', 'X-Mailer', 'MIME-Version', 'In-Reply-To', 'Bcc', 'To2', 'T', 'Fromage', 'Content-Typ', 'Content\rType', 'Reply\rTo', 'Message\rID', 'Subject\r', '\rDate'];
// Non-ASCII keys: none lowercases to a wanted key, but they must take the reference's path and give its answer.
const ODD_KEYS = ['Sübject', 'Ｆrom', '\u212Aey', 'Content-\u0130d', 'Dat\u00e9', 'Kelvin\u212A', '\uFEFFSubject', 'Re\u017Fly-To'];
const VALUE_BITS = [
  'text/plain', 'multipart/mixed', '; ', ';', ' ', '\t', '  ', '=', '"', '\\', '\\"', 'charset=utf-8', 'boundary="----=_Part_1"',
  'name="a;b.pdf"', 'filename*0*=utf-8\'\'r%C3%A9sum', 'filename*1=%C3%A9.pdf', 'NAME*=iso-8859-1\'fr\'caf%E9', 'Charset="UTF-8"',
  '=?UTF-8?B?w6l0w6k=?=', '=?ISO-8859-1?Q?caf=E9?=', 'a@example.test', '<id@x>', 'Tue, 3 Mar 2026 10:00:00 +0100', 'été',
  '日本語', ':', '::', 'x', 'Bob, the builder', '(comment)', '\r', '\r\r', 'base64', 'Quoted-Printable',
];

function asciiOrUtf8(s: string): Buffer {
  return Buffer.from(s, 'utf8');
}

/** A header line's bytes: key, optional spaces, colon (or not), value bits, some invalid UTF-8. */
function randomField(rnd: Rnd): Buffer[] {
  const r = rnd();
  const key = r < 0.6 ? randomCase(rnd, pick(rnd, READER_KEYS)) : r < 0.85 ? pick(rnd, OTHER_KEYS) : pick(rnd, ODD_KEYS);
  const bits: Buffer[] = [];
  if (rnd() < 0.1) bits.push(Buffer.from(pick(rnd, [' ', '\t', '  '])));
  bits.push(asciiOrUtf8(key));
  if (rnd() < 0.15) bits.push(Buffer.from(pick(rnd, [' ', '\t', ' \t'])));
  const colon = rnd() > 0.08;
  if (colon) bits.push(Buffer.from(':'));
  const n = Math.floor(rnd() * 7);
  for (let i = 0; i < n; i++) {
    if (rnd() < 0.05) bits.push(Buffer.from(pick(rnd, [[0xc3], [0xff], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0x80], [0xc3, 0xa9]])));
    else bits.push(asciiOrUtf8(pick(rnd, VALUE_BITS)));
  }
  return bits;
}

const EOLS = ['\r\n', '\n', '\r\r\n'];

/** A header block: fields, some folded (at random points, the colon may fall on a continuation line), then an end. */
function randomBlock(rnd: Rnd): Buffer {
  const out: Buffer[] = [];
  if (rnd() < 0.05) out.push(Buffer.from(pick(rnd, [' leading: continuation', '\tSubject: first line folded'])), Buffer.from(pick(rnd, EOLS)));
  const fields = 1 + Math.floor(rnd() * 9);
  for (let f = 0; f < fields; f++) {
    const bits = randomField(rnd);
    for (const bit of bits) {
      out.push(bit);
      // Fold: a line end, then SP or HTAB (a line end with no fold would start a new field: also fine).
      if (rnd() < 0.12) out.push(Buffer.from(pick(rnd, EOLS) + pick(rnd, [' ', '\t', '  ', ' \t'])));
    }
    out.push(Buffer.from(pick(rnd, EOLS)));
  }
  const end = rnd();
  if (end < 0.6) out.push(Buffer.from(pick(rnd, ['\r\n', '\n', '\r\r\n']) + 'body\r\n'));
  else if (end < 0.7) out.push(Buffer.from('--b\r\nafter'));
  else if (end < 0.8) out.push(Buffer.from('Subject: cut'));
  else if (end < 0.9) out.push(Buffer.from('X: y\r'));
  return Buffer.concat(out);
}

const delimiterIn = (buf: Buffer) => (s: number, e: number) => e - s === 3 && buf.toString('latin1', s, e) === '--b';

it('reads the fields the reader needs exactly as the whole-block parser did', () => {
  const rnd = prng(7);
  let wanted = 0;
  for (let n = 0; n < 20000; n++) {
    const block = randomBlock(rnd);
    // Sometimes the part starts inside a larger buffer (a child part after its delimiter line).
    const prefix = n % 5 === 0 ? Buffer.from('--b\r\n') : Buffer.alloc(0);
    const buf = Buffer.concat([prefix, block]);
    const isDelimiter = n % 2 === 0 ? delimiterIn(buf) : null;
    const got = readHeaderBlock(buf, prefix.length, isDelimiter);
    const want = refReadHeaderBlock(buf, prefix.length, isDelimiter);
    if (JSON.stringify(got) !== JSON.stringify(want)) expect({ n, source: buf.toString('latin1'), got }).toEqual({ n, source: buf.toString('latin1'), got: want });
    wanted += want.fields.length;
  }
  expect(wanted).toBeGreaterThan(20000); // the corpus does reach the wanted keys, in numbers
});

it('reads folded fields, keys split by a fold, colon-less lines and odd keys like the reference', () => {
  const cases = [
    'Content-Type: multipart/mixed;\r\n\tboundary="b"\r\n\r\n',
    'Content-Type\r\n : text/html\r\n\r\n',
    'Subject\r\nSubject: real\r\n\r\n',
    'Subject\r\n  more\r\nSubject: x\r\n',
    '  To: leading fold\r\nTo: a@b\r\n\r\n',
    'Subject: a\rb\r\n c\r\r\n\r\n',
    'Subject: \r x \r\n\r\n',
    'Subject:\r\n \r\n\tvalue\r\n\r\n',
    'From :  x@y  \r\nFROM: second\r\n\r\n',
    '\u212Aey: v\r\nDat\u00e9: no\r\nDate: yes\r\n\r\n',
    'Subject: caf\xe9\r\n\r\n',
    'Cc:',
    'Cc',
    'Reply-To: a\r',
  ];
  for (const text of cases) {
    const buf = Buffer.concat([Buffer.from(text.replace(/\xe9/, ''), 'utf8'), text.includes('\xe9') ? Buffer.from([0xe9, 0x0d, 0x0a]) : Buffer.alloc(0)]);
    expect(readHeaderBlock(buf, 0, null)).toEqual(refReadHeaderBlock(buf, 0, null));
  }
  expect(readHeaderBlock(Buffer.from('Subject\r\nSubject: real\r\n\r\n'), 0, null).fields).toEqual([
    { key: 'subject', value: '' },
    { key: 'subject', value: 'real' },
  ]);
});

const STRUCTURED_BITS = [
  'text/plain', 'Multipart/Mixed', 'application/pdf', ';', ';', ' ', '\t', '  ', '=', '"', '"', '\\', 'a', 'B', 'é', '日',
  'charset', 'CHARSET', 'boundary', 'name', 'filename', 'format', 'delsp', 'name*0*', 'name*1', 'name*2*', 'filename*', 'NAME*0',
  "utf-8''", "iso-8859-1'fr'", '%C3%A9', '%E9', '%', '%4', '__proto__', 'constructor', 'toString', '----=_Part_1', 'x y', "'",
];

function randomStructured(rnd: Rnd): string {
  if (rnd() < 0.5) {
    // Realistic: type; key=value or key="quoted" with the odd escape.
    let s = pick(rnd, ['text/plain', 'multipart/alternative', 'application/octet-stream', 'attachment', 'inline', '']);
    const n = Math.floor(rnd() * 4);
    for (let i = 0; i < n; i++) {
      const k = pick(rnd, ['charset', 'Boundary', 'name', 'filename', 'format', 'name*0*', 'name*1*', 'filename*']);
      const v = pick(rnd, ['utf-8', '"UTF-8"', '"----=_Part_4_0e0"', '"a;b \\"c\\" d.pdf"', "utf-8''r%C3%A9sum", '%C3%A9.pdf', '" spaced "', '"x"y', '"a" "b"', 'flowed']);
      s += pick(rnd, [';', '; ', ';\t', ' ; ']) + k + pick(rnd, ['=', ' = ', '=']) + v;
    }
    return s + pick(rnd, ['', '', ';', ' ', '"']);
  }
  let s = '';
  const n = Math.floor(rnd() * 14);
  for (let i = 0; i < n; i++) s += pick(rnd, STRUCTURED_BITS);
  return s;
}

function outcome(fn: () => Structured): unknown {
  try {
    const r = fn();
    return { value: r.value, params: Object.entries(r.params), proto: Object.getPrototypeOf(r.params) === Object.prototype };
  } catch (err) {
    return { error: (err as Error).constructor.name, message: (err as Error).message };
  }
}

it('parses structured values exactly as the character-by-character state machine', () => {
  const rnd = prng(11);
  let params = 0;
  for (let n = 0; n < 30000; n++) {
    const s = randomStructured(rnd);
    const want = outcome(() => refParseStructured(s));
    expect(outcome(() => parseStructured(s)), JSON.stringify(s)).toEqual(want);
    if (typeof want === 'object' && want && 'params' in want) params += (want.params as unknown[]).length;
  }
  expect(params).toBeGreaterThan(10000);
  for (const s of ['', ';', '=', '"', '\\', '"\\', '"a\\', 'a; b', 'a;b=', 'a;=b', 'a; b ;c=d', 'a;b="x;y";b=z', '"a""b\\c"', 'x; name="a" b; c="d"  ', '"unclosed; x=y']) {
    expect(outcome(() => parseStructured(s)), JSON.stringify(s)).toEqual(outcome(() => refParseStructured(s)));
  }
});

it('no non-ASCII key can lowercase to a wanted one (the byte comparison needs no Unicode case folding)', () => {
  const toAscii: string[] = [];
  for (let cp = 0x80; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const lower = String.fromCodePoint(cp).toLowerCase();
    if (/^[\x00-\x7f]+$/.test(lower)) toAscii.push(lower);
  }
  expect(toAscii).toEqual(['k']); // U+212A KELVIN SIGN
  expect(READER_KEYS.filter((k) => k.includes('k'))).toEqual([]);
});

it('answers the usual transfer encodings by their spelling exactly as the general rule does', () => {
  const rnd = prng(5);
  const words = ['7bit', '8bit', 'binary', 'base64', 'quoted-printable', 'x-uuencode', ''];
  const values = ['7BIT', '8BIT', 'Base64', 'BASE64', 'Quoted-Printable', 'QUOTED-PRINTABLE', 'Quoted-printable', ' base64', 'base64 ', '(x) base64', 'x-base64'];
  for (let n = 0; n < 3000; n++) {
    const w = pick(rnd, words);
    values.push(pick(rnd, ['', ' ', '\t', '"']) + randomCase(rnd, w) + pick(rnd, ['', ' ', ';', ' (c)', 'x']));
  }
  for (const v of values) {
    let want: string;
    try {
      want = refTransferEncoding(v);
    } catch (err) {
      want = (err as Error).message;
    }
    expect(((): string => {
      try {
        return transferEncoding(v);
      } catch (err) {
        return (err as Error).message;
      }
    })(), JSON.stringify(v)).toBe(want);
  }
});

it('stops reading a header block once it is surely longer than the limit, and only then', () => {
  const rnd = prng(13);
  let stopped = 0;
  for (let n = 0; n < 5000; n++) {
    const buf = randomBlock(rnd);
    const maxBytes = Math.floor(rnd() * 120);
    const want = refReadHeaderBlock(buf, 0, null);
    const got = readHeaderBlock(buf, 0, null, maxBytes);
    // The caller throws 'huge headers' when end - start > its limit: same verdict, and the same block below it.
    expect(got.end > maxBytes, buf.toString('latin1')).toBe(want.end > maxBytes);
    if (want.end <= maxBytes) expect(got).toEqual(want);
    else stopped++;
  }
  expect(stopped).toBeGreaterThan(1000);
});

it('leaves a message whose header blocks pass 1 MiB in all to postal-mime, and reads one just below', () => {
  const MiB = 1024 * 1024;
  /** Header lines of exactly `bytes` bytes: To lines, then one padding line. */
  const line = 'To: a@example.test\r\n';
  const filler = (bytes: number) => {
    const k = Math.floor((bytes - 30) / line.length);
    return line.repeat(k) + 'X-Pad: ' + 'x'.repeat(bytes - line.length * k - 9) + '\r\n';
  };
  // One block of exactly 1 MiB is allowed; a byte more is not (the limit is on header bytes, line ends included).
  const at = (bytes: number) => Buffer.from(filler(bytes) + '\r\nbody\r\n');
  expect(filler(MiB).length).toBe(MiB);
  expect(typeof readOrExplain(at(MiB))).toBe('object');
  expect(readOrExplain(at(MiB + 1))).toBe('huge headers');
  // One huge line without line feed, as the whole source.
  expect(readOrExplain(Buffer.from('Subject: ' + 'x'.repeat(MiB)))).toBe('huge headers');
  // The limit counts every part's header block.
  const part = 'Content-Type: text/plain\r\n' + filler(300 * 1024) + '\r\nx\r\n';
  const parts = (n: number) => Buffer.from('Content-Type: multipart/mixed; boundary=b\r\n\r\n' + Array.from({ length: n }, () => '--b\r\n' + part).join('') + '--b--\r\n');
  expect(typeof readOrExplain(parts(3))).toBe('object');
  expect(readOrExplain(parts(4))).toBe('huge headers');
});
