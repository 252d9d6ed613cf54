// Messages moved between synced folders by another client (webmail rule, a colleague's Outlook): without this
// pass the destination would download them again and the source delete its copy. Before the folders sync,
// rows whose UID left their folder are matched by content key (Message-ID, date, subject, participants) with
// UIDs new in another synced folder, and handed to that folder as "stale" rows: its sync then re-links them
// (folder-sync's UIDVALIDITY re-link pass) instead of downloading them.
import type { ImapFlow } from 'imapflow';
import { toSequenceSet } from '../imap/uid-set.js';
import type { Logger } from '../model.js';
import type { ParsePool } from '../parse/parse-pool.js';
import type { DB } from '../store/index.js';
import { cached } from '../store/statements.js';

interface FolderRow {
  id: number;
  path: string;
  uidvalidity: string | null;
  last_uid: number;
  uidnext: number | null;
  exists_count: number | null;
}

const HEADER_FIELDS = ['message-id', 'date', 'subject', 'from', 'to'];

export async function relinkMovedMessages(
  db: DB,
  client: ImapFlow,
  pool: ParsePool,
  mailboxId: number,
  paths: readonly string[],
  log: Logger,
): Promise<number> {
  if (paths.length < 2) return 0;
  const folders = paths
    .map((p) =>
      cached<FolderRow>(db, 'SELECT id, path, uidvalidity, last_uid, uidnext, exists_count FROM folders WHERE mailbox_id = ? AND path = ?').get(mailboxId, p),
    )
    .filter((f): f is FolderRow => f !== undefined && f.uidvalidity !== null && f.last_uid > 0);
  const gone = new Map<string, number[]>(); // content key → row ids that left their folder
  const fresh: Array<{ folder: FolderRow; uids: number[] }> = [];
  for (const f of folders) {
    let box;
    try {
      box = await client.mailboxOpen(f.path, { readOnly: true });
    } catch (err) {
      if (!client.usable) throw err;
      continue; // gone or refused: the folder's own sync reports it (and forgets a deleted one)
    }
    if (box.uidValidity.toString() !== f.uidvalidity) continue; // a reset: folder-sync's own re-link handles it
    if (box.uidNext === f.uidnext && box.exists === f.exists_count) continue; // nothing in or out since last pass
    const onServer = new Set((await client.search({ all: true }, { uid: true })) || []);
    const local = cached<{ id: number; uid: number; content_key: string }>(
      db,
      'SELECT id, uid, content_key FROM messages WHERE folder_id = ? AND uidvalidity = ? AND pending_folder_id IS NULL',
    ).all(f.id, f.uidvalidity);
    for (const r of local) {
      if (onServer.has(r.uid)) continue;
      const list = gone.get(r.content_key) ?? [];
      list.push(r.id);
      gone.set(r.content_key, list);
    }
    const uids = [...onServer].filter((u) => u > f.last_uid).sort((a, b) => a - b);
    if (uids.length > 0) fresh.push({ folder: f, uids });
  }
  if (gone.size === 0 || fresh.length === 0) return 0;

  let moved = 0;
  for (const { folder, uids } of fresh) {
    await client.mailboxOpen(folder.path, { readOnly: true });
    for (let i = 0; i < uids.length; i += 500) {
      for await (const m of client.fetch(toSequenceSet(uids.slice(i, i + 500)), { uid: true, headers: HEADER_FIELDS }, { uid: true })) {
        if (!m.headers) continue;
        const { content_key } = await pool.parse(Buffer.concat([m.headers, Buffer.from('\r\n')]));
        const rowId = gone.get(content_key)?.shift();
        if (rowId === undefined) continue;
        // A placeholder UIDVALIDITY no server uses: the destination's sync sees a stale row and re-links it.
        cached(db, 'UPDATE messages SET folder_id = ?, uidvalidity = ? WHERE id = ?').run(folder.id, `moved-row-${rowId}`, rowId);
        moved++;
      }
    }
  }
  if (moved > 0) log.log('info', 'messages moved on the server: re-linked, not downloaded again', { mailbox: mailboxId, moved });
  return moved;
}
