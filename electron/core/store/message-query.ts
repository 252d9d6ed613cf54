// Reading messages for the inbox. The collapsed view (one row per Message-ID across mailboxes) reads the
// `is_primary` rows through a partial index, so the first page costs the same at 100 000 messages as at 100;
// the mailboxes holding each copy are looked up for the page's rows only.
import type { Address, AttachmentMeta, FolderRole, MessagePage, MessageQuery, MessageSummary } from '../../../shared/types.js';
import type { DB } from './db.js';
import { toFtsQuery } from './fts-query.js';
import { shownFolder } from './shown-folder.js';
import { readRawSource } from './source-read.js';
import { cached } from './statements.js';
import { TRIAGE_COLUMNS, toTriageInfo, type TriageColumns } from './triage.js';
import { listTriageMessages } from './triage-query.js';
import { inboxUnreadByMailbox } from './view-counts.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

interface SummaryRow extends TriageColumns {
  id: number;
  mailbox_id: number;
  folder: string;
  folder_role: FolderRole;
  action_error: string | null;
  message_id: string | null;
  subject: string;
  from_name: string | null;
  from_address: string | null;
  date: string | null;
  snippet: string;
  seen: number;
  flagged: number;
  has_attachments: number;
  size: number;
}

// `f` is the folder the message shows in: its pending move's destination, else its own (issue 14).
const SHOWN_FOLDER = shownFolder('m');
const SUMMARY_COLUMNS = `m.id, m.mailbox_id, f.path AS folder, f.role AS folder_role, m.action_error, m.message_id, m.subject, m.from_name, m.from_address,
  m.date, m.snippet, m.seen, m.flagged, m.has_attachments, m.size, ${TRIAGE_COLUMNS}`;

function toSummary(r: SummaryRow, mailboxIds: number[]): MessageSummary {
  const from = r.from_name === null && r.from_address === null ? null : { name: r.from_name ?? '', address: r.from_address ?? '' };
  return {
    id: r.id,
    mailbox_id: r.mailbox_id,
    mailbox_ids: mailboxIds,
    folder: r.folder,
    folder_role: r.folder_role,
    action_error: r.action_error,
    triage: toTriageInfo(r),
    message_id: r.message_id,
    subject: r.subject,
    from,
    date: r.date,
    snippet: r.snippet,
    seen: r.seen === 1,
    flagged: r.flagged === 1,
    has_attachments: r.has_attachments === 1,
    size: r.size,
  };
}

/** Every mailbox holding a copy of each row's Message-ID (the row's own mailbox without one). */
function mailboxIdsFor(db: DB, rows: SummaryRow[]): Map<number, number[]> {
  const ids = [...new Set(rows.map((r) => r.message_id).filter((id): id is string => id !== null))];
  const byMessageId = new Map<string, number[]>();
  if (ids.length > 0) {
    const copies = cached<{ message_id: string; mailbox_id: number }>(
      db,
      `SELECT DISTINCT message_id, mailbox_id FROM messages
       WHERE message_id IN (SELECT value FROM json_each(?)) ORDER BY mailbox_id`,
    ).all(JSON.stringify(ids));
    for (const c of copies) {
      const list = byMessageId.get(c.message_id) ?? [];
      list.push(c.mailbox_id);
      byMessageId.set(c.message_id, list);
    }
  }
  return new Map(rows.map((r) => [r.id, (r.message_id !== null && byMessageId.get(r.message_id)) || [r.mailbox_id]]));
}

function clampInt(v: number | undefined, min: number, max: number, fallback: number): number {
  if (v === undefined || !Number.isFinite(v)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(v)));
}

/** The index that yields the filtered rows already in inbox order (newest first). */
function orderIndex(collapse: boolean, byMailbox: boolean, unread: boolean): string {
  if (byMailbox) return unread ? 'messages_mailbox_unread_sort' : 'messages_mailbox_sort';
  if (collapse) return unread ? 'messages_primary_unread_sort' : 'messages_primary_sort';
  return 'messages_sort';
}

