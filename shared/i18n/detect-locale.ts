// The one place a language is chosen, for every runtime: an explicit choice (--lang, a setting), the POSIX
// variables (CLI, core, server), an HTTP Accept-Language (REST, WebSocket), then the system's or browser's
// preferred languages. French for every French variant, English for everything else.
import type { Locale } from '../types.js';

export interface LocaleSources {
  /** A choice the user made ("fr", "en", "fr-CA"…); ignored when it names neither language. */
  readonly explicit?: string | null | undefined;
  /** POSIX environment: the first of LC_ALL, LC_MESSAGES, LANG that is set decides, as in every C program. */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** An HTTP Accept-Language header, read by quality then order. */
  readonly acceptLanguage?: string | null | undefined;
  /** The system's or browser's languages in preference order (navigator.languages, app.getPreferredSystemLanguages()). */
  readonly preferred?: readonly (string | null | undefined)[] | undefined;
  /** When no source names French or English. */
  readonly fallback?: Locale | undefined;
}

/** "fr", "fr-CA", "fr_FR.UTF-8" → fr; "en…" → en; anything else → undefined. */
export function localeOf(tag: string | null | undefined): Locale | undefined {
  const t = (tag ?? '').trim().toLowerCase();
  if (/^fr(?:$|[-_.@])/.test(t)) return 'fr';
  if (/^en(?:$|[-_.@])/.test(t)) return 'en';
  return undefined;
}

/** The Intl tag dates and numbers are written with when nothing more precise is known: day first, 24-hour clock. */
export function defaultIntlTag(locale: Locale): string {
  return locale === 'fr' ? 'fr-FR' : 'en-GB';
}

export function isLocale(v: unknown): v is Locale {
  return v === 'fr' || v === 'en';
}

function fromAcceptLanguage(header: string): Locale | undefined {
  const ranked = header
    .split(',')
    .map((part, order) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag, q: q ? Number(q.slice(2)) : 1, order };
    })
    .filter((l) => l.tag && Number.isFinite(l.q) && l.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  for (const { tag } of ranked) {
    const locale = localeOf(tag);
    if (locale) return locale;
  }
  return undefined;
}

export function detectLocale(sources: LocaleSources): Locale {
  const explicit = localeOf(sources.explicit);
  if (explicit) return explicit;
  if (sources.env) {
    // POSIX precedence: the first variable set wins even when it is "C" (then English), as gettext does.
    const set = [sources.env['LC_ALL'], sources.env['LC_MESSAGES'], sources.env['LANG']].find((v) => v);
    if (set) return localeOf(set) ?? 'en';
  }
  if (sources.acceptLanguage) {
    const accepted = fromAcceptLanguage(sources.acceptLanguage);
    if (accepted) return accepted;
  }
  for (const tag of sources.preferred ?? []) {
    const locale = localeOf(tag);
    if (locale) return locale;
  }
  return sources.fallback ?? 'en';
}
