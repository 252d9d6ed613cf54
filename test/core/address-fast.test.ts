// The address fast path (electron/core/parse/address-fast.ts) must return exactly what postal-mime's
// addressParser returns — same objects, same key order — on every header value, and must really take the
// fast path on the common shapes (else it would be equal only because it always falls back).
import { addressParser } from 'postal-mime';
import { expect, it } from 'vitest';
import { parseAddresses, parseAddressesFast } from '../../electron/core/parse/address-fast.js';
import { headerValues, mailCorpus, seeded } from '../fixtures/mail-corpus.js';

function expectSame(value: string): boolean {
  const want = addressParser(value);
  const got = parseAddresses(value);
  expect(JSON.stringify(got), JSON.stringify(value)).toBe(JSON.stringify(want));
  expect(got, JSON.stringify(value)).toStrictEqual(want);
  return parseAddressesFast(value) !== null;
}

it('takes the fast path on the common shapes and falls back on the others, with postal-mime’s result', () => {
  const fast = [
    '', ' ', ',', 'a@b.test', '  a@b.test  ', '<a@b.test>', 'Name <a@b.test>', 'Name<a@b.test>',
    '"Name" <a@b.test>', '"Name"<a@b.test>', '""<a@b.test>', '"  " <a@b.test>', '"Doe, John" <j@d.test>',
    '"j@d.test" <j@d.test>', '"a@b.test" <c@d.test>', 'J. R. R. Tolkien <t@x.test>', '  <a@b.test>  ,',
    'a@b.test, Name <c@d.test>, "Q, R" <e@f.test>,, <g@h.test>',
    '=?utf-8?q?H=C3=A9l=C3=A8ne_Dupr=C3=A9?= <h@x.test>', '=?utf-8?b?w6nDqA==?= <h@x.test>',
    '"=?utf-8?q?H=C3=A9l=C3=A8ne?=" <h@x.test>', '=?utf-8?q?a?= =?utf-8?q?b?= <h@x.test>',
    '<\u00a0a@b.test\u00a0>', 'Name\u00a0 <a@b.test>', '\u00a0Zoë\tMüller\u00a0<z@m.test>', 'a\ud800b <a@b.test>',
    'x=?y@b.test', '=?utf-8?q?x?=@b.test', '"<a@b.test>" <c@d.test>', '=?windows-1252?q?Caf=E9_=80?= <a@b.test>',
  ];
  const fallback = [
    'Team: a@b.test, c@d.test;', 'a@b.test; c@d.test', 'a (comment) <b@c.test>', '"a \\"b\\"" <c@d.test>',
    'Name <a@b.test', 'a@b@c.test', '<a@b@c.test>', '<undisclosed>', '<>', 'Name', 'Name <a@b.test> x',
    'Name <a@b.test>x', 'a@b.test x', '"Name" x <a@b.test>', '"unterminated <a@b.test>', 'a\r\n b <c@d.test>',
    'Name <a b@c.test>', '< a@b.test>', '\u00a0a@b.test', 'a@', '@b', 'Na@me <a@b.test>', 'a\\b <c@d.test>',
    '=?utf-8?q?a=40b.test?=', '=?utf-8?b?PGFAYi50ZXN0Pg==?=',
  ];
  for (const v of fast) {
    expect(parseAddressesFast(v), JSON.stringify(v)).not.toBeNull();
    expectSame(v);
  }
  for (const v of fallback) {
    expect(parseAddressesFast(v), JSON.stringify(v)).toBeNull();
    expectSame(v);
  }
});

it('decodes names through the memo as decodeWords would, windows-1252 included, also once evicted', () => {
  expect(parseAddresses('=?windows-1252?q?Caf=E9_=80?= <a@b.test>')).toStrictEqual([{ address: 'a@b.test', name: 'Café €' }]);
  for (let round = 0; round < 2; round++) {
    for (let n = 0; n < 1500; n++) expectSame(`=?utf-8?q?N=C3=A9_${n}?= <n${n}@b.test>, "=?utf-8?b?${Buffer.from(`Zoë ${n % 700}`).toString('base64')}?=" <z@b.test>`);
  }
});

it('matches addressParser on every From/To/Cc/Reply-To of the mail corpus, nearly all through the fast path', () => {
  const { source, messages } = mailCorpus();
  let values = 0;
  let fast = 0;
  for (const raw of messages) {
    for (const name of ['from', 'to', 'cc', 'reply-to']) {
      for (const v of headerValues(raw, name)) {
        values++;
        if (expectSame(v)) fast++;
      }
    }
  }
  console.log(`address-fast: ${source}: ${fast} / ${values} header values through the fast path`);
  expect(values).toBeGreaterThan(messages.length * 2);
  expect(fast / values).toBeGreaterThan(0.99);
});

const PIECES = [
  '"', '\\', ',', ';', ':', '<', '>', '(', ')', '@', '@', ' ', '  ', '\t', '\r\n ', '\n', '\u00a0', '\u2028',
  '\ufeff', '\u3000', '\u200b', 'a', 'Bo', 'é', 'e\u0301', '\ud800', '\udc00', '\ud83d\ude00', '=?', '?=',
  '=?utf-8?q?J=C3=A9r=C3=B4me?=', '=?utf-8?b?w6k=?=', '=?utf-8?b?PGFAYi50ZXN0Pg==?=', '=?x?q?_?=', 'x.y',
  'user@example.test', '<a@b.test>', '"Doe, John"', 'Name ', '[', ']', '.', '\u0001', '\x7f', '',
];

it('matches addressParser on random mixes of quotes, escapes, separators, encoded words and odd characters', () => {
  const rand = seeded(13);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  let fast = 0;
  const total = 30_000;
  for (let n = 0; n < total; n++) {
    let v = '';
    for (let k = Math.floor(rand() * 14); k > 0; k--) v += pick(PIECES);
    if (expectSame(v)) fast++;
  }
  expect(fast).toBeGreaterThan(100);
  expect(fast).toBeLessThan(total);
});

it('matches addressParser on the common shapes filled with hostile content', () => {
  const rand = seeded(2047);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const junk = (max: number) => {
    let s = '';
    for (let k = Math.floor(rand() * max); k > 0; k--) s += rand() < 0.6 ? pick(['a', 'Zoë', ' ', '.', '-', "'"]) : pick(PIECES);
    return s;
  };
  const entry = () => {
    const address = rand() < 0.8 ? `${junk(3) || 'x'}@${junk(3) || 'y'}` : junk(6);
    const blank = () => pick(['', ' ', '  ', '\t', ' \t']);
    switch (Math.floor(rand() * 4)) {
      case 0: return blank() + address + blank();
      case 1: return `${blank()}<${address}>${blank()}`;
      case 2: return `${blank()}"${junk(8)}"${blank()}<${address}>${blank()}`;
      default: return `${blank()}${junk(8)}${blank()}<${address}>${blank()}`;
    }
  };
  let fast = 0;
  const total = 30_000;
  for (let n = 0; n < total; n++) {
    const v = Array.from({ length: 1 + Math.floor(rand() * 3) }, entry).join(pick([',', ', ', ' ,', ',,']));
    if (expectSame(v)) fast++;
  }
  expect(fast).toBeGreaterThan(total / 10);
  expect(fast).toBeLessThan(total);
});
