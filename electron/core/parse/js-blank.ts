/**
 * True for exactly the UTF-16 code units that `\s` matches in a JS RegExp (and that String#trim removes):
 * TAB…CR, space, NBSP, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000, U+FEFF. Lets the
 * per-message text steps (snippet, content key) scan with a loop instead of allocating through regexes;
 * test/core/snippet-key-equivalence.test.ts checks it against /\s/ on all 65 536 code units.
 */
export function isJsBlank(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029
    || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
