import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReleveError } from '../../shared/errors.js';
import {
  commitBatch,
  deleteMailbox,
  finishRun,
  getMailbox,
  getMessageRow,
  getOrCreateFolder,
  getSetting,
  lastRun,
  listMailboxes,
  listMessages,
  listRuns,
  mailboxCounts,
  mailboxCountsOf,
  markInterruptedRuns,
  recordSyncOutcome,
  resetFolderForUidValidity,
  setSeen,
  setSetting,
  startRun,
  takePendingFlagOps,
  updateFolderState,
  updateMailbox,
} from '../../electron/core/store/index.js';
import { addMailbox, count, countSources, ftsRowids, NOW, openTestStore, parsed, type TestStore } from './store-fixtures.js';

let s: TestStore;
beforeEach(() => {
  s = openTestStore();
});
afterEach(() => s.close());

describe('mailboxes', () => {
  it('inserts and reads back every field with booleans and the encrypted password', () => {
    const m = addMailbox(s.db, { name: 'Compta', use_ssl: false, allow_insecure_auth: true, sync_window_days: 30 });
    expect(m).toMatchObject({
      name: 'Compta',
      use_ssl: false,
      allow_insecure_auth: true,
      active: true,
      sync_window_days: 30,
      failures: 0,
      last_sync_status: null,
      created_at: NOW,
      updated_at: NOW,
    });
    expect(m.password_enc?.toString()).toBe('cipher');
    expect(getMailbox(s.db, m.id)).toEqual(m);
  });

  it('updates only the patched fields and bumps updated_at', () => {
    const m = addMailbox(s.db);
    const later = '2025-03-02T00:00:00.000Z';
    const u = updateMailbox(s.db, m.id, { name: 'Support', active: false, tls_fingerprint: 'ab:cd' }, later);
    expect(u).toEqual({ ...m, name: 'Support', active: false, tls_fingerprint: 'ab:cd', updated_at: later });
  });

  it('update of an unknown or deleted mailbox throws NOT_FOUND', () => {
    const m = addMailbox(s.db);
    deleteMailbox(s.db, m.id, true);
    for (const id of [m.id, 999]) {
      try {
        updateMailbox(s.db, id, { name: 'x' }, NOW);
        expect.unreachable();
      } catch (err) {
        expect(err).toBeInstanceOf(ReleveError);
        expect((err as ReleveError).code).toBe('NOT_FOUND');
      }
    }
  });

  it('lists mailboxes ordered by id', () => {
    const b = addMailbox(s.db, { name: 'B' });
    const a = addMailbox(s.db, { name: 'A' });
    expect(listMailboxes(s.db).map((m) => m.id)).toEqual([b.id, a.id]);
  });

  it('enforces the schema checks (port range)', () => {
    expect(() => addMailbox(s.db, { imap_port: 70000 })).toThrow(/CHECK/);
  });

  it('recordSyncOutcome sets the last sync fields without touching updated_at', () => {
    const m = addMailbox(s.db);
    recordSyncOutcome(s.db, m.id, {
      at: '2025-03-01T11:00:00.000Z',
      status: 'error',
      error_code: 'AUTH',
      error_detail: 'NO [AUTHENTICATIONFAILED]',
      failures: 2,
      next_retry_at: '2025-03-01T11:10:00.000Z',
    });
    expect(getMailbox(s.db, m.id)).toMatchObject({
      last_sync_at: '2025-03-01T11:00:00.000Z',
      last_sync_status: 'error',
      last_sync_error_code: 'AUTH',
      last_sync_error_detail: 'NO [AUTHENTICATIONFAILED]',
      failures: 2,
      next_retry_at: '2025-03-01T11:10:00.000Z',
      updated_at: NOW,
    });
  });
});

