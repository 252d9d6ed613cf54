// shared/i18n: the product's one translation helper (see i18n.ts) and its one locale detector.
export { LOCALES, defineMessages, defineText, fill, joinMessages, say, translator } from './i18n.js';
export type { ArgsOf, Catalog, Entry, Translate } from './i18n.js';
export { defaultIntlTag, detectLocale, isLocale, localeOf } from './detect-locale.js';
