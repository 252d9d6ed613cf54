// The full-text index, written behind its own watermark (migration 009). FTS5 writes one segment per
// transaction and merges segments again and again: indexing each 2 MiB sync batch in its own transaction was the
// largest part of why a 100 000-message first sync ran slower per message than a 10 000-message one. The sync's
// writer therefore keeps the text of the messages it commits (FtsBacklog) and indexes it, in the transaction of
// a later batch, once a few MiB have gathered (or when the folder's download ends: BatchWriter.flush).
//
// Crash-safe by construction: fts_state.indexed_through says "every message with an id up to here is indexed,
// none above is". Indexing always starts right above it, in id order, inside a write transaction that moves it,
// so no message is ever indexed twice (which a contentless table could not undo: its old entry would outlive the
// message). Text this writer does not hold (a crash lost it, or another connection stored the message) is
// re-parsed from the stored raw source (catchUpFts).
//
// Search during a sync may miss up to FTS_PENDING_CHARS of text (the latest messages committed); after a pass
// it is complete.
import type { ParsedFields } from '../parse/parse-message.js';
import type { DB } from './db.js';
import { readRawSource } from './source-read.js';
import { cached } from './statements.js';

/**
 * Text (UTF-16 code units of subject + sender + body) held before it is indexed. A prototype that indexed every
 * 2 000 messages made a 100 000-message first sync 9 % faster (10 000: 5 %) than indexing each batch. 2 Mi code
 * units (about 1 000 messages of 2 000 characters) instead of 4 Mi: the same speed at 10 000 and 100 000 messages
 * (CLI, 2 × 2 runs each) for 3–4 MiB less peak memory at 100 000 (with IN_FLIGHT_BATCHES 3: 153.5 → 143.6–144.3
 * MiB). A size bound rather than a count keeps memory flat whatever the messages' size (at most 4 MiB of string
 * data, two bytes a code unit; body_text is capped at 64 K at parse time).
 */
export const FTS_PENDING_CHARS = 2 * 1024 * 1024;
/** ... and at most this many messages (tiny messages: bounds the per-row overhead of the backlog). */
export const FTS_PENDING_COUNT = 4000;

export interface FtsLimits {
  chars: number;
  count: number;
}

/** Index at once: writers on the main thread, where a long FTS transaction would stall the UI. */
export const FTS_IMMEDIATE: FtsLimits = { chars: 0, count: 0 };

interface FtsRow {
  /** messages.content_key when the text was taken: an id handed out again for another message does not match. */
  key: string;
  subject: string;
  sender: string;
  body: string;
}

type TextFields = Pick<ParsedFields, 'subject' | 'from' | 'body_text'>;

/**
 * A copy of `s` that does not keep a larger string alive. The parser's body_text is a slice of the decoded part
 * when it is capped (and a malformed message's fields are slices of its whole source): V8 keeps a slice's parent,
 * so 100 held 64 KB slices of 1 MB bodies measured 116 MiB of heap, 10 MiB once copied. Concatenating then
 * slicing makes V8 flatten into a new string (one char longer): a memcpy, negligible beside the FTS insert.
 */
function detached(s: string): string {
  return (s + ' ').slice(0, -1);
}

/** The row as the sync always indexed it, in strings of its own (held for a while: see detached). */
function rowOf(key: string, m: TextFields): FtsRow {
  return {
    key,
    subject: detached(m.subject),
    sender: [m.from?.name, m.from?.address].filter(Boolean).join(' '),
    body: detached(m.body_text),
  };
}

/** Messages' text kept between their commit and their indexing, by message id. */
export class FtsBacklog {
  private readonly rows = new Map<number, FtsRow>();
  private chars = 0;
  /** The last indexing stopped at a message whose text is not held: catchUpFts must run, or this only grows. */
  stuck = false;

  constructor(private readonly limits: FtsLimits = { chars: FTS_PENDING_CHARS, count: FTS_PENDING_COUNT }) {}

  hold(id: number, key: string, m: TextFields): void {
    this.put(id, rowOf(key, m));
  }

  private put(id: number, row: FtsRow): void {
    this.drop(id);
    this.rows.set(id, row);
    this.chars += row.subject.length + row.sender.length + row.body.length;
  }

  private drop(id: number): void {
    const old = this.rows.get(id);
    if (!old) return;
    this.rows.delete(id);
    this.chars -= old.subject.length + old.sender.length + old.body.length;
  }

