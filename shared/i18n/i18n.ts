// One way to say things in French and English, for every table of the product (renderer, CLI, server, tray,
// errors, validation). An entry holds both languages side by side, so a key cannot exist in one only; its
// `{name}` placeholders are read from the text itself by the compiler, so a call without a parameter, or with
// a misspelt one, does not build; plurals are chosen by Intl.PluralRules, never written "message(s)".
import type { Locale } from '../types.js';

export const LOCALES = ['fr', 'en'] as const satisfies readonly Locale[];

/** The two forms our languages need: Intl.PluralRules says "one" (fr: 0 and 1; en: 1) or anything else. */
export interface PluralText {
  readonly one: string;
  readonly other: string;
}
export type Text = string | PluralText;
export interface Entry {
  readonly fr: Text;
  readonly en: Text;
}
export type Catalog = Readonly<Record<string, Entry>>;
export type ParamValue = string | number;

// ── Placeholders, read from the text by the compiler ───────────────────────────────────────────────────────
/** `{name}` placeholders of one string; a brace pair with anything but a word inside is plain text. */
type NamesIn<S extends string> = string extends S
  ? never
  : S extends `${string}{${infer Name}}${infer Rest}`
    ? (Name extends '' ? never : Name extends `${string}${' ' | '{' | '"' | ':' | ',' | '.' | '-'}${string}` ? never : Name) | NamesIn<Rest>
    : never;
type TextNames<T> = T extends string ? NamesIn<T> : T extends PluralText ? NamesIn<T['one']> | NamesIn<T['other']> : never;
/** Every placeholder of an entry (both languages must have the same, which defineMessages checks). */
export type EntryNames<E extends Entry> = TextNames<E['fr']> | TextNames<E['en']>;
type IsPlural<E extends Entry> = E['fr'] extends PluralText ? true : E['en'] extends PluralText ? true : false;

/** The parameters an entry needs: one per placeholder, `count` (a number) whenever it has plural forms. */
export type ParamsOf<E extends Entry> =
  IsPlural<E> extends true
    ? { readonly count: number } & { readonly [K in Exclude<EntryNames<E>, 'count'>]: ParamValue }
    : { readonly [K in EntryNames<E>]: ParamValue };
/** No argument for an entry without placeholders, else exactly its parameters. */
export type ArgsOf<E extends Entry> = IsPlural<E> extends true ? [params: ParamsOf<E>] : [EntryNames<E>] extends [never] ? [] : [params: ParamsOf<E>];

// ── Compile-time parity ────────────────────────────────────────────────────────────────────────────────────
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type BothPluralOrNeither<E extends Entry> = Same<E['fr'] extends PluralText ? true : false, E['en'] extends PluralText ? true : false>;
/** An entry whose two languages disagree becomes an impossible type, so the catalog does not compile. */
type Checked<C extends Catalog> = {
  readonly [K in keyof C]: Same<TextNames<C[K]['fr']>, TextNames<C[K]['en']>> extends true
    ? BothPluralOrNeither<C[K]> extends true
      ? C[K]
      : { readonly fr: C[K]['fr']; readonly en: 'French and English must both have plural forms, or neither' }
    : { readonly fr: C[K]['fr']; readonly en: `The placeholders differ from French: ${TextNames<C[K]['fr']> & string}` };
};

/** Declares a table. Files holding one are named `*.i18n.ts`: the parity test finds and checks them all. */
export function defineMessages<const C extends Catalog>(catalog: C & Checked<C>): C {
  return catalog;
}

/** One entry on its own (a validation sentence next to its rule), checked like a table's. */
export function defineText<const E extends Entry>(entry: E & Checked<{ e: E }>['e']): E {
  return entry;
}

type Joined<T extends readonly Catalog[]> = T extends readonly [infer Head, ...infer Rest extends readonly Catalog[]] ? Head & Joined<Rest> : unknown;

/**
 * One catalogue from several tables (a runtime's words): a key defined in two tables would silently say one of
 * them, so it is refused when the module loads.
 */
export function joinMessages<const T extends readonly Catalog[]>(...tables: T): Joined<T> {
  const joined: Record<string, Entry> = {};
  for (const table of tables) {
    for (const [key, entry] of Object.entries(table)) {
      if (Object.hasOwn(joined, key)) throw new Error(`message "${key}" is defined in two tables`);
      joined[key] = entry;
    }
  }
  return joined as Joined<T>;
}

// ── At run time ─────────────────────────────────────────────────────────────────────────────────────────────
const pluralRules = new Map<Locale, Intl.PluralRules>();

function form(locale: Locale, text: Text, count: number | undefined): string {
  if (typeof text === 'string') return text;
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  // French also has "many" (1 000 000 …): it reads like "other".
  return count !== undefined && rules.select(count) === 'one' ? text.one : text.other;
}

/** The one place placeholders are filled; an unknown `{word}` is left as written. */
export function fill(text: string, params?: Readonly<Record<string, ParamValue>>): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined ? whole : String(v);
  });
}

function render(locale: Locale, entry: Entry, params: Readonly<Record<string, ParamValue>> | undefined): string {
  const count = params?.['count'];
  return fill(form(locale, entry[locale], typeof count === 'number' ? count : undefined), params);
}

/** One entry in one language. */
export function say<E extends Entry>(locale: Locale, entry: E, ...args: ArgsOf<E>): string {
  return render(locale, entry, args[0]);
}

export type Translate<C extends Catalog> = <K extends keyof C & string>(key: K, ...args: ArgsOf<C[K]>) => string;

/** A table's words in one language: `t('key', { name })`. */
export function translator<C extends Catalog>(catalog: C, locale: Locale): Translate<C> {
  return (key, ...args) => {
    const entry = catalog[key];
    if (!entry) throw new Error(`no message "${key}"`); // unreachable from typed code: keys come from the table
    return render(locale, entry, args[0]);
  };
}
