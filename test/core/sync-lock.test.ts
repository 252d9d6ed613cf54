// One process syncs a data folder at a time (the app, `releve serve`, a cron pass): the lock file, its
// stale-owner takeover, and what the core does while another live process holds it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
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

/** Children that each take the lock when told to, reporting one line per attempt. */
async function takers(n: number): Promise<{ go(): Promise<string[]> }> {
  const script = fileURLToPath(new URL('../fixtures/lock-taker.ts', import.meta.url));
  const lines = new Map<ChildProcess, string[]>();
  const waiters: Array<() => void> = [];
  const wake = () => waiters.splice(0).forEach((w) => w());
  for (let i = 0; i < n; i++) {
    const child = spawn(process.execPath, ['--import', 'tsx', script, dir.path], { stdio: ['pipe', 'pipe', 'inherit'] });
    children.push(child);
    lines.set(child, []);
    createInterface({ input: child.stdout }).on('line', (l) => {
      lines.get(child)!.push(l);
      wake();
    });
    child.once('exit', wake);
  }
  const until = async (ok: () => boolean) => {
    while (!ok()) {
      if ([...lines.keys()].some((c) => c.exitCode !== null)) throw new Error('a lock taker died');
      await new Promise<void>((r) => waiters.push(r));
    }
  };
  await until(() => [...lines.values()].every((l) => l[0] === 'ready'));
  let round = 0;
  return {
    async go() {
      round++;
      for (const c of lines.keys()) c.stdin!.write('go\n');
      await until(() => [...lines.values()].every((l) => l.length > round));
      return [...lines.values()].map((l) => l[round] as string);
    },
  };
}

it('when many processes find the same stale lock at once, exactly one takes it over', async () => {
  const racers = await takers(8);
  const dead = await otherProcess();
  const deadPid = dead.pid as number;
  dead.kill('SIGKILL');
  await new Promise((r) => dead.once('exit', r));
  for (let round = 0; round < 25; round++) {
    // A stale lock (its owner is gone), new content each round, as a power cut would leave it.
    writeFileSync(dir.file('sync.lock'), JSON.stringify({ pid: deadPid, host: os.hostname(), since: new Date(Date.now() + round).toISOString() }));
    const answers = await racers.go();
    expect(answers.filter((a) => a.startsWith('error'))).toEqual([]);
    expect(answers.filter((a) => a === 'won')).toHaveLength(1);
    const owner = JSON.parse(readFileSync(dir.file('sync.lock'), 'utf8')) as { pid: number };
    expect(children.map((c) => c.pid)).toContain(owner.pid);
  }
  expect(readdirSync(dir.path).filter((f) => f !== 'sync.lock')).toEqual([]); // no guard or temp file left
}, 60_000);

it('a taker that died holding the takeover guard does not block the lock forever', async () => {
  const dead = await otherProcess();
  dead.kill('SIGKILL');
  await new Promise((r) => dead.once('exit', r));
  const stale = JSON.stringify({ pid: dead.pid, host: os.hostname(), since: '2026-01-01T00:00:00.000Z' });
  writeFileSync(dir.file('sync.lock'), stale);
  // The guard a dying taker left for exactly this stale content (its name is derived from the content).
  const guard = `sync.lock.takeover-${createHash('sha256').update(stale).digest('hex').slice(0, 16)}`;
  writeFileSync(dir.file(guard), JSON.stringify({ pid: dead.pid, host: os.hostname(), since: '2026-01-01T00:00:01.000Z' }));
  const lock = new SyncLock(dir.path);
  expect(lock.hold()).toBe(true);
  expect(lock.owner()?.pid).toBe(process.pid);
  expect(readdirSync(dir.path)).toEqual(['sync.lock']);
  lock.release();
});
