// `releve --help` and `releve <command> --help`: the command's page (help.i18n.ts), the account options for
// `accounts add|edit`, then the global options.
import { translator } from '../../shared/i18n/index.js';
import type { Locale } from '../../shared/types.js';
import { HELP } from './help.i18n.js';

type Page = Exclude<keyof typeof HELP, 'global' | 'accountFlags'>;

/** Command line words → their page; a group word alone (`releve accounts`) or an unknown sub-command shows the group. */
const PAGES: Readonly<Record<string, Page>> = {
  '': 'overview',
  accounts: 'accounts',
  'accounts add': 'accountsAdd',
  'accounts edit': 'accountsEdit',
  sync: 'sync',
  status: 'status',
  messages: 'messages',
  triage: 'triage',
  send: 'send',
  serve: 'serve',
  'web-link': 'webLink',
  export: 'export',
  backup: 'backup',
  restore: 'restore',
  schedule: 'schedule',
};

export function helpText(command: string, locale: Locale): string {
  const say = translator(HELP, locale);
  const group = command.split(' ')[0] ?? '';
  const page = Object.hasOwn(PAGES, command) ? PAGES[command] : group === 'accounts' || group === 'schedule' ? PAGES[group] : undefined;
  const key = page ?? 'overview';
  const flags = key === 'accountsAdd' || key === 'accountsEdit' ? say('accountFlags') : '';
  return `${[say(key), flags, say('global')].map((s) => s.trimEnd()).filter(Boolean).join('\n\n')}\n`;
}
