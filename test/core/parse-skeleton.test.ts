// The fast parse (large base64 attachments not decoded, mime-skeleton.ts) must give exactly the fields of
// the full parse, with real attachment sizes, on every message shape where it applies — and stay out of
// the way on shapes it does not understand.
import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { base64DecodedSize, mimeSkeleton } from '../../electron/core/parse/mime-skeleton.js';
import { parseWithPostalMime as parseMessage, parseMessageFully } from '../../electron/core/parse/parse-message.js';
import { ParsePool } from '../../electron/core/parse/parse-pool.js';
import { makeMessage } from '../fixtures/dovecot.js';

function wrap(b64: string, width: number, eol: string): string {
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += width) lines.push(b64.slice(i, i + width));
  return lines.join(eol);
}

/** A message with a text/html alternative, an inline image in multipart/related and an attachment. */
function richMessage(opts: { eol?: string; width?: number; attachment: Buffer; image: Buffer; padEveryLine?: boolean }): Buffer {
  const eol = opts.eol ?? '\r\n';
  const width = opts.width ?? 76;
  let att = wrap(opts.attachment.toString('base64'), width, eol);
  if (opts.padEveryLine) att = att.split(eol).map((l) => (l.length % 4 === 0 ? l : l + '='.repeat(4 - (l.length % 4)))).join(eol);
  const lines = [
    'From: "Hélène Dupré" <helene@example.test>',
    'To: contact@example.test',
    'Subject: =?UTF-8?B?' + Buffer.from('Facture jointe — été').toString('base64') + '?=',
    'Message-ID: <rich@example.test>',
    'Date: Tue, 3 Mar 2026 10:00:00 +0100',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="mixed-1"',
    '',
    'This is a multi-part message in MIME format.',
    '--mixed-1',
    'Content-Type: multipart/related;',
    ' boundary=rel-2',
    '',
    '--rel-2',
    'Content-Type: multipart/alternative; boundary="alt-3"',
    '',
    '--alt-3',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    'Bonjour, voici la facture de l’été.',
    '> citation',
    '--alt-3',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p>Bonjour, voici la <b>facture</b> <img src="cid:logo@x"></p>',
    '--alt-3--',
    '--rel-2',
    'Content-Type: image/png; name="logo.png"',
    'Content-Transfer-Encoding: base64',
    'Content-ID: <logo@x>',
    'Content-Disposition: inline; filename="logo.png"',
    '',
    wrap(opts.image.toString('base64'), width, eol),
    '--rel-2--',
    '',
    '--mixed-1',
    'Content-Type: application/pdf; name="facture.pdf"',
    'Content-Disposition: attachment; filename="facture.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    att,
    '--mixed-1--',
    'epilogue',
    '',
  ];
  return Buffer.from(lines.join(eol));
}

async function expectSameAsFull(raw: Buffer): Promise<Awaited<ReturnType<typeof parseMessage>>> {
  const fast = await parseMessage(raw);
  expect(fast).toEqual(await parseMessageFully(raw));
  return fast;
}

it('strips large base64 attachments and still reports the same fields and real sizes', async () => {
  const attachment = randomBytes(300_001);
  const image = randomBytes(9_000);
  const raw = richMessage({ attachment, image });
  const sk = mimeSkeleton(raw);
  expect(sk).not.toBeNull();
  expect(sk!.bytes.length).toBeLessThan(raw.length / 10);
  const f = await expectSameAsFull(raw);
  expect(f.attachments.map((a) => [a.filename, a.size, a.inline, a.content_id])).toEqual([
    ['logo.png', image.length, true, 'logo@x'],
    ['facture.pdf', attachment.length, false, null],
  ]);
  expect(f.body_text).toContain('facture de l’été');
  expect(f.subject).toBe('Facture jointe — été');
});

it('agrees with the full parse on LF line ends, odd line widths and padding on every line', async () => {
  for (const shape of [
    { eol: '\n' },
    { width: 64 },
    { width: 73 },
    { padEveryLine: true, width: 70 },
  ]) {
    for (const size of [2_049, 100_000, 100_001, 100_002]) {
      await expectSameAsFull(richMessage({ ...shape, attachment: randomBytes(size), image: randomBytes(5_000) }));
    }
  }
});

it('counts the decoded size of a base64 body exactly, regular or not', () => {
  for (const size of [0, 1, 2, 3, 57, 58, 1000, 65_537]) {
    const bytes = randomBytes(size);
    for (const body of [wrap(bytes.toString('base64'), 76, '\r\n'), wrap(bytes.toString('base64'), 60, '\n'), bytes.toString('base64')]) {
      const buf = Buffer.from(`x${body}\r\n`);
      expect(base64DecodedSize(buf, 1, buf.length - 2)).toBe(size);
    }
  }
});

it('leaves small, text and non-base64 parts and unusual messages to the full parser', async () => {
  const small = Buffer.from(makeMessage({ attachment: { filename: 'a.pdf', content: Buffer.from('%PDF small'), type: 'application/pdf' } }));
  expect(mimeSkeleton(small)).toBeNull();
  await expectSameAsFull(small);
  const csv = Buffer.from(
    makeMessage({ attachment: { filename: 'big.csv', content: Buffer.from('a;b;c\r\n'.repeat(2000)), type: 'text/csv' } }),
  );
  expect(mimeSkeleton(csv)).toBeNull();
  await expectSameAsFull(csv);
  const twoTypes = Buffer.from(
    'Content-Type: application/pdf\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n' +
      wrap(randomBytes(9000).toString('base64'), 76, '\r\n'),
  );
  expect(mimeSkeleton(twoTypes)).toBeNull();
  const noBoundary = Buffer.from('Content-Type: multipart/mixed\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\nhi\r\n--x--\r\n');
  expect(mimeSkeleton(noBoundary)).toBeNull();
  await expectSameAsFull(noBoundary);
});

it('a truncated message (no closing boundary) parses the same either way', async () => {
  const raw = richMessage({ attachment: randomBytes(50_000), image: randomBytes(4_000) });
  const cut = raw.subarray(0, raw.indexOf('--mixed-1--') - 100);
  await expectSameAsFull(Buffer.from(cut));
});

it('the worker pool hands the source over and back without changing it', async () => {
  const pool = new ParsePool(1);
  try {
    const raw = richMessage({ attachment: randomBytes(200_000), image: randomBytes(3_000) });
    const copy = Buffer.from(raw);
    const owned = Buffer.alloc(raw.length);
    raw.copy(owned);
    const { fields, raw: back } = await pool.parseOwned(owned);
    expect(owned.byteLength).toBe(0); // moved to the worker, not copied
    expect(back.equals(copy)).toBe(true);
    expect(fields).toEqual(await parseMessageFully(copy));
    // A slice of Node's shared pool is never moved: the caller's buffer stays usable.
    const pooled = Buffer.from('Subject: petit\r\n\r\ncorps\r\n');
    const r = await pool.parseOwned(pooled);
    expect(pooled.toString()).toContain('petit');
    expect(r.fields.subject).toBe('petit');
  } finally {
    await pool.close();
  }
});
