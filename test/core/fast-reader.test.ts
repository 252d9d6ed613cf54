// The fast reader must give exactly the stored fields postal-mime gives on the full source, on every shape
// it accepts, and hand every shape it does not reproduce to postal-mime. Both are checked here: crafted
// shapes (including hostile boundary layouts), then thousands of truncated and mangled variants.
import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { readMessage, readOrExplain } from '../../electron/core/parse/fast-reader.js';
import { parseMessage, parseMessageFully } from '../../electron/core/parse/parse-message.js';
import { makeMessage } from '../fixtures/messages.js';

const CRLF = '\r\n';

function msg(lines: string[], eol = CRLF): Buffer {
  return Buffer.from(lines.join(eol));
}

async function expectFastAndSame(raw: Buffer) {
  const why = readOrExplain(raw);
  expect(typeof why === 'string' ? why : 'fast').toBe('fast');
  const fields = await parseMessage(raw);
  expect(fields).toEqual(await parseMessageFully(raw));
  return fields;
}

async function expectFallbackAndSame(raw: Buffer, reason: RegExp) {
  expect(readOrExplain(raw)).toMatch(reason);
  expect(await parseMessage(raw)).toEqual(await parseMessageFully(raw));
}

const head = [
  'From: =?UTF-8?Q?H=C3=A9l=C3=A8ne_Dupr=C3=A9?= <helene@example.test>',
  'To: a@example.test, "Bob, the builder" <bob@example.test>',
  'To: Team: c@example.test, d@example.test;',
  'Cc: ',
  'Reply-To: <reply@example.test>',
  'Subject: =?UTF-8?B?' + Buffer.from('Réunion à Orléans').toString('base64') + '?=',
  '  =?ISO-8859-1?Q?suite_=E9t=E9?=   folded',
  'Message-ID: <m1@example.test>',
  'Date: Tue, 3 Mar 2026 10:00:00 +0100',
  'MIME-Version: 1.0',
];

