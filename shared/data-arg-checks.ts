// The shapes of exportMessages' and backupStore's arguments, refused in the caller's language (arg-checkers.ts).
// Whether a path is absolute on the core's own computer only the core can say (electron/core/api/data-api.ts);
// here a path must at least look like a full POSIX or Windows one, which is all a caller elsewhere can know.
import { DATA_ARG_TEXT } from './data-arg-checks.i18n.js';
import { ReleveError } from './errors.js';
import { translator } from './i18n/index.js';
import type { ExportInput, Locale } from './types.js';

const FULL_PATH = /^(?:\/|\\\\|[A-Za-z]:[\\/])/;

function refuse(field: string, locale: Locale, key: 'mailboxIds' | 'format'): never {
  throw new ReleveError('VALIDATION', translator(DATA_ARG_TEXT, locale)(key), { field });
}

function fullPath(v: unknown, field: string, locale: Locale): string {
  if (typeof v === 'string' && !v.includes('\0') && FULL_PATH.test(v.trim())) return v.trim();
  throw new ReleveError('VALIDATION', translator(DATA_ARG_TEXT, locale)('fullPath', { field }), { field });
}

function isIdList(v: unknown): v is number[] {
  return Array.isArray(v) && v.every((i) => typeof i === 'number' && Number.isSafeInteger(i) && i > 0);
}

/** Which mailboxes and which format: checked the same here and by the core, which then judges the path itself. */
export function parseExportChoice(arg: Record<string, unknown>, locale: Locale): Omit<ExportInput, 'out_dir'> {
  const ids = arg.mailbox_ids ?? null;
  if (ids !== null && !isIdList(ids)) return refuse('mailbox_ids', locale, 'mailboxIds');
  if (arg.format !== 'mbox' && arg.format !== 'eml') return refuse('format', locale, 'format');
  return { mailbox_ids: ids, format: arg.format };
}

export function parseExportInput(arg: Record<string, unknown>, locale: Locale): ExportInput {
  return { ...parseExportChoice(arg, locale), out_dir: fullPath(arg.out_dir, 'out_dir', locale) };
}

export function parseBackupInput(arg: Record<string, unknown>, locale: Locale): { file: string } {
  return { file: fullPath(arg.file, 'file', locale) };
}
