// Turns what a user types into a safe FTS5 query: every word becomes a quoted prefix phrase and all must
// match. Quoting disarms the FTS5 syntax (", *, NEAR, OR, column:), so no input can raise a syntax error.
// Control characters (NUL ends an FTS5 string early: "unterminated string"), lone surrogates, private-use and
// unassigned code points are never part of a token: they become separators before anything else.
const NOT_TEXT = /[\p{Cc}\p{Cs}\p{Co}\p{Cn}]/gu;

const MAX_TERMS = 16;
const MAX_TERM_LENGTH = 64;
/** Characters the unicode61 tokenizer keeps: a word without any of them would be an empty phrase. */
const TOKEN_CHAR = /[\p{L}\p{N}]/u;

/** null when the input holds nothing searchable (empty search = no filter). */
export function toFtsQuery(input: string): string | null {
  const terms = input
    .replace(NOT_TEXT, ' ')
    .normalize('NFC')
    .split(/\s+/u)
    .filter((w) => TOKEN_CHAR.test(w))
    .slice(0, MAX_TERMS)
    .map((w) => `"${[...w].slice(0, MAX_TERM_LENGTH).join('').replaceAll('"', '""')}"*`);
  return terms.length > 0 ? terms.join(' ') : null;
}
