// A full disk during a sync, on a real small file system: a tmpfs of 8 MB mounted by the test (root needed;
// the test fails loudly otherwise). The mailbox ends `error` DISK_FULL, `releve sync` exits 1, `releve status`
// and `releve serve`'s GET /inbox/status still read, and once the tmpfs grows the next sync completes with no
// duplicate and no gap.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statfsSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MailboxStatus, SyncResult } from '../../shared/types.js';
import { makeMessage, startDovecot, type DovecotHandle } from '../fixtures/dovecot.js';
import { makeTmpDir, type TmpDir } from '../helpers/tmp-dir.js';
import { baseEnv, parseJson, runCli, startCli } from './run-cli.js';

const USER = 'plein@example.test';
const PASSWORD = 'plein-Pw-6f1';

let d: DovecotHandle;
let tmp: TmpDir;
let mnt: string;
let mounted = false;
let fr: NodeJS.ProcessEnv;
let en: NodeJS.ProcessEnv;

function mount(...args: string[]): void {
  execFileSync('mount', args, { stdio: 'pipe' });
}

beforeAll(async () => {
  if (process.getuid?.() !== 0) throw new Error('disk-full test: must run as root to mount a small tmpfs (it does not skip)');
  d = await startDovecot({ users: [{ user: USER, password: PASSWORD }] });
  tmp = makeTmpDir('releve-diskfull-');
  mnt = join(tmp.path, 'small');
  mkdirSync(mnt);
  mount('-t', 'tmpfs', '-o', 'size=8m,mode=0700', 'tmpfs', mnt);
  mounted = true;
  const caFile = join(tmp.path, 'ca.pem');
  writeFileSync(caFile, d.caPem);
  const dataDir = join(mnt, 'data');
  fr = baseEnv({ RELEVE_DATA_DIR: dataDir, NODE_EXTRA_CA_CERTS: caFile, LANG: 'fr_FR.UTF-8' });
  en = baseEnv({ RELEVE_DATA_DIR: dataDir, NODE_EXTRA_CA_CERTS: caFile, LANG: 'en_US.UTF-8' });
  // About 5.6 MB of raw mail, about 12 MB stored (32 KiB pages, full-text index): one 2 MiB batch fits, not all.
  const body = 'Ligne de facture détaillée pour remplir le disque, numéro %n.\n';
  await d.appendMany(
    USER,
    Array.from({ length: 150 }, (_, i) => makeMessage({ subject: `Facture ${i}`, body: body.replace('%n', String(i)).repeat(600) })),
  );
}, 120_000);

afterAll(async () => {
  if (mounted) execFileSync('umount', ['-l', mnt]);
  await d?.stop();
  tmp?.remove();
});

/** Writes zeros into `file` until the file system refuses (ENOSPC). */
function fillUp(file: string): void {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(4096);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  } finally {
    closeSync(fd);
  }
}

function stored(): { total: number; uniq: number } {
  const db = new Database(join(mnt, 'data', 'releve.db'), { readonly: true });
  try {
    return db.prepare('SELECT count(*) AS total, count(DISTINCT message_id) AS uniq FROM messages').get() as {
      total: number;
      uniq: number;
    };
  } finally {
    db.close();
  }
}

