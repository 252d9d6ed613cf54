// Which folders one sync run covers: LIST the server (folder-discovery.ts), record it, and return the
// chosen ones, INBOX first. A failed LIST must not stop the mail: the last known choice is used instead.
import type { ImapFlow } from 'imapflow';
import { discoverFolders } from '../imap/folder-discovery.js';
import type { Logger } from '../model.js';
import type { DB } from '../store/index.js';
import { chosenFolderPaths, recordDiscovery } from '../store/folder-choice.js';

/** Folders rarely change: a long-running process LISTs again after this long, or after a run that failed. */
export const RELIST_AFTER_MS = 10 * 60_000;
const listedAt = new WeakMap<DB, Map<number, number>>();

export async function planFolders(
  db: DB,
  client: ImapFlow,
  mailbox: { id: number; last_sync_status: string | null },
  log: Logger,
  now: () => number = Date.now,
): Promise<string[]> {
  const mailboxId = mailbox.id;
  let seen = listedAt.get(db);
  if (!seen) listedAt.set(db, (seen = new Map<number, number>()));
  const last = seen.get(mailboxId);
  const fresh = last !== undefined && now() - last < RELIST_AFTER_MS && mailbox.last_sync_status === 'success';
  if (fresh) return chosenFolderPaths(db, mailboxId);
  try {
    const found = await discoverFolders(client);
    const removed = recordDiscovery(db, mailboxId, found);
    seen.set(mailboxId, now());
    for (const path of removed) {
      // Deleted or renamed on the server: its messages went with it (a renamed one comes back under its new name).
      log.log('warn', 'folder no longer on the server: removed with its messages', { mailbox: mailboxId, folder: path });
    }
  } catch (err) {
    if (!client.usable) throw err;
    log.log('warn', 'folder list failed: syncing the folders known so far', { mailbox: mailboxId, detail: (err as Error).message });
  }
  return chosenFolderPaths(db, mailboxId);
}

/**
 * A chosen folder could not be opened: LIST again at once. True when the server no longer has it (deleted or
 * renamed): it is then forgotten with its messages instead of failing this run and every later one.
 */
export async function folderVanished(db: DB, client: ImapFlow, mailboxId: number, path: string, log: Logger): Promise<boolean> {
  if (!client.usable) return false;
  try {
    const found = await discoverFolders(client);
    for (const gone of recordDiscovery(db, mailboxId, found)) {
      log.log('warn', 'folder no longer on the server: removed with its messages', { mailbox: mailboxId, folder: gone });
    }
    return !found.some((f) => f.path === path);
  } catch {
    return false;
  }
}
