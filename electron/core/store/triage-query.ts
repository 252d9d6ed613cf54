// The team-triage views (issue 16): messages of one view ("à traiter", "à moi" …) and/or one assignee, across
// every mailbox and folder, newest first. Copies of a Message-ID collapse within the view (the lowest id that
// is in it), as the folder views do. Kept apart from message-query.ts so each list has its own plan.
import type { MessagePage, MessageQuery, MessageSummary } from '../../../shared/types.js';
import type { DB } from './db.js';
import { toFtsQuery } from './fts-query.js';
import { shownFolder } from './shown-folder.js';
import { cached } from './statements.js';
import { assigneeCondition, inboxFolderIds, triageCondition, triageName } from './triage.js';

/** What message-query.ts lends: its summary columns and row mapping, so both lists return the same shape. */
export interface PageTools<R extends { id: number; mailbox_id: number; message_id: string | null }> {
  limit: number;
  offset: number;
  columns: string;
  toSummary(r: R, mailboxIds: number[]): MessageSummary;
  mailboxIdsFor(rows: R[]): Map<number, number[]>;
}

export function listTriageMessages<R extends { id: number; mailbox_id: number; message_id: string | null }>(
  db: DB,
  q: MessageQuery,
  t: PageTools<R>,
): MessagePage {
  const inbox = inboxFolderIds(db);
  const me = triageName(db);
  // The same filters for the row (m) and, when collapsing, for the copies it hides (c).
  const inView = (a: string) => {
    const parts = [
      ...(q.triage !== undefined ? [triageCondition(a, q.triage, me, inbox)] : []),
      ...(q.assignee !== undefined ? [assigneeCondition(a, q.assignee)] : []),
    ];
    if (q.folder !== undefined && q.folder !== 'all') {
      parts.push({ sql: `${shownFolder(a)} IN (SELECT id FROM folders WHERE role = ?)`, params: [q.folder] });
    }
    if (q.mailbox_id !== undefined) parts.push({ sql: `${a}.mailbox_id = ?`, params: [q.mailbox_id] });
    if (q.unread_only === true) parts.push({ sql: `${a}.seen = 0`, params: [] });
    return { sql: parts.map((p) => p.sql).join(' AND '), params: parts.flatMap((p) => p.params) };
  };
  const own = inView('m');
  const conds = [own.sql];
  const params = [...own.params];
  if (q.mailbox_id === undefined && q.collapse_duplicates !== false) {
    const other = inView('c');
    conds.push(`(m.message_id IS NULL OR NOT EXISTS (SELECT 1 FROM messages c WHERE c.message_id = m.message_id AND c.id < m.id AND ${other.sql}))`);
    params.push(...other.params);
  }
  const match = toFtsQuery(q.search ?? '');
  if (match !== null) {
    conds.push('m.id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?)');
    params.push(match);
  }
  const where = conds.join(' AND ');
  const rows = cached<R>(
    db,
    `WITH page AS (SELECT m.id, m.sort_date FROM messages m WHERE ${where} ORDER BY m.sort_date DESC, m.id DESC LIMIT ? OFFSET ?)
     SELECT ${t.columns} FROM page p JOIN messages m ON m.id = p.id JOIN folders f ON f.id = ${shownFolder('m')}
     ORDER BY p.sort_date DESC, p.id DESC`,
  ).all(...params, t.limit, t.offset);
  const total =
    rows.length > 0 && rows.length < t.limit
      ? t.offset + rows.length
      : (cached<{ n: number }>(db, `SELECT COUNT(*) AS n FROM messages m WHERE ${where}`).get(...params)?.n ?? 0);
  const mailboxIds = t.mailboxIdsFor(rows);
  return { items: rows.map((r) => t.toSummary(r, mailboxIds.get(r.id) ?? [r.mailbox_id])), total, offset: t.offset };
}
