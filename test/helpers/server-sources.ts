// The server's bytes of every message in a folder, by UID: what the store's sources must equal.
import { ImapFlow } from 'imapflow';
import type { DovecotHandle } from '../fixtures/dovecot.js';

export async function serverSources(d: DovecotHandle, user: string, folder = 'INBOX'): Promise<Map<number, Buffer>> {
  const t = d.target(user, 'plain');
  const c = new ImapFlow({
    host: t.imap_server,
    port: t.imap_port,
    secure: false,
    auth: { user: t.username, pass: t.password },
    logger: false,
    tls: { rejectUnauthorized: false },
  });
  await c.connect();
  const out = new Map<number, Buffer>();
  try {
    const box = await c.mailboxOpen(folder, { readOnly: true });
    if (box.exists === 0) return out;
    for await (const m of c.fetch('1:*', { uid: true, source: true }, { uid: true })) {
      if (m.source) out.set(m.uid, m.source);
    }
  } finally {
    await c.logout();
  }
  return out;
}