it('reads a plain message, CRLF or LF, 8bit, quoted-printable or base64', async () => {
  for (const eol of [CRLF, '\n']) {
    const f = await expectFastAndSame(msg([...head, 'Content-Type: text/plain; charset="utf-8"', '', 'Bonjour à tous,', '', '> cité', 'Merci', ''], eol));
    expect(f.subject).toBe('Réunion à Orléanssuite été folded'); // adjacent encoded words join (RFC 2047)
    expect(f.from).toEqual({ name: 'Hélène Dupré', address: 'helene@example.test' });
    expect(f.to.map((a) => a.address)).toEqual(['a@example.test', 'bob@example.test', 'c@example.test', 'd@example.test']);
    expect(f.body_text).toBe('Bonjour à tous,\n\n> cité\nMerci\n');
  }
  const qp = await expectFastAndSame(
    msg([...head, 'Content-Type: text/plain; charset=iso-8859-1', 'Content-Transfer-Encoding: Quoted-Printable', '',
      'Caf=E9 cr=e8me, une ligne tr=', 'op longue; =ZZ n\'est pas un code, =4', 'fin=', '']),
  );
  expect(qp.body_text).toBe("Café crème, une ligne trop longue; =ZZ n'est pas un code, =4\nfin");
  const b64 = Buffer.from('Texte en base64 — été 2026\n').toString('base64');
  await expectFastAndSame(msg([...head, 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64', '', b64.slice(0, 10), b64.slice(10), '']));
  // Padding on every line: each padded unit decodes on its own.
  const units = ['Un ', 'deux ', 'trois'].map((s) => Buffer.from(s).toString('base64'));
  await expectFastAndSame(msg([...head, 'Content-Transfer-Encoding: base64', '', ...units, '']));
});

it('reads alternative, related and mixed trees with the same text and attachments as postal-mime', async () => {
  const image = randomBytes(3000).toString('base64').replace(/.{76}/g, '$&\r\n');
  const f = await expectFastAndSame(
    msg([
      ...head,
      'Content-Type: multipart/mixed; boundary="outer"',
      '',
      'preamble',
      '--outer',
      'Content-Type: multipart/related; boundary=rel',
      '',
      '--rel',
      'Content-Type: multipart/alternative; boundary="alt"',
      '',
      '--alt',
      'Content-Type: text/plain; charset=windows-1252',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Prix : 10 =80',
      '--alt',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>Prix : 10 €</p>',
      '--alt--',
      '--rel',
      'Content-Type: image/png; name="=?UTF-8?Q?logo_=C3=A9t=C3=A9.png?="',
      'Content-ID: <logo@x>',
      'Content-Transfer-Encoding: base64',
      '',
      image,
      '--rel--',
      '--outer  ',
      'Content-Type: text/plain; name=notes.txt',
      'Content-Disposition: attachment',
      '',
      'a text file, an attachment all the same',
      '--outer',
      'Content-Type: application/octet-stream',
      'Content-Disposition: inline; filename="data.bin"',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'abc=3D=',
      'def',
      '--outer--',
      'epilogue',
    ]),
  );
  expect(f.body_text).toBe('Prix : 10 €\n');
  expect(f.attachments.map((a) => [a.filename, a.content_type, a.size, a.inline, a.content_id])).toEqual([
    ['logo été.png', 'image/png', 3000, true, 'logo@x'],
    ['notes.txt', 'text/plain', 40, false, null],
    ['data.bin', 'application/octet-stream', 8, true, null],
  ]);
  expect(f.has_attachments).toBe(true);
  // HTML only: the text is derived from it.
  const h = await expectFastAndSame(msg([...head, 'Content-Type: text/html', '', '<p>Bonjour&nbsp;<b>vous</b></p><p>ligne</p>', '']));
  expect(h.body_text).toBe('Bonjour vous\nligne');
});

/** Thunderbird-style: flowed text, RFC 2231 file names split over sections, in two charsets. */
const flowedWith2231 = msg([
      ...head,
      'Content-Type: multipart/mixed; boundary=b',
      '',
      '--b',
      'Content-Type: text/plain; charset=utf-8; format=flowed; delsp=yes',
      '',
      'Un paragraphe coup',
      'é en deux, puis une ligne ',
      ' bourrée.',
      '-- ',
      'Signature',
      '--b',
      "Content-Type: application/pdf; name*0*=utf-8''r%C3%A9sum; name*1*=%C3%A9%20du%20; name*2=mois.pdf",
      "Content-Disposition: attachment; filename*=iso-8859-1'fr'facture%E9t%E9.pdf",
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('%PDF').toString('base64'),
      '--b',
      'Content-Type: text/plain; format=flowed',
      '',
      'soft ',
      'wrap',
      '--b',
      'Content-Type: text/calendar; charset=utf-8; method=REQUEST; name=invite.ics',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'BEGIN:VCALENDAR',
      'SUMMARY:R=C3=A9union',
      'END:VCALENDAR',
      '',
      '',
      '--b--',
    ]);

it('reads RFC 2231 file names and format=flowed text (Thunderbird, Apple Mail) like postal-mime', async () => {
  const f = await expectFastAndSame(flowedWith2231);
  expect(f.attachments.map((a) => [a.filename, a.size])).toEqual([
    ['factureété.pdf', 4],
    ['invite.ics', 'BEGIN:VCALENDAR\nSUMMARY:Réunion\nEND:VCALENDAR\n'.length + 1],
  ]);
  expect(f.body_text).toContain('soft wrap');
});

it('follows postal-mime on hostile boundary layouts', async () => {
  const shapes: string[][] = [
    // Same boundary nested: the innermost multipart takes the delimiter.
    ['Content-Type: multipart/mixed; boundary=b', '', '--b', 'Content-Type: multipart/alternative; boundary=b', '', '--b', '', 'inner', '--b--', 'after', '--b--'],
    // An outer delimiter closes an inner multipart that never closed.
    ['Content-Type: multipart/mixed; boundary=o', '', '--o', 'Content-Type: multipart/alternative; boundary=i', '', '--i', '', 'one', '--o', 'Content-Type: image/gif', '', 'GIF', '--o--'],
    // No closing delimiter at all, and a look-alike line that is not a delimiter.
    ['Content-Type: multipart/mixed; boundary=x', '', '--x', '', 'text', '--xy', '--x-', '--x --', 'still text'],
    // A part whose header is cut by the next delimiter, and one with no body.
    ['Content-Type: multipart/mixed; boundary=x', '', '--x', 'Content-Type: application/pdf', '--x', 'Content-Type: text/plain', '', '--x--'],
    // A boundary with a trailing tab on its line, and delimiters in the preamble of another multipart.
    ['Content-Type: multipart/mixed; boundary=x', '', '--x\t', 'Content-Type: multipart/related; boundary=y', '', '--x-not', '--y', '', 'img', '--y--', '--x--'],
    // Multipart without a boundary: nothing inside counts.
    ['Content-Type: multipart/mixed', '', '--x', '', 'hidden', '--x--'],
    // A header block that never ends, and duplicate content headers (the first one wins).
    ['Content-Type: application/pdf', 'Content-Type: text/plain', 'Subject: only headers'],
    ['Content-Type: text/plain; charset=utf-8; charset=iso-8859-1', 'Content-Transfer-Encoding: base64', 'Content-Transfer-Encoding: 8bit', '', Buffer.from('é').toString('base64')],
    // Bare CR inside a header, a BOM, raw 8-bit bytes in a header.
    ['Subject: a\rb', '\uFEFFX-Odd: 1', 'Content-Type: text/plain', '', 'body'],
    [],
    [''],
  ];
  for (const lines of shapes) {
    for (const eol of [CRLF, '\n']) await expectFastAndSame(msg(lines, eol));
  }
  await expectFastAndSame(Buffer.concat([Buffer.from('Subject: caf'), Buffer.from([0xe9, 0xff]), Buffer.from('\r\n\r\nx')]));
});

it('leaves the shapes it does not reproduce to postal-mime', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['Content-Type: multipart/mixed; boundary=b', '', '--b', 'Content-Type: message/rfc822', '', 'Subject: inner', '', 'hi', '--b--'], /message part/],
    [['Content-Type: text/plain (comment); charset=utf-8', '', 'x'], /comment/],
    [['Content-Type: multipart/digest; boundary=d', '', '--d', '', 'Subject: x', '--d--'], /digest/],
    [['Content-Type: text/plain; charset=x-unknown-charset', '', 'x'], /charset/],
    [['Content-Type: application/pdf; name*=x-mac-roman\'\'r%8Esum%8E.pdf', '', 'x'], /charset/],
    // A plain part, then an HTML-only part: postal-mime converts the HTML to text for the joined body.
    [['Content-Type: multipart/mixed; boundary=b', '', '--b', 'Content-Type: text/plain', '', 'plain', '--b', 'Content-Type: text/html', '', '<p>html</p>', '--b--'], /html part rendered as text/],
    [['Content-Type: multipart/alternative; boundary=b', '', '--b', 'Content-Type: text/plain', '', '--b', 'Content-Type: text/html', '', '<p>html</p>', '--b--'], /empty plain/],
  ];
  for (const [lines, reason] of cases) await expectFallbackAndSame(msg([...head, ...lines]), reason);
});

