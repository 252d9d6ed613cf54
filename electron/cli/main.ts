// `releve` command line: global options, then one command module loaded on demand (so --help stays fast).
import { readFileSync } from 'node:fs';
import { detectLocale, isLocale } from '../../shared/i18n/index.js';
import type { Locale } from '../../shared/types.js';
import { refusePasswordArgument } from './args.js';
import { EXIT_OK, UsageError } from './cli-error.js';
import { createContext } from './context.js';
import type { CliContext } from './context.js';
import { helpText } from './help.js';
import { reportError } from './report-error.js';
import { cliText, t } from './text.js';

type Command = (ctx: CliContext, argv: string[]) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  'accounts add': async () => (await import('./commands/accounts-add.js')).accountsAdd,
  'accounts edit': async () => (await import('./commands/accounts-edit.js')).accountsEdit,
  'accounts list': async () => (await import('./commands/accounts-list.js')).accountsList,
  'accounts test': async () => (await import('./commands/accounts-list.js')).accountsTest,
  'accounts pause': async () => (await import('./commands/accounts-state.js')).accountsSetActive(false),
  'accounts resume': async () => (await import('./commands/accounts-state.js')).accountsSetActive(true),
  'accounts remove': async () => (await import('./commands/accounts-state.js')).accountsRemove,
  'accounts reconnect': async () => (await import('./commands/accounts-oauth.js')).accountsReconnect,
  'accounts folders': async () => (await import('./commands/accounts-folders.js')).accountsFolders,
  sync: async () => (await import('./commands/sync.js')).syncCommand,
  status: async () => (await import('./commands/status.js')).statusCommand,
  messages: async () => (await import('./commands/messages.js')).messagesCommand,
  triage: async () => (await import('./commands/triage.js')).triageCommand,
  serve: async () => (await import('./commands/serve.js')).serveCommand,
  'web-link': async () => (await import('./commands/web-link.js')).webLinkCommand,
  export: async () => (await import('./commands/archive.js')).exportCommand,
  backup: async () => (await import('./commands/archive.js')).backupCommand,
  restore: async () => (await import('./commands/archive.js')).restoreCommand,
  'schedule install': async () => (await import('./commands/schedule.js')).scheduleCommand('install'),
  'schedule remove': async () => (await import('./commands/schedule.js')).scheduleCommand('remove'),
  'schedule status': async () => (await import('./commands/schedule.js')).scheduleCommand('status'),
  send: async () => (await import('./commands/send.js')).sendCommand,
};

/** Commands that take a sub-command word: `releve accounts add`, `releve schedule install`. */
const GROUPS = new Set(['accounts', 'schedule']);

interface Globals {
  dataDir: string | undefined;
  lang: string | undefined;
  version: boolean;
  rest: string[];
}

/** Pulls the global options out wherever they appear (before `--`), leaving the command's own argv. */
function extractGlobals(argv: string[]): Globals {
  const g: Globals = { dataDir: undefined, lang: undefined, version: false, rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') {
      g.rest.push(...argv.slice(i));
      break;
    }
    const [name, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (name === '--data-dir' || name === '--lang') {
      const value = inline ?? argv[++i];
      if (name === '--data-dir') g.dataDir = value ?? '';
      else g.lang = value ?? '';
    } else if (a === '--version' || a === '-V') {
      g.version = true;
    } else {
      g.rest.push(a);
    }
  }
  return g;
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  // The POSIX variables until --lang is read (so a mistake in the command line is already in the user's language).
  let locale: Locale = detectLocale({ env });
  const report = (err: unknown) => reportError(err, { locale, env, t: cliText(locale), err: (l) => void process.stderr.write(`${l}\n`) });
  try {
    const g = extractGlobals(argv);
    if (g.lang !== undefined) {
      // Exactly fr or en, as --help and the error say.
      if (!isLocale(g.lang)) throw new UsageError(t(locale, 'badLang'));
      locale = g.lang;
    }
    if (g.dataDir === '') throw new UsageError(t(locale, 'optionNeedsValue', { opt: '--data-dir' }));
    refusePasswordArgument(g.rest, locale);
    if (g.version) {
      process.stdout.write(`${readVersion()}\n`);
      return EXIT_OK;
    }
    // The command word(s) come first: `releve accounts add --email …`, `releve sync --force`.
    const [first = '', second] = g.rest;
    const isGroup = GROUPS.has(first);
    const sub = isGroup && second !== undefined && !second.startsWith('-') ? second : undefined;
    const name = isGroup ? (sub ? `${first} ${sub}` : first) : first;
    const wantsHelp = g.rest.includes('--help') || g.rest.includes('-h');
    if (name === 'help') {
      process.stdout.write(helpText(g.rest.slice(1).join(' '), locale));
      return EXIT_OK;
    }
    if (wantsHelp || name === '' || GROUPS.has(name)) {
      process.stdout.write(helpText(name.startsWith('-') ? '' : name, locale));
      return EXIT_OK;
    }
    if (first.startsWith('-')) throw new UsageError(t(locale, 'unknownOption', { opt: first }), '');
    const load = COMMANDS[name];
    if (!load) throw new UsageError(t(locale, 'unknownCommand', { cmd: name }), isGroup ? first : '');
    const rest = g.rest.slice(sub ? 2 : 1);
    const ctx = createContext({
      locale,
      env,
      dataDirFlag: g.dataDir,
      openCore: async (c) => (await import('./open-core.js')).openCliCore(c),
    });
    return await (await load())(ctx, rest);
  } catch (err) {
    return report(err);
  }
}

function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
