// Messages that may belong to one conversation: those whose Message-ID is referenced, and those whose subject
// contains the conversation's base subject (the fallback for mail without threading headers). One stored row
// per Message-ID (the collapsed inbox's representative). Bounded: a thread view never scans more than `limit`.
import type { DB } from './db.js';
import { cached } from './statements.js';

export function threadCandidateIds(db: DB, messageIds: string[], baseSubject: string, limit = 300): number[] {
  const like = `%${baseSubject.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return cached<{ id: number }>(
    db,
    `SELECT id FROM messages
     WHERE is_primary = 1
       AND (message_id IN (SELECT value FROM json_each(?)) OR (? <> '' AND subject LIKE ? ESCAPE '\\'))
     ORDER BY sort_date DESC LIMIT ?`,
  )
    .all(JSON.stringify(messageIds), baseSubject, like, limit)
    .map((r) => r.id);
}
