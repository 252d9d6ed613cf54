// Search with any characters never answers 500: hostile strings (NUL and other controls, quotes, FTS5
// operators, lone `*`, `NEAR(`, column filters, lone surrogates…) sent to GET /inbox/messages?q= against a
// store with mail in it. Plus a few hundred random strings from the same alphabet (seeded: reproducible).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessagePage, SyncResult } from '../../shared/types.js';
import { makeMessage } from '../fixtures/dovecot.js';
import { ALICE, request, seedBody, startStack, type Stack } from './server-harness.js';

let s: Stack;
beforeAll(async () => {
  s = await startStack();
  await s.dovecot.append(ALICE, makeMessage({ subject: 'Devis tournesol "NEAR" AND * OR', body: 'Bonjour, le devis n°42 est prêt.' }));
  const created = await request(s.server, 'POST', '/inbox/integrations', { body: seedBody(s.dovecot, ALICE) });
  const sync = await request(s.server, 'POST', `/inbox/integrations/${(created.body as { id: number }).id}/sync`);
  expect((sync.body as SyncResult).status).toBe('success');
});
afterAll(async () => {
  await s?.stop();
});

const HOSTILE = [
  'a\u0000b', '\u0000', 'tournesol\u0000', '"', '""', '"""', '*', '**', '"*"', '-', '--', '-tournesol', '+', '^', ':', 'subject:',
  'subject:devis', '{subject}: devis', 'NEAR(', 'NEAR(a b', 'NEAR(a b, 2)', 'NEAR', 'AND', 'OR', 'NOT', 'a AND', 'OR b', 'NOT NOT',
  '(', ')', '()', '(a', 'a)', "'", "''", '\\', '\\"', '%', '%00', '_', '[', ']', '{', '}', 'devis*', '*devis', 'de"vis', 'devis"',
  '\u0001\u0002\u001f\u007f', '\ud800', '\udfff', 'a\ud800b', '\uffff', '\ufeff', '\u200b', '\u202e', '\ue000', 'é', 'e\u0301',
  '🙂', '👩‍👩‍👧', 'x'.repeat(5000), 'devis '.repeat(200), '"a" "b" "c', 'a"b"c"d', 'rank', 'rowid', 'MATCH', "'; DROP TABLE messages; --",
  '\t\n\r', ' ', '', 'devis\u0000tournesol', '"devis\u0000"*', 'NEAR("a" "b")', 'col:"x"', '*:*', '^devis', 'devis^',
];

/** Small seeded PRNG (mulberry32): the same strings on every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const ALPHABET = ['\u0000', '"', "'", '*', '-', '+', '^', ':', '(', ')', ' ', 'NEAR', 'AND', 'OR', 'NOT', 'a', 'é', 'devis', '\ud800', '\\', '%', '{', '}', '\u0007', '🙂'];

function randomStrings(n: number): string[] {
  const next = rng(20261203);
  return Array.from({ length: n }, () => {
    const len = 1 + Math.floor(next() * 12);
    return Array.from({ length: len }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join('');
  });
}

/** Every UTF-8 byte percent-encoded (encodeURIComponent refuses lone surrogates; those go out as U+FFFD). */
function search(q: string) {
  const encoded = [...Buffer.from(q, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  return request(s.server, 'GET', `/inbox/messages?q=${encoded}`);
}

describe('GET /inbox/messages?q= with any characters', () => {
  it('never answers 500, and finds the message when a real word is in the query', async () => {
    for (const q of [...HOSTILE, ...randomStrings(300)]) {
      const r = await search(q);
      expect(r.status, JSON.stringify(q)).toBeLessThan(500);
      expect([200, 400], JSON.stringify(q)).toContain(r.status);
    }
    // Operators around a real word do not hide it.
    for (const q of ['tournesol\u0000', '"tournesol"', '(tournesol', '-tournesol', 'tournesol)', 'devis*', '*tournesol*', '"devis']) {
      const page = (await search(q)).body as MessagePage;
      expect(page.items.length, JSON.stringify(q)).toBe(1);
    }
  });

  it('raw query strings: a NUL as the review sent it, invalid UTF-8, broken percent-escapes', async () => {
    for (const raw of ['a%00b', '%00', '%ED%A0%80', '%FF%FE', '%C0%80', '%', '%zz', 'a%2', '%22%00%2A']) {
      const r = await request(s.server, 'GET', `/inbox/messages?q=${raw}`);
      expect(r.status, raw).toBe(200);
    }
  });
});
