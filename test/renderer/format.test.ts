import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatFullDate, formatListDate, formatRelativeTime } from '../../renderer/lib/format.js';

// Local-time dates so "today" means the same thing whatever the machine's time zone.
const NOW = new Date(2025, 2, 12, 15, 30, 0).getTime();
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const MIN = 60_000;
/** Intl uses no-break spaces in French; compare with plain ones. */
const sp = (s: string) => s.replace(/\s/g, ' ');

describe('formatRelativeTime', () => {
  it('says minutes, hours and days ago in French', () => {
    expect(sp(formatRelativeTime(ago(3 * MIN), NOW, 'fr-FR'))).toBe('il y a 3 min');
    expect(sp(formatRelativeTime(ago(2 * 60 * MIN), NOW, 'fr-FR'))).toBe('il y a 2 h');
    expect(sp(formatRelativeTime(ago(24 * 60 * MIN), NOW, 'fr-FR'))).toBe('hier');
    expect(sp(formatRelativeTime(ago(10_000), NOW, 'fr-FR'))).toBe('maintenant');
  });

  it('says minutes ago in English without the abbreviation dot', () => {
    expect(formatRelativeTime(ago(3 * MIN), NOW, 'en-GB')).toBe('3 min ago');
    expect(formatRelativeTime(ago(3 * MIN), NOW, 'en-US')).toBe('3 min ago');
    expect(formatRelativeTime(ago(24 * 60 * MIN), NOW, 'en-US')).toBe('yesterday');
  });

  it('speaks of the future for the next sync', () => {
    expect(sp(formatRelativeTime(ago(-4 * MIN), NOW, 'fr-FR'))).toBe('dans 4 min');
    expect(formatRelativeTime(ago(-4 * MIN), NOW, 'en-US')).toBe('in 4 min');
  });

  it('returns an empty text for missing or invalid dates', () => {
    expect(sp(formatRelativeTime(null, NOW, 'fr-FR'))).toBe('');
    expect(formatRelativeTime('not a date', NOW, 'en-US')).toBe('');
  });
});

describe('formatListDate', () => {
  it('shows the time for today', () => {
    const today = new Date(2025, 2, 12, 9, 5).toISOString();
    expect(formatListDate(today, NOW, 'fr-FR')).toBe('09:05');
    expect(formatListDate(today, NOW, 'en-US')).toBe('09:05 AM');
  });

  it('shows day and month this year, full date before', () => {
    const thisYear = new Date(2025, 0, 3, 10, 0).toISOString();
    expect(formatListDate(thisYear, NOW, 'fr-FR')).toBe('3 janv.');
    expect(formatListDate(thisYear, NOW, 'en-US')).toBe('Jan 3');
    const lastYear = new Date(2024, 11, 24, 10, 0).toISOString();
    expect(formatListDate(lastYear, NOW, 'fr-FR')).toBe('24/12/2024');
    expect(formatListDate(lastYear, NOW, 'en-US')).toBe('12/24/2024');
  });
});

describe('other formats', () => {
  it('formats a full date in each language', () => {
    const d = new Date(2025, 2, 11, 14, 5).toISOString();
    expect(formatFullDate(d, 'fr-FR')).toMatch(/^mardi 11 mars 2025 .*14:05$/);
    expect(formatFullDate(d, 'en-US')).toMatch(/^Tuesday, March 11, 2025 .*2:05\sPM$/);
  });

  it('groups thousands and names byte units per language', () => {
    expect(formatCount(1234, 'fr-FR').replace(/\s/g, ' ')).toBe('1 234');
    expect(formatCount(1234, 'en-US')).toBe('1,234');
    expect(formatBytes(512, 'en-US')).toBe('512 byte');
    expect(formatBytes(1536, 'en-US')).toBe('1.5 kB');
    expect(formatBytes(1536, 'fr-FR').replace(/\s/g, ' ')).toBe('1,5 ko');
    expect(formatBytes(5 * 1024 * 1024, 'fr-FR').replace(/\s/g, ' ')).toBe('5 Mo');
  });
});
