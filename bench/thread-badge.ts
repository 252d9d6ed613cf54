// Would a conversation-count badge on each inbox row be cheap? Conversations are computed on demand from the
// stored raw headers (core/send/thread.ts: References / In-Reply-To, subject fallback); there is no thread column.
// This prints, at 100 000 messages, the median time of the first inbox page alone and of the same page plus one
// findThread per row (the only way to count a row's conversation with the current store).
// Run: npx tsx bench/thread-badge.ts [messageCount]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findThread } from '../electron/core/send/thread.js';
import { closeStore, listMessages, openStore } from '../electron/core/store/index.js';
import { fillStore } from './synthetic.js';

const TOTAL = Number(process.argv[2] ?? 100_000);
const RUNS = 9;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const noOutbox = (): never => {
  throw new Error('the bench store has no outbox');
};

const dir = mkdtempSync(join(tmpdir(), 'releve-bench-threads-'));
try {
  const file = join(dir, 'releve.db');
  const writer = openStore(file);
  fillStore(writer, TOTAL);
  closeStore(writer);
  const db = openStore(file);
  const page = { limit: 50, folder: 'inbox' as const };
  const alone: number[] = [];
  const withCounts: number[] = [];
  let counted = 0;
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    const items = listMessages(db, page).items;
    alone.push(performance.now() - t);
    t = performance.now();
    const rows = listMessages(db, page).items;
    counted = rows.filter((m) => (findThread(db, m.id, noOutbox)?.messages.length ?? 0) > 1).length;
    withCounts.push(performance.now() - t);
    if (items.length !== rows.length) throw new Error('pages differ');
  }
  console.log(`${TOTAL} messages, first Inbox page of 50, median of ${RUNS}:`);
  console.log(`  list alone:                         ${median(alone).toFixed(1)} ms`);
  console.log(`  list + one findThread per row:      ${median(withCounts).toFixed(1)} ms (${counted} rows in a conversation)`);
  closeStore(db);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
