// A first sync stores the newest mail first (issue #13 point 1), with the usual guarantees: every message once,
// the watermark at the top once done, new mail afterwards fetched above it.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCore } from '../../electron/core/create-core.js';
import type { Core } from '../../electron/core/model.js';
import { makeMessage, startDovecot, type DovecotHandle } from '../fixtures/dovecot.js';

const USER = { user: 'recent@example.test', password: 'recent-Pw-2c9' };
let dovecot: DovecotHandle;
let dataDir: string;
let core: Core;

beforeAll(async () => {
  dovecot = await startDovecot({ users: [USER] });
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'releve-newest-'));
  core = createCore({ dataDir, tlsCa: [dovecot.caPem], locale: 'en' });
});

afterAll(async () => {
  await core?.close();
  await dovecot?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

it('stores the newest batch first, then everything once, and later mail above it', async () => {
  // 600 messages: more than one batch (250), so the order of the transactions shows.
  await dovecot.appendMany(USER.user, Array.from({ length: 600 }, (_, i) => makeMessage({ subject: `Ordre ${i}` })));
  const mb = await core.api.createMailbox({
    name: 'Recent',
    imap_server: '127.0.0.1',
    imap_port: dovecot.imapsPort!,
    email_address: USER.user,
    email_password: USER.password,
    use_ssl: true,
  });
  const progress: Array<{ done: number; total: number }> = [];
  const off = core.on('syncProgress', (p) => progress.push({ done: p.done, total: p.total }));
  expect(await core.api.syncMailbox({ id: mb.id })).toMatchObject({ status: 'success', new_messages: 600 });
  off();
  expect(progress.at(-1)).toEqual({ done: 600, total: 600 });

  const uids = await dovecot.uids(USER.user);
  const db = new Database(path.join(dataDir, 'releve.db'), { readonly: true });
  try {
    // Row ids follow the commits: the newest message's row was written before the oldest one's.
    const rowOf = db.prepare('SELECT id FROM messages WHERE uid = ?');
    const newest = (rowOf.get(uids[uids.length - 1]) as { id: number }).id;
    const oldest = (rowOf.get(uids[0]) as { id: number }).id;
    expect(newest).toBeLessThan(oldest);
    expect(db.prepare('SELECT count(*) AS n, count(DISTINCT uid) AS u FROM messages').get()).toEqual({ n: 600, u: 600 });
    expect(db.prepare('SELECT last_uid FROM folders').get()).toEqual({ last_uid: uids[uids.length - 1] });
  } finally {
    db.close();
  }

  await dovecot.append(USER.user, makeMessage({ subject: 'Ensuite' }));
  expect(await core.api.syncMailbox({ id: mb.id })).toMatchObject({ status: 'success', new_messages: 1 });
  expect((await core.api.listMessages({ mailbox_id: mb.id, limit: 1 })).total).toBe(601);
}, 120_000);
