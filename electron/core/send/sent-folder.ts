// Where a mailbox keeps what it sent: the folder the server marks \Sent (SPECIAL-USE, RFC 6154), else the
// usual names. Self-contained on purpose: the shared folder discovery (imap/folder-discovery.ts) can replace
// findSentFolder later without touching the outbox.
import type { ImapFlow } from 'imapflow';

/** Common names, most frequent first (English, French, Exchange, Courier-style namespaces). */
const SENT_NAMES = ['Sent', 'Envoyés', 'Sent Items', 'Sent Messages', 'Éléments envoyés', 'INBOX.Sent', 'INBOX/Sent', 'INBOX.Envoyés'];

export async function findSentFolder(client: ImapFlow): Promise<string | null> {
  const folders = await client.list();
  const flagged = folders.find((f) => f.specialUse === '\\Sent' || f.flags.has('\\Sent'));
  if (flagged) return flagged.path;
  for (const name of SENT_NAMES) {
    const hit = folders.find((f) => f.path.toLowerCase() === name.toLowerCase() || f.name.toLowerCase() === name.toLowerCase());
    if (hit) return hit.path;
  }
  return null;
}

/** The Sent folder, created as "Sent" when the server has none (a fresh account on a small host). */
export async function sentFolderOrCreate(client: ImapFlow): Promise<string> {
  const found = await findSentFolder(client);
  if (found) return found;
  const created = await client.mailboxCreate('Sent');
  return created.path;
}

/** Whether a message with this Message-ID is in the folder (a provider that files sent mail itself). */
export async function folderHasMessageId(client: ImapFlow, folder: string, messageId: string): Promise<boolean> {
  const lock = await client.getMailboxLock(folder, { readOnly: true });
  try {
    const uids = await client.search({ header: { 'message-id': messageId } }, { uid: true });
    return Array.isArray(uids) && uids.length > 0;
  } finally {
    lock.release();
  }
}
