// After each folder pass, compare what the server holds within the sync window with what the store holds for the
// folder, so a run never ends `success` with mail missing (a UID skipped by the watermark, a message the server
// failed to deliver, a row lost). Free when the counts agree (EXISTS came with SELECT); only a mismatch, or a
// window that starts above UID 1, costs one UID SEARCH. The same listing also finds messages expunged on the
// server.
import type { ImapFlow } from 'imapflow';
import { ReleveError } from '../../../shared/errors.js';
import * as store from '../store/index.js';
import type { DB } from '../store/index.js';
import { cached } from '../store/statements.js';
import { hasUid } from '../imap/uid-list.js';

export interface SelfCheckInput {
  db: DB;
  client: ImapFlow;
  folderId: number;
  path: string;
  /** EXISTS from SELECT (undefined when the server did not send it). */
  exists: number | undefined;
  minUid: number | null;
  /** Highest UID this pass knew of: anything above arrived during the pass and is the next pass's news. */
  horizon: number;
}

export interface SelfCheckResult {
  expunged: number;
  /** Server messages within the window (and the horizon) that the store does not hold. */
  missing: number;
  /** What the server holds within the window: the next pass distrusts its watermark while the store holds less. */
  serverCount: number;
}

/** Stored messages of the folder within the window (current UIDVALIDITY only): one indexed COUNT. */
export function countStored(db: DB, folderId: number, minUid: number | null): number {
  return cached<{ n: number }>(
    db,
    `SELECT count(*) AS n FROM messages m JOIN folders f ON f.id = m.folder_id
     WHERE m.folder_id = ? AND m.uidvalidity = f.uidvalidity AND m.uid >= ?`,
  ).get(folderId, minUid ?? 0)!.n;
}

export async function selfCheck(input: SelfCheckInput): Promise<SelfCheckResult> {
  const { db, client, folderId, minUid } = input;
  // EXISTS as it stands now (imapflow follows untagged EXISTS during the pass), else as SELECT said.
  const live = client.mailbox && client.mailbox.path === input.path ? client.mailbox.exists : undefined;
  const exists = typeof live === 'number' ? live : input.exists;
  if (minUid === null && typeof exists === 'number' && countStored(db, folderId, null) === exists) {
    return { expunged: 0, missing: 0, serverCount: exists };
  }
  // Sorted typed arrays and binary search rather than two Sets of every UID (~4 MiB each at 100 000).
  const local = Uint32Array.from(store.listUids(db, folderId));

  const from = minUid ?? 1;
  const found = await client.search({ uid: `${from}:*` }, { uid: true });
  if (!found) throw new ReleveError('PROTOCOL', 'UID SEARCH failed', { detail: `the server refused UID SEARCH ${from}:*` });
  // `n:*` always includes the last message, even below n.
  const onServer = Uint32Array.from(found.filter((u) => u >= from)).sort();
  const gone: number[] = [];
  for (const u of local) if (!hasUid(onServer, u)) gone.push(u);
  const expunged = gone.length > 0 ? store.deleteByUids(db, folderId, gone) : 0;
  let expected = 0;
  let missing = 0;
  for (const u of onServer) {
    if (u > input.horizon) continue;
    expected++;
    if (!hasUid(local, u)) missing++;
  }
  return { expunged, missing, serverCount: expected };
}
