// How many messages each unified view holds, counted exactly as its list shows them by default (message-query.ts):
// one row per Message-ID within a view (the copy with the lowest id there), every view across every mailbox, and
// « Tous les messages » one row per Message-ID overall (is_primary). The sidebar's « Boîte unifiée » badge, the
// « Réception » count and each mailbox's inbox_unread_count are all this one count (`collapsedCounts`), taken
// whole or narrowed to the Inbox's unread rows, so they cannot disagree.
import type { FolderRole } from '../../../shared/types.js';
import type { DB } from './db.js';
import { shownFolder } from './shown-folder.js';
import { cached } from './statements.js';

export interface Count {
  total: number;
  unread: number;
}

export interface ViewCounts {
  /** Each folder role's view, copies within it counted once. */
  byRole: Map<FolderRole, Count>;
  /** Every folder, one row per Message-ID (the « all » view). */
  all: Count;
}

/** Narrows the count: one role's folders, one mailbox's, unread rows only (each narrowing read from an index). */
interface Scope {
  role?: FolderRole;
  mailboxId?: number;
  unreadOnly?: boolean;
}

/** The scope's folders, written into the SQL as integers so the planner reads index ranges (as message-query.ts). */
function folderFilter(db: DB, scope: Scope): string {
  if (scope.role === undefined && scope.mailboxId === undefined) return '';
  const ids = cached<{ id: number }>(db, 'SELECT id FROM folders WHERE role = COALESCE(?, role) AND mailbox_id = COALESCE(?, mailbox_id)')
    .all(scope.role ?? null, scope.mailboxId ?? null)
    .map((f) => f.id);
  return ` AND ${shownFolder('m')} IN (${ids.join(', ')})`;
}

// Rows by the folder they show in, read from the view index alone (it carries is_primary and seen).
const ROWS = (filter: string, unreadOnly: boolean) =>
  `SELECT ${shownFolder('m')} AS fid, COUNT(*) AS total, COALESCE(SUM(m.seen = 0), 0) AS unread,
     COALESCE(SUM(m.is_primary), 0) AS primary_total, COALESCE(SUM(m.is_primary = 1 AND m.seen = 0), 0) AS primary_unread
   FROM messages m INDEXED BY messages_shown_sort WHERE 1 = 1${filter}${unreadOnly ? ' AND m.seen = 0' : ''}
   GROUP BY 1`;

// The copies a view lists under another row: a lower-id copy of the same Message-ID shows in a folder of the
// same role. Only non-primary rows can be such copies (the primary is the lowest id anywhere), and they are few:
// read through their own partial index, which also carries mailbox_id and seen for the narrowings.
const HIDDEN_COPIES = (scope: Scope) =>
  `SELECT fm.role AS role, fm.mailbox_id AS mailbox_id, COUNT(*) AS total, COALESCE(SUM(m.seen = 0), 0) AS unread
   FROM messages m INDEXED BY messages_mailbox_copies
   JOIN folders fm ON fm.id = ${shownFolder('m')}
   WHERE m.is_primary = 0 AND m.message_id IS NOT NULL${scope.mailboxId !== undefined ? ' AND m.mailbox_id = ?' : ''}${scope.unreadOnly ? ' AND m.seen = 0' : ''}${scope.role !== undefined ? ' AND fm.role = ?' : ''}
     AND EXISTS (SELECT 1 FROM messages c JOIN folders fc ON fc.id = ${shownFolder('c')}
                 WHERE c.message_id = m.message_id AND c.id < m.id AND fc.role = fm.role)
   GROUP BY 1, 2`;

type RowCounts = { fid: number; total: number; unread: number; primary_total: number; primary_unread: number };
type CopyCounts = { role: FolderRole; mailbox_id: number; total: number; unread: number };

interface Collapsed {
  /** role → mailbox → the rows of that mailbox the role's view lists. */
  byRole: Map<FolderRole, Map<number, Count>>;
  all: Count;
}

