// One process syncs a data folder at a time (the app, `releve serve`, a cron pass): the lock file, its
// stale-owner takeover, and what the core does while another live process holds it.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createCore } from '../../electron/core/create-core.js';
import { closeStore, lastRun, openStore, startRun } from '../../electron/core/store/index.js';
import { SyncLock } from '../../electron/core/sync-lock.js';
import { makeTmpDir, type TmpDir } from '../helpers/tmp-dir.js';
import { addMailbox } from './store-fixtures.js';

let dir: TmpDir;
const children: ChildProcess[] = [];

/** A live process that is not this one, to own the lock. */
async function otherProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  children.push(child);
  await new Promise((r) => child.once('spawn', r));
  return child;
}

function lockedBy(pid: number, host = os.hostname()): void {
  writeFileSync(dir.file('sync.lock'), JSON.stringify({ pid, host, since: new Date().toISOString() }));
}

beforeEach(() => {
  dir = makeTmpDir();
});

afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  dir.remove();
});

it('is taken, re-entrant in its process, and gone once released', () => {
  const lock = new SyncLock(dir.path);
  expect(lock.hold()).toBe(true);
  expect(JSON.parse(readFileSync(lock.file, 'utf8'))).toMatchObject({ pid: process.pid, host: os.hostname() });
  expect(new SyncLock(dir.path).hold()).toBe(true); // another core of this same process
  lock.release();
  expect(existsSync(lock.file)).toBe(false);
});

it('is refused while another live process holds it, and taken over once that process is gone', async () => {
  const child = await otherProcess();
  lockedBy(child.pid as number);
  const lock = new SyncLock(dir.path);
  expect(lock.hold()).toBe(false);
  expect(lock.owner()?.pid).toBe(child.pid);
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  expect(lock.hold()).toBe(true);
  expect(lock.owner()?.pid).toBe(process.pid);
  lock.release();
});

it('treats a lock from another host name or an unreadable file as stale', () => {
  lockedBy(process.pid + 1_000_000, 'another-machine');
  expect(new SyncLock(dir.path).hold()).toBe(true);
  writeFileSync(dir.file('sync.lock'), 'not json');
  const lock = new SyncLock(dir.path);
  expect(lock.owner()).toBeNull();
});

it('a core started while another process syncs the folder skips its runs and leaves that process\'s runs alone', async () => {
  const db = openStore(dir.file('releve.db'));
  const mb = addMailbox(db);
  const runId = startRun(db, mb.id, new Date().toISOString()); // the other process's run, still going
  closeStore(db);
  const child = await otherProcess();
  lockedBy(child.pid as number);

  const warnings: string[] = [];
  const core = createCore({ dataDir: dir.path, locale: 'en', logger: { log: (level, msg) => void (level === 'warn' && warnings.push(msg)) } });
  try {
    const results = await core.runOnce({ force: true });
    expect(results).toEqual([expect.objectContaining({ mailbox_id: mb.id, skipped: 'locked' })]);
    expect(warnings.filter((w) => /another Relève process syncs this data folder/.test(w))).toHaveLength(1);
    const check = openStore(dir.file('releve.db'));
    expect(lastRun(check, mb.id)).toMatchObject({ id: runId, status: 'running' });
    closeStore(check);
  } finally {
    await core.close();
  }

  // The other process died: the next core takes the folder over and closes its run as interrupted.
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  const next = createCore({ dataDir: dir.path, locale: 'en', logger: { log: () => undefined } });
  try {
    const check = openStore(dir.file('releve.db'));
    expect(lastRun(check, mb.id)).toMatchObject({ id: runId, status: 'error', error_code: 'CANCELLED' });
    closeStore(check);
  } finally {
    await next.close();
  }
  expect(existsSync(dir.file('sync.lock'))).toBe(false);
});
