// Locale-aware formatting of dates, relative times, sizes and counts. Pure functions of (value, now, tag)
// so they are tested in both languages without touching the clock.
import { localeOf } from '../../shared/i18n/index.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Cache of Intl formatters: creating them is costly and a 100 000-row list formats dates constantly. */
const cache = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.NumberFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let f = cache.get(key);
  if (!f) cache.set(key, (f = make()));
  return f as T;
}

function dateFormat(tag: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached(`d|${tag}|${JSON.stringify(opts)}`, () => new Intl.DateTimeFormat(tag, opts));
}

function isEnglish(tag: string): boolean {
  return localeOf(tag) === 'en';
}

function parse(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

/** "il y a 3 min" / "3 min ago", "dans 4 min" / "in 4 min", "hier" / "yesterday"; '' when no date. */
export function formatRelativeTime(iso: string | null | undefined, now: number, tag: string): string {
  const t = parse(iso);
  if (t === null) return '';
  const diff = t - now;
  const abs = Math.abs(diff);
  const rtf = cached(`r|${tag}`, () => new Intl.RelativeTimeFormat(tag, { numeric: 'auto', style: 'short' }));
  let out: string;
  if (abs < 45_000) out = rtf.format(0, 'second');
  else if (abs < 45 * MINUTE) out = rtf.format(Math.round(diff / MINUTE), 'minute');
  else if (abs < 22 * HOUR) out = rtf.format(Math.round(diff / HOUR), 'hour');
  else if (abs < 7 * DAY) out = rtf.format(Math.round(diff / DAY), 'day');
  else if (abs < 30 * DAY) out = rtf.format(Math.round(diff / (7 * DAY)), 'week');
  else if (abs < 365 * DAY) out = rtf.format(Math.round(diff / (30 * DAY)), 'month');
  else out = rtf.format(Math.round(diff / (365 * DAY)), 'year');
  // English "short" style abbreviates with a dot ("3 min. ago"); people write "3 min ago".
  return isEnglish(tag) ? out.replace(/\.(?=\s|$)/g, '') : out;
}

function sameLocalDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** Inbox row date: today → time ("14:05"), this year → "12 mars", else "12/03/2023". */
export function formatListDate(iso: string | null | undefined, now: number, tag: string): string {
  const t = parse(iso);
  if (t === null) return '';
  const d = new Date(t);
  const today = new Date(now);
  if (sameLocalDay(d, today)) return dateFormat(tag, { hour: '2-digit', minute: '2-digit' }).format(d);
  if (d.getFullYear() === today.getFullYear()) return dateFormat(tag, { day: 'numeric', month: 'short' }).format(d);
  return dateFormat(tag, { day: '2-digit', month: '2-digit', year: 'numeric' }).format(d);
}

/** Reader header date: "mardi 12 mars 2024 à 14:05" / "Tuesday, March 12, 2024 at 2:05 PM". */
export function formatFullDate(iso: string | null | undefined, tag: string): string {
  const t = parse(iso);
  if (t === null) return '';
  return dateFormat(tag, { dateStyle: 'full', timeStyle: 'short' }).format(new Date(t));
}

export function formatCount(n: number, tag: string): string {
  return cached(`n|${tag}`, () => new Intl.NumberFormat(tag)).format(n);
}

/** "12 ko" / "12 kB", "1,5 Mo" / "1.5 MB". */
export function formatBytes(bytes: number, tag: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = Math.max(0, bytes);
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  const unit = units[i] ?? 'byte';
  const digits = i === 0 || value >= 10 ? 0 : 1;
  return cached(
    `b|${tag}|${unit}|${digits}`,
    () => new Intl.NumberFormat(tag, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: digits }),
  ).format(value);
}

/** "Marie Dupont <marie@exemple.fr>" shortened to what a list shows. */
export function displayAddress(a: { name: string; address: string } | null | undefined): string {
  if (!a) return '';
  return a.name.trim() || a.address;
}

export function fullAddress(a: { name: string; address: string }): string {
  const name = a.name.trim();
  return name ? `${name} <${a.address}>` : a.address;
}
