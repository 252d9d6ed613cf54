// Reads what the IMAP server itself holds (not the app's copy): the flags of each message by subject.
import { ImapFlow } from 'imapflow';
import type { DovecotHandle } from '../../fixtures/dovecot.js';

/** Subject → flags of every message in the user's INBOX. */
export async function serverFlagsBySubject(dovecot: DovecotHandle, user: string): Promise<Map<string, string[]>> {
  const u = dovecot.users.find((x) => x.user === user);
  if (!u) throw new Error(`unknown fixture user ${user}`);
  // Plain IMAP on loopback: the fixture's own link, no TLS cost.
  const client = new ImapFlow({
    host: dovecot.host,
    port: dovecot.imapPort,
    secure: false,
    doSTARTTLS: false,
    auth: { user: u.user, pass: u.password },
    logger: false,
  });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const lock = await client.getMailboxLock('INBOX', { readOnly: true });
    try {
      const out = new Map<string, string[]>();
      for await (const m of client.fetch('1:*', { envelope: true, flags: true })) {
        out.set(m.envelope?.subject ?? '', [...(m.flags ?? [])].sort());
      }
      return out;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => undefined);
  }
}
