// Human output helpers: aligned tables and dates in the user's language.
import { defaultIntlTag } from '../../shared/i18n/index.js';
import type { Locale } from '../../shared/types.js';

/** Pads columns to the widest cell; the last column is left ragged. */
export function formatTable(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => width(r[i] ?? ''))));
  return all
    .map((r) =>
      r
        .map((cell, i) => (i === r.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - width(cell))))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

// Code points, not UTF-16 units, so "é" or "’" count as one column.
function width(s: string): number {
  return [...s].length;
}

export function truncate(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}

export function formatDate(iso: string | null, locale: Locale, never: string): string {
  if (!iso) return never;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(defaultIntlTag(locale), { dateStyle: 'short', timeStyle: 'short' });
}