/** `_mailboxNames` is accepted for the engine's call signature; summaries carry mailbox ids, not names. */
export function listMessages(db: DB, q: MessageQuery, _mailboxNames?: ReadonlyMap<number, string>): MessagePage {
  const limit = clampInt(q.limit, 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE);
  const offset = clampInt(q.offset, 0, Number.MAX_SAFE_INTEGER, 0);
  // Team triage views (issue 16) span every folder and have their own filters: triage-query.ts.
  if (q.triage !== undefined || q.assignee !== undefined) {
    return listTriageMessages(db, q, { limit, offset, columns: SUMMARY_COLUMNS, toSummary, mailboxIdsFor: (rows) => mailboxIdsFor(db, rows) });
  }
  const byMailbox = q.mailbox_id !== undefined;
  const unread = q.unread_only === true;
  // Within one mailbox every copy is shown; across mailboxes, one row per Message-ID unless asked otherwise.
  const collapse = !byMailbox && q.collapse_duplicates !== false;
  const view = q.folder !== undefined && q.folder !== 'all' ? q.folder : null;
  const conds: string[] = [];
  const params: unknown[] = [];
  if (byMailbox) {
    conds.push('m.mailbox_id = ?');
    params.push(q.mailbox_id);
  }
  let viewIndex: string | null = null;
  let viewFingerprint = '';
  let viewSize = 0;
  if (view !== null) {
    // One view = the folders playing that role in every mailbox; copies collapse within the view only.
    // The ids are integers from the database, written in the SQL so the planner can use them as index ranges.
    const folderIds = folderIdsOfRole(db, view);
    if (folderIds.length === 0) return { items: [], total: 0, offset };
    const list = folderIds.join(', ');
    conds.push(`${SHOWN_FOLDER} IN (${list})`);
    if (collapse) {
      // The primary copy has the lowest id of its Message-ID anywhere: only the other copies need the probe.
      conds.push(`(m.is_primary = 1 OR m.message_id IS NULL OR NOT EXISTS (SELECT 1 FROM messages c WHERE c.message_id = m.message_id
        AND c.id < m.id AND ${shownFolder('c')} IN (${list})))`);
    }
    // A view holding most messages (the Inbox) is read by walking the newest-first index and filtering; a
    // small one (Sent, Spam, Archive …) from its own folders' rows, sorted: each way stops early.
    const stats = cached<{ n: number; mx: number | null; u: number | null }>(
      db,
      `SELECT COUNT(*) AS n, MAX(m.id) AS mx, SUM(m.seen = 0) AS u FROM messages m INDEXED BY messages_shown_sort WHERE ${SHOWN_FOLDER} IN (${list})`,
    ).get();
    viewSize = stats?.n ?? 0;
    viewFingerprint = `${list}|${viewSize}|${stats?.mx ?? 0}|${stats?.u ?? 0}`;
    if (viewSize === 0) return { items: [], total: 0, offset };
    const all = cached<{ n: number }>(db, 'SELECT COUNT(*) AS n FROM messages').get()?.n ?? 0;
    viewIndex = viewSize * 3 > all ? orderIndex(false, byMailbox, unread) : 'messages_shown_sort';
  } else if (collapse) conds.push('m.is_primary = 1');
  if (unread) conds.push('m.seen = 0');
  const match = toFtsQuery(q.search ?? '');
  const filters = conds.map((c) => ` AND ${c}`).join('');

  // Plans are pinned (INDEXED BY): walking the ordered index and testing each id against the full-text
  // matches stops after one page however many messages match, where sorting every match would not.
  const pageSql = `SELECT m.id, m.sort_date FROM messages m INDEXED BY ${viewIndex ?? orderIndex(collapse, byMailbox, unread)}
    WHERE 1 = 1${filters}${match === null ? '' : ' AND m.id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?)'}
    ORDER BY m.sort_date DESC, m.id DESC LIMIT ? OFFSET ?`;
  const pageParams = match === null ? [...params, limit, offset] : [...params, match, limit, offset];
  const rows = cached<SummaryRow>(
    db,
    `WITH page AS (${pageSql})
     SELECT ${SUMMARY_COLUMNS} FROM page p JOIN messages m ON m.id = p.id JOIN folders f ON f.id = ${SHOWN_FOLDER}
     ORDER BY p.sort_date DESC, p.id DESC`,
  ).all(...pageParams);

  let total: number;
  if (rows.length > 0 && rows.length < limit) total = offset + rows.length; // the last page: no need to count
  else if (match === null && view !== null && conds.length === 1) total = viewSize;
  else if (match === null && view !== null) {
    // Counting a collapsed view probes every other copy (~0.2 s at 100 000 messages): remembered until the
    // view's rows change (their number, newest id or unread count, read from the index above).
    const key = `${filters}|${JSON.stringify(params)}`;
    const memo = viewTotals(db);
    const hit = memo.get(key);
    if (hit && hit.fingerprint === viewFingerprint) total = hit.total;
    else {
      total = cached<{ n: number }>(db, `SELECT COUNT(*) AS n FROM messages m INDEXED BY messages_shown_sort WHERE 1 = 1${filters}`).get(...params)?.n ?? 0;
      memo.set(key, { fingerprint: viewFingerprint, total });
    }
  } else if (match === null) {
    total = cached<{ n: number }>(db, `SELECT COUNT(*) AS n FROM messages m WHERE 1 = 1${filters}`).get(...params)?.n ?? 0;
  } else {
    // Driven by the full-text matches, each checked in the narrow cover index rather than the table.
    total =
      cached<{ n: number }>(
        db,
        `SELECT COUNT(*) AS n FROM messages_fts f CROSS JOIN messages m INDEXED BY messages_search_cover ON m.id = f.rowid
         WHERE f.messages_fts MATCH ?${filters}`,
      ).get(match, ...params)?.n ?? 0;
  }
  const mailboxIds = mailboxIdsFor(db, rows);
  return { items: rows.map((r) => toSummary(r, mailboxIds.get(r.id) ?? [r.mailbox_id])), total, offset };
}

