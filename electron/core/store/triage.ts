// Team triage in the store (issue 16). The state lives in the message's keywords (flags_json); a change is
// applied to flags_json at once and queued in pending_flag_ops, the queue read/star marks use: the folder sync
// pushes it with UID STORE +FLAGS/-FLAGS, and until then the overlay keeps it over the server's flags. Once
// pushed, the server's flags are taken as they are (its last state wins; only this install's own changes are
// ever pushed, so two installs cannot flip-flop). A folder that refuses custom keywords keeps the ops queued
// and unpushed (folder-sync.ts): the triage stays local there.
import type { FolderRole, TriageInfo } from '../../../shared/types.js';
import { decodeName, encodeName, triageChanges, type TriageState, type TriageView } from '../../../shared/triage.js';
import type { DB } from './db.js';
import { flagColumns, parseFlags, withFlag } from './flag-set.js';
import { queueFlagOp } from './pending-ops.js';
import { getSetting } from './settings.js';
import { shownFolder } from './shown-folder.js';
import { cached } from './statements.js';

export const TRIAGE_NAME_SETTING = 'triage_name';

export function triageName(db: DB): string | null {
  const v = getSetting(db, TRIAGE_NAME_SETTING);
  return v === undefined || v === '' ? null : v;
}

/** Columns a summary row carries for triage (m = the message, f = the folder it shows in). */
export const TRIAGE_COLUMNS = 'm.triage_state, m.triage_assignee, m.triage_by, m.triage_at, f.keywords_ok AS folder_keywords_ok';

export interface TriageColumns {
  triage_state: TriageState | null;
  triage_assignee: string | null;
  triage_by: string | null;
  triage_at: string | null;
  folder_keywords_ok: number | null;
}

export function toTriageInfo(r: TriageColumns & { folder_role: FolderRole }): TriageInfo {
  const decode = (v: string | null) => (v === null ? null : (decodeName(v) ?? v));
  return {
    state: r.triage_state ?? (r.folder_role === 'inbox' ? 'todo' : null),
    assignee: decode(r.triage_assignee),
    by: decode(r.triage_by),
    at: r.triage_at,
    local_only: r.folder_keywords_ok === 0,
  };
}

/** SQL (alias `a`) + params for "this message is in that view"; `inboxIds` is a JSON list of INBOX folder ids. */
export function triageCondition(a: string, view: TriageView, me: string | null, inboxIds: string): { sql: string; params: unknown[] } {
  const shown = shownFolder(a);
  const implicitTodo = `(${a}.triage_state IS NULL AND ${shown} IN (SELECT value FROM json_each(?)))`;
  const open = `(${a}.triage_state IN ('todo', 'doing') OR ${implicitTodo})`;
  switch (view) {
    case 'todo':
      return { sql: `(${a}.triage_state = 'todo' OR ${implicitTodo})`, params: [inboxIds] };
    case 'doing':
    case 'done':
      return { sql: `${a}.triage_state = ?`, params: [view] };
    case 'unassigned':
      return { sql: `(${open} AND ${a}.triage_assignee IS NULL)`, params: [inboxIds] };
    case 'mine':
      if (me === null) return { sql: '0', params: [] };
      return { sql: `(${open} AND lower(${a}.triage_assignee) = ?)`, params: [inboxIds, encodeName(me.trim()).toLowerCase()] };
  }
}

export function assigneeCondition(a: string, name: string): { sql: string; params: unknown[] } {
  return { sql: `lower(${a}.triage_assignee) = ?`, params: [encodeName(name.trim()).toLowerCase()] };
}

export function inboxFolderIds(db: DB): string {
  return JSON.stringify(cached<{ id: number }>(db, "SELECT id FROM folders WHERE role = 'inbox'").all().map((r) => r.id));
}

