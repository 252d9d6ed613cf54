// Team triage in the store and the keyword scheme (issue 16), on real SQLite files: the reversible name
// encoding, the keyword changes one click makes, migration 004 over a database of the previous step, the
// generated columns the views read, the overlay of queued changes over the server's flags, and the views.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyFlags, commitBatch, getOrCreateFolder, LATEST_SCHEMA_VERSION, listMessages, MIGRATIONS, runMigrations, schemaVersion } from '../../electron/core/store/index.js';
import { migration008Triage } from '../../electron/core/store/migrations/008-triage.js';
import { takePendingFlagOps } from '../../electron/core/store/pending-ops.js';
import { applyTriage, setKeywordsOk, triageCounts, triagePeople } from '../../electron/core/store/triage.js';
import { setSetting } from '../../electron/core/store/settings.js';
import { decodeName, encodeName, MAX_ENCODED_NAME, nameProblem, readTriageKeywords, triageChanges } from '../../shared/triage.js';
import { makeTmpDir, type TmpDir } from '../helpers/tmp-dir.js';
import { addMailbox, beforeFtsWatermark, openTestStore, parsed, type TestStore } from './store-fixtures.js';

describe('the keyword scheme (shared/triage.ts)', () => {
  it('encodes names into atom characters, reversibly', () => {
    const names = ['Marie', 'Jean-Pierre', 'Marie-Hélène', 'Anne Sophie', 'Zoë_2', 'Ørsted', '李雷', "O'Neil"];
    for (const n of names) {
      const e = encodeName(n);
      expect(e).toMatch(/^[A-Za-z0-9_]+$/);
      expect(decodeName(e)).toBe(n);
      // A server may hand the keyword back in another case: hex digits are case-blind, letters just change case.
      expect(decodeName(e.toLowerCase())).toBe(n.replace(/[A-Z]/g, (c) => c.toLowerCase()));
    }
    expect(encodeName('Marie-Hélène')).toBe('Marie_2DH_C3_A9l_C3_A8ne');
    expect(decodeName('bad_zz')).toBeNull();
    expect(decodeName('_FF')).toBeNull(); // not UTF-8
    expect(nameProblem('  ')).toBe('empty');
    expect(nameProblem('x'.repeat(MAX_ENCODED_NAME))).toBeNull();
    expect(nameProblem('x'.repeat(MAX_ENCODED_NAME + 1))).toBe('too_long');
  });

  it('reads state, assignee and author; a race resolves the same way everywhere', () => {
    expect(readTriageKeywords(['\\Seen', '$Releve_Doing', '$Releve_To_Jean', '$Releve_By_Marie'])).toEqual({ state: 'doing', assignee: 'Jean', by: 'Marie' });
    expect(readTriageKeywords(['$releve_todo', '$RELEVE_DONE']).state).toBe('done');
    expect(readTriageKeywords(['$Releve_To_Paul', '$Releve_To_Anne']).assignee).toBe('Anne');
    expect(readTriageKeywords([])).toEqual({ state: null, assignee: null, by: null });
  });

  it('one change: the other states, assignees and authors go first, then the new ones', () => {
    const current = ['\\Seen', '$Releve_Todo', '$Releve_To_Jean', '$Releve_By_Jean'];
    expect(triageChanges(current, { state: 'done', assignee: 'Marie' }, 'Marie')).toEqual([
      { flag: '$Releve_Todo', add: false },
      { flag: '$Releve_To_Jean', add: false },
      { flag: '$Releve_By_Jean', add: false },
      { flag: '$Releve_Done', add: true },
      { flag: '$Releve_To_Marie', add: true },
      { flag: '$Releve_By_Marie', add: true },
    ]);
    expect(triageChanges(current, { state: 'todo' }, 'Jean')).toEqual([]); // nothing to do
    // Without a name, a stale author is removed and none is written.
    expect(triageChanges(current, { state: 'doing' }, null)).toEqual([
      { flag: '$Releve_Todo', add: false },
      { flag: '$Releve_By_Jean', add: false },
      { flag: '$Releve_Doing', add: true },
    ]);
  });
});

describe('migration 004 (triage)', () => {
  let dir: TmpDir;
  beforeEach(() => {
    dir = makeTmpDir('releve-mig4-');
  });
  afterEach(() => dir.remove());

  it('upgrades a database of the previous step: keywords already stored become triage columns', () => {
    const step = MIGRATIONS.indexOf(migration008Triage);
    expect(step).toBeGreaterThan(0);
    const db = new Database(dir.file('releve.db'));
    db.pragma('foreign_keys = ON');
    runMigrations(db, MIGRATIONS.slice(0, step));
    const mb = addMailbox(db);
    const inbox = Number(db.prepare("INSERT INTO folders (mailbox_id, path, uidvalidity, role) VALUES (?, 'INBOX', '7', 'inbox')").run(mb.id).lastInsertRowid);
    beforeFtsWatermark(db, () =>
      commitBatch(db, inbox, [parsed(1, { flags: ['$Releve_Done', '$Releve_To_Jean_2DPierre'] }), parsed(2)], { last_uid: 2 }),
    );
    runMigrations(db);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare('SELECT uid, triage_state, triage_assignee, triage_by FROM messages ORDER BY uid').all()).toEqual([
      { uid: 1, triage_state: 'done', triage_assignee: 'Jean_2DPierre', triage_by: null },
      { uid: 2, triage_state: null, triage_assignee: null, triage_by: null },
    ]);
    expect(db.prepare('SELECT keywords_ok FROM folders').get()).toEqual({ keywords_ok: null });
    db.close();
  });
});