const totalsByDb = new WeakMap<DB, Map<string, { fingerprint: string; total: number }>>();
function viewTotals(db: DB): Map<string, { fingerprint: string; total: number }> {
  let m = totalsByDb.get(db);
  if (!m) totalsByDb.set(db, (m = new Map<string, { fingerprint: string; total: number }>()));
  if (m.size > 64) m.clear(); // one entry per view and filter: a handful in practice
  return m;
}

function folderIdsOfRole(db: DB, role: FolderRole): number[] {
  return cached<{ id: number }>(db, 'SELECT id FROM folders WHERE role = ?').all(role).map((r) => r.id);
}

export type MessageRow = MessageSummary & {
  to: Address[];
  cc: Address[];
  reply_to: Address[];
  attachments: AttachmentMeta[];
  parse_error: string | null;
  raw: Buffer;
  mailbox_email: string;
  folder_id: number;
  uid: number;
  uidvalidity: string;
};

function parseAddresses(json: string): Address[] {
  const v: unknown = JSON.parse(json);
  if (!Array.isArray(v)) return [];
  return v.flatMap((a: unknown) => {
    if (typeof a !== 'object' || a === null) return [];
    const { name, address } = a as Record<string, unknown>;
    return [{ name: typeof name === 'string' ? name : '', address: typeof address === 'string' ? address : '' }];
  });
}

/** One message with everything the reader needs, raw source included (archived mailboxes too). */
export function getMessageRow(db: DB, id: number): MessageRow | undefined {
  const r = cached<
    SummaryRow & {
      to_json: string;
      cc_json: string;
      reply_to_json: string;
      parse_error: string | null;
      mailbox_email: string;
      folder_id: number;
      uid: number;
      uidvalidity: string;
    }
  >(
    db,
    `SELECT ${SUMMARY_COLUMNS}, m.to_json, m.cc_json, m.reply_to_json, m.parse_error,
       mb.email_address AS mailbox_email, m.folder_id, m.uid, m.uidvalidity
     FROM messages m
     JOIN folders f ON f.id = ${SHOWN_FOLDER}
     JOIN mailboxes mb ON mb.id = m.mailbox_id
     WHERE m.id = ?`,
  ).get(id);
  if (!r) return undefined;
  const attachments = cached<{ idx: number; filename: string; content_type: string; size: number; inline: number; content_id: string | null }>(
    db,
    'SELECT idx, filename, content_type, size, inline, content_id FROM attachments WHERE message_id = ? ORDER BY idx',
  )
    .all(id)
    .map((a) => ({
      index: a.idx,
      filename: a.filename,
      content_type: a.content_type,
      size: a.size,
      inline: a.inline === 1,
      content_id: a.content_id,
    }));
  const summary = toSummary(r, mailboxIdsFor(db, [r]).get(r.id) ?? [r.mailbox_id]);
  return {
    ...summary,
    to: parseAddresses(r.to_json),
    cc: parseAddresses(r.cc_json),
    reply_to: parseAddresses(r.reply_to_json),
    attachments,
    parse_error: r.parse_error,
    raw: readRawSource(db, id) ?? Buffer.alloc(0),
    mailbox_email: r.mailbox_email,
    folder_id: r.folder_id,
    uid: r.uid,
    uidvalidity: r.uidvalidity,
  };
}

