import type { Locale } from '../../shared/types.js';

/** French when the OS locale is French (LC_ALL, LC_MESSAGES, LANG, then Intl), else English. */
export function detectLocale(env: NodeJS.ProcessEnv = process.env): Locale {
  const tag = env.LC_ALL || env.LC_MESSAGES || env.LANG || Intl.DateTimeFormat().resolvedOptions().locale || '';
  return tag.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}
