// A tiny typed translator: keys come from fr.json (the reference), en.json must have the same keys
// (checked at compile time one way and by a unit test both ways). "{name}" placeholders are filled
// from params; plurals use "<base>.one" / "<base>.other" keys chosen by Intl.PluralRules.
import fr from './fr.json';
import en from './en.json';
import type { Locale } from '../../shared/types.js';

export type MessageKey = keyof typeof fr;
export type Params = Record<string, string | number>;
export type PluralBase = MessageKey extends infer K ? (K extends `${infer B}.one` ? B : never) : never;

const enChecked: Record<MessageKey, string> = en;
export const DICTIONARIES: Record<Locale, Record<MessageKey, string>> = { fr, en: enChecked };

function fill(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined ? whole : String(v);
  });
}

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const text = DICTIONARIES[locale][key] ?? DICTIONARIES.fr[key] ?? key;
  return fill(text, params);
}

const pluralRules: Partial<Record<Locale, Intl.PluralRules>> = {};

/** `count` is available as {count} in the text (formatted by the caller when it needs grouping). */
export function translatePlural(locale: Locale, base: PluralBase, count: number, params?: Params): string {
  const rules = (pluralRules[locale] ??= new Intl.PluralRules(locale));
  const form = rules.select(count) === 'one' ? 'one' : 'other';
  const key = `${base}.${form}` as MessageKey;
  return translate(locale, key, { count, ...params });
}

/** fr* → fr, anything else → en. */
export function localeFromLanguage(language: string | undefined | null): Locale {
  return language && language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** BCP 47 tag for Intl: the browser's own region when it speaks the UI language, else a sensible default. */
export function intlTag(locale: Locale, navigatorLanguage?: string): string {
  const nav = navigatorLanguage ?? (typeof navigator === 'undefined' ? undefined : navigator.language);
  if (nav && nav.toLowerCase().startsWith(locale)) return nav;
  return locale === 'fr' ? 'fr-FR' : 'en-GB';
}

export interface Translator {
  locale: Locale;
  tag: string;
  t: (key: MessageKey, params?: Params) => string;
  tp: (base: PluralBase, count: number, params?: Params) => string;
}

export function makeTranslator(locale: Locale, navigatorLanguage?: string): Translator {
  return {
    locale,
    tag: intlTag(locale, navigatorLanguage),
    t: (key, params) => translate(locale, key, params),
    tp: (base, count, params) => translatePlural(locale, base, count, params),
  };
}
