// Inbox query speed at 100 000 messages: fills a temp database through commitBatch (the sync engine's path)
// and prints the median time of the first inbox page and of full-text searches over 20 runs each.
// Goals: first page ≤ 100 ms, search ≤ 50 ms.   Run: npx tsx bench/store-query.ts [messageCount]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeStore, listMessages, openStore, type DB } from '../electron/core/store/index.js';
import type { MessageQuery } from '../shared/types.js';
import { fillStore } from './synthetic.js';
import { viewCounts } from '../electron/core/store/view-counts.js';

const TOTAL = Number(process.argv[2] ?? 100_000);
const RUNS = 20;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function time(db: DB, q: MessageQuery): { ms: number; total: number } {
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    total = listMessages(db, q).total;
    times.push(performance.now() - t);
  }
  return { ms: median(times), total };
}

const dir = mkdtempSync(join(tmpdir(), 'releve-bench-'));
try {
  const file = join(dir, 'releve.db');
  const writer = openStore(file);
  // The same deterministic French mail as the bench's B6 (8 mailboxes, 15 % copies), through commitBatch.
  const t0 = performance.now();
  fillStore(writer, TOTAL);
  const filled = { rows: TOTAL, seconds: (performance.now() - t0) / 1000 };
  closeStore(writer);
  // Measured as the app sees it after a restart: a fresh connection, statistics refreshed by openStore.
  const db = openStore(file);
  console.log(
    `filled ${filled.rows} messages via commitBatch in ${filled.seconds.toFixed(1)} s ` +
      `(${Math.round(filled.rows / filled.seconds)}/s), db ${(statSync(file).size / 1e6).toFixed(0)} MB`,
  );
  const cases: Array<[string, MessageQuery, number]> = [
    ['first page (collapsed, newest first)', { limit: 50 }, 100],
    ['first page, not collapsed', { limit: 50, collapse_duplicates: false }, 100],
    ['first page, unread only', { limit: 50, unread_only: true }, 100],
    ['first page, one mailbox', { limit: 50, mailbox_id: 1 }, 100],
    ['page at offset 5000', { limit: 50, offset: 5000 }, 100],
    ['search "orleans" (rare word)', { search: 'orleans' }, 50],
    ['search "reunion orleans" (two words)', { search: 'reunion orleans' }, 50],
    ['search "eloise dupre" (sender)', { search: 'eloise dupre' }, 50],
    ['search "fact" (prefix of a common word)', { search: 'fact' }, 50],
    ['search "eloise" + unread only', { search: 'eloise', unread_only: true }, 50],
    ['search "devis" in one mailbox', { search: 'devis', mailbox_id: 1 }, 50],
    // Folder views (issue 14): one role across mailboxes, copies collapsed within the view.
    ['first page, Inbox view', { limit: 50, folder: 'inbox' }, 100],
    ['first page, Inbox view, unread only', { limit: 50, folder: 'inbox', unread_only: true }, 100],
    ['first page, Archive view (empty here)', { limit: 50, folder: 'archive' }, 100],
    ['search "orleans" in the Inbox view', { search: 'orleans', folder: 'inbox' }, 50],
  ];
  console.log(`\nmedian of ${RUNS} runs (listMessages incl. total count)`);
  for (const [label, q, goal] of cases) {
    const r = time(db, q);
    console.log(`${label.padEnd(44)} ${r.ms.toFixed(2).padStart(8)} ms   goal ≤ ${goal} ms   ${r.ms <= goal ? 'ok' : 'SLOW'}   total ${r.total}`);
  }
  // The counts are kept until the store changes: timed after a write (every copy probed), and unchanged.
  const touch = db.prepare('UPDATE messages SET seen = seen WHERE id = 1');
  const countTimes = { changed: [] as number[], unchanged: [] as number[] };
  for (let i = 0; i < RUNS; i++) {
    touch.run();
    for (const k of ['changed', 'unchanged'] as const) {
      const t = performance.now();
      viewCounts(db);
      countTimes[k].push(performance.now() - t);
    }
  }
  console.log(`${'sidebar counts per view, after a change'.padEnd(44)} ${median(countTimes.changed).toFixed(2).padStart(8)} ms`);
  console.log(`${'sidebar counts per view, unchanged store'.padEnd(44)} ${median(countTimes.unchanged).toFixed(2).padStart(8)} ms`);
  closeStore(db);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
