// postal-mime's addressParser tokenizes a header character by character into token objects, then walks them
// through a state machine: 143 ms and ~80 MB of short-lived garbage per 10 000 messages of bench B1, on the
// sync's main thread. Nearly every real From/To/Cc is a comma-separated list of `Name <a@b>`, `"Name" <a@b>`,
// `<a@b>` or `a@b`; for those, one scan over the string builds exactly the objects addressParser would
// (same keys in the same order, same values: test/core/address-fast.test.ts compares them on the bench
// mailbox and on a generated hostile corpus). Anything else — groups, comments, escapes, a missing `>`,
// several `@`, control characters, `;` — goes to addressParser itself.
import { addressParser, decodeWords, type Address } from 'postal-mime';
import { installTextDecoderFix } from './text-decoder-fix.js';

// Before anything is remembered below: a name decoded with the runtime's faulty windows-1252 must not stay.
installTextDecoderFix();

const TAB = 0x09;
const SPACE = 0x20;
const QUOTE = 0x22;
const COMMA = 0x2c;
const LT = 0x3c;
const GT = 0x3e;
const AT = 0x40;
const BACKSLASH = 0x5c;

/** Characters that make addressParser's tokenizer do something else than append text, outside quotes. */
function special(c: number): boolean {
  return c === QUOTE || c === 0x28 || c === 0x29 || c === COMMA || c === 0x3a || c === 0x3b
    || c === LT || c === GT || c === AT || c === BACKSLASH;
}

/** Dropped or rewritten by the tokenizer (it keeps tab and space, turns LF into a space, drops the rest). */
function control(c: number): boolean {
  return c < SPACE && c !== TAB;
}

const MEMO_ENTRIES = 512;
const MEMO_MAX_CHARS = 256;
const decodedNames = new Map<string, string>();

/**
 * decodeWords(s). It returns its input unchanged when no encoded word (`=?…?=`) can match in it; the others
 * (display names: a mailbox's correspondents recur) are remembered, strings only so nothing can be mutated.
 * On the bench mailbox decodeWords was 22 of the fast path's 30 ms; 97 % of its encoded names hit this memo.
 */
function words(s: string): string {
  if (!s.includes('=?')) return s;
  if (s.length > MEMO_MAX_CHARS) return decodeWords(s);
  let decoded = decodedNames.get(s);
  if (decoded === undefined) {
    decoded = decodeWords(s);
    if (decodedNames.size >= MEMO_ENTRIES) decodedNames.delete(decodedNames.keys().next().value as string);
    decodedNames.set(s, decoded);
  }
  return decoded;
}

/** addressParser's last step for one mailbox with an address (_handleAddress, non-group branch). */
function mailbox(text: string, address: string): Address {
  const out = { address, name: words(text || address) };
  if (out.address === out.name) {
    if (out.address.includes('@')) out.name = '';
    else out.address = '';
  }
  return out;
}

function skipBlanks(s: string, i: number): number {
  while (i < s.length && (s.charCodeAt(i) === SPACE || s.charCodeAt(i) === TAB)) i++;
  return i;
}

/** `<…>` starting at `lt`: the trimmed address and the index after `>`, or null when unsure. */
function angle(s: string, lt: number): { address: string; next: number } | null {
  let ats = 0;
  let i = lt + 1;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === GT) break;
    if (c === AT) ats++;
    else if (c <= SPACE || c === LT || c === QUOTE || c === BACKSLASH || c === COMMA) return null;
  }
  if (i === s.length || ats !== 1) return null;
  // Blanks are refused inside, so only the trim that the tokenizer does (Unicode whitespace) is left.
  const address = s.slice(lt + 1, i).trim();
  return address.includes('@') && address.length > 1 ? { address, next: i + 1 } : null;
}

/** A bare `local@domain` of printable ASCII starting at `i`: its end, or -1. */
function bare(s: string, i: number): number {
  let ats = 0;
  let j = i;
  for (; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c === AT) ats++;
    else if (c <= SPACE || c > 0x7e || special(c) || c === 0x5b || c === 0x5d) break;
  }
  const at = s.indexOf('@', i);
  return ats === 1 && at > i && at < j - 1 ? j : -1;
}

/** The common shapes in one scan, or null to let addressParser decide. */
export function parseAddressesFast(s: string): Address[] | null {
  const out: Address[] = [];
  let i = 0;
  for (;;) {
    i = skipBlanks(s, i);
    if (i === s.length) return out;
    let c = s.charCodeAt(i);
    if (c === COMMA) {
      i++; // an empty entry gives nothing
      continue;
    }
    let text: string;
    if (c === QUOTE) {
      let j = i + 1;
      for (; j < s.length; j++) {
        const q = s.charCodeAt(j);
        if (q === QUOTE) break;
        if (q === BACKSLASH || control(q)) return null;
      }
      if (j === s.length) return null;
      text = s.slice(i + 1, j).trim();
      i = skipBlanks(s, j + 1);
      if (s.charCodeAt(i) !== LT) return null;
    } else {
      let j = i;
      for (; j < s.length; j++) {
        const p = s.charCodeAt(j);
        if (special(p) || control(p)) break;
      }
      if (s.charCodeAt(j) === LT) {
        text = s.slice(i, j).trim();
        i = j;
      } else {
        const end = bare(s, i);
        if (end < 0) return null;
        const next = skipBlanks(s, end);
        if (next < s.length && s.charCodeAt(next) !== COMMA) return null;
        out.push(mailbox('', s.slice(i, end)));
        i = next;
        continue;
      }
    }
    const a = angle(s, i);
    if (!a) return null;
    i = skipBlanks(s, a.next);
    c = s.charCodeAt(i);
    if (i < s.length && c !== COMMA) return null;
    out.push(mailbox(text, a.address));
  }
}

/** Exactly addressParser(value): the fast scan when the shape is a common one, postal-mime otherwise. */
export function parseAddresses(value: string): Address[] {
  return parseAddressesFast(value) ?? addressParser(value);
}
