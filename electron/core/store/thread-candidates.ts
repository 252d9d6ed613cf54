// Messages that may belong to one conversation: those whose Message-ID is referenced, and those whose subject
// contains the conversation's base subject (the fallback for mail without threading headers). One stored row
// per Message-ID (the collapsed inbox's representative). Bounded: a thread view never scans more than `limit`.
// The subject side asks the full-text index for the base subject as a phrase in the subject column: a
// `subject LIKE '%…%'` scanned every row (≈ 0.3 s per opened message at 100 000 messages, bench/thread-badge.ts).
// The phrase is a superset of what findThread keeps (same base subject, checked there), accents and case aside.
import type { DB } from './db.js';
import { cached } from './statements.js';

/** Characters FTS5's unicode61 tokenizer never makes part of a token (and NUL, which ends an FTS5 string). */
const NOT_TEXT = /[\p{Cc}\p{Cs}\p{Co}\p{Cn}]/gu;

/** `subject : "…"` for FTS5, or null when the subject holds no word (then no subject fallback). */
export function subjectPhrase(baseSubject: string): string | null {
  const text = baseSubject.replace(NOT_TEXT, ' ').normalize('NFC');
  if (!/[\p{L}\p{N}]/u.test(text)) return null;
  return `subject : "${text.replaceAll('"', '""')}"`;
}

export function threadCandidateIds(db: DB, messageIds: string[], baseSubject: string, limit = 300): number[] {
  const phrase = subjectPhrase(baseSubject);
  const bySubject = phrase === null ? '' : ' OR id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?)';
  const args: Array<string | number> = [JSON.stringify(messageIds), ...(phrase === null ? [] : [phrase]), limit];
  return cached<{ id: number }>(
    db,
    `SELECT id FROM messages
     WHERE is_primary = 1 AND (message_id IN (SELECT value FROM json_each(?))${bySubject})
     ORDER BY sort_date DESC LIMIT ?`,
  )
    .all(...args)
    .map((r) => r.id);
}
