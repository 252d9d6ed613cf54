// Pushes read/unread changes made in Relève to the server (queued by store.setSeen).
import type { ImapFlow } from 'imapflow';
import { toSequenceSet } from '../imap/uid-set.js';
import * as store from '../store/index.js';
import type { DB } from '../store/index.js';
import { refusedTriageKeyword } from './triage-keywords.js';

type PendingOp = ReturnType<typeof store.takePendingFlagOps>[number];

export async function pushPendingFlags(db: DB, client: ImapFlow, uidvalidity: string, ops: PendingOp[], folderId?: number): Promise<void> {
  const groups = new Map<string, { flag: string; add: boolean; uids: number[]; ids: number[] }>();
  const obsolete: number[] = [];
  for (const op of ops) {
    if (op.uidvalidity !== uidvalidity) {
      obsolete.push(op.id); // the server renumbered the folder: that UID no longer means this message
      continue;
    }
    const key = `${op.flag}\u0000${op.add}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { flag: op.flag, add: op.add, uids: [], ids: [] }));
    g.uids.push(op.uid);
    g.ids.push(op.id);
  }
  for (const g of groups.values()) {
    const set = toSequenceSet([...new Set(g.uids)].sort((a, b) => a - b));
    const ok = g.add
      ? await client.messageFlagsAdd(set, [g.flag], { uid: true, silent: true })
      : await client.messageFlagsRemove(set, [g.flag], { uid: true, silent: true });
    // A server that refuses one more keyword (a cap on their number): triage stays local in that folder.
    if (!ok && client.usable && folderId !== undefined && refusedTriageKeyword(db, folderId, g.flag)) continue;
    store.clearPendingFlagOps(db, g.ids);
  }
  if (obsolete.length > 0) store.clearPendingFlagOps(db, obsolete);
}