describe('triage in the store', () => {
  let s: TestStore;
  let inbox: number;
  let archive: number;
  beforeEach(() => {
    s = openTestStore();
    const mb = addMailbox(s.db);
    inbox = getOrCreateFolder(s.db, mb.id, 'INBOX').id;
    archive = getOrCreateFolder(s.db, mb.id, 'Archive').id;
    s.db.prepare("UPDATE folders SET uidvalidity = '7', role = CASE path WHEN 'INBOX' THEN 'inbox' ELSE 'archive' END").run();
    commitBatch(s.db, inbox, [parsed(1), parsed(2), parsed(3, { flags: ['$Releve_Doing', '$Releve_To_Marie'] })], { last_uid: 3 });
    commitBatch(s.db, archive, [parsed(10)], { last_uid: 10 });
    setSetting(s.db, 'triage_name', 'Marie');
  });
  afterEach(() => s.close());

  const idOf = (uid: number) => (s.db.prepare('SELECT id FROM messages WHERE uid = ?').get(uid) as { id: number }).id;
  const view = (triage: 'todo' | 'mine' | 'unassigned' | 'doing' | 'done') =>
    listMessages(s.db, { triage, limit: 50 }).items.map((m) => m.subject).sort();

  it('views and counts: INBOX without a keyword is "à traiter", other folders only with one', () => {
    expect(view('todo')).toEqual(['Message 1', 'Message 2']);
    expect(view('doing')).toEqual(['Message 3']);
    expect(view('mine')).toEqual(['Message 3']);
    expect(view('unassigned')).toEqual(['Message 1', 'Message 2']);
    expect(triageCounts(s.db)).toEqual({ todo: 2, mine: 1, unassigned: 2, doing: 1, done: 0 });
    expect(listMessages(s.db, { folder: 'archive' }).items[0]!.triage).toEqual({ state: null, assignee: null, by: null, at: null, local_only: false });
  });

  it('a change is shown at once, queued for the server, and survives a sync until pushed', () => {
    const r = applyTriage(s.db, [idOf(1), idOf(10)], { state: 'done', assignee: 'Jean' }, 'Marie');
    expect(r.updated).toBe(2);
    expect(view('done')).toEqual(['Message 1', 'Message 10']);
    expect(triagePeople(s.db, 'Marie')).toEqual(['Jean', 'Marie']);
    const ops = takePendingFlagOps(s.db, 1).filter((o) => o.uid === 1).map((o) => [o.flag, o.add]);
    expect(ops).toEqual([['$Releve_Done', true], ['$Releve_To_Jean', true], ['$Releve_By_Marie', true]]);
    // A sync reading the server's (older) flags before the push keeps the local change on top.
    applyFlags(s.db, inbox, [{ uid: 1, flags: [] }]);
    expect(listMessages(s.db, { triage: 'done' }).items.find((m) => m.subject === 'Message 1')!.triage).toEqual({
      state: 'done', assignee: 'Jean', by: 'Marie', at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), local_only: false,
    });
  });

  it('copies of one Message-ID show once per view, from a folder that is in the view; search and unread narrow it', () => {
    const sent = getOrCreateFolder(s.db, 1, 'Sent').id;
    s.db.prepare("UPDATE folders SET uidvalidity = '7', role = 'sent' WHERE id = ?").run(sent);
    // The same message filed in Sent first (lower id) and in INBOX: "à traiter" must still list it, once.
    commitBatch(s.db, sent, [parsed(20, { message_id: '<shared@example.fr>', subject: 'Copie' })], { last_uid: 20 });
    commitBatch(s.db, inbox, [parsed(21, { message_id: '<shared@example.fr>', subject: 'Copie' })], { last_uid: 21 });
    expect(view('todo')).toEqual(['Copie', 'Message 1', 'Message 2']);
    expect(listMessages(s.db, { triage: 'todo', search: 'Copie' }).items.map((m) => m.folder)).toEqual(['INBOX']);
    expect(listMessages(s.db, { triage: 'todo', collapse_duplicates: false, folder: 'sent' }).items).toEqual([]);
    s.db.prepare("UPDATE messages SET seen = 1 WHERE subject = 'Message 1'").run();
    expect(listMessages(s.db, { triage: 'todo', unread_only: true }).items.map((m) => m.subject).sort()).toEqual(['Copie', 'Message 2']);
    expect(triageCounts(s.db).todo).toBe(3);
  });

  it('a folder refusing keywords is flagged local-only on its messages', () => {
    setKeywordsOk(s.db, inbox, false);
    const r = applyTriage(s.db, [idOf(2)], { state: 'doing' }, 'Marie');
    expect(r.localOnly).toBe(1);
    expect(listMessages(s.db, { triage: 'doing' }).items.map((m) => [m.subject, m.triage.local_only]).sort()).toEqual([
      ['Message 2', true],
      ['Message 3', true],
    ]);
  });
});