function addTo(byRole: Collapsed['byRole'], role: FolderRole, mailboxId: number, total: number, unread: number): void {
  const perMailbox = byRole.get(role) ?? new Map<number, Count>();
  const c = perMailbox.get(mailboxId) ?? { total: 0, unread: 0 };
  perMailbox.set(mailboxId, { total: c.total + total, unread: c.unread + unread });
  byRole.set(role, perMailbox);
}

// Counting the copies probes each of them (tens of ms at 100 000 messages): the answer is kept until the store
// changes. Any write of this connection moves total_changes(), any commit of another (the parse worker's) moves
// data_version, so the key is exact, not a guess.
const memoByDb = new WeakMap<DB, { key: string; results: Map<string, Collapsed> }>();

function collapsedCounts(db: DB, scope: Scope): Collapsed {
  const v = cached<{ changes: number }>(db, 'SELECT total_changes() AS changes').get();
  const key = `${db.pragma('data_version', { simple: true }) as number}|${v?.changes ?? 0}`;
  let memo = memoByDb.get(db);
  if (memo?.key !== key) memoByDb.set(db, (memo = { key, results: new Map() }));
  const scopeKey = `${scope.role ?? ''}|${scope.mailboxId ?? ''}|${scope.unreadOnly === true}`;
  const hit = memo.results.get(scopeKey);
  if (hit) return hit;
  if (memo.results.size > 64) memo.results.clear(); // one entry per mailbox at most, in practice
  const fresh = countNow(db, scope);
  memo.results.set(scopeKey, fresh);
  return fresh;
}

/** THE count: the rows each view lists, by view and by the mailbox of the listed row, within `scope`. */
function countNow(db: DB, scope: Scope): Collapsed {
  const folders = new Map(
    cached<{ id: number; role: FolderRole; mailbox_id: number }>(db, 'SELECT id, role, mailbox_id FROM folders').all().map((f) => [f.id, f]),
  );
  const filter = folderFilter(db, scope);
  const byRole: Collapsed['byRole'] = new Map();
  const all: Count = { total: 0, unread: 0 };
  for (const r of cached<RowCounts>(db, ROWS(filter, scope.unreadOnly === true)).all()) {
    const f = folders.get(r.fid);
    if (f) addTo(byRole, f.role, f.mailbox_id, r.total, r.unread);
    all.total += r.primary_total;
    all.unread += r.primary_unread;
  }
  const copyArgs = [...(scope.mailboxId !== undefined ? [scope.mailboxId] : []), ...(scope.role !== undefined ? [scope.role] : [])];
  for (const c of cached<CopyCounts>(db, HIDDEN_COPIES(scope)).all(...copyArgs)) addTo(byRole, c.role, c.mailbox_id, -c.total, -c.unread);
  return { byRole, all };
}

/** Every view's counts, as the sidebar shows them (getFolderCounts). */
export function viewCounts(db: DB): ViewCounts {
  const { byRole, all } = collapsedCounts(db, {});
  const sums = new Map<FolderRole, Count>();
  for (const [role, perMailbox] of byRole) {
    const s: Count = { total: 0, unread: 0 };
    for (const c of perMailbox.values()) {
      s.total += c.total;
      s.unread += c.unread;
    }
    sums.set(role, s);
  }
  return { byRole: sums, all: { ...all } };
}

/** Unread rows of the unified Inbox by the mailbox of the listed row (all mailboxes, or one): they add up to
 *  viewCounts' Inbox unread. */
export function inboxUnreadByMailbox(db: DB, mailboxId?: number): Map<number, number> {
  const scope: Scope = { role: 'inbox', unreadOnly: true, ...(mailboxId !== undefined ? { mailboxId } : {}) };
  const perMailbox = collapsedCounts(db, scope).byRole.get('inbox') ?? new Map<number, Count>();
  return new Map([...perMailbox].map(([id, c]) => [id, c.unread]));
}
