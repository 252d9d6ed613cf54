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

describe('every filter combination agrees with a brute-force reading of the same data', () => {
  it('items, order and totals, page by page', () => {
    const inboxC = getOrCreateFolder(db, addMailbox(db, { name: 'C' }).id, 'INBOX');
    const folders = [inboxA, inboxB, inboxC];
    // 30 messages; every third also lands in the next mailbox; some have no Message-ID; some dates tie.
    interface Stored { mailbox: number; n: number; messageId: string | null; seen: boolean; day: number; word: boolean }
    const stored: Stored[] = [];
    for (let n = 1; n <= 30; n++) {
      const home = n % 3;
      const messageId = n % 7 === 0 ? null : `<m${n}@x>`;
      const day = (n % 12) + 1;
      const word = n % 2 === 0;
      const targets = n % 3 === 0 ? [home, (home + 1) % 3] : [home];
      for (const t of targets) {
        const seen = (n + t) % 4 === 0;
        const f = folders[t]!;
        commitBatch(
          db,
          f.id,
          [parsed(n, { message_id: messageId, flags: seen ? ['\\Seen'] : [], date: at(day), subject: `S${n}`, body_text: word ? 'alpha' : 'beta' })],
          { uidvalidity: '1' },
        );
        stored.push({ mailbox: f.mailbox_id, n, messageId, seen, day, word });
      }
    }
    const idOf = new Map(
      (db.prepare('SELECT id, mailbox_id, subject FROM messages').all() as Array<{ id: number; mailbox_id: number; subject: string }>).map((r) => [
        `${r.mailbox_id}/${r.subject}`,
        r.id,
      ]),
    );
    const rows = stored.map((r) => ({ ...r, id: idOf.get(`${r.mailbox}/S${r.n}`)! }));
    const firstIdOf = new Map<string, number>();
    for (const r of [...rows].sort((a, b) => a.id - b.id)) if (r.messageId && !firstIdOf.has(r.messageId)) firstIdOf.set(r.messageId, r.id);

    for (const mailbox_id of [undefined, inboxB.mailbox_id]) {
      for (const unread_only of [false, true]) {
        for (const collapse_duplicates of [true, false]) {
          for (const search of [undefined, 'alp']) {
            const collapse = mailbox_id === undefined && collapse_duplicates;
            const expected = rows
              .filter((r) => mailbox_id === undefined || r.mailbox === mailbox_id)
              .filter((r) => !collapse || r.messageId === null || firstIdOf.get(r.messageId) === r.id)
              .filter((r) => !unread_only || !r.seen)
              .filter((r) => search === undefined || r.word)
              .sort((a, b) => b.day - a.day || b.id - a.id)
              .map((r) => r.id);
            const q = { mailbox_id, unread_only, collapse_duplicates, search, limit: 4 };
            const got: number[] = [];
            for (let offset = 0; offset <= expected.length; offset += 4) {
              const page = listMessages(db, { ...q, offset });
              expect(page.total, JSON.stringify(q)).toBe(expected.length);
              got.push(...page.items.map((m) => m.id));
            }
            expect(got, JSON.stringify(q)).toEqual(expected);
          }
        }
      }
    }
  });
});
