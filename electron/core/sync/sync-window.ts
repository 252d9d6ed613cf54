// First-sync window: "last N days" or "N most recent" — huge first syncs are the top complaint about mail apps.
import type { ImapFlow, MailboxObject } from 'imapflow';
import type { FolderState } from '../model.js';

interface WindowDeps {
  client: ImapFlow;
  mailbox: { sync_window_days: number | null; sync_window_count: number | null };
  now: () => number;
}

/** Lowest UID to sync, decided once on the folder's first sync and kept afterwards (null = everything). */
export async function resolveWindowStart(deps: WindowDeps, folder: FolderState, box: MailboxObject): Promise<number | null> {
  if (folder.min_uid !== null || folder.last_uid > 0) return folder.min_uid;
  const { sync_window_days: days, sync_window_count: count } = deps.mailbox;
  if (!days && !count) return null;
  if (box.exists === 0) return null;
  if (days) {
    const since = new Date(deps.now() - days * 86_400_000);
    const uids = (await deps.client.search({ since }, { uid: true })) || [];
    return uids.length > 0 ? minOf(uids) : (box.uidNext ?? (await uidAfterLast(deps.client)));
  }
  const all = ((await deps.client.search({ all: true }, { uid: true })) || []).sort((a, b) => a - b);
  const n = count as number;
  return all.length > n ? (all[all.length - n] as number) : (all[0] ?? null);
}

/** UIDNEXT derived when SELECT did not send it (it is optional): the last message's UID + 1. */
async function uidAfterLast(client: ImapFlow): Promise<number | null> {
  const last = await client.fetchOne('*', { uid: true });
  return last ? last.uid + 1 : null;
}

function minOf(values: number[]): number {
  let m = Infinity;
  for (const v of values) if (v < m) m = v;
  return m;
}
