// Conversation candidates through the full-text index (store/thread-candidates.ts), on a real SQLite store filled
// through commitBatch: "Re:"/"RE :" replies without threading headers join their original by subject, accents and
// case aside; a longer subject that only starts the same way, or one sharing the words in another order, is not a
// candidate; subjects full of FTS5 syntax (quotes, column:, NEAR, NUL, *) never raise and still match themselves.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findThread } from '../../electron/core/send/thread.js';
import { commitBatch, getOrCreateFolder, type DB } from '../../electron/core/store/index.js';
import { subjectPhrase, threadCandidateIds } from '../../electron/core/store/thread-candidates.js';
import { addMailbox, openTestStore, parsed, type TestStore } from './store-fixtures.js';

let s: TestStore;
let db: DB;
beforeEach(() => {
  s = openTestStore();
  db = s.db;
});
afterEach(() => s.close());

const noOutbox = (): never => {
  throw new Error('no outbox in this store');
};

/** Stores messages with the given subjects (no threading headers), oldest first; returns their ids by subject. */
function store(subjects: string[]): Map<string, number> {
  const folder = getOrCreateFolder(db, addMailbox(db).id, 'INBOX');
  commitBatch(
    db,
    folder.id,
    subjects.map((subject, i) => parsed(i + 1, { subject, date: `2025-02-${String(i + 1).padStart(2, '0')}T12:00:00.000Z`, raw: Buffer.from(`Subject: x\r\n\r\nbody\r\n`) })),
    { uidvalidity: '1' },
  );
  const rows = db.prepare('SELECT id, subject FROM messages').all() as Array<{ id: number; subject: string }>;
  return new Map(rows.map((r) => [r.subject, r.id]));
}

describe('conversation candidates by subject', () => {
  it('joins header-less replies to their original, and only them', () => {
    const ids = store([
      'Commande de galettes « frangipane »',
      'RE: Commande de galettes « frangipane »',
      'Re : commande de GALETTES frangipane',
      'Commande de galettes « frangipane » et de cidre',
      'Galettes frangipane, commande de',
      'Commande de croissants',
    ]);
    const candidates = threadCandidateIds(db, [], 'Commande de galettes « frangipane »');
    expect(new Set(candidates)).toEqual(new Set([
      ids.get('Commande de galettes « frangipane »'),
      ids.get('RE: Commande de galettes « frangipane »'),
      ids.get('Re : commande de GALETTES frangipane'),
      ids.get('Commande de galettes « frangipane » et de cidre'),
    ]));
    // findThread keeps the same base subject only: the longer subject is a candidate, not a member.
    const thread = findThread(db, ids.get('RE: Commande de galettes « frangipane »')!, noOutbox)!;
    expect(thread.messages.map((m) => m.subject)).toEqual(['Commande de galettes « frangipane »', 'RE: Commande de galettes « frangipane »']);
  });

  it('never raises on FTS5 syntax in a subject, and finds the message itself', () => {
    const hostile = ['Devis "urgent" NEAR(a b) subject:x *', 'col: "', 'a\u0000b OR c', '-- AND --', '¿?¡!'];
    const ids = store(hostile);
    for (const subject of hostile) {
      const found = threadCandidateIds(db, [], subject);
      if (subjectPhrase(subject) === null) expect(found).toEqual([]);
      else expect(found).toContain(ids.get(subject));
      expect(findThread(db, ids.get(subject)!, noOutbox)!.messages.map((m) => m.id)).toContain(ids.get(subject));
    }
    expect(subjectPhrase('¿?¡!')).toBeNull();
    expect(subjectPhrase('')).toBeNull();
  });

  it('still finds referenced Message-IDs when the subject holds no word', () => {
    const ids = store(['!!!', '???']);
    const mid = (db.prepare('SELECT message_id FROM messages WHERE id = ?').get(ids.get('???')) as { message_id: string }).message_id;
    expect(threadCandidateIds(db, [mid], '!!!')).toEqual([ids.get('???')]);
  });
});
