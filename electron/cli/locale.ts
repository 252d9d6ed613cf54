// The CLI speaks the user's language: --lang, else the POSIX locale variables in their order of precedence.
import type { Locale } from '../../shared/types.js';

export function detectLocale(env: NodeJS.ProcessEnv): Locale {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const) {
    const v = env[name];
    if (v) return v.toLowerCase().startsWith('fr') ? 'fr' : 'en';
  }
  return 'en';
}

export function isLocale(v: string): v is Locale {
  return v === 'fr' || v === 'en';
}
