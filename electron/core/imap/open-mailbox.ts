// Opens (SELECT/EXAMINE) a folder with box.uidNext always set. UIDNEXT is optional in the SELECT response and
// some servers never send it (Courier-IMAP): imapflow then leaves it undefined although its type says number,
// and "nothing at or above UIDNEXT" would read as "nothing new", forever. Derived from STATUS, else from the
// highest UID present.
import type { ImapFlow, MailboxObject } from 'imapflow';

export async function openMailbox(client: ImapFlow, path: string, opts: { readOnly: boolean }): Promise<MailboxObject> {
  const box = await client.mailboxOpen(path, opts);
  if ((box.uidNext as number | undefined) === undefined) box.uidNext = await deriveUidNext(client, path, box);
  return box;
}

async function deriveUidNext(client: ImapFlow, path: string, box: MailboxObject): Promise<number> {
  const st = await client.status(path, { uidNext: true }).catch(() => null);
  if (st && typeof st.uidNext === 'number') return st.uidNext;
  if (box.exists === 0) return 1;
  let max = 0;
  for await (const m of client.fetch('*', { uid: true })) max = Math.max(max, m.uid);
  return max + 1;
}