describe('deleteMailbox', () => {
  function seed() {
    const kept = addMailbox(s.db, { name: 'Kept' });
    const gone = addMailbox(s.db, { name: 'Gone' });
    const fk = getOrCreateFolder(s.db, kept.id, 'INBOX');
    const fg = getOrCreateFolder(s.db, gone.id, 'INBOX');
    commitBatch(s.db, fk.id, [parsed(1, { body_text: 'facture kept' })], { uidvalidity: '1', last_uid: 1 });
    const withAttachment = parsed(2, {
      body_text: 'facture gone',
      has_attachments: true,
      attachments: [{ index: 0, filename: 'f.pdf', content_type: 'application/pdf', size: 10, inline: false, content_id: null }],
    });
    commitBatch(s.db, fg.id, [withAttachment, parsed(3, { body_text: 'devis gone' })], { uidvalidity: '1', last_uid: 3 });
    startRun(s.db, gone.id, NOW);
    return { kept, gone };
  }

  it('keepMessages=false removes the mailbox and all its data, FTS rows included', () => {
    const { kept, gone } = seed();
    const goneIds = listMessages(s.db, { mailbox_id: gone.id }).items.map((m) => m.id);
    setSeen(s.db, [goneIds[0]!], true);
    expect(ftsRowids(s.db, 'gone')).toHaveLength(2);

    deleteMailbox(s.db, gone.id, false);

    expect(getMailbox(s.db, gone.id)).toBeUndefined();
    expect(s.db.prepare('SELECT id FROM mailboxes').all()).toEqual([{ id: kept.id }]);
    expect(count(s.db, 'folders')).toBe(1);
    expect(count(s.db, 'messages')).toBe(1);
    expect(countSources(s.db)).toBe(1);
    expect(count(s.db, 'attachments')).toBe(0);
    expect(count(s.db, 'sync_runs')).toBe(0);
    expect(count(s.db, 'pending_flag_ops')).toBe(0);
    expect(ftsRowids(s.db, 'gone')).toEqual([]);
    expect(ftsRowids(s.db, 'facture')).toHaveLength(1);
    expect(listMessages(s.db, { search: 'facture' }).total).toBe(1);
  });

  it('keepMessages=true hides the mailbox, wipes its password, and keeps its mail in the inbox', () => {
    const { gone } = seed();
    const ids = listMessages(s.db, { mailbox_id: gone.id }).items.map((m) => m.id);
    setSeen(s.db, [ids[0]!], true);
    expect(takePendingFlagOps(s.db, gone.id)).toHaveLength(1);

    deleteMailbox(s.db, gone.id, true);

    expect(getMailbox(s.db, gone.id)).toBeUndefined();
    expect(listMailboxes(s.db).map((m) => m.name)).toEqual(['Kept']);
    const row = s.db.prepare('SELECT password_enc, active, deleted_at FROM mailboxes WHERE id = ?').get(gone.id) as {
      password_enc: Buffer | null;
      active: number;
      deleted_at: string | null;
    };
    expect(row.password_enc).toBeNull();
    expect(row.active).toBe(0);
    expect(row.deleted_at).not.toBeNull();
    expect(listMessages(s.db, {}).total).toBe(3);
    expect(listMessages(s.db, { search: 'devis' }).items.map((m) => m.mailbox_id)).toEqual([gone.id]);
    expect(getMessageRow(s.db, ids[0]!)?.mailbox_email).toBe('contact@example.fr');
    expect(takePendingFlagOps(s.db, gone.id)).toEqual([]);
    // Still readable and markable locally; there is no server left to tell.
    expect(setSeen(s.db, [ids[1]!], true)).toHaveLength(1);
    expect(takePendingFlagOps(s.db, gone.id)).toEqual([]);
  });
});

describe('folders', () => {
  it('getOrCreateFolder creates once and returns the same folder after', () => {
    const m = addMailbox(s.db);
    const f = getOrCreateFolder(s.db, m.id, 'INBOX');
    expect(f).toEqual({
      id: f.id,
      mailbox_id: m.id,
      path: 'INBOX',
      uidvalidity: null,
      last_uid: 0,
      min_uid: null,
      uidnext: null,
      highest_modseq: null,
      exists_count: null,
      server_count: null,
    });
    expect(getOrCreateFolder(s.db, m.id, 'INBOX').id).toBe(f.id);
    expect(getOrCreateFolder(s.db, m.id, 'Sent').id).not.toBe(f.id);
  });

  it('updateFolderState patches given fields, null included', () => {
    const m = addMailbox(s.db);
    const f = getOrCreateFolder(s.db, m.id, 'INBOX');
    updateFolderState(s.db, f.id, { uidvalidity: '42', last_uid: 10, uidnext: 11, highest_modseq: '900', min_uid: 3 });
    const u = updateFolderState(s.db, f.id, { uidnext: null, exists_count: 9 });
    expect(u).toMatchObject({ uidvalidity: '42', last_uid: 10, uidnext: null, highest_modseq: '900', min_uid: 3, exists_count: 9 });
  });

  it('resetFolderForUidValidity resets the sync state but keeps min_uid and the messages', () => {
    const m = addMailbox(s.db);
    const f = getOrCreateFolder(s.db, m.id, 'INBOX');
    commitBatch(s.db, f.id, [parsed(5)], { uidvalidity: '1', last_uid: 5, uidnext: 6, highest_modseq: '7', exists_count: 1, min_uid: 2 });
    resetFolderForUidValidity(s.db, f.id, '2');
    expect(getOrCreateFolder(s.db, m.id, 'INBOX')).toMatchObject({
      uidvalidity: '2',
      last_uid: 0,
      uidnext: null,
      highest_modseq: null,
      exists_count: null,
      min_uid: 2,
    });
    expect(count(s.db, 'messages')).toBe(1);
  });
});

