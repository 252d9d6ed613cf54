// The raw FETCH reader's two parsers (imap/raw-responses.ts cuts the byte stream into responses,
// imap/fetch-response.ts reads one FETCH response), on synthetic input: every shape RFC 3501 / 9051 allows a
// server to send, fed whole and byte by byte. The same reader against real servers: raw-fetch.test.ts.
import { describe, expect, it } from 'vitest';
import { internalDateIso, readFetchResponse, type FetchedMessage, type ResponsePiece } from '../../electron/core/imap/fetch-response.js';
import { ResponseCutter } from '../../electron/core/imap/raw-responses.js';

interface Cut {
  pieces: ResponsePiece[];
  head: string;
  bytes: Buffer;
}

/** Feeds `chunks` to a cutter that stops at the tagged line of `tag`; returns the responses and the rest. */
function cut(chunks: Buffer[], tag = 'R1'): { responses: Cut[]; rest: Buffer | null } {
  const responses: Cut[] = [];
  const cutter = new ResponseCutter((pieces, head, bytes) => {
    responses.push({ pieces, head, bytes: Buffer.concat(bytes()) });
    return head.startsWith(`${tag} `);
  });
  let rest: Buffer | null = null;
  for (const c of chunks) {
    rest = cutter.push(c);
    if (rest !== null) break;
  }
  return { responses, rest };
}

function oneByOne(b: Buffer): Buffer[] {
  return Array.from({ length: b.length }, (_, i) => b.subarray(i, i + 1));
}

/** The messages in a stream, read the way raw-fetch.ts reads them. */
function messagesOf(chunks: Buffer[]): Array<FetchedMessage | null> {
  return cut(chunks).responses.map((r) => readFetchResponse(r.pieces));
}

const bin = (s: string) => Buffer.from(s, 'latin1');

// A literal whose content looks like IMAP syntax: a marker, a tagged line, a closing paren, CRLFs.
const TRICKY = bin('Subject: {123}\r\nR1 OK fake\r\n) FLAGS (\\Deleted)\r\n* 9 EXPUNGE\r\n\r\nbody {5}\r\n');
const STREAM = Buffer.concat([
  bin('* 1 FETCH (UID 10 FLAGS (\\Seen $Label1) INTERNALDATE "03-Dec-2026 18:04:18 +0100" RFC822.SIZE 74 MODSEQ (12345678901234567890) BODY[] {' + TRICKY.length + '}\r\n'),
  TRICKY,
  bin(')\r\n'),
  bin('* 3 EXISTS\r\n'),
  // BODY[] first, UID last, lower-case names, a literal8 and an extra attribute of another shape.
  bin('* 2 fetch (body[] ~{5}\r\nhello x-gm-labels ("\\\\Inbox" "a b") flags () rfc822.size 5 uid 11)\r\n'),
  bin('* 2 FETCH (UID 11 FLAGS (\\Seen))\r\n'),
  bin('R1 OK Fetch completed.\r\n* 4 EXISTS\r\nA5 OK next\r\n'),
]);

