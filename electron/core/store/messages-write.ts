// Writing what the sync engine fetched: batches of parsed messages, relinks after a UIDVALIDITY change,
// expunges. Every function is one transaction: a crash or a full disk leaves the previous state intact, and
// a replayed batch is recognised by (folder, uidvalidity, uid) and skipped.
import { ReleveError } from '../../../shared/errors.js';
import type { FolderState, ParsedMessage } from '../model.js';
import type { DB } from './db.js';
import { flagColumns } from './flag-set.js';
import { FTS_IMMEDIATE, FtsBacklog, indexHeld } from './fts-deferred.js';
import { requireFolder, updateFolderState, type FolderStatePatch } from './folders.js';
import { overlayPendingOps } from './pending-ops.js';
import { storeSource } from './source-store.js';
import { packWriterFor } from './source-packs.js';
import { dropRelinkIndexIfUnneeded, ensureRelinkIndex } from './relink-index.js';
import { folderHasStaleRows } from './stale.js';
import { cached } from './statements.js';

export interface BatchResult {
  inserted: number;
  relinked: number;
  skipped: number;
}

/** Message-IDs are compared as given, minus surrounding blanks; an empty one is no Message-ID. */
export function normalizeMessageId(id: string | null): string | null {
  const t = id?.trim() ?? '';
  return t === '' ? null : t;
}

export function sortDateOf(m: Pick<ParsedMessage, 'date' | 'internal_date'>, fallbackMs: number): number {
  for (const d of [m.date, m.internal_date]) {
    const ms = d ? Date.parse(d) : NaN;
    if (Number.isFinite(ms)) return ms;
  }
  return fallbackMs;
}

function currentUidValidity(folder: FolderState, state: FolderStatePatch): string {
  const next = state.uidvalidity ?? null;
  if (folder.uidvalidity !== null && next !== null && next !== folder.uidvalidity) {
    // A renumbered folder must go through resetFolderForUidValidity first, or stale rows would be skipped.
    throw new ReleveError('STORAGE', `folder ${folder.id}: uidvalidity ${next} given, folder has ${folder.uidvalidity}`);
  }
  const uv = folder.uidvalidity ?? next;
  if (uv === null) throw new ReleveError('STORAGE', `folder ${folder.id} has no uidvalidity yet`);
  return uv;
}

function existsCurrent(db: DB, folderId: number, uidvalidity: string, uid: number): boolean {
  return (
    cached(db, 'SELECT 1 FROM messages WHERE folder_id = ? AND uidvalidity = ? AND uid = ?').get(
      folderId,
      uidvalidity,
      uid,
    ) !== undefined
  );
}

/** Points one stale row with this content key at its new UID; false when there is none. */
function relinkOneStale(
  db: DB,
  folderId: number,
  uidvalidity: string,
  item: { uid: number; content_key: string; flags: string[]; modseq?: string | null },
): boolean {
  const stale = cached<{ id: number }>(
    db,
    'SELECT id FROM messages WHERE folder_id = ? AND content_key = ? AND uidvalidity <> ? ORDER BY id LIMIT 1',
  ).get(folderId, item.content_key, uidvalidity);
  if (!stale) return false;
  const f = flagColumns(overlayPendingOps(db, stale.id, item.flags));
  cached(
    db,
    `UPDATE messages SET uidvalidity = ?, uid = ?, flags_json = ?, seen = ?, flagged = ?, modseq = ? WHERE id = ?`,
  ).run(uidvalidity, item.uid, f.flags_json, f.seen, f.flagged, item.modseq ?? null, stale.id);
  return true;
}

function insertMessage(db: DB, folder: FolderState, uidvalidity: string, m: ParsedMessage, nowMs: number): number {
  const messageId = normalizeMessageId(m.message_id);
  const isPrimary =
    messageId === null || !cached(db, 'SELECT 1 FROM messages WHERE message_id = ? LIMIT 1').get(messageId) ? 1 : 0;
  const f = flagColumns(m.flags);
  const { lastInsertRowid } = cached(
    db,
    `INSERT INTO messages (mailbox_id, folder_id, uidvalidity, uid, message_id, content_key, subject, from_name,
       from_address, to_json, cc_json, reply_to_json, date, internal_date, sort_date, snippet, flags_json, seen,
       flagged, size, has_attachments, parse_error, modseq, is_primary, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    folder.mailbox_id,
    folder.id,
    uidvalidity,
    m.uid,
    messageId,
    m.content_key,
    m.subject,
    m.from?.name ?? null,
    m.from?.address ?? null,
    JSON.stringify(m.to),
    JSON.stringify(m.cc),
    JSON.stringify(m.reply_to),
    m.date,
    m.internal_date,
    sortDateOf(m, nowMs),
    m.snippet,
    f.flags_json,
    f.seen,
    f.flagged,
    m.size,
    m.has_attachments ? 1 : 0,
    m.parse_error,
    m.modseq,
    isPrimary,
    new Date(nowMs).toISOString(),
  );
  const id = Number(lastInsertRowid);
  storeSource(db, id, m.raw);
  const att = cached(
    db,
    `INSERT INTO attachments (message_id, idx, filename, content_type, size, inline, content_id)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const a of m.attachments) {
    att.run(id, a.index, a.filename, a.content_type, a.size, a.inline ? 1 : 0, a.content_id);
  }
  return id;
}

