// Schema step 3 (folders) and the store side of folders and actions, on real SQLite files: migrating a
// database written before the step, recording discoveries, the folder choice, local actions and their queue.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  commitBatch,
  getOrCreateFolder,
  LATEST_SCHEMA_VERSION,
  listMessages,
  MIGRATIONS,
  runMigrations,
  schemaVersion,
  updateFolderState,
} from '../../electron/core/store/index.js';
import { migration006Folders } from '../../electron/core/store/migrations/006-folders.js';
import { chosenFolderPaths, listMailboxFolders, recordDiscovery, setChosenFolders } from '../../electron/core/store/folder-choice.js';
import { applyMessageAction } from '../../electron/core/store/message-actions.js';
import { completeMove, listPendingActions } from '../../electron/core/store/pending-actions.js';
import { makeTmpDir, type TmpDir } from '../helpers/tmp-dir.js';
import { addMailbox, beforeFtsWatermark, count, NOW, openTestStore, parsed, type TestStore } from './store-fixtures.js';

describe('migration 003 (folders)', () => {
  let dir: TmpDir;
  beforeEach(() => {
    dir = makeTmpDir('releve-mig3-');
  });
  afterEach(() => dir.remove());

  it('upgrades a database of the previous step: INBOX gets its role, messages and folders are kept', () => {
    const step = MIGRATIONS.indexOf(migration006Folders);
    expect(step).toBeGreaterThan(0);
    const db = new Database(dir.file('releve.db'));
    db.pragma('foreign_keys = ON');
    runMigrations(db, MIGRATIONS.slice(0, step));
    // As the previous schemas wrote them: later steps (sending, triage) add columns this one has not got yet.
    const mb = {
      id: Number(
        db
          .prepare(
            `INSERT INTO mailboxes (integration_type, name, imap_server, imap_port, email_address, username, use_ssl,
               allow_insecure_auth, sync_interval_minutes, active, color, created_at, updated_at)
             VALUES ('imap', 'A', 'imap.example.fr', 993, 'a@example.fr', 'a@example.fr', 1, 0, 5, 1, '#2563eb', ?, ?)`,
          )
          .run(NOW, NOW).lastInsertRowid,
      ),
    };
    const folder = db.prepare("INSERT INTO folders (mailbox_id, path, uidvalidity) VALUES (?, ?, '7')");
    const inboxId = Number(folder.run(mb.id, 'INBOX').lastInsertRowid);
    folder.run(mb.id, 'Sent');
    beforeFtsWatermark(db, () => commitBatch(db, inboxId, [parsed(1), parsed(2)], { last_uid: 2 }));
    runMigrations(db);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    const roles = db.prepare('SELECT path, role, chosen, listed FROM folders ORDER BY id').all();
    expect(roles).toEqual([
      { path: 'INBOX', role: 'inbox', chosen: null, listed: 1 },
      { path: 'Sent', role: 'other', chosen: null, listed: 1 },
    ]);
    expect(count(db, 'messages')).toBe(2);
    expect(count(db, 'pending_actions')).toBe(0);
    expect(() => db.prepare("INSERT INTO pending_actions (mailbox_id, kind, source_path, uidvalidity, uid, created_at) VALUES (?, 'copy', 'INBOX', '7', 1, ?)").run(mb.id, NOW)).toThrow(/CHECK/);
    db.close();
  });
});

