// Reads a folder on the test server with a plain imapflow client of its own: what "another IMAP client"
// sees, independent of Relève's store.
import { ImapFlow } from 'imapflow';
import type { DovecotHandle } from '../fixtures/dovecot.js';

export interface PeekedMessage {
  uid: number;
  messageId: string;
  subject: string;
  flags: string[];
}

export async function peekFolder(dovecot: DovecotHandle, user: string, folder: string): Promise<PeekedMessage[]> {
  const u = dovecot.users.find((x) => x.user === user);
  if (!u) throw new Error(`unknown user ${user}`);
  const client = new ImapFlow({
    host: '127.0.0.1',
    port: dovecot.imapPort,
    secure: false,
    doSTARTTLS: false,
    auth: { user, pass: u.password },
    logger: false,
  });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const box = await client.mailboxOpen(folder, { readOnly: true });
    const out: PeekedMessage[] = [];
    if (box.exists === 0) return out;
    for await (const m of client.fetch('1:*', { uid: true, flags: true, envelope: true })) {
      out.push({ uid: m.uid, messageId: (m.envelope?.messageId ?? '').trim(), subject: m.envelope?.subject ?? '', flags: [...(m.flags ?? [])].filter((f) => f !== '\\Recent').sort() });
    }
    return out;
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** The capabilities the server announces after login. */
export async function serverCapabilities(dovecot: DovecotHandle, user: string): Promise<Set<string>> {
  const u = dovecot.users.find((x) => x.user === user);
  if (!u) throw new Error(`unknown user ${user}`);
  const client = new ImapFlow({ host: '127.0.0.1', port: dovecot.imapPort, secure: false, doSTARTTLS: false, auth: { user, pass: u.password }, logger: false });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return new Set(client.capabilities.keys());
  } finally {
    await client.logout().catch(() => client.close());
  }
}
