// What the parity test checks in every `*.i18n.ts` table at run time — the compiler already refuses most of it
// (defineMessages), this also catches tables built by code and pseudo-plurals such as "message(s)".
import { LOCALES, type Catalog, type Entry, type Text } from './i18n.js';

const PLACEHOLDER = /\{(\w+)\}/g;
/** "message(s)", "nouveau(x)", "boîte(s)", "réussie(s)", "mailbox(es)": write both forms instead. */
const PSEUDO_PLURAL = /\p{L}\((?:s|x|es)\)/u;

function isText(v: unknown): v is Text {
  if (typeof v === 'string') return true;
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o['one'] === 'string' && typeof o['other'] === 'string' && Object.keys(o).length === 2;
}

export function isEntry(v: unknown): v is Entry {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return isText(o['fr']) && isText(o['en']);
}

/** A value shaped like a table: a non-empty object whose every value is an entry. */
export function isCatalog(v: unknown): v is Catalog {
  return typeof v === 'object' && v !== null && Object.keys(v).length > 0 && Object.values(v).every(isEntry);
}

function forms(t: Text): string[] {
  return typeof t === 'string' ? [t] : [t.one, t.other];
}

function names(t: Text): string {
  const found = new Set(forms(t).flatMap((s) => [...s.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '')));
  return [...found].sort().join(',');
}

/** Every problem of a table, as readable lines ("key: …"); empty when French and English agree. */
export function catalogProblems(catalog: Catalog): string[] {
  const problems: string[] = [];
  for (const [key, entry] of Object.entries(catalog)) {
    const plural = LOCALES.map((l) => typeof entry[l] !== 'string');
    if (plural[0] !== plural[1]) problems.push(`${key}: plural in one language only`);
    if (names(entry.fr) !== names(entry.en)) problems.push(`${key}: placeholders fr {${names(entry.fr)}} ≠ en {${names(entry.en)}}`);
    for (const locale of LOCALES) {
      for (const s of forms(entry[locale])) {
        if (!s.trim()) problems.push(`${key}: empty ${locale} text`);
        if (PSEUDO_PLURAL.test(s)) problems.push(`${key}: ${locale} writes a plural as "(s)": "${s}"`);
      }
    }
  }
  return problems;
}
