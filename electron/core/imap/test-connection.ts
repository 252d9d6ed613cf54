// The setup wizard's "Test the connection": log in, EXAMINE INBOX (read-only, changes nothing), report what
// was found, and always hang up. Failures come back as a UserError in the user's language, never thrown.
import type { ImapFlow } from 'imapflow';
import type { ConnectionTestResult, Locale } from '../../../shared/types.js';
import { toUserError } from './classify-error.js';
import { closeImap, openImap, type ImapTarget, type OpenImapOptions } from './connect.js';

export interface TestConnectionOptions extends OpenImapOptions {
  locale: Locale;
}

export async function testConnection(target: ImapTarget, opts: TestConnectionOptions): Promise<ConnectionTestResult> {
  let client: ImapFlow | null = null;
  try {
    client = await openImap(target, opts);
    const inbox = await client.mailboxOpen('INBOX', { readOnly: true });
    return {
      ok: true,
      message_count: inbox.exists,
      secure: client.secureConnection,
      capabilities: [...client.capabilities.keys()].sort(),
    };
  } catch (err) {
    return { ok: false, error: toUserError(err, opts.locale, { host: target.imap_server, secrets: [target.password] }) };
  } finally {
    if (client) await closeImap(client);
  }
}
