// Whether a folder keeps the triage keywords on the server (issue 16). A server announces it with `\*` in
// PERMANENTFLAGS on a read-write SELECT (RFC 3501 §7.1); without it, or when it refuses a STORE of one, the
// folder is marked and its triage ops stay queued and unpushed: the overlay keeps them in this install.
import type { MailboxObject } from 'imapflow';
import { isTriageKeyword } from '../../../shared/triage.js';
import type { DB } from '../store/index.js';
import { cached } from '../store/statements.js';
import { setKeywordsOk } from '../store/triage.js';

export function folderKeywordsOk(db: DB, folderId: number): 0 | 1 | null {
  const v = cached<{ k: number | null }>(db, 'SELECT keywords_ok AS k FROM folders WHERE id = ?').get(folderId)?.k ?? null;
  return v === null ? null : v === 1 ? 1 : 0;
}

/** After asking for a read-write SELECT: a folder the server opened read-only keeps nothing either. */
export function learnKeywordsOk(db: DB, folderId: number, box: MailboxObject): 0 | 1 {
  const ok = !box.readOnly && box.permanentFlags?.has('\\*') === true;
  setKeywordsOk(db, folderId, ok);
  return ok ? 1 : 0;
}

export function withoutLocalTriage<T extends { flag: string }>(ops: T[], keywordsOk: 0 | 1 | null): T[] {
  return keywordsOk === 0 ? ops.filter((op) => !isTriageKeyword(op.flag)) : ops;
}

/** The server said NO to storing a triage keyword: keep it local from now on. True when that was the case. */
export function refusedTriageKeyword(db: DB, folderId: number, flag: string): boolean {
  if (!isTriageKeyword(flag)) return false;
  setKeywordsOk(db, folderId, false);
  return true;
}