/** Deterministic PRNG so a failure names a reproducible case. */
function prng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
}

it('agrees with postal-mime on thousands of truncated and mangled messages', async () => {
  const bases = [
    makeMessage({ html: '<p>Bonjour <b>été</b></p>', attachment: { filename: 'f.pdf', content: randomBytes(5000), type: 'application/pdf' } }),
    makeMessage({ charset: 'iso-8859-1', subject: 'Café', body: 'Crème brûlée\n'.repeat(40) }),
    makeMessage({ html: '<p>x</p>' }),
    flowedWith2231,
  ].map((s) => Buffer.from(s));
  const rnd = prng(42);
  let fast = 0;
  let checked = 0;
  for (const base of bases) {
    const lines = base.toString('latin1').split('\r\n');
    for (let n = 0; n < 400; n++) {
      let variant: Buffer;
      const kind = n % 4;
      if (kind === 0) variant = base.subarray(0, Math.floor(rnd() * base.length));
      else if (kind === 1) variant = Buffer.from(lines.filter(() => rnd() > 0.08).join('\r\n'), 'latin1');
      else if (kind === 2) {
        const copy = [...lines];
        const i = Math.floor(rnd() * copy.length);
        const j = Math.floor(rnd() * copy.length);
        copy.splice(j, 0, copy[i] as string); // a duplicated line: delimiters, headers, body lines
        variant = Buffer.from(copy.join(rnd() > 0.5 ? '\r\n' : '\n'), 'latin1');
      } else {
        variant = Buffer.from(base);
        for (let k = 0; k < 3; k++) variant[Math.floor(rnd() * variant.length)] = [0x0a, 0x0d, 0x2d, 0x3d, 0x3b, 0x22][Math.floor(rnd() * 6)] as number;
      }
      const a = await parseMessage(variant);
      const b = await parseMessageFully(variant);
      if (kind === 3) {
        // A byte flipped inside a base64 line keeps the line layout the size is computed from (see
        // base64DecodedSize): that size may be off by the flipped bytes. Everything else must match.
        for (const f of [a, b]) for (const att of f.attachments) att.size = -1;
      }
      if (JSON.stringify(a) !== JSON.stringify(b)) expect({ base: bases.indexOf(base), n, a }).toEqual({ base: bases.indexOf(base), n, a: b });
      if (readMessage(variant)) fast++;
      checked++;
    }
  }
  expect(checked).toBe(1600);
  // Most mangled variants must still take the fast path, or this test would prove nothing about it.
  expect(fast).toBeGreaterThan(1200);
});
