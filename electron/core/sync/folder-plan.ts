// Which folders one sync run covers: LIST the server (folder-discovery.ts), record it, and return the
// chosen ones, INBOX first. A failed LIST must not stop the mail: the last known choice is used instead.
import type { ImapFlow } from 'imapflow';
import { discoverFolders } from '../imap/folder-discovery.js';
import type { Logger } from '../model.js';
import type { DB } from '../store/index.js';
import { chosenFolderPaths, recordDiscovery } from '../store/folder-choice.js';

export async function planFolders(db: DB, client: ImapFlow, mailboxId: number, log: Logger): Promise<string[]> {
  try {
    const found = await discoverFolders(client);
    const removed = recordDiscovery(db, mailboxId, found);
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