describe('folders and actions in the store', () => {
  let s: TestStore;
  let mailboxId: number;
  let inboxId: number;
  beforeEach(() => {
    s = openTestStore();
    mailboxId = addMailbox(s.db).id;
    recordDiscovery(s.db, mailboxId, [
      { path: 'INBOX', role: 'inbox' },
      { path: 'Sent', role: 'sent' },
      { path: 'Junk', role: 'junk' },
      { path: 'Archive', role: 'archive' },
      { path: 'Trash', role: 'trash' },
      { path: '[Gmail]/All Mail', role: 'all' },
      { path: 'Clients', role: 'other' },
    ]);
    inboxId = getOrCreateFolder(s.db, mailboxId, 'INBOX').id;
    updateFolderState(s.db, inboxId, { uidvalidity: '1' });
    commitBatch(s.db, inboxId, [parsed(1), parsed(2), parsed(3)], { last_uid: 3 });
  });
  afterEach(() => s.close());

  const ids = () => listMessages(s.db, { folder: 'all', limit: 50 }).items.map((m) => m.id).sort((a, b) => a - b);
  const view = (folder: 'inbox' | 'archive' | 'trash') => listMessages(s.db, { folder, limit: 50 }).items.map((m) => m.subject).sort();

  it('syncs INBOX, Sent, Junk and Archive by default; never All Mail; the user choice replaces the default', () => {
    expect(chosenFolderPaths(s.db, mailboxId)).toEqual(['INBOX', 'Archive', 'Junk', 'Sent']);
    setChosenFolders(s.db, mailboxId, ['Sent', 'Clients']);
    expect(chosenFolderPaths(s.db, mailboxId)).toEqual(['INBOX', 'Clients', 'Sent']);
    expect(() => setChosenFolders(s.db, mailboxId, ['[Gmail]/All Mail'])).toThrow(/never synced/);
    expect(() => setChosenFolders(s.db, mailboxId, ['Nope'])).toThrow(/unknown folder/);
    expect(listMailboxFolders(s.db, mailboxId).find((f) => f.path === 'INBOX')).toMatchObject({ chosen: true, message_count: 3 });
  });

  it('a folder gone from the listing leaves with its messages', () => {
    const clients = getOrCreateFolder(s.db, mailboxId, 'Clients');
    updateFolderState(s.db, clients.id, { uidvalidity: '5' });
    commitBatch(s.db, clients.id, [parsed(10)], { last_uid: 10 });
    const removed = recordDiscovery(s.db, mailboxId, [{ path: 'INBOX', role: 'inbox' }, { path: 'Archive', role: 'archive' }]);
    expect(removed.sort()).toEqual(['Clients', 'Junk', 'Sent', 'Trash', '[Gmail]/All Mail']);
    expect(count(s.db, 'messages')).toBe(3);
  });

  it('archive shows in the Archive view at once and is queued once; a second move replaces the first; moving back cancels it', () => {
    const [first] = ids();
    const r = applyMessageAction(s.db, [first!], 'archive', NOW);
    expect(r).toMatchObject({ updated: 1, skipped: [] });
    expect(view('archive')).toEqual(['Message 1']);
    expect(view('inbox')).toEqual(['Message 2', 'Message 3']);
    expect(listPendingActions(s.db, mailboxId)).toMatchObject([{ kind: 'move', source_path: 'INBOX', uid: 1, dest_path: 'Archive' }]);
    applyMessageAction(s.db, [first!], 'move', NOW, 'Clients');
    expect(listPendingActions(s.db, mailboxId)).toMatchObject([{ kind: 'move', dest_path: 'Clients' }]);
    applyMessageAction(s.db, [first!], 'not-spam', NOW); // back to INBOX, where the server still has it
    expect(listPendingActions(s.db, mailboxId)).toEqual([]);
    expect(view('inbox')).toEqual(['Message 1', 'Message 2', 'Message 3']);
    expect(applyMessageAction(s.db, [first!], 'not-spam', NOW).skipped).toEqual([{ id: first, reason: 'same_folder' }]);
  });

  it('delete goes to the Trash; from the Trash it is removed at once and an EXPUNGE is queued', () => {
    const [, second] = ids();
    applyMessageAction(s.db, [second!], 'delete', NOW);
    expect(view('trash')).toEqual(['Message 2']);
    applyMessageAction(s.db, [second!], 'delete', NOW);
    expect(view('trash')).toEqual([]);
    expect(count(s.db, 'messages')).toBe(2);
    expect(listPendingActions(s.db, mailboxId)).toMatchObject([{ kind: 'expunge', source_path: 'INBOX', uid: 2, message_id: null }]);
  });

  it('after the server moved it: the row takes its new UID when the destination is synced, leaves otherwise', () => {
    const [a, b] = ids();
    applyMessageAction(s.db, [a!, b!], 'archive', NOW);
    const archive = getOrCreateFolder(s.db, mailboxId, 'Archive');
    updateFolderState(s.db, archive.id, { uidvalidity: '9' });
    const [qa, qb] = listPendingActions(s.db, mailboxId);
    completeMove(s.db, qa!, { id: archive.id, chosen: true }, { uidvalidity: '9', uid: 40 });
    expect(s.db.prepare('SELECT folder_id, uidvalidity, uid, pending_folder_id FROM messages WHERE id = ?').get(a)).toEqual({
      folder_id: archive.id, uidvalidity: '9', uid: 40, pending_folder_id: null,
    });
    completeMove(s.db, qb!, { id: archive.id, chosen: false });
    expect(s.db.prepare('SELECT 1 FROM messages WHERE id = ?').get(b)).toBeUndefined();
    expect(listPendingActions(s.db, mailboxId)).toEqual([]);
  });

  it('views collapse copies within the view and their totals follow every change', () => {
    const other = addMailbox(s.db, { email_address: 'support@example.fr', username: 'support@example.fr', name: 'Support' }).id;
    recordDiscovery(s.db, other, [{ path: 'INBOX', role: 'inbox' }, { path: 'Archive', role: 'archive' }]);
    const otherInbox = getOrCreateFolder(s.db, other, 'INBOX').id;
    updateFolderState(s.db, otherInbox, { uidvalidity: '1' });
    commitBatch(s.db, otherInbox, [parsed(1)], { last_uid: 1 }); // the same message received by both mailboxes
    const inbox = () => listMessages(s.db, { folder: 'inbox', limit: 2 });
    expect(inbox().total).toBe(3);
    expect(listMessages(s.db, { folder: 'inbox', limit: 2, unread_only: true }).total).toBe(4 - 1);
    const copy = listMessages(s.db, { mailbox_id: other, limit: 5 }).items[0]!;
    applyMessageAction(s.db, [copy.id], 'archive', NOW);
    expect(inbox().total).toBe(3); // its twin still stands for it in the inbox
    expect(listMessages(s.db, { folder: 'archive', limit: 2 }).items.map((m) => m.id)).toEqual([copy.id]);
    const first = listMessages(s.db, { mailbox_id: mailboxId, limit: 5 }).items.find((m) => m.subject === 'Message 1')!;
    applyMessageAction(s.db, [first.id], 'archive', NOW);
    expect(inbox().total).toBe(2);
    applyMessageAction(s.db, [ids()[1]!], 'read', NOW);
    expect(listMessages(s.db, { folder: 'inbox', limit: 2, unread_only: true }).total).toBe(1);
  });

  it('star/unstar follow copies and are queued as flag changes; read marks too', () => {
    const [a] = ids();
    expect(applyMessageAction(s.db, [a!], 'flag', NOW).updated).toBe(1);
    expect(listMessages(s.db, { folder: 'inbox', limit: 50 }).items.find((m) => m.id === a)?.flagged).toBe(true);
    expect(count(s.db, 'pending_flag_ops')).toBe(1);
    expect(applyMessageAction(s.db, [a!], 'read', NOW).updated).toBe(1);
    expect(count(s.db, 'pending_flag_ops')).toBe(2);
  });
});

