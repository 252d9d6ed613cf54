import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  commitBatch,
  getOrCreateFolder,
  listMessages,
  MAX_PAGE_SIZE,
  toFtsQuery,
  type DB,
} from '../../electron/core/store/index.js';
import type { FolderState } from '../../electron/core/model.js';
import { addMailbox, openTestStore, parsed, type TestStore } from './store-fixtures.js';

let s: TestStore;
let db: DB;
let inboxA: FolderState;
let inboxB: FolderState;
beforeEach(() => {
  s = openTestStore();
  db = s.db;
  inboxA = getOrCreateFolder(db, addMailbox(db, { name: 'A' }).id, 'INBOX');
  inboxB = getOrCreateFolder(db, addMailbox(db, { name: 'B' }).id, 'INBOX');
});
afterEach(() => s.close());

const at = (day: number) => `2025-02-${String(day).padStart(2, '0')}T12:00:00.000Z`;

describe('listMessages', () => {
  it('returns newest first with offset/limit paging and a total', () => {
    commitBatch(db, inboxA.id, [1, 2, 3, 4, 5].map((d) => parsed(d, { date: at(d) })), { uidvalidity: '1' });
    const first = listMessages(db, { limit: 2 });
    expect(first.items.map((m) => m.subject)).toEqual(['Message 5', 'Message 4']);
    expect(first).toMatchObject({ total: 5, offset: 0 });
    const second = listMessages(db, { limit: 2, offset: 2 });
    expect(second.items.map((m) => m.subject)).toEqual(['Message 3', 'Message 2']);
    expect(listMessages(db, { limit: 2, offset: 4 }).items.map((m) => m.subject)).toEqual(['Message 1']);
    expect(listMessages(db, {}).items).toHaveLength(5);
  });

  it('sorts by Date header, else INTERNALDATE, else the time it was stored', () => {
    const batch = [
      parsed(1, { date: at(10) }),
      parsed(2, { date: null, internal_date: at(20) }),
      parsed(3, { date: 'not a date', internal_date: null }), // stored now: newest
      parsed(4, { date: at(15) }),
    ];
    commitBatch(db, inboxA.id, batch, { uidvalidity: '1' });
    expect(listMessages(db, {}).items.map((m) => m.subject)).toEqual(['Message 3', 'Message 2', 'Message 4', 'Message 1']);
  });

  it('clamps the page size to the maximum', () => {
    commitBatch(db, inboxA.id, Array.from({ length: MAX_PAGE_SIZE + 3 }, (_, i) => parsed(i + 1)), { uidvalidity: '1' });
    const page = listMessages(db, { limit: 10_000 });
    expect(page.items).toHaveLength(MAX_PAGE_SIZE);
    expect(page.total).toBe(MAX_PAGE_SIZE + 3);
  });

  it('filters by mailbox and by unread', () => {
    commitBatch(db, inboxA.id, [parsed(1), parsed(2, { flags: ['\\Seen'] })], { uidvalidity: '1' });
    commitBatch(db, inboxB.id, [parsed(3)], { uidvalidity: '1' });
    expect(listMessages(db, { mailbox_id: inboxA.mailbox_id }).items.map((m) => m.subject).sort()).toEqual(['Message 1', 'Message 2']);
    expect(listMessages(db, { unread_only: true }).items.map((m) => m.subject).sort()).toEqual(['Message 1', 'Message 3']);
    const both = listMessages(db, { mailbox_id: inboxA.mailbox_id, unread_only: true });
    expect(both.items.map((m) => m.subject)).toEqual(['Message 1']);
    expect(both.total).toBe(1);
  });

  it('collapses copies of a Message-ID across mailboxes into one row listing every mailbox', () => {
    commitBatch(db, inboxA.id, [parsed(1, { date: at(1) }), parsed(2, { date: at(2) })], { uidvalidity: '1' });
    commitBatch(db, inboxB.id, [parsed(1, { uid: 40, date: at(1) })], { uidvalidity: '1' });

    const collapsed = listMessages(db, {});
    expect(collapsed.total).toBe(2);
    expect(collapsed.items.map((m) => [m.subject, m.mailbox_id, m.mailbox_ids])).toEqual([
      ['Message 2', inboxA.mailbox_id, [inboxA.mailbox_id]],
      ['Message 1', inboxA.mailbox_id, [inboxA.mailbox_id, inboxB.mailbox_id]],
    ]);

    const all = listMessages(db, { collapse_duplicates: false });
    expect(all.total).toBe(3);
    expect(all.items.filter((m) => m.subject === 'Message 1').map((m) => m.mailbox_id).sort()).toEqual(
      [inboxA.mailbox_id, inboxB.mailbox_id].sort(),
    );

    // Filtered by mailbox, B's own copy shows up.
    expect(listMessages(db, { mailbox_id: inboxB.mailbox_id }).items.map((m) => m.subject)).toEqual(['Message 1']);
  });

  it('never collapses messages without a Message-ID', () => {
    const noId = { message_id: null, subject: 'Sans identifiant' };
    commitBatch(db, inboxA.id, [parsed(1, noId)], { uidvalidity: '1' });
    commitBatch(db, inboxB.id, [parsed(1, noId), parsed(2, { ...noId, message_id: '   ' })], { uidvalidity: '1' });
    const page = listMessages(db, {});
    expect(page.total).toBe(3);
    expect(page.items.every((m) => m.message_id === null && m.mailbox_ids.length === 1)).toBe(true);
  });

  it('collapsed totals count one per Message-ID with the unread filter too', () => {
    commitBatch(db, inboxA.id, [parsed(1), parsed(2, { flags: ['\\Seen'] })], { uidvalidity: '1' });
    commitBatch(db, inboxB.id, [parsed(1), parsed(2, { flags: ['\\Seen'] }), parsed(3)], { uidvalidity: '1' });
    expect(listMessages(db, {}).total).toBe(3);
    expect(listMessages(db, { unread_only: true }).total).toBe(2);
  });
});

