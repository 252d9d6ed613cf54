// Pushes queued moves and deletions to the server, before the folders are synced (so a sync never sees a
// message half-moved). UID MOVE when the server has MOVE; imapflow falls back to COPY + STORE \Deleted +
// UID EXPUNGE (UIDPLUS) or EXPUNGE otherwise. Replaying an action after a crash is harmless: a UID already
// moved is simply not found in the source any more, and the destination's sync re-links the message.
import type { ImapFlow } from 'imapflow';
import type { Logger } from '../model.js';
import { toSequenceSet } from '../imap/uid-set.js';
import type { DB } from '../store/index.js';
import { folderByPath } from '../store/folder-choice.js';
import {
  MAX_ACTION_ATTEMPTS,
  abandonAction,
  completeExpunge,
  completeMove,
  listPendingActions,
  recordActionFailure,
  type PendingAction,
} from '../store/pending-actions.js';

export interface ActionPushResult {
  pushed: number;
  failed: number;
}

function groupKey(a: PendingAction): string {
  return `${a.source_path}\u0000${a.kind}\u0000${a.dest_path ?? ''}`;
}

async function fail(db: DB, log: Logger, actions: PendingAction[], error: string): Promise<void> {
  for (const a of actions) {
    const attempts = recordActionFailure(db, a.id, error);
    log.log('warn', 'action not applied on the server', { mailbox: a.mailbox_id, kind: a.kind, attempts, error });
    if (attempts >= MAX_ACTION_ATTEMPTS) abandonAction(db, a);
  }
}

export async function pushPendingActions(db: DB, client: ImapFlow, mailboxId: number, log: Logger): Promise<ActionPushResult> {
  const result: ActionPushResult = { pushed: 0, failed: 0 };
  const groups = new Map<string, PendingAction[]>();
  for (const a of listPendingActions(db, mailboxId)) {
    const g = groups.get(groupKey(a)) ?? [];
    g.push(a);
    groups.set(groupKey(a), g);
  }
  for (const group of groups.values()) {
    const first = group[0] as PendingAction;
    let box;
    try {
      box = await client.mailboxOpen(first.source_path, { readOnly: false });
    } catch (err) {
      if (!client.usable) throw err; // the link is gone: the run fails and everything stays queued
      await fail(db, log, group, `cannot open ${first.source_path}: ${(err as Error).message}`);
      result.failed += group.length;
      continue;
    }
    const uidvalidity = box.uidValidity.toString();
    // After a UIDVALIDITY reset these UIDs mean other messages: drop the actions, the sync re-links the rows.
    const current = group.filter((a) => {
      if (a.uidvalidity === uidvalidity) return true;
      abandonAction(db, a);
      return false;
    });
    if (current.length === 0) continue;
    const set = toSequenceSet([...new Set(current.map((a) => a.uid))].sort((x, y) => x - y));
    if (first.kind === 'expunge') {
      const ok = await client.messageDelete(set, { uid: true });
      if (!ok) {
        if (!client.usable) throw new Error('connection lost while deleting');
        await fail(db, log, current, 'the server refused the deletion');
        result.failed += current.length;
        continue;
      }
      for (const a of current) completeExpunge(db, a);
      result.pushed += current.length;
      continue;
    }
    const destPath = first.dest_path ?? 'INBOX';
    const moved = await client.messageMove(set, destPath, { uid: true });
    if (!moved) {
      if (!client.usable) throw new Error('connection lost while moving');
      await fail(db, log, current, `the server refused to move the message to ${destPath}`);
      result.failed += current.length;
      continue;
    }
    const dest = folderByPath(db, mailboxId, destPath);
    const destUv = moved.uidValidity?.toString();
    for (const a of current) {
      const newUid = moved.uidMap?.get(a.uid);
      completeMove(db, a, dest, destUv && newUid ? { uidvalidity: destUv, uid: newUid } : undefined);
    }
    result.pushed += current.length;
  }
  return result;
}