it('a sync that fills the disk ends DISK_FULL with exit 1, status stays readable, and the next sync completes', async () => {
  // The API token is written once, by a first serve (no mailbox yet, so no sync), before the disk fills.
  const once = startCli(['serve', '--port', '0'], en);
  await once.waitFor(/Open the interface/);
  expect((await once.stop('SIGTERM')).code).toBe(0);
  const add = await runCli(
    ['accounts', 'add', '--server', '127.0.0.1', '--port', String(d.imapsPort), '--ssl', '--email', USER, '--password-stdin'],
    fr,
    `${PASSWORD}\n`,
  );
  expect(add.code, add.stderr).toBe(0);

  const full = await runCli(['sync'], fr);
  expect(full.code, full.stdout + full.stderr).toBe(1);
  expect(full.stderr).toContain('Le disque est plein : libérez de la place sur');
  expect(full.stderr).toContain('Relève reprendra tout seul');
  expect(full.stderr).not.toMatch(/Erreur inattendue|Unexpected error/);

  // Whatever the sync left free (the reserve it gave back to record the failure) is taken too: truly full.
  const filler = join(mnt, 'filler');
  fillUp(filler);
  expect(statfsSync(mnt).bavail).toBe(0);

  // A sync started on the full disk says the same.
  const fullJson = await runCli(['sync', '--force', '--json'], en);
  expect(fullJson.code, fullJson.stderr).toBe(1);
  expect(parseJson<SyncResult[]>(fullJson)).toEqual([
    expect.objectContaining({ status: 'error', error: expect.objectContaining({ code: 'DISK_FULL' }) }),
  ]);

  // The disk is full: status reads.
  // (exit 1 is status's "a mailbox's last sync failed", with the JSON on stdout; an unreadable store would be 3)
  const status = await runCli(['status', '--json'], en);
  expect(status.code, status.stderr).toBe(1);
  const [s] = parseJson<MailboxStatus[]>(status);
  expect(s?.mailbox).toMatchObject({ last_sync_status: 'error', last_sync_error_code: 'DISK_FULL' });
  const text = await runCli(['status'], fr);
  expect(text.code, text.stderr).toBe(1);
  expect(text.stdout + text.stderr).toContain('Le disque est plein');
  // `releve serve` started on the full disk answers GET /inbox/status.
  const server = startCli(['serve', '--port', '0'], en);
  try {
    const [, url] = await server.waitFor(/Open the interface: (http:\/\/127\.0\.0\.1:\d+)\/login\?code=\S+/);
    const token = readFileSync(join(mnt, 'data', 'api-token'), 'utf8').trim();
    const res = await fetch(`${url}/inbox/status`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const [row] = (await res.json()) as MailboxStatus[];
    expect(row?.mailbox).toMatchObject({ last_sync_status: 'error', last_sync_error_code: 'DISK_FULL' });
  } finally {
    expect((await server.stop('SIGTERM')).code).toBe(0);
  }
  const partly = stored();
  expect(partly.total).toBeGreaterThan(0);
  expect(partly.total).toBeLessThan(150);

  // Space comes back: the next sync takes the rest, nothing twice, nothing missing.
  rmSync(filler);
  mount('-o', 'remount,size=64m', mnt);
  const resumed = await runCli(['sync', '--force', '--json'], en);
  expect(resumed.code, resumed.stderr).toBe(0);
  expect(parseJson<SyncResult[]>(resumed)).toEqual([expect.objectContaining({ status: 'success' })]);
  expect(stored()).toEqual({ total: 150, uniq: 150 });
  const ids = (await d.messageIds(USER)).map((x) => x.trim());
  const db = new Database(join(mnt, 'data', 'releve.db'), { readonly: true });
  const local = (db.prepare('SELECT message_id FROM messages').all() as Array<{ message_id: string }>).map((r) => r.message_id);
  db.close();
  expect(local.sort()).toEqual(ids.sort());
  expect(statSync(join(mnt, 'data', 'disk-reserve')).size).toBeGreaterThan(0); // set aside again
}, 180_000);

it('a disk filled by something else while Relève was idle: the next run says DISK_FULL instead of "up to date"', async () => {
  const filler = join(mnt, 'filler');
  fillUp(filler);
  expect(statfsSync(mnt).bavail).toBe(0);
  await d.append(USER, makeMessage({ subject: 'Pendant que le disque était plein' }));
  const run = await runCli(['sync', '--force', '--json'], en);
  expect(run.code, run.stderr).toBe(1);
  expect(parseJson<SyncResult[]>(run)).toEqual([
    expect.objectContaining({ status: 'error', error: expect.objectContaining({ code: 'DISK_FULL' }) }),
  ]);
  const [s] = parseJson<MailboxStatus[]>(await runCli(['status', '--json'], en));
  expect(s?.mailbox).toMatchObject({ last_sync_status: 'error', last_sync_error_code: 'DISK_FULL' });

  rmSync(filler);
  const resumed = await runCli(['sync', '--force', '--json'], en);
  expect(parseJson<SyncResult[]>(resumed)).toEqual([expect.objectContaining({ status: 'success', new_messages: 1 })]);
  expect(stored()).toEqual({ total: 151, uniq: 151 });
}, 180_000);