  get(id: number, key: string): FtsRow | undefined {
    const row = this.rows.get(id);
    return row?.key === key ? row : undefined;
  }

  /** Forgets the rows of ids up to `id` (indexed now, or deleted). */
  dropThrough(id: number): void {
    for (const held of [...this.rows.keys()]) if (held <= id) this.drop(held);
  }

  get size(): number {
    return this.rows.size;
  }

  get pendingChars(): number {
    return this.chars;
  }

  /** Over budget: index in this transaction. */
  due(): boolean {
    return this.chars >= this.limits.chars || this.rows.size >= this.limits.count;
  }
}

function watermark(db: DB): number {
  return cached<{ w: number }>(db, 'SELECT indexed_through AS w FROM fts_state WHERE id = 1').get()?.w ?? 0;
}

/** True when some stored messages are not in the search index yet (a crash, or text still held by a writer). */
export function ftsBehind(db: DB): boolean {
  return cached(db, 'SELECT 1 FROM messages WHERE id > (SELECT indexed_through FROM fts_state WHERE id = 1) LIMIT 1').get() !== undefined;
}

/**
 * Inside a write transaction: indexes the messages right above the watermark, in id order, as long as their text
 * is held, and moves the watermark past them. Returns the first message whose text is not held (null: every
 * stored message is indexed). Held rows of deleted messages are simply never indexed.
 */
export function indexHeld(db: DB, backlog: FtsBacklog): number | null {
  const from = watermark(db);
  // Only held rows are indexed: one more than held is enough to tell a gap (a plain list: better-sqlite3 runs
  // no other statement while an iterator is open).
  const above = cached<{ id: number; content_key: string }>(db, 'SELECT id, content_key FROM messages WHERE id > ? ORDER BY id LIMIT ?').all(
    from,
    backlog.size + 1,
  );
  const insert = cached(db, 'INSERT INTO messages_fts (rowid, subject, sender, body_text) VALUES (?, ?, ?, ?)');
  let through = from;
  let gap: number | null = null;
  for (const m of above) {
    const row = backlog.get(m.id, m.content_key);
    if (!row) {
      gap = m.id;
      break;
    }
    insert.run(m.id, row.subject, row.sender, row.body);
    through = m.id;
  }
  if (through > from) cached(db, 'UPDATE fts_state SET indexed_through = ? WHERE id = 1').run(through);
  // Without a gap every stored message is indexed: whatever is still held belongs to deleted messages.
  backlog.dropThrough(gap === null ? Number.MAX_SAFE_INTEGER : through);
  backlog.stuck = gap !== null;
  return gap;
}

/** Messages parsed per catch-up step: each step is one short transaction (bounded, on any thread). */
const CATCH_UP_CHUNK = 200;

/**
 * Indexes every stored message above the watermark: the text held by `backlog`, the rest re-parsed from its raw
 * source (`parse`: parseMessage, in this thread or a worker). In steps of CATCH_UP_CHUNK messages, each indexed
 * in its own transaction, so a long catch-up never holds the write lock or a thread for long, and another writer
 * may index meanwhile (each step starts again from the watermark it finds).
 */
export async function catchUpFts(db: DB, backlog: FtsBacklog, parse: (raw: Uint8Array) => Promise<TextFields>): Promise<void> {
  const step = db.transaction(() => indexHeld(db, backlog));
  for (let gap = step.immediate(); gap !== null; gap = step.immediate()) {
    const missing = cached<{ id: number; content_key: string; subject: string | null; from_name: string | null; from_address: string | null }>(
      db,
      'SELECT id, content_key, subject, from_name, from_address FROM messages WHERE id >= ? ORDER BY id LIMIT ?',
    ).all(gap, CATCH_UP_CHUNK);
    // Lets the thread's other work in between steps (parsing here may be synchronous: no worker).
    await new Promise((resolve) => setImmediate(resolve));
    for (const m of missing) {
      if (backlog.get(m.id, m.content_key)) continue;
      const raw = readRawSource(db, m.id);
      // No source (should not happen): what the row says, so the message is at least found by subject and sender.
      const fields = raw
        ? await parse(raw)
        : { subject: m.subject ?? '', from: { name: m.from_name ?? '', address: m.from_address ?? '' }, body_text: '' };
      backlog.hold(m.id, m.content_key, fields);
    }
  }
}
