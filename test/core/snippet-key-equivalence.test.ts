// makeSnippet and contentKey were rewritten for speed (one scan, regex and NFC skipped when they are no-ops).
// Snippets are shown and content keys are stored and compared across versions (a changed key would duplicate
// mail), so both must give exactly what the former code gave: kept here as the reference, compared on the
// mail corpus (the bench mailbox when built, else a generated one) and on hostile random text.
import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { contentKey } from '../../electron/core/parse/content-key.js';
import { readMessage } from '../../electron/core/parse/fast-reader.js';
import { htmlToText, makeSnippet } from '../../electron/core/parse/html-text.js';
import { isJsBlank } from '../../electron/core/parse/js-blank.js';
import { parseMessage } from '../../electron/core/parse/parse-message.js';
import { mailCorpus, seeded } from '../fixtures/mail-corpus.js';

/** makeSnippet before the rewrite, verbatim. */
function referenceSnippet(text: string, max = 200): string {
  const kept: string[] = [];
  let solid = 0;
  for (let pos = 0; pos < text.length && solid <= max; ) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const line = text.slice(pos, nl);
    pos = nl + 1;
    if (line.trimStart().startsWith('>')) continue;
    kept.push(line);
    solid += line.replace(/\s+/g, '').length;
  }
  const oneLine = kept.join(' ').replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? oneLine.slice(0, max - 1) + '…' : oneLine;
}

type KeyFields = Parameters<typeof contentKey>[0];

/** contentKey before the rewrite, verbatim. */
function referenceKey(fields: KeyFields): string {
  const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
  const parts = [
    norm(fields.message_id ?? ''),
    fields.date ?? '',
    norm(fields.subject),
    norm(fields.from ?? ''),
    fields.to.map(norm).sort().join(','),
  ];
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 32);
}

it('isJsBlank is exactly the set \\s matches, on all 65 536 code units', () => {
  for (let c = 0; c < 0x10000; c++) expect(isJsBlank(c), c.toString(16)).toBe(/\s/.test(String.fromCharCode(c)));
});

it('gives the former snippet and content key for every message of the mail corpus', async () => {
  const { source, messages } = mailCorpus();
  let fast = 0;
  for (const raw of messages) {
    const view = readMessage(raw);
    if (view) {
      fast++;
      const text = view.textIsHtml ? htmlToText(view.text) : view.text;
      for (const max of [200, 1, 40]) expect(makeSnippet(text, max)).toBe(referenceSnippet(text, max));
    }
    const f = await parseMessage(raw);
    const fields: KeyFields = { message_id: f.message_id, date: f.date, subject: f.subject, from: f.from?.address ?? null, to: f.to.map((a) => a.address) };
    expect(f.content_key).toBe(referenceKey(fields));
    expect(makeSnippet(f.body_text)).toBe(referenceSnippet(f.body_text));
    // The same fields as the raw header text would give them (not normalised by the parse).
    expect(contentKey({ ...fields, subject: ` ${f.subject.toUpperCase()}  ` })).toBe(referenceKey({ ...fields, subject: ` ${f.subject.toUpperCase()}  ` }));
  }
  console.log(`snippet/key: ${source}: ${messages.length} messages, ${fast} read by the fast reader`);
  expect(fast).toBeGreaterThan(messages.length / 2);
});

// Blanks of every kind, quote marks at line starts, NFC/NFD forms, case pairs that lower-case oddly, surrogates.
const PIECES = [
  '\n', '\n', ' ', '  ', '\t', '\r\n', '\v', '\f', '>', ' >', '\n> ', '\u00a0', '\u1680', '\u2000', '\u200a',
  '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff', '\u180e', '\u200b', '\x85', 'abc', 'Bonjour',
  'ÉTÉ', 'e\u0301', 'é', '\u1100\u1161', '가', 'İ', 'ß', 'ΑΣ', 'Σ', '\ud83d\ude00', '\ud800', '\udfff', '…',
  'x', 'Y', 'A B', 'a  b', '<m1@example.test>', '',
];

function randomText(rand: () => number, pieces: number): string {
  let s = '';
  for (let k = Math.floor(rand() * pieces); k > 0; k--) s += PIECES[Math.floor(rand() * PIECES.length)] as string;
  return s;
}

it('gives the former snippet on hostile random text, for limits from 1 to 300', () => {
  const rand = seeded(200);
  for (let n = 0; n < 20_000; n++) {
    const text = randomText(rand, rand() < 0.2 ? 400 : 40);
    const max = 1 + Math.floor(rand() * (rand() < 0.5 ? 12 : 300));
    expect(makeSnippet(text, max), JSON.stringify([text, max])).toBe(referenceSnippet(text, max));
  }
});

it('gives the former content key on hostile random fields', () => {
  const rand = seeded(32);
  const maybe = () => (rand() < 0.2 ? null : randomText(rand, 8));
  for (let n = 0; n < 20_000; n++) {
    const fields: KeyFields = {
      message_id: maybe(),
      date: rand() < 0.3 ? null : randomText(rand, 3),
      subject: randomText(rand, 10),
      from: maybe(),
      to: Array.from({ length: Math.floor(rand() * 4) }, () => randomText(rand, 6)),
    };
    expect(contentKey(fields), JSON.stringify(fields)).toBe(referenceKey(fields));
  }
});

it('keeps the keys already stored: a fixed message gives the key the former code gave', () => {
  const fields: KeyFields = {
    message_id: '<Abc.123@Example.test>',
    date: '2024-01-01T00:18:50.000Z',
    subject: ' Réunion  de\u00a0rentrée ',
    from: 'Helene@Example.test',
    to: ['b@example.test', 'A@example.test'],
  };
  expect(contentKey(fields)).toBe(referenceKey(fields));
  // Computed with the code at 619e883 (before the rewrite): a change here would duplicate stored mail.
  expect(contentKey(fields)).toBe('TEEP23e5dtclrtLNHwYDvvN8uk_2hJM8');
});
