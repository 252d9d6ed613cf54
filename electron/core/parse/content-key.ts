import * as nodeCrypto from 'node:crypto';
import { isJsBlank } from './js-blank.js';

/**
 * `s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase()`, skipping each step that is provably a no-op:
 * NFC for ASCII, the blank rewrite when every blank is a lone space between non-blanks, the lower-casing of
 * ASCII without A–Z. Bench B1 spent 78 ms per 10 000 messages in contentKey, mostly there (keys are stored:
 * snippet-key-equivalence.test.ts checks this against the plain chain).
 */
function norm(input: string): string {
  let ascii = true;
  for (let i = 0; i < input.length; i++) {
    if (input.charCodeAt(i) >= 0x80) {
      ascii = false;
      break;
    }
  }
  const s = ascii ? input : input.normalize('NFC');
  let blanks = false;
  let upper = false;
  const last = s.length - 1;
  for (let i = 0; i <= last; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) upper = true;
    else if (isJsBlank(c) && (c !== 0x20 || i === 0 || i === last || s.charCodeAt(i + 1) === 0x20)) {
      blanks = true;
      break;
    }
  }
  const t = blanks ? s.replace(/\s+/g, ' ').trim() : s;
  return ascii && !upper && !blanks ? t : t.toLowerCase();
}

/**
 * One-shot crypto.hash (Node ≥ 20.12, every Electron we ship) skips a Hash object per message; the same
 * digest through createHash on an older Node (a namespace import: a named one would not link there).
 */
const oneShot = (nodeCrypto as Partial<typeof nodeCrypto>).hash;
const sha256 = oneShot
  ? (s: string) => oneShot('sha256', s, 'base64url')
  : (s: string) => nodeCrypto.createHash('sha256').update(s).digest('base64url');

/**
 * Mailspring-style content key: the same message keeps the same key across a UIDVALIDITY reset or a move,
 * so stored rows are re-linked instead of duplicated. Inputs are normalised because header-only and full
 * parses must agree.
 */
export function contentKey(fields: {
  message_id: string | null;
  date: string | null;
  subject: string;
  from: string | null;
  to: string[];
}): string {
  const parts = [
    norm(fields.message_id ?? ''),
    fields.date ?? '',
    norm(fields.subject),
    norm(fields.from ?? ''),
    fields.to.map(norm).sort().join(','),
  ];
  return sha256(parts.join('\u0000')).slice(0, 32);
}