describe('sync runs', () => {
  it('start, finish, lastRun and listRuns newest first', () => {
    const m = addMailbox(s.db);
    const r1 = startRun(s.db, m.id, '2025-03-01T10:00:00.000Z');
    finishRun(s.db, r1, {
      finished_at: '2025-03-01T10:01:00.000Z',
      status: 'success',
      new_messages: 12,
      updated_messages: 3,
      error_code: null,
      error: null,
    });
    const r2 = startRun(s.db, m.id, '2025-03-01T10:15:00.000Z');
    expect(lastRun(s.db, m.id)).toEqual({
      id: r2,
      mailbox_id: m.id,
      started_at: '2025-03-01T10:15:00.000Z',
      finished_at: null,
      status: 'running',
      new_messages: 0,
      updated_messages: 0,
      error_code: null,
      error: null,
    });
    const runs = listRuns(s.db, m.id, 10);
    expect(runs.map((r) => r.id)).toEqual([r2, r1]);
    expect(runs[1]).toMatchObject({ status: 'success', new_messages: 12, updated_messages: 3 });
    expect(listRuns(s.db, m.id, 1)).toHaveLength(1);
    expect(lastRun(s.db, addMailbox(s.db).id)).toBeUndefined();
  });

  it('markInterruptedRuns turns runs left running into CANCELLED errors', () => {
    const m = addMailbox(s.db);
    const done = startRun(s.db, m.id, NOW);
    finishRun(s.db, done, { finished_at: NOW, status: 'partial', new_messages: 1, updated_messages: 0, error_code: 'TIMEOUT', error: 'slow' });
    const killed = startRun(s.db, m.id, NOW);
    expect(markInterruptedRuns(s.db, '2025-03-01T12:00:00.000Z')).toBe(1);
    expect(lastRun(s.db, m.id)).toMatchObject({
      id: killed,
      status: 'error',
      error_code: 'CANCELLED',
      finished_at: '2025-03-01T12:00:00.000Z',
    });
    expect(listRuns(s.db, m.id, 5)[1]).toMatchObject({ status: 'partial', error_code: 'TIMEOUT' });
    expect(markInterruptedRuns(s.db, NOW)).toBe(0);
  });
});

describe('settings', () => {
  it('get returns undefined until set, set overwrites', () => {
    expect(getSetting(s.db, 'locale')).toBeUndefined();
    setSetting(s.db, 'locale', 'fr');
    setSetting(s.db, 'locale', 'en');
    expect(getSetting(s.db, 'locale')).toBe('en');
  });
});

describe('mailboxCounts', () => {
  it('counts every stored copy and the unread ones per mailbox', () => {
    const a = addMailbox(s.db);
    const b = addMailbox(s.db);
    const fa = getOrCreateFolder(s.db, a.id, 'INBOX');
    const fb = getOrCreateFolder(s.db, b.id, 'INBOX');
    commitBatch(s.db, fa.id, [parsed(1, { flags: ['\\Seen'] }), parsed(2), parsed(3)], { uidvalidity: '1' });
    commitBatch(s.db, fb.id, [parsed(1, { flags: ['\\Seen'] })], { uidvalidity: '9' });
    const counts = mailboxCounts(s.db);
    // b's message 1 is a copy of a's (same Message-ID): the inbox shows it once, under a.
    expect(counts.get(a.id)).toEqual({ total: 3, unread: 2, primary: 3, inbox_unread: 2 });
    expect(counts.get(b.id)).toEqual({ total: 1, unread: 0, primary: 0, inbox_unread: 0 });
    expect(counts.has(999)).toBe(false);
    // the one-mailbox variant agrees with the whole-table one
    expect(mailboxCountsOf(s.db, a.id)).toEqual(counts.get(a.id));
    expect(mailboxCountsOf(s.db, b.id)).toEqual(counts.get(b.id));
    expect(mailboxCountsOf(s.db, 999)).toEqual({ total: 0, unread: 0, primary: 0, inbox_unread: 0 });
  });

  it('the unread rows the inbox shows add up to the unread list, copies across mailboxes counted once', () => {
    const a = addMailbox(s.db);
    const b = addMailbox(s.db);
    const fa = getOrCreateFolder(s.db, a.id, 'INBOX');
    const fb = getOrCreateFolder(s.db, b.id, 'INBOX');
    commitBatch(s.db, fa.id, [parsed(11), parsed(12), parsed(13, { flags: ['\\Seen'] })], { uidvalidity: '1' });
    // The same two unread messages reached b too, plus one of its own.
    commitBatch(s.db, fb.id, [parsed(11), parsed(12), parsed(14)], { uidvalidity: '2' });
    const counts = mailboxCounts(s.db);
    const everyCopy = counts.get(a.id)!.unread + counts.get(b.id)!.unread;
    const asListed = counts.get(a.id)!.inbox_unread + counts.get(b.id)!.inbox_unread;
    const list = listMessages(s.db, { folder: 'inbox', unread_only: true, limit: 100 });
    expect(everyCopy).toBe(5);
    expect(asListed).toBe(3);
    expect(list.total).toBe(asListed);
  });
});