describe('full-text search', () => {
  beforeEach(() => {
    commitBatch(
      db,
      inboxA.id,
      [
        parsed(1, { subject: 'Réunion à Orléans', body_text: 'Ordre du jour en pièce jointe', date: at(1) }),
        parsed(2, { subject: 'Planning', body_text: 'Cet ete nous fermons en août', date: at(2) }),
        parsed(3, {
          subject: 'Facture 2025-114',
          from: { name: 'Éloïse Dupré', address: 'compta@fournisseur.fr' },
          body_text: 'Merci de régler la facture',
          date: at(3),
        }),
      ],
      { uidvalidity: '1' },
    );
  });
  const subjects = (search: string) => listMessages(db, { search }).items.map((m) => m.subject);

  it('is accent-insensitive both ways', () => {
    expect(subjects('reunion orleans')).toEqual(['Réunion à Orléans']);
    expect(subjects('ORLÉANS')).toEqual(['Réunion à Orléans']);
    expect(subjects('éte')).toEqual(['Planning']);
    expect(subjects('aout')).toEqual(['Planning']);
    expect(subjects('eloise dupre')).toEqual(['Facture 2025-114']);
  });

  it('matches word prefixes, requires every word, and searches the sender address', () => {
    expect(subjects('fact')).toEqual(['Facture 2025-114']);
    expect(subjects('orl reu')).toEqual(['Réunion à Orléans']);
    expect(subjects('orleans facture')).toEqual([]);
    expect(subjects('compta@fournisseur.fr')).toEqual(['Facture 2025-114']);
    expect(subjects('jointe')).toEqual(['Réunion à Orléans']);
  });

  it('combines with the other filters and counts matches', () => {
    expect(listMessages(db, { search: 'e', limit: 1 }).total).toBeGreaterThanOrEqual(2);
    expect(listMessages(db, { search: 'facture', mailbox_id: inboxB.mailbox_id }).total).toBe(0);
    expect(listMessages(db, { search: 'facture', unread_only: true }).total).toBe(1);
  });

  it('an empty or blank search is no filter', () => {
    expect(listMessages(db, { search: '' }).total).toBe(3);
    expect(listMessages(db, { search: '   ' }).total).toBe(3);
  });

  it('hostile input never raises an FTS syntax error', () => {
    for (const input of ['"foo', 'NEAR(', 'a OR', 'AND', '*', '(', ')', '""', 'subject:x', '^a', 'x -y', '"', "l'été", '{a b}:c', '\u0000']) {
      expect(() => listMessages(db, { search: input }), input).not.toThrow();
    }
    expect(subjects('"orléans')).toEqual(['Réunion à Orléans']);
    expect(subjects('NEAR(')).toEqual([]);
  });
});

describe('toFtsQuery', () => {
  it('quotes each word as a prefix phrase and drops words with nothing searchable', () => {
    expect(toFtsQuery('réunion  orléans')).toBe('"réunion"* "orléans"*');
    expect(toFtsQuery('say "hi')).toBe('"say"* """hi"*');
    expect(toFtsQuery('( ) * -')).toBeNull();
    expect(toFtsQuery('')).toBeNull();
  });
});
