// One unread number for the unified Inbox: the sidebar's « Boîte unifiée » badge (each mailbox's
// inbox_unread_count, added up), the « Réception » count (getFolderCounts) and the unread list itself, against
// a real Dovecot and a real SQLite store, where the same message reached two mailboxes. The Inbox lists such a
// message once, so every count counts it once; unread mail in other views (Junk, Archive) is in none of them.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/create-core.js';
import type { Core } from '../../electron/core/model.js';
import { makeMessage, newMessageId, startDovecot, type DovecotHandle } from '../fixtures/dovecot.js';

const CONTACT = { user: 'contact@example.test', password: 'contact-Pw-4r8' };
const COMPTA = { user: 'compta@example.test', password: 'compta-Pw-6t1' };

let dovecot: DovecotHandle;
let dataDir: string;
let core: Core;
const ids: Record<'contact' | 'compta', number> = { contact: 0, compta: 0 };

async function sync(id: number): Promise<void> {
  const r = await core.api.syncMailbox({ id });
  expect(r.status, JSON.stringify(r.error)).toBe('success');
}

/** The three numbers the user reads as one. */
async function numbers(): Promise<{ badge: number; reception: number; list: number }> {
  const statuses = await core.api.getStatus();
  const counts = await core.api.getFolderCounts();
  const list = await core.api.listMessages({ folder: 'inbox', unread_only: true, limit: 500 });
  return { badge: statuses.reduce((n, s) => n + s.inbox_unread_count, 0), reception: counts.inbox.unread, list: list.total };
}

beforeAll(async () => {
  dovecot = await startDovecot({
    users: [CONTACT, COMPTA],
    namespace: { separator: '/', mailboxes: [{ name: 'Indésirables', specialUse: '\\Junk' }, { name: 'Classement', specialUse: '\\Archive' }] },
  });
  const shared = newMessageId();
  const forwarded = newMessageId();
  // Both mailboxes received the same invoice; contact also has mail of its own, read or not, in other folders.
  await dovecot.append(CONTACT.user, makeMessage({ messageId: shared, subject: 'Facture 2025-031' }));
  await dovecot.append(CONTACT.user, makeMessage({ subject: 'Devis cuisine' }));
  await dovecot.append(CONTACT.user, makeMessage({ subject: 'Déjà lu' }), { flags: ['\\Seen'] });
  await dovecot.append(CONTACT.user, makeMessage({ subject: 'Gagnez un iPhone' }), { folder: 'Indésirables' });
  // Contact filed this one away unread; compta has it in its Inbox: the Inbox shows compta's copy.
  await dovecot.append(CONTACT.user, makeMessage({ messageId: forwarded, subject: 'Relevé bancaire' }), { folder: 'Classement' });
  await dovecot.append(COMPTA.user, makeMessage({ messageId: shared, subject: 'Facture 2025-031' }));
  await dovecot.append(COMPTA.user, makeMessage({ subject: 'Note de frais' }));
  await dovecot.append(COMPTA.user, makeMessage({ messageId: forwarded, subject: 'Relevé bancaire' }));

  dataDir = mkdtempSync(path.join(os.tmpdir(), 'releve-inbox-unread-'));
  core = createCore({ dataDir, tlsCa: [dovecot.caPem], locale: 'fr', idle: false });
  for (const [key, u] of [['contact', CONTACT], ['compta', COMPTA]] as const) {
    const mb = await core.api.createMailbox({
      name: key,
      imap_server: '127.0.0.1',
      imap_port: dovecot.imapsPort!,
      email_address: u.user,
      email_password: u.password,
      use_ssl: true,
    });
    ids[key] = mb.id;
    await core.api.listFolders({ id: mb.id });
  }
  // Contact first: its copies are stored first, so they are the « primary » ones.
  await sync(ids.contact);
  await sync(ids.compta);
}, 60_000);

afterAll(async () => {
  await core?.close();
  await dovecot?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the unified Inbox’s unread count', () => {
  it('is one number: the badge, « Réception » and the unread list, the shared invoice counted once', async () => {
    // Every copy is stored: 4 unread in contact's Inbox, Junk and Archive, 3 in compta's Inbox.
    const statuses = await core.api.getStatus();
    expect(statuses.reduce((n, s) => n + s.unread_count, 0)).toBe(7);
    const listed = await core.api.listMessages({ folder: 'inbox', unread_only: true, limit: 500 });
    expect(listed.items.map((m) => m.subject).sort()).toEqual(['Devis cuisine', 'Facture 2025-031', 'Note de frais', 'Relevé bancaire']);
    expect(await numbers()).toEqual({ badge: 4, reception: 4, list: 4 });
    // Each mailbox's share is the rows the list shows under it.
    const share = Object.fromEntries(statuses.map((s) => [s.mailbox.id, s.inbox_unread_count]));
    const shown = (id: number) => listed.items.filter((m) => m.mailbox_id === id).length;
    expect(share).toEqual({ [ids.contact]: shown(ids.contact), [ids.compta]: shown(ids.compta) });
    expect(share[ids.compta]).toBe(2); // its own note, and the statement contact filed away
    // The other views keep their own unread: Junk holds one, in none of the Inbox numbers.
    expect((await core.api.getFolderCounts()).junk.unread).toBe(1);
  });

  it('stays one number after the shown copy is read and after a message leaves the Inbox', async () => {
    const listed = await core.api.listMessages({ folder: 'inbox', unread_only: true, limit: 500 });
    const invoice = listed.items.find((m) => m.subject === 'Facture 2025-031')!;
    await core.api.setSeen({ ids: [invoice.id], seen: true });
    const afterRead = await numbers();
    expect(afterRead.list).toBe(3);
    expect(afterRead).toEqual({ badge: afterRead.list, reception: afterRead.list, list: afterRead.list });
    const note = listed.items.find((m) => m.subject === 'Note de frais')!;
    await core.api.messageAction({ ids: [note.id], action: 'archive' });
    expect(await numbers()).toEqual({ badge: 2, reception: 2, list: 2 });
    expect((await core.api.getFolderCounts()).archive.unread).toBe(2);
  });
});
