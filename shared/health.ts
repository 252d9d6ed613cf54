// Words for a mailbox's live health (MailboxStatus.health_reason). The rules that pick one live in
// electron/core/sync/health.ts; the texts (health.i18n.ts) are here so every client words them the same way.
import { HEALTH_WORDS } from './health.i18n.js';
import { translator, type ArgsOf } from './i18n/index.js';
import type { Locale } from './types.js';

export type HealthReasonKey = keyof typeof HEALTH_WORDS;

/** `healthWords('connectionLost', locale, { seconds })`: the compiler asks for exactly the entry's placeholders. */
export function healthWords<K extends HealthReasonKey>(key: K, locale: Locale, ...args: ArgsOf<(typeof HEALTH_WORDS)[K]>): string {
  return translator(HEALTH_WORDS, locale)(key, ...args);
}
