// Every sentence the CLI prints, in French and English: the tables live in text/*.i18n.ts (shared/i18n, where the
// parity test checks them); this joins them into one so every command reads them with one typed `t()`.
import { COMMON } from '../../shared/i18n/common.i18n.js';
import { joinMessages, translator, type ArgsOf, type Translate } from '../../shared/i18n/index.js';
import type { Locale } from '../../shared/types.js';
import { ACCOUNTS_TEXT } from './text/accounts.i18n.js';
import { SERVICES_TEXT } from './text/services.i18n.js';
import { SYNC_TEXT } from './text/sync.i18n.js';
import { USAGE_TEXT } from './text/usage.i18n.js';

// COMMON: the shared counted words (messages, newMessages, mailboxes, unread) are said as elsewhere; a CLI table
// may not redefine them (joinMessages refuses a key defined twice).
const CLI_TEXT = joinMessages(COMMON, USAGE_TEXT, ACCOUNTS_TEXT, SYNC_TEXT, SERVICES_TEXT);

type CliText = typeof CLI_TEXT;
type TextKey = keyof CliText;
export type CliTranslate = Translate<CliText>;

const translators = new Map<Locale, CliTranslate>();

/** The CLI's words in one language, `{name}` parameters typed from the text. */
export function cliText(locale: Locale): CliTranslate {
  let tr = translators.get(locale);
  if (!tr) translators.set(locale, (tr = translator(CLI_TEXT, locale)));
  return tr;
}

export function t<K extends TextKey>(locale: Locale, key: K, ...args: ArgsOf<CliText[K]>): string {
  return cliText(locale)(key, ...args);
}

