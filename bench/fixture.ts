// The shared benchmark fixture (../shared/bench): a private Dovecot with `bench` (10 000 msgs), `bench2k`
// (2 000) and u001..u200 (50 each). Built once into bench/.fixture/dovecot and reused: only Dovecot is
// restarted when it is not running (new ports, same mail).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED_BENCH = process.env.RELEVE_BENCH_SHARED ?? path.resolve(REPO_ROOT, '../shared/bench');
export const FIXTURE_DIR = path.join(REPO_ROOT, 'bench/.fixture/dovecot');
export const USERS = 200;
export const PASSWORD = 'secret';

export interface MailboxSummary {
  count: number;
  bytes_crlf: number;
  duplicates?: number;
}

export interface Fixture {
  dir: string;
  imapsPort: number;
  imapPort: number;
  caPem: string;
  caFile: string;
  conf: string;
  /** Dovecot's master process (its reaped children's CPU time is the server's cost). */
  masterPid: number;
  bench: MailboxSummary;
  bench2k: MailboxSummary;
  users: MailboxSummary;
  userNames: string[];
}

function readEnv(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of readFileSync(path.join(dir, 'env.sh'), 'utf8').split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) out[m[1] as string] = m[2] as string;
  }
  return out;
}

function masterAlive(dir: string): boolean {
  const pidFile = path.join(dir, 'run/master.pid');
  if (!existsSync(pidFile)) return false;
  try {
    process.kill(Number(readFileSync(pidFile, 'utf8').trim()), 0);
    return true;
  } catch {
    return false;
  }
}

const complete = (dir: string) =>
  ['mailbox-bench.json', 'mailbox-bench2k.json', 'mailbox-users.json', 'env.sh', 'dovecot.conf'].every((f) =>
    existsSync(path.join(dir, f)),
  );

function sh(script: string, args: string[], log: (s: string) => void): void {
  log(`$ ${path.basename(script)} ${args.join(' ')}`);
  execFileSync('sh', [script, ...args], { stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
}

/** Starts (or reuses) the fixture; builds it when missing (about 30 s on the reference machine). */
export function ensureFixture(log: (s: string) => void): Fixture {
  if (!existsSync(path.join(SHARED_BENCH, 'setup-fixture.sh'))) {
    const msg =
      `\n!!! The shared benchmark fixture is missing: ${SHARED_BENCH}/setup-fixture.sh not found.\n` +
      `!!! npm run bench needs ../shared/bench (setup-fixture.sh, dovecot-up.sh, make-mailbox.py) beside the repo,\n` +
      `!!! or RELEVE_BENCH_SHARED pointing at it. Nothing was measured.\n`;
    throw new Error(msg);
  }
  const dir = FIXTURE_DIR;
  if (complete(dir)) {
    if (!masterAlive(dir)) {
      log(`fixture found in ${path.relative(REPO_ROOT, dir)}: restarting its Dovecot`);
      sh(path.join(SHARED_BENCH, 'dovecot-up.sh'), [dir, String(USERS)], log);
    } else log(`fixture found in ${path.relative(REPO_ROOT, dir)}, Dovecot running`);
  } else {
    log(`building the fixture in ${path.relative(REPO_ROOT, dir)} (once; about 30 s)…`);
    if (existsSync(dir)) {
      if (masterAlive(dir)) sh(path.join(SHARED_BENCH, 'dovecot-down.sh'), [dir], log);
      rmSync(dir, { recursive: true, force: true });
    }
    sh(path.join(SHARED_BENCH, 'setup-fixture.sh'), [dir], log);
  }
  const env = readEnv(dir);
  const caFile = env.CERT ?? path.join(dir, 'ssl/cert.pem');
  const json = (f: string) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as MailboxSummary;
  return {
    dir,
    imapsPort: Number(env.IMAPS_PORT),
    imapPort: Number(env.IMAP_PORT),
    caPem: readFileSync(caFile, 'utf8'),
    caFile,
    conf: env.CONF ?? path.join(dir, 'dovecot.conf'),
    masterPid: Number(readFileSync(path.join(dir, 'run/master.pid'), 'utf8').trim()),
    bench: json('mailbox-bench.json'),
    bench2k: json('mailbox-bench2k.json'),
    users: json('mailbox-users.json'),
    userNames: Array.from({ length: USERS }, (_, i) => `u${String(i + 1).padStart(3, '0')}`),
  };
}

export function stopFixture(log: (s: string) => void): void {
  if (masterAlive(FIXTURE_DIR)) sh(path.join(SHARED_BENCH, 'dovecot-down.sh'), [FIXTURE_DIR], log);
}
