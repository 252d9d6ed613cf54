// The renderer's words: one catalogue joining the feature tables (`*.i18n.ts`, shared/i18n), read through a
// Translator the components get from useT(). Placeholders are typed from the texts, so a call that forgets or
// misspells one does not compile; a plural entry takes its form from `count` (Intl.PluralRules).
import { defaultIntlTag, joinMessages, localeOf, translator, type ArgsOf, type Translate } from '../../shared/i18n/index.js';
import type { Locale } from '../../shared/types.js';
import { APP_MESSAGES } from '../features/app/app.i18n.js';
import { COMPOSE_MESSAGES } from '../features/compose/compose.i18n.js';
import { INBOX_MESSAGES } from '../features/inbox/inbox.i18n.js';
import { CONVERSATION_MESSAGES } from '../features/inbox/conversation.i18n.js';
import { TRIAGE_MESSAGES } from '../features/inbox/triage.i18n.js';
import { MAILBOXES_MESSAGES } from '../features/mailboxes/mailboxes.i18n.js';
import { SETTINGS_MESSAGES } from '../features/settings/settings.i18n.js';
import { WIZARD_MESSAGES } from '../features/setup-wizard/setup-wizard.i18n.js';
import { STATUS_MESSAGES } from '../features/sync-status/sync-status.i18n.js';

// Each table owns its key prefixes (app., wizard., inbox.…); joinMessages refuses a key defined twice.
const MESSAGES = joinMessages(
  APP_MESSAGES,
  WIZARD_MESSAGES,
  MAILBOXES_MESSAGES,
  INBOX_MESSAGES,
  TRIAGE_MESSAGES,
  STATUS_MESSAGES,
  SETTINGS_MESSAGES,
  COMPOSE_MESSAGES,
  CONVERSATION_MESSAGES,
);
type Messages = typeof MESSAGES;
export type MessageKey = Extract<keyof Messages, string>;
/** A text without placeholders: what label tables (nav items, badges, steps) name. */
export type LabelKey = { [K in MessageKey]: ArgsOf<Messages[K]> extends [] ? K : never }[MessageKey];

/** BCP 47 tag for Intl (dates, numbers): the browser's own region when it speaks the UI language, else a default. */
export function intlTag(locale: Locale, navigatorLanguage?: string): string {
  const nav = navigatorLanguage ?? (typeof navigator === 'undefined' ? undefined : navigator.language);
  if (nav && localeOf(nav) === locale) return nav;
  return defaultIntlTag(locale);
}

export interface Translator {
  locale: Locale;
  tag: string;
  /** `t('key')`, `t('key', { name })`; plural entries: `t('inbox.count', { count, n })`. */
  t: Translate<Messages>;
}

export function makeTranslator(locale: Locale, navigatorLanguage?: string): Translator {
  return { locale, tag: intlTag(locale, navigatorLanguage), t: translator(MESSAGES, locale) };
}
