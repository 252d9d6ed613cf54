// Guards around adding and editing mailboxes (issue #11, point 7): the same login on the same server cannot be
// added twice (everything would be downloaded again), an edit of the connection settings is tested before it
// is saved (a wrong password is not stored silently), and connection tests in flight can be cancelled.
import { ReleveError, userError } from '../../../shared/errors.js';
import type { Locale, MailboxPatch } from '../../../shared/types.js';
import * as store from '../store/index.js';
import type { DB, MailboxRow } from '../store/index.js';

const norm = (s: string) => s.trim().toLowerCase();

/** The login a row or an input logs in with (username, or the address when none is set). */
export function loginOf(m: { username?: string | null; email_address: string }): string {
  return m.username && m.username.trim() !== '' ? m.username : m.email_address;
}

/** Another live mailbox with the same login on the same server (case-insensitive; the port does not matter). */
export function findDuplicate(db: DB, server: string, login: string, exceptId?: number): MailboxRow | undefined {
  return store
    .listMailboxes(db)
    .find((r) => r.id !== exceptId && norm(r.imap_server) === norm(server) && norm(loginOf(r)) === norm(login));
}

export function duplicateError(existing: MailboxRow, locale: Locale): ReleveError {
  return new ReleveError('DUPLICATE_MAILBOX', userError('DUPLICATE_MAILBOX', locale).message, {
    field: 'email_address',
    detail: `#${existing.id} ${existing.name} <${existing.email_address}>`,
  });
}

/** Does this patch change what the connection logs in with (server, port, SSL, login, password, certificate)? */
export function changesConnection(row: MailboxRow, patch: MailboxPatch): boolean {
  if (patch.email_password) return true;
  if (patch.imap_server !== undefined && norm(patch.imap_server) !== norm(row.imap_server)) return true;
  if (patch.imap_port !== undefined && patch.imap_port !== row.imap_port) return true;
  if (patch.use_ssl !== undefined && patch.use_ssl !== row.use_ssl) return true;
  if (patch.allow_insecure_auth !== undefined && patch.allow_insecure_auth !== row.allow_insecure_auth) return true;
  if (patch.tls_fingerprint !== undefined && (patch.tls_fingerprint ?? null) !== row.tls_fingerprint) return true;
  const login = loginOf({ username: patch.username ?? row.username, email_address: patch.email_address ?? row.email_address });
  return login !== loginOf(row);
}

/** Connection tests in flight by test_id, so a Cancel button can stop one. */
export class ConnectionTests {
  private readonly running = new Map<string, AbortController>();

  start(id: string | undefined): AbortSignal | undefined {
    if (!id) return undefined;
    this.running.get(id)?.abort();
    const ac = new AbortController();
    this.running.set(id, ac);
    return ac.signal;
  }

  end(id: string | undefined, signal: AbortSignal | undefined): void {
    if (id && signal && this.running.get(id)?.signal === signal) this.running.delete(id);
  }

  cancel(id: string): boolean {
    const ac = this.running.get(id);
    if (!ac) return false;
    this.running.delete(id);
    ac.abort();
    return true;
  }
}
