// Figures of the other clients on the same fixture and machine: from issue 5 (measured by the session
// that built ../shared/bench) and from ../shared/bench/results.md (Thunderbird).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SHARED_BENCH } from './fixture.js';

export const PEERS: Record<string, string> = {
  B1: 'imapflow+mailparser (no storage) 601/s, mbsync 580/s, offlineimap 111/s, fetchmail 66/s; raw download: imapflow 2443/s, imaplib 2957/s',
  B2: 'imapflow raw 103 MiB, imapflow+mailparser 178 MiB',
  'B3 cold': 'imaplib LOGIN+STATUS 8.1 s, imapflow 20-way 10.0 s, mbsync 12.5 s',
  'B3 warm': '(same peers, no warm mode)',
  B4: 'seed (cron): up to 5 min',
  B5: '—',
  'B6 page': '—',
  'B6 FTS': '—',
  L1: 'Thunderbird 153: all stored 45.3 s, newest 24.1 s (../shared/bench/results.md)',
  'L1 newest': 'Thunderbird 153: 24.1 s',
};

export const TARGETS: Record<string, string> = {
  B1: '≥ 2000 msgs/s',
  B2: '≤ 150 MiB',
  'B3 cold': '≤ 6 s',
  'B3 warm': '≤ 1 s',
  B4: '≤ 2 s',
  B5: '≤ 0.5 s',
  'B6 page': '≤ 100 ms',
  'B6 FTS': '≤ 50 ms',
  'L1 newest': '≤ 3 s',
  X2: '≤ 150 MiB',
  'X page': '≤ 100 ms',
  'X FTS': '≤ 50 ms',
};

/** Thunderbird's best row from results.md, when the file is there. */
export function thunderbirdLine(): string | null {
  const file = path.join(SHARED_BENCH, 'results.md');
  if (!existsSync(file)) return null;
  const row = readFileSync(file, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('| indexer off, headless'));
  if (!row) return null;
  const cells = row.split('|').map((c) => c.trim());
  return `Thunderbird 153 (indexer off, headless): ${cells[3]} msgs/s, ${cells[4]} s CPU, ${cells[5]} MiB peak RSS`;
}