describe('ResponseCutter', () => {
  it('cuts responses at their end whatever the literals hold, and gives back what follows the tagged line', () => {
    const { responses, rest } = cut([STREAM]);
    expect(responses.map((r) => r.head)).toEqual([
      expect.stringMatching(/^\* 1 FETCH \(UID 10 .*\{\d+\}$/),
      '* 3 EXISTS',
      '* 2 fetch (body[] ~{5}',
      '* 2 FETCH (UID 11 FLAGS (\\Seen))',
      'R1 OK Fetch completed.',
    ]);
    expect(responses[0]!.pieces[1]).toEqual(TRICKY);
    expect(rest?.toString('latin1')).toBe('* 4 EXISTS\r\nA5 OK next\r\n');
    // What is handed back to imapflow is the bytes as received.
    expect(Buffer.concat(responses.map((r) => r.bytes)).equals(STREAM.subarray(0, STREAM.length - rest!.length))).toBe(true);
  });

  it('gives the same responses when the stream arrives one byte at a time', () => {
    const whole = cut([STREAM]);
    const bytewise = cut(oneByOne(STREAM));
    expect(bytewise.responses).toEqual(whole.responses);
    // The byte that completed the tagged line came alone: nothing follows it in that chunk.
    expect(bytewise.rest?.length).toBe(0);
    expect(bytewise.responses.map((r) => readFetchResponse(r.pieces))).toEqual(whole.responses.map((r) => readFetchResponse(r.pieces)));
  });

  it('reads a zero-length literal as an empty value and goes on', () => {
    const [m] = messagesOf([bin('* 1 FETCH (UID 3 BODY[] {0}\r\n RFC822.SIZE 0)\r\nR1 OK done\r\n')]);
    expect(m).toMatchObject({ uid: 3, size: 0 });
    expect(m?.source).toEqual(Buffer.alloc(0));
  });

  it('refuses a line longer than 1 MiB, whether it comes in pieces or at once', () => {
    const long = Buffer.alloc(1024 * 1024 + 10, 0x61);
    expect(() => cut([bin('* 1 FETCH (X-LONG '), ...Array.from({ length: 20 }, () => long.subarray(0, 64 * 1024))])).toThrow(/longer than/);
    expect(() => cut([Buffer.concat([bin('* 1 FETCH (X '), long, bin(')\r\n')])])).toThrow(/longer than/);
  });

  it('refuses a literal announced over 1 GiB instead of allocating it', () => {
    expect(() => cut([bin('* 1 FETCH (UID 1 BODY[] {1073741825}\r\n')])).toThrow(/literal of 1073741825 bytes/);
    expect(() => cut([bin('* 1 FETCH (UID 1 BODY[] {99999999999999999999}\r\n')])).toThrow(/literal/);
  });
});

describe('readFetchResponse', () => {
  const read = (...parts: string[]) => {
    const [m] = messagesOf([bin(parts.join(''))]);
    return m;
  };

  it('reads every attribute a download asks for, in any order and any case', () => {
    const a = read('* 7 FETCH (UID 42 RFC822.SIZE 5 FLAGS (\\Seen \\Answered) INTERNALDATE " 3-Dec-2026 08:04:18 -0230" MODSEQ (99) BODY[] {5}\r\nhello)\r\n');
    const b = read('* 7 fetch (body[] {5}\r\nhello modseq (99) internaldate " 3-Dec-2026 08:04:18 -0230" flags (\\Seen \\Answered) rfc822.size 5 uid 42)\r\n');
    const expected = {
      seq: 7,
      uid: 42,
      size: 5,
      flags: new Set(['\\Seen', '\\Answered']),
      internalDate: '2026-12-03T10:34:18.000Z',
      modseq: 99n,
      source: bin('hello'),
    };
    expect(a).toEqual(expected);
    expect(b).toEqual(expected);
  });

  it('takes a quoted BODY[] as its bytes, escapes undone', () => {
    expect(read('* 1 FETCH (UID 2 BODY[] "a \\"b\\" \\\\ c")\r\n')?.source?.toString('latin1')).toBe('a "b" \\ c');
  });

  it('reads a literal8 (~{n}) like a literal', () => {
    expect(read('* 1 FETCH (UID 2 BINARY[] ~{3}\r\n\x00\x01\x02)\r\n')?.source).toEqual(Buffer.from([0, 1, 2]));
  });

  it('leaves out what is NIL: no source for BODY[] NIL, no date for INTERNALDATE NIL', () => {
    const m = read('* 1 FETCH (UID 2 BODY[] NIL INTERNALDATE NIL FLAGS (\\Seen) RFC822.SIZE nil)\r\n');
    expect(m).toEqual({ seq: 1, uid: 2, flags: new Set(['\\Seen']) });
  });

  it('skips attributes it does not read, whatever their nesting, and keeps reading after them', () => {
    const m = read(
      '* 1 FETCH (ENVELOPE ("Wed, 1 Jan 2025 00:00:00 +0000" "x (y) z" (("A" NIL "a" "b.c")) NIL NIL NIL NIL NIL NIL "<i@d>") ',
      'BODY[HEADER.FIELDS (SUBJECT DATE)] {4}\r\nS: x X-GM-THRID 123 UID 8 BODYSTRUCTURE (("TEXT" "PLAIN" ("CHARSET" "utf-8") NIL NIL "7BIT" 5 1 NIL NIL NIL) "MIXED") RFC822.SIZE 77)\r\n',
    );
    expect(m).toEqual({ seq: 1, uid: 8, size: 77 });
  });

  it('is null for anything that is not a FETCH response', () => {
    for (const line of ['* 3 EXISTS\r\n', '* OK [HIGHESTMODSEQ 5] x\r\n', '* 2 EXPUNGE\r\n', '* BYE bye\r\n']) expect(read(line)).toBeNull();
  });

  it('has uid 0 when the response carries no UID (the reader refuses to place such a message)', () => {
    expect(read('* 4 FETCH (FLAGS (\\Seen))\r\n')).toEqual({ seq: 4, uid: 0, flags: new Set(['\\Seen']) });
  });
});

describe('internalDateIso', () => {
  it('gives the instant of an RFC 3501 date-time, any zone, padded day or not', () => {
    const cases: Array<[string, string]> = [
      ['17-Jul-1996 02:44:25 -0700', '1996-07-17T09:44:25.000Z'],
      [' 1-Jan-2000 00:00:00 +0000', '2000-01-01T00:00:00.000Z'],
      ['01-Jan-2000 00:30:00 +0100', '1999-12-31T23:30:00.000Z'],
      ['29-feb-2024 23:59:59 +1345', '2024-02-29T10:14:59.000Z'],
    ];
    for (const [s, iso] of cases) {
      expect(internalDateIso(s)).toBe(iso);
      // The same instant as the JavaScript Date of the same text (what imapflow's Date amounts to).
      expect(new Date(s.trim()).toISOString()).toBe(iso);
    }
  });

  it('is undefined for what is not an IMAP date-time', () => {
    for (const s of ['', 'NIL', '2024-01-01T00:00:00Z', '17-Jux-1996 02:44:25 -0700', '17-Jul-1996 02:44 -0700']) expect(internalDateIso(s)).toBeUndefined();
  });
});