/** Messages per view across mailboxes, one per Message-ID (the inbox shows copies as one). */
export function triageCounts(db: DB): Record<TriageView, number> {
  const me = triageName(db);
  const inbox = inboxFolderIds(db);
  const out = {} as Record<TriageView, number>;
  for (const view of ['todo', 'mine', 'unassigned', 'doing', 'done'] as const) {
    const c = triageCondition('m', view, me, inbox);
    out[view] =
      cached<{ n: number }>(db, `SELECT COUNT(DISTINCT COALESCE(m.message_id, 'row:' || m.id)) AS n FROM messages m WHERE ${c.sql}`).get(
        ...c.params,
      )?.n ?? 0;
  }
  return out;
}

/** Colleagues' names learnt from the keywords in the store (assignees and authors), plus `me`. */
export function triagePeople(db: DB, me: string | null): string[] {
  const seen = new Map<string, string>();
  const add = (name: string | null) => {
    if (name !== null && !seen.has(encodeName(name).toLowerCase())) seen.set(encodeName(name).toLowerCase(), name);
  };
  add(me);
  for (const r of cached<{ v: string }>(
    db,
    `SELECT triage_assignee AS v FROM messages WHERE triage_assignee IS NOT NULL
     UNION SELECT triage_by FROM messages WHERE triage_by IS NOT NULL`,
  ).all()) {
    add(decodeName(r.v));
  }
  return [...seen.values()].sort((x, y) => x.localeCompare(y, 'fr', { sensitivity: 'base' }));
}

export function localOnlyMailboxes(db: DB): Array<{ id: number; name: string }> {
  return cached<{ id: number; name: string }>(
    db,
    `SELECT DISTINCT mb.id, mb.name FROM folders f JOIN mailboxes mb ON mb.id = f.mailbox_id
     WHERE f.keywords_ok = 0 AND mb.deleted_at IS NULL ORDER BY mb.id`,
  ).all();
}

/** Records what the server said on a read-write SELECT: does it keep custom keywords in this folder? */
export function setKeywordsOk(db: DB, folderId: number, ok: boolean): void {
  cached(db, 'UPDATE folders SET keywords_ok = ? WHERE id = ? AND keywords_ok IS NOT ?').run(ok ? 1 : 0, folderId, ok ? 1 : 0);
}

export interface TriageOutcome {
  mailboxes: Set<number>;
  updated: number;
  localOnly: number;
}

/** Sets state and/or assignee on the messages and their copies (same Message-ID), made by `me`. */
export function applyTriage(db: DB, ids: number[], ask: { state?: TriageState; assignee?: string | null }, me: string | null): TriageOutcome {
  const out: TriageOutcome = { mailboxes: new Set(), updated: 0, localOnly: 0 };
  if (ids.length === 0) return out;
  db.transaction(() => {
    const rows = cached<{ id: number; mailbox_id: number; flags_json: string; archived: number; keywords_ok: number | null }>(
      db,
      `WITH asked(id) AS (SELECT value FROM json_each(?))
       SELECT m.id, m.mailbox_id, m.flags_json, (mb.deleted_at IS NOT NULL) AS archived, f.keywords_ok
       FROM messages m JOIN mailboxes mb ON mb.id = m.mailbox_id JOIN folders f ON f.id = m.folder_id
       WHERE m.id IN (SELECT id FROM asked)
          OR m.message_id IN (SELECT message_id FROM messages WHERE id IN (SELECT id FROM asked) AND message_id IS NOT NULL)`,
    ).all(JSON.stringify(ids));
    const update = cached(db, 'UPDATE messages SET flags_json = ?, seen = ?, flagged = ? WHERE id = ?');
    for (const r of rows) {
      let flags = parseFlags(r.flags_json);
      const changes = triageChanges(flags, ask, me);
      if (changes.length === 0) continue;
      for (const c of changes) {
        flags = withFlag(flags, c.flag, c.add);
        // An archived (soft-deleted) mailbox has no server to tell; the store still shows the change.
        if (r.archived === 0) queueFlagOp(db, r.id, r.mailbox_id, c.flag, c.add);
      }
      const f = flagColumns(flags);
      update.run(f.flags_json, f.seen, f.flagged, r.id);
      out.mailboxes.add(r.mailbox_id);
      out.updated++;
      if (r.keywords_ok === 0) out.localOnly++;
    }
  }).immediate();
  return out;
}
