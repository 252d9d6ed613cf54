import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  applyFlags,
  clearPendingFlagOps,
  commitBatch,
  deleteByUids,
  deleteStaleMessages,
  getFolder,
  getMessageRow,
  getOrCreateFolder,
  listMessages,
  listUids,
  relinkByContentKey,
  resetFolderForUidValidity,
  setSeen,
  takePendingFlagOps,
  type DB,
} from '../../electron/core/store/index.js';
import type { FolderState } from '../../electron/core/model.js';
import { addMailbox, count, countSources, ftsRowids, openTestStore, parsed, type TestStore } from './store-fixtures.js';

let s: TestStore;
let db: DB;
let folder: FolderState;
beforeEach(() => {
  s = openTestStore();
  db = s.db;
  folder = getOrCreateFolder(db, addMailbox(db).id, 'INBOX');
});
afterEach(() => s.close());

function ids(): number[] {
  return (db.prepare('SELECT id FROM messages ORDER BY id').all() as Array<{ id: number }>).map((r) => r.id);
}

describe('commitBatch', () => {
  it('stores messages with raw source, attachments and FTS rows, and the folder state', () => {
    const withPdf = parsed(2, {
      has_attachments: true,
      body_text: 'Veuillez trouver le devis',
      attachments: [
        { index: 0, filename: 'devis.pdf', content_type: 'application/pdf', size: 2048, inline: false, content_id: null },
        { index: 1, filename: 'logo.png', content_type: 'image/png', size: 512, inline: true, content_id: 'logo@x' },
      ],
    });
    const r = commitBatch(db, folder.id, [parsed(1), withPdf], { uidvalidity: '100', last_uid: 2, uidnext: 3 });
    expect(r).toEqual({ inserted: 2, relinked: 0, skipped: 0 });
    expect(getFolder(db, folder.id)).toMatchObject({ uidvalidity: '100', last_uid: 2, uidnext: 3 });
    expect(countSources(db)).toBe(2);
    const id = listMessages(db, { search: 'devis' }).items[0]!.id;
    const row = getMessageRow(db, id)!;
    expect(row).toMatchObject({ uid: 2, uidvalidity: '100', folder: 'INBOX', folder_id: folder.id, has_attachments: true });
    expect(row.raw.toString()).toContain('Subject: Message 2');
    expect(row.attachments).toEqual([
      { index: 0, filename: 'devis.pdf', content_type: 'application/pdf', size: 2048, inline: false, content_id: null },
      { index: 1, filename: 'logo.png', content_type: 'image/png', size: 512, inline: true, content_id: 'logo@x' },
    ]);
    expect(row.to).toEqual([{ name: 'Contact', address: 'contact@example.fr' }]);
  });

  it('replaying the same batch (crash after commit) skips everything and changes nothing', () => {
    const batch = [parsed(1), parsed(2), parsed(3)];
    commitBatch(db, folder.id, batch, { uidvalidity: '100', last_uid: 3 });
    const before = { messages: count(db, 'messages'), raw: countSources(db), fts: ftsRowids(db, 'message') };
    expect(commitBatch(db, folder.id, batch, { uidvalidity: '100', last_uid: 3 })).toEqual({ inserted: 0, relinked: 0, skipped: 3 });
    expect({ messages: count(db, 'messages'), raw: countSources(db), fts: ftsRowids(db, 'message') }).toEqual(before);
  });

  it('the (folder, uidvalidity, uid) key is a database constraint', () => {
    commitBatch(db, folder.id, [parsed(1)], { uidvalidity: '100' });
    const copy = db.prepare(
      `INSERT INTO messages (mailbox_id, folder_id, uidvalidity, uid, content_key, sort_date, seen, flagged, size,
         has_attachments, is_primary, created_at)
       SELECT mailbox_id, folder_id, uidvalidity, uid, 'other', sort_date, 0, 0, 1, 0, 1, created_at FROM messages`,
    );
    expect(() => copy.run()).toThrow(/UNIQUE constraint failed/);
  });

  it('a message that breaks a constraint rolls the whole batch back, folder state included', () => {
    commitBatch(db, folder.id, [parsed(1)], { uidvalidity: '100', last_uid: 1, uidnext: 2 });
    const bad = parsed(3, { size: -1 }); // violates CHECK (size >= 0)
    expect(() => commitBatch(db, folder.id, [parsed(2), bad, parsed(4)], { last_uid: 4, uidnext: 5 })).toThrow(/CHECK constraint/);
    expect(ids()).toHaveLength(1);
    expect(countSources(db)).toBe(1);
    expect(ftsRowids(db, 'message')).toHaveLength(1);
    expect(getFolder(db, folder.id)).toMatchObject({ uidvalidity: '100', last_uid: 1, uidnext: 2 });
  });

  it('a full disk (SQLITE_FULL) mid-batch writes nothing and can be retried once space is back', () => {
    commitBatch(db, folder.id, [parsed(1)], { uidvalidity: '100', last_uid: 1 });
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages + 8}`); // a few pages left: the big raw sources will not fit
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    // Sources go to pack files now: the rows' own columns must be what does not fit.
    const big = (uid: number) => parsed(uid, { raw: Buffer.alloc(8 * pageSize, 120), snippet: 'x'.repeat(8 * pageSize) }); // two of them need 16+ pages
    let code: unknown;
    try {
      commitBatch(db, folder.id, [parsed(2), big(3), big(4)], { last_uid: 4 });
    } catch (err) {
      code = (err as { code?: unknown }).code;
    }
    expect(code).toBe('SQLITE_FULL');
    expect(ids()).toHaveLength(1);
    expect(getFolder(db, folder.id)!.last_uid).toBe(1);

    db.pragma('max_page_count = 1073741823');
    expect(commitBatch(db, folder.id, [parsed(2), big(3), big(4)], { last_uid: 4 })).toEqual({ inserted: 3, relinked: 0, skipped: 0 });
  });

  it('refuses a batch under a different uidvalidity than the folder’s (reset must come first)', () => {
    commitBatch(db, folder.id, [parsed(1)], { uidvalidity: '100' });
    expect(() => commitBatch(db, folder.id, [parsed(2)], { uidvalidity: '200' })).toThrow(/uidvalidity/);
    expect(ids()).toHaveLength(1);
  });

  it('keeps two copies with the same Message-ID in the same mailbox', () => {
    const sent = getOrCreateFolder(db, folder.mailbox_id, 'Sent');
    commitBatch(db, folder.id, [parsed(1)], { uidvalidity: '1' });
    commitBatch(db, sent.id, [parsed(1)], { uidvalidity: '1' });
    commitBatch(db, folder.id, [parsed(7, { message_id: '<msg-1@example.fr>', content_key: 'ck-other' })], { uidvalidity: '1' });
    expect(count(db, 'messages')).toBe(3);
    expect(listMessages(db, { mailbox_id: folder.mailbox_id }).total).toBe(3);
  });
});

/** The indexes of the messages table, by name. */
const indexes = () => (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'messages'").all() as Array<{ name: string }>).map((r) => r.name);

describe('UIDVALIDITY change', () => {
  it('relinks the same contents under new UIDs without duplicates, then deletes only what is gone', () => {
    commitBatch(db, folder.id, [parsed(1, { flags: ['\\Seen'] }), parsed(2), parsed(3)], { uidvalidity: '100', last_uid: 3 });
    const oldIds = ids();
    // Without stale rows no store keeps a (folder, content key) index: each insert would pay for it (migration 011).
    expect(indexes().filter((n) => n === 'messages_relink' || n === 'messages_folder_content_key')).toEqual([]);

    resetFolderForUidValidity(db, folder.id, '200');
    expect(listUids(db, folder.id)).toEqual([]); // old rows are stale, not current
    expect(listMessages(db, {}).total).toBe(3); // …but still in the inbox meanwhile

    // The server renumbered: message 1 is now UID 11, message 3 is UID 13, message 2 was expunged, 4 is new.
    const renumbered = [parsed(1, { uid: 11, flags: [] }), parsed(3, { uid: 13 }), parsed(4, { uid: 14 })];
    expect(commitBatch(db, folder.id, renumbered, { last_uid: 14 })).toEqual({ inserted: 1, relinked: 2, skipped: 0 });
    expect(listUids(db, folder.id)).toEqual([11, 13, 14]);
    // While stale rows remain, the re-link looks them up through an index, not a scan of the folder.
    expect(indexes()).toContain('messages_relink');
    const plan = db
      .prepare('EXPLAIN QUERY PLAN SELECT id FROM messages WHERE folder_id = ? AND content_key = ? AND uidvalidity <> ? ORDER BY id LIMIT 1')
      .all(folder.id, 'ck-2', '200') as Array<{ detail: string }>;
    expect(plan.map((r) => r.detail).join(' ')).toMatch(/USING INDEX messages_relink/);
    const one = getMessageRow(db, oldIds[0]!)!;
    expect(one).toMatchObject({ uid: 11, uidvalidity: '200', seen: false });

    expect(deleteStaleMessages(db, folder.id)).toBe(1);
    expect(indexes()).not.toContain('messages_relink'); // no stale row anywhere: gone again
    expect(ids()).toEqual([oldIds[0], oldIds[2], expect.any(Number)]);
    expect(ftsRowids(db, '"message 2"')).toEqual([]);
    expect(ftsRowids(db, '"message 1"')).toEqual([oldIds[0]]);
    expect(countSources(db)).toBe(3);
  });

  it('relinkByContentKey attaches one stale row per item and returns the UIDs relinked', () => {
    // Two identical messages (same content key) and one other.
    const twin = { content_key: 'ck-twin', message_id: '<twin@x>' };
    commitBatch(db, folder.id, [parsed(1, twin), parsed(2, twin), parsed(3)], { uidvalidity: '100', last_uid: 3 });
    resetFolderForUidValidity(db, folder.id, '200');
    const relinked = relinkByContentKey(db, folder.id, [
      { uid: 21, content_key: 'ck-twin', flags: ['\\Flagged'] },
      { uid: 22, content_key: 'ck-twin', flags: [] },
      { uid: 23, content_key: 'ck-twin', flags: [] }, // no third twin left
      { uid: 24, content_key: 'ck-unknown', flags: [] },
    ]);
    expect(relinked).toEqual([21, 22]);
    expect(listUids(db, folder.id)).toEqual([21, 22]);
    expect(count(db, 'messages')).toBe(3);
    // A later batch skips what the pre-pass relinked and relinks the rest.
    expect(commitBatch(db, folder.id, [parsed(3, { uid: 23 }), parsed(1, { uid: 21, ...twin })], {})).toEqual({
      inserted: 0,
      relinked: 1,
      skipped: 1,
    });
    expect(deleteStaleMessages(db, folder.id)).toBe(0);
  });
});

describe('flags', () => {
  beforeEach(() => {
    commitBatch(db, folder.id, [parsed(1), parsed(2, { flags: ['\\Seen'] }), parsed(3)], { uidvalidity: '100', last_uid: 3 });
  });

  it('applyFlags updates only rows whose flags changed and applies the state', () => {
    const changed = applyFlags(
      db,
      folder.id,
      [
        { uid: 1, flags: ['\\Seen', '\\Flagged'] },
        { uid: 2, flags: ['\\seen'] }, // same flag, other case: no change
        { uid: 99, flags: ['\\Seen'] }, // unknown UID
      ],
      { highest_modseq: '555' },
    );
    expect(changed).toBe(1);
    const one = listMessages(db, { search: '"message 1"' }).items[0]!;
    expect(one).toMatchObject({ seen: true, flagged: true });
    expect(getFolder(db, folder.id)!.highest_modseq).toBe('555');
  });

  it('applyFlags ignores stale rows', () => {
    resetFolderForUidValidity(db, folder.id, '200');
    expect(applyFlags(db, folder.id, [{ uid: 1, flags: ['\\Seen'] }])).toBe(0);
    expect(listMessages(db, { unread_only: true }).total).toBe(2);
  });

  it('setSeen changes local flags, queues server ops, and a sync before the push does not undo it', () => {
    const one = listMessages(db, { search: '"message 1"' }).items[0]!.id;
    const two = listMessages(db, { search: '"message 2"' }).items[0]!.id;
    const changed = setSeen(db, [one, two], true); // two is already seen
    expect(changed).toEqual([{ mailbox_id: folder.mailbox_id, folder_path: 'INBOX', uidvalidity: '100', uid: 1 }]);
    expect(getMessageRow(db, one)!.seen).toBe(true);
    const flagsJson = (db.prepare('SELECT flags_json FROM messages WHERE id = ?').get(one) as { flags_json: string }).flags_json;
    expect(JSON.parse(flagsJson)).toEqual(['\\Seen']);

    // The server still says unread: the local intent wins until it is pushed.
    expect(applyFlags(db, folder.id, [{ uid: 1, flags: [] }])).toBe(0);
    expect(getMessageRow(db, one)!.seen).toBe(true);

    const ops = takePendingFlagOps(db, folder.mailbox_id);
    expect(ops).toEqual([{ id: expect.any(Number), folder_path: 'INBOX', uidvalidity: '100', uid: 1, flag: '\\Seen', add: true }]);
    clearPendingFlagOps(db, ops.map((o) => o.id));
    expect(takePendingFlagOps(db, folder.mailbox_id)).toEqual([]);

    // Pushed: the server's word counts again.
    expect(applyFlags(db, folder.id, [{ uid: 1, flags: [] }])).toBe(1);
    expect(getMessageRow(db, one)!.seen).toBe(false);
  });

  it('setSeen twice on the same message keeps only the last intent', () => {
    const one = listMessages(db, { search: '"message 1"' }).items[0]!.id;
    setSeen(db, [one], true);
    setSeen(db, [one], false);
    expect(takePendingFlagOps(db, folder.mailbox_id)).toMatchObject([{ uid: 1, flag: '\\Seen', add: false }]);
  });

  it('setSeen follows copies of the same Message-ID in other mailboxes', () => {
    const other = getOrCreateFolder(db, addMailbox(db, { name: 'Other' }).id, 'INBOX');
    commitBatch(db, other.id, [parsed(1, { uid: 50 })], { uidvalidity: '7' });
    const primary = listMessages(db, { search: '"message 1"' }).items[0]!;
    expect(primary.mailbox_ids).toEqual([folder.mailbox_id, other.mailbox_id]);
    const changed = setSeen(db, [primary.id], true);
    expect(changed.map((c) => [c.mailbox_id, c.uid])).toEqual([
      [folder.mailbox_id, 1],
      [other.mailbox_id, 50],
    ]);
    expect(takePendingFlagOps(db, other.mailbox_id)).toMatchObject([{ uid: 50, uidvalidity: '7', add: true }]);
  });
});

describe('expunges', () => {
  it('listUids is ascending and deleteByUids removes rows with raw, FTS and attachments', () => {
    const att = [{ index: 0, filename: 'a.txt', content_type: 'text/plain', size: 1, inline: false, content_id: null }];
    commitBatch(db, folder.id, [parsed(9), parsed(3, { attachments: att, has_attachments: true }), parsed(5)], { uidvalidity: '1' });
    expect(listUids(db, folder.id)).toEqual([3, 5, 9]);
    expect(deleteByUids(db, folder.id, [3, 9, 404])).toBe(2);
    expect(listUids(db, folder.id)).toEqual([5]);
    expect(countSources(db)).toBe(1);
    expect(count(db, 'attachments')).toBe(0);
    expect(ftsRowids(db, 'message')).toHaveLength(1);
    expect(deleteByUids(db, folder.id, [])).toBe(0);
  });

  it('deleting the primary copy of a Message-ID promotes another copy', () => {
    const other = getOrCreateFolder(db, addMailbox(db, { name: 'Other' }).id, 'INBOX');
    commitBatch(db, folder.id, [parsed(1)], { uidvalidity: '1' });
    commitBatch(db, other.id, [parsed(1, { uid: 70 })], { uidvalidity: '1' });
    expect(listMessages(db, {}).items.map((m) => m.mailbox_id)).toEqual([folder.mailbox_id]);
    deleteByUids(db, folder.id, [1]);
    const page = listMessages(db, {});
    expect(page.total).toBe(1);
    expect(page.items.map((m) => [m.mailbox_id, m.mailbox_ids])).toEqual([[other.mailbox_id, [other.mailbox_id]]]);
  });
});