/**
 * Stores one fetched batch and the folder's new sync state, all or nothing. The messages' text goes to `fts`
 * and is indexed once it is due (fts-deferred.ts); by default at once, in this transaction.
 */
export function commitBatch(
  db: DB,
  folderId: number,
  msgs: ParsedMessage[],
  state: FolderStatePatch,
  fts = new FtsBacklog(FTS_IMMEDIATE),
): BatchResult {
  const packs = packWriterFor(db);
  packs?.begin();
  return db
    .transaction((): BatchResult => {
      const folder = requireFolder(db, folderId);
      const uidvalidity = currentUidValidity(folder, state);
      const nowMs = Date.now();
      const result: BatchResult = { inserted: 0, relinked: 0, skipped: 0 };
      // Rows of an older UIDVALIDITY are looked for only when the folder has some (after a reset).
      const stale = folderHasStaleRows(db, folderId, uidvalidity);
      if (stale) ensureRelinkIndex(db);
      for (const m of msgs) {
        if (existsCurrent(db, folderId, uidvalidity, m.uid)) result.skipped++;
        else if (stale && relinkOneStale(db, folderId, uidvalidity, m)) result.relinked++;
        else {
          fts.hold(insertMessage(db, folder, uidvalidity, m, nowMs), m.content_key, m);
          result.inserted++;
        }
      }
      if (fts.due()) indexHeld(db, fts);
      updateFolderState(db, folderId, { ...state, uidvalidity });
      // The sources are durable before the rows that point at them commit (a throw here rolls the batch back).
      packs?.flush();
      return result;
    })
    .immediate();
}

/** Pre-pass after a UIDVALIDITY change: re-attaches stale rows to their new UIDs; returns the UIDs re-attached. */
export function relinkByContentKey(
  db: DB,
  folderId: number,
  items: Array<{ uid: number; content_key: string; flags: string[] }>,
): number[] {
  return db
    .transaction((): number[] => {
      const uidvalidity = requireFolder(db, folderId).uidvalidity;
      if (uidvalidity === null) return [];
      ensureRelinkIndex(db);
      const done: number[] = [];
      for (const item of items) {
        if (existsCurrent(db, folderId, uidvalidity, item.uid)) continue;
        if (relinkOneStale(db, folderId, uidvalidity, item)) done.push(item.uid);
      }
      return done;
    })
    .immediate();
}

/** After the full re-sync that follows a reset: rows still stale are gone from the server. */
export function deleteStaleMessages(db: DB, folderId: number): number {
  return db
    .transaction((): number => {
      const uidvalidity = requireFolder(db, folderId).uidvalidity;
      if (uidvalidity === null) return 0;
      const deleted = cached(db, 'DELETE FROM messages WHERE folder_id = ? AND uidvalidity <> ?').run(folderId, uidvalidity).changes;
      dropRelinkIndexIfUnneeded(db);
      return deleted;
    })
    .immediate();
}

/** UIDs stored under the folder's current UIDVALIDITY, ascending. */
export function listUids(db: DB, folderId: number): number[] {
  return cached<{ uid: number }>(
    db,
    `SELECT m.uid FROM messages m JOIN folders f ON f.id = m.folder_id
     WHERE m.folder_id = ? AND m.uidvalidity = f.uidvalidity ORDER BY m.uid`,
  )
    .all(folderId)
    .map((r) => r.uid);
}

/** Messages expunged on the server. */
export function deleteByUids(db: DB, folderId: number, uids: number[]): number {
  if (uids.length === 0) return 0;
  return db
    .transaction((): number => {
      const uidvalidity = requireFolder(db, folderId).uidvalidity;
      if (uidvalidity === null) return 0;
      return cached(
        db,
        'DELETE FROM messages WHERE folder_id = ? AND uidvalidity = ? AND uid IN (SELECT value FROM json_each(?))',
      ).run(folderId, uidvalidity, JSON.stringify(uids)).changes;
    })
    .immediate();
}
