// Source packs end to end: a first sync of a real Dovecot folder through the core (parse worker, its own
// connection) stores every source in pack files, each read back equal to the server's bytes; messages expunged
// on the server are dropped by the next sync, and the compaction that follows it moves the survivors out of the
// old pack, whose bytes a later pass gives back.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCore } from '../../electron/core/create-core.js';
import { closeSourceFiles, closeStore, openStore, readRawSource } from '../../electron/core/store/index.js';
import { compactSources, RETIRE_GRACE_MS } from '../../electron/core/store/source-compact.js';
import { makeMessage, startDovecot, type DovecotHandle } from '../fixtures/dovecot.js';
import { serverSources } from '../helpers/server-sources.js';
import { makeTmpDir, type TmpDir } from '../helpers/tmp-dir.js';

const USER = { user: 'packs@example.test', password: 'packs-Pw-73q' };
const TOTAL = 240;
let dovecot: DovecotHandle;
let tmp: TmpDir;
let dataDir: string;

beforeAll(async () => {
  dovecot = await startDovecot({ users: [USER] });
  tmp = makeTmpDir('releve-packs-sync-');
  dataDir = tmp.file('data');
  const raws = Array.from({ length: TOTAL }, (_, i) =>
    makeMessage({
      subject: `Facture n° ${i} — été`,
      body: `Bonjour,\n${'Ligne de texte accentuée : façade, Noël.\n'.repeat(1 + ((i * 37) % 400))}`,
      ...(i % 60 === 7
        ? { attachment: { filename: `plan-${i}.bin`, content: Buffer.alloc(1_500_000, i), type: 'application/octet-stream' } }
        : {}),
    }),
  );
  await dovecot.appendMany(USER.user, raws);
}, 120_000);

afterAll(async () => {
  await dovecot?.stop();
  tmp?.remove();
});

function packBytes(): number {
  const dir = path.join(dataDir, 'sources');
  return readdirSync(dir).reduce((n, f) => n + statSync(path.join(dir, f)).size, 0);
}

/** Every stored message's source, by UID, checked against the server's bytes; returns how many were compared. */
async function expectSourcesEqualServer(): Promise<number> {
  const server = await serverSources(dovecot, USER.user);
  const db = new Database(path.join(dataDir, 'releve.db'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT id, uid FROM messages ORDER BY uid').all() as Array<{ id: number; uid: number }>;
    expect(rows.map((r) => r.uid)).toEqual([...server.keys()].sort((a, b) => a - b));
    expect(db.prepare('SELECT count(*) AS n FROM message_raw').get()).toEqual({ n: 0 });
    for (const r of rows) {
      const raw = readRawSource(db, r.id);
      expect(raw?.equals(server.get(r.uid)!), `uid ${r.uid}`).toBe(true);
    }
    return rows.length;
  } finally {
    closeSourceFiles(db);
    db.close();
  }
}

it('a first sync stores every source in packs, each equal to the server’s bytes', async () => {
  const core = createCore({ dataDir, tlsCa: [dovecot.caPem], locale: 'en', idle: false });
  try {
    await core.api.createMailbox({
      name: 'Packs',
      imap_server: '127.0.0.1',
      imap_port: dovecot.imapsPort!,
      email_address: USER.user,
      email_password: USER.password,
      use_ssl: true,
    });
    const [res] = await core.runOnce({ force: true });
    expect(res).toMatchObject({ status: 'success', new_messages: TOTAL });
    // What the store weighs on disk (Settings › Données) counts the packs too.
    expect((await core.api.getAbout()).store_bytes).toBeGreaterThan(packBytes());
  } finally {
    await core.close();
  }
  expect(await expectSourcesEqualServer()).toBe(TOTAL);
  const server = await serverSources(dovecot, USER.user);
  // Each source written once, nothing else: the packs hold exactly the server's bytes.
  expect(packBytes()).toBe([...server.values()].reduce((n, b) => n + b.length, 0));
}, 120_000);

it('messages expunged on the server: the next sync drops them, compaction gives their bytes back', async () => {
  const uids = await dovecot.uids(USER.user);
  // The big ones and two thirds of the rest: well under half the bytes stay.
  const gone = uids.filter((_, i) => i % 60 === 7 || i % 3 !== 0);
  await dovecot.expunge(USER.user, gone);
  const before = packBytes();
  const core = createCore({ dataDir, tlsCa: [dovecot.caPem], locale: 'en', idle: false });
  try {
    const [res] = await core.runOnce({ force: true });
    expect(res?.status).toBe('success');
  } finally {
    await core.close(); // waits for the compaction the end of the run started
  }
  const kept = await expectSourcesEqualServer();
  expect(kept).toBe(uids.length - gone.length);
  // The survivors were moved out of the first sync's pack, which is retired: its file stays for readers of an
  // older snapshot during the grace, then a later pass removes it.
  const db = openStore(path.join(dataDir, 'releve.db'));
  try {
    expect(db.prepare('SELECT id FROM source_packs WHERE retired_at IS NOT NULL').all()).toEqual([{ id: 1 }]);
    expect(db.prepare('SELECT count(*) AS n FROM message_sources WHERE pack_id = 1').get()).toEqual({ n: 0 });
    expect(await compactSources(db, { now: Date.now() + RETIRE_GRACE_MS + 1000 })).toMatchObject({ removed: 1 });
  } finally {
    closeStore(db);
  }
  expect(await expectSourcesEqualServer()).toBe(kept);
  const server = await serverSources(dovecot, USER.user);
  const live = [...server.values()].reduce((n, b) => n + b.length, 0);
  expect(packBytes()).toBe(live);
  expect(packBytes()).toBeLessThan(before / 4);
}, 120_000);