/** Counts of one mailbox: every copy (total, unread), primary rows, and its share of the Inbox view's unread. */
export interface MailboxCounts {
  total: number;
  unread: number;
  /** Rows of this mailbox « Tous les messages » shows (one per Message-ID across mailboxes). */
  primary: number;
  /** Unread rows of this mailbox the unified Inbox lists (view-counts.ts): the mailboxes' shares add up to it. */
  inbox_unread: number;
}

/** Copies the inbox shows under another row (is_primary = 0): few, counted through their own partial index. */
type Copies = { n: number; unread: number };
const NO_COPIES: Copies = { n: 0, unread: 0 };

function withCopies(total: number, unread: number, copies: Copies, inboxUnread: number): MailboxCounts {
  return { total, unread, primary: total - copies.n, inbox_unread: inboxUnread };
}

/** Per mailbox (archived ones included): stored messages and unread ones, every copy counted, and primaries. */
export function mailboxCounts(db: DB): Map<number, MailboxCounts> {
  const totals = new Map<number, { total: number; unread: number }>();
  for (const r of cached<{ mailbox_id: number; n: number }>(db, 'SELECT mailbox_id, COUNT(*) AS n FROM messages GROUP BY mailbox_id').all()) {
    totals.set(r.mailbox_id, { total: r.n, unread: 0 });
  }
  for (const r of cached<{ mailbox_id: number; n: number }>(
    db,
    'SELECT mailbox_id, COUNT(*) AS n FROM messages WHERE seen = 0 GROUP BY mailbox_id',
  ).all()) {
    const c = totals.get(r.mailbox_id);
    if (c) c.unread = r.n;
  }
  const copies = new Map<number, Copies>();
  for (const r of cached<{ mailbox_id: number; n: number; unread: number }>(
    db,
    'SELECT mailbox_id, COUNT(*) AS n, COALESCE(SUM(seen = 0), 0) AS unread FROM messages INDEXED BY messages_mailbox_copies WHERE is_primary = 0 GROUP BY mailbox_id',
  ).all()) {
    copies.set(r.mailbox_id, { n: r.n, unread: r.unread });
  }
  const inbox = inboxUnreadByMailbox(db);
  const counts = new Map<number, MailboxCounts>();
  for (const [id, t] of totals) counts.set(id, withCopies(t.total, t.unread, copies.get(id) ?? NO_COPIES, inbox.get(id) ?? 0));
  return counts;
}

/** Counts of one mailbox only (status refreshes during a sync must not scan every mailbox). */
export function mailboxCountsOf(db: DB, mailboxId: number): MailboxCounts {
  const total = cached<{ n: number }>(db, 'SELECT COUNT(*) AS n FROM messages WHERE mailbox_id = ?').get(mailboxId)?.n ?? 0;
  const unread =
    cached<{ n: number }>(db, 'SELECT COUNT(*) AS n FROM messages WHERE mailbox_id = ? AND seen = 0').get(mailboxId)?.n ?? 0;
  const copies =
    cached<Copies>(
      db,
      'SELECT COUNT(*) AS n, COALESCE(SUM(seen = 0), 0) AS unread FROM messages INDEXED BY messages_mailbox_copies WHERE mailbox_id = ? AND is_primary = 0',
    ).get(mailboxId) ?? NO_COPIES;
  return withCopies(total, unread, copies, inboxUnreadByMailbox(db, mailboxId).get(mailboxId) ?? 0);
}
