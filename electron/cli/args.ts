// node:util parseArgs with errors in the user's language, and the small value parsers commands share.
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import type { Locale } from '../../shared/types.js';
import { UsageError } from './cli-error.js';
import { t } from './text.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface Parsed {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
}

/** Refuses any form of a password given on the command line, before anything else looks at argv. */
export function refusePasswordArgument(argv: readonly string[], locale: Locale): void {
  if (argv.some((a) => a === '--password' || a.startsWith('--password=') || a === '--pass' || a.startsWith('--pass='))) {
    throw new UsageError(t(locale, 'passwordArgRefused'));
  }
}

export function parseCommandArgs(argv: string[], options: OptionSpec, locale: Locale, command: string): Parsed {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: values as Parsed['values'], positionals };
  } catch (err) {
    throw translateParseError(err, locale, command);
  }
}

function translateParseError(err: unknown, locale: Locale, command: string): UsageError {
  const e = err as { code?: string; message?: string };
  const quoted = /'([^']+)'/.exec(e.message ?? '')?.[1] ?? '';
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new UsageError(t(locale, 'unknownOption', { opt: quoted.split(' ')[0] ?? quoted }), command);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return new UsageError(t(locale, 'optionNeedsValue', { opt: /--[\w-]+/.exec(e.message ?? '')?.[0] ?? quoted }), command);
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new UsageError(t(locale, 'unexpectedArg', { arg: quoted }), command);
    default:
      return new UsageError(e.message ?? String(err), command);
  }
}

export function str(p: Parsed, name: string): string | undefined {
  const v = p.values[name];
  return typeof v === 'string' ? v : undefined;
}

export function flag(p: Parsed, name: string): boolean {
  return p.values[name] === true;
}

export function strList(p: Parsed, name: string): string[] {
  const v = p.values[name];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];
}

/** A whole number option; absent → undefined. */
export function intOption(p: Parsed, name: string, locale: Locale, command: string): number | undefined {
  const v = str(p, name);
  if (v === undefined) return undefined;
  if (!/^\s*\d{1,15}\s*$/.test(v)) throw new UsageError(t(locale, 'badNumber', { opt: `--${name}`, v }), command);
  return Number(v);
}

/** The single positional mailbox id of `accounts test|edit|pause|resume|remove`. */
export function mailboxIdArg(p: Parsed, locale: Locale, command: string): number {
  const [first, ...rest] = p.positionals;
  if (rest.length > 0) throw new UsageError(t(locale, 'unexpectedArg', { arg: rest[0] ?? '' }), command);
  if (first === undefined) throw new UsageError(t(locale, 'missingId', { cmd: command }), command);
  if (!/^\d{1,15}$/.test(first) || Number(first) < 1) throw new UsageError(t(locale, 'badId', { v: first }), command);
  return Number(first);
}

export function noPositionals(p: Parsed, locale: Locale, command: string): void {
  const first = p.positionals[0];
  if (first !== undefined) throw new UsageError(t(locale, 'unexpectedArg', { arg: first }), command);
}
