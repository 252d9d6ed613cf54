// Pushes flag changes made in Relève (read/unread, star, triage keywords) to the server (queued in pending_flag_ops).
// The flags one message gains (or loses) go in ONE `UID STORE`, so a colleague's install listening with IDLE sees
// a triage change whole (state, assignee and author together) rather than one keyword at a time (seen on Cyrus,
// which reports each STORE at once). All removals go before all additions (see triageChanges).
import type { ImapFlow } from 'imapflow';
import { isTriageKeyword } from '../../../shared/triage.js';
import { toSequenceSet } from '../imap/uid-set.js';
import * as store from '../store/index.js';
import type { DB } from '../store/index.js';
import { refusedTriageKeyword } from './triage-keywords.js';

type PendingOp = ReturnType<typeof store.takePendingFlagOps>[number];

interface StoreGroup {
  flags: string[];
  add: boolean;
  uids: number[];
  ids: number[];
}

/** Ops grouped per message (add/remove; triage keywords apart, so a server's NO to one never holds back \Seen), then messages with the same flags together. */
function storeGroups(ops: PendingOp[]): StoreGroup[] {
  const perMessage = new Map<string, StoreGroup>();
  for (const op of ops) {
    const key = `${op.uid}\u0000${op.add}\u0000${isTriageKeyword(op.flag)}`;
    let g = perMessage.get(key);
    if (!g) perMessage.set(key, (g = { flags: [], add: op.add, uids: [op.uid], ids: [] }));
    if (!g.flags.includes(op.flag)) g.flags.push(op.flag);
    g.ids.push(op.id);
  }
  const merged = new Map<string, StoreGroup>();
  for (const g of perMessage.values()) {
    g.flags.sort();
    const key = `${g.add}\u0000${g.flags.join('\u0000')}`;
    const m = merged.get(key);
    if (!m) merged.set(key, g);
    else {
      m.uids.push(...g.uids);
      m.ids.push(...g.ids);
    }
  }
  const all = [...merged.values()];
  return [...all.filter((g) => !g.add), ...all.filter((g) => g.add)];
}

export async function pushPendingFlags(db: DB, client: ImapFlow, uidvalidity: string, ops: PendingOp[], folderId?: number): Promise<void> {
  const obsolete: number[] = [];
  const current: PendingOp[] = [];
  for (const op of ops) {
    // The server renumbered the folder: that UID no longer means this message.
    if (op.uidvalidity !== uidvalidity) obsolete.push(op.id);
    else current.push(op);
  }
  for (const g of storeGroups(current)) {
    const set = toSequenceSet([...new Set(g.uids)].sort((a, b) => a - b));
    const ok = g.add
      ? await client.messageFlagsAdd(set, g.flags, { uid: true, silent: true })
      : await client.messageFlagsRemove(set, g.flags, { uid: true, silent: true });
    // A server that refuses one more keyword (a cap on their number): triage stays local in that folder.
    if (!ok && client.usable && folderId !== undefined && g.flags.some((f) => refusedTriageKeyword(db, folderId, f))) continue;
    store.clearPendingFlagOps(db, g.ids);
  }
  if (obsolete.length > 0) store.clearPendingFlagOps(db, obsolete);
}
