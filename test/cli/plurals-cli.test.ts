// Counted words from the real `releve` executable, in French and English: one and several messages, mailboxes,
// successes and skips each take their own singular or plural (Intl.PluralRules: French 0 and 1 are singular,
// English 0 is plural), never "message(s)". The private Dovecot holds the mail; the counts vary run to run.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessagePage } from '../../shared/types.js';
import { makeMessage, startDovecot } from '../fixtures/dovecot.js';
import type { DovecotHandle } from '../fixtures/dovecot.js';
import { makeTmpDir } from '../helpers/tmp-dir.js';
import type { TmpDir } from '../helpers/tmp-dir.js';
import { baseEnv, parseJson, runCli, type CliRun } from './run-cli.js';

const ALICE = 'alice@example.test';
const BOB = 'bob@example.test';

let d: DovecotHandle;
let tmp: TmpDir;
let fr: NodeJS.ProcessEnv;
let en: NodeJS.ProcessEnv;

beforeAll(async () => {
  d = await startDovecot();
  tmp = makeTmpDir('releve-plurals-');
  const caFile = join(tmp.path, 'dovecot-ca.pem');
  writeFileSync(caFile, d.caPem);
  const dataDir = join(tmp.path, 'data');
  fr = baseEnv({ RELEVE_DATA_DIR: dataDir, NODE_EXTRA_CA_CERTS: caFile, LANG: 'fr_FR.UTF-8' });
  en = baseEnv({ RELEVE_DATA_DIR: dataDir, NODE_EXTRA_CA_CERTS: caFile, LANG: 'en_US.UTF-8' });
});
afterAll(async () => {
  await d?.stop();
  tmp?.remove();
});

const password = (user: string) => d.users.find((u) => u.user === user)?.password ?? '';
const append = async (user: string, n: number) => {
  for (let i = 0; i < n; i++) await d.append(user, makeMessage({ subject: `Message ${i}` }));
};

/** Runs the CLI, expects exit 0, and checks that nothing it printed writes a plural as "(s)". */
async function ok(args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<CliRun> {
  const r = await runCli(args, env, input);
  expect(r.code, `${args.join(' ')}\n${r.stdout}\n${r.stderr}`).toBe(0);
  expect(`${r.stdout}${r.stderr}`).not.toMatch(/\p{L}\((?:s|x|es|ies)\)/u);
  return r;
}

describe('counted words from the real CLI', () => {
  it('accounts test: one message in INBOX, then several, in French and English', async () => {
    await append(ALICE, 1);
    const add = ['accounts', 'add', '--server', '127.0.0.1', '--port', String(d.imapsPort), '--ssl', '--password-stdin'];
    await ok([...add, '--email', ALICE, '--name', 'Alice'], fr, password(ALICE));
    await ok([...add, '--email', BOB, '--name', 'Bob'], fr, password(BOB));

    expect((await ok(['accounts', 'test', '1'], fr)).stdout).toContain('Connexion réussie : 1 message dans INBOX (connexion chiffrée).');
    expect((await ok(['accounts', 'test', '1'], en)).stdout).toContain('Connection OK: 1 message in INBOX (encrypted connection).');
    // French says 0 in the singular, English in the plural.
    expect((await ok(['accounts', 'test', '2'], fr)).stdout).toContain('Connexion réussie : 0 message dans INBOX');
    expect((await ok(['accounts', 'test', '2'], en)).stdout).toContain('Connection OK: 0 messages in INBOX');

    await append(ALICE, 2);
    expect((await ok(['accounts', 'test', '1'], fr)).stdout).toContain('Connexion réussie : 3 messages dans INBOX (connexion chiffrée).');
    // --lang wins over LANG.
    expect((await ok(['--lang', 'en', 'accounts', 'test', '1'], fr)).stdout).toContain('Connection OK: 3 messages in INBOX (encrypted connection).');
  });

  it('sync: several new messages and mailboxes, then a skipped pass, in both languages', async () => {
    const first = await ok(['sync'], fr);
    expect(first.stdout).toContain('✓ n° 1 Alice : 3 nouveaux messages');
    expect(first.stdout).toContain('✓ n° 2 Bob : 0 nouveau message');
    expect(first.stdout).toContain('2 boîtes : 2 réussies, 0 en échec, 0 ignorée ; 3 nouveaux messages.');

    // Both intervals are running: every mailbox is skipped.
    expect((await ok(['sync'], fr)).stdout).toContain('2 boîtes : 0 réussie, 0 en échec, 2 ignorées ; 0 nouveau message.');
    expect((await ok(['sync'], en)).stdout).toContain('2 mailboxes: 0 succeeded, 0 failed, 2 skipped; 0 new messages.');
  });

  it('sync: exactly one new message, then several, for one mailbox and for two', async () => {
    await append(ALICE, 1);
    const one = await ok(['sync', '--force'], en);
    expect(one.stdout).toContain('✓ #1 Alice: 1 new message\n');
    expect(one.stdout).toContain('✓ #2 Bob: 0 new messages');
    expect(one.stdout).toContain('2 mailboxes: 2 succeeded, 0 failed, 0 skipped; 1 new message.');

    await append(BOB, 1);
    const bobOne = await ok(['sync', '--id', '2', '--force'], fr);
    expect(bobOne.stdout).toContain('✓ n° 2 Bob : 1 nouveau message\n');
    expect(bobOne.stdout).toContain('1 boîte : 1 réussie, 0 en échec, 0 ignorée ; 1 nouveau message.');

    await append(BOB, 2);
    const bobTwo = await ok(['sync', '--id', '2', '--force'], en);
    expect(bobTwo.stdout).toContain('✓ #2 Bob: 2 new messages');
    expect(bobTwo.stdout).toContain('1 mailbox: 1 succeeded, 0 failed, 0 skipped; 2 new messages.');
  });

  it('message actions, unread counts and the list footer: one and several', async () => {
    const page = parseJson<MessagePage>(await ok(['messages', '--mailbox', '2', '--json'], en));
    const ids = page.items.map((m) => String(m.id));
    expect(ids).toHaveLength(3);

    expect((await ok(['messages', 'read', ids[0] ?? '', ids[1] ?? ''], fr)).stdout).toContain('read : 2 messages modifiés.');
    const status = await ok(['status'], fr);
    expect(status.stdout).toMatch(/#2 Bob [^#]*Messages : 3 \(1 non lu\)/);
    expect(status.stdout).toMatch(/#1 Alice [^#]*Messages : 4 \(4 non lus\)/);

    expect((await ok(['messages', 'unread', ids[0] ?? ''], en)).stdout).toContain('unread: 1 message changed.');
    expect((await ok(['status'], en)).stdout).toMatch(/#2 Bob [^#]*Messages: 3 \(2 unread\)/);

    expect((await ok(['messages', '--mailbox', '2', '--limit', '1'], fr)).stdout).toContain('1 message affiché sur 3.');
    expect((await ok(['messages', '--mailbox', '2', '--limit', '2'], en)).stdout).toContain('2 messages shown out of 3.');
  });
});
