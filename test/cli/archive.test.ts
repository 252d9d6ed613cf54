// `releve export`, `releve backup`, `releve restore` end to end: the real executable, a real Dovecot mailbox
// of 2 000 messages, and what a third party reads back (Python's `mailbox` module), compared byte for byte
// with what the server holds.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessagePage, SyncResult } from '../../shared/types.js';
import { readRawSource } from '../../electron/core/store/source-read.js';
import { makeMessage, startDovecot } from '../fixtures/dovecot.js';
import type { DovecotHandle } from '../fixtures/dovecot.js';
import { makeTmpDir } from '../helpers/tmp-dir.js';
import type { TmpDir } from '../helpers/tmp-dir.js';
import { baseEnv, parseJson, runCli, startCli } from './run-cli.js';

const ALICE = 'alice@example.test';
const COUNT = 2000;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let d: DovecotHandle;
let tmp: TmpDir;
let env: NodeJS.ProcessEnv;
let dataDir: string;
/** sha256 of each server message, by folder, in UID order. */
const serverHashes = new Map<string, string[]>();

async function readServer(folder: string): Promise<string[]> {
  const t = d.target(ALICE, 'plain');
  const c = new ImapFlow({ host: t.imap_server, port: t.imap_port, secure: false, auth: { user: t.username, pass: t.password }, logger: false, tls: { rejectUnauthorized: false } });
  await c.connect();
  const hashes: string[] = [];
  try {
    await c.mailboxOpen(folder, { readOnly: true });
    for await (const m of c.fetch('1:*', { uid: true, source: true }, { uid: true })) hashes.push(sha(m.source as Buffer));
  } finally {
    await c.logout();
  }
  return hashes;
}

beforeAll(async () => {
  d = await startDovecot();
  tmp = makeTmpDir('releve-archive-');
  const ca = join(tmp.path, 'ca.pem');
  writeFileSync(ca, d.caPem);
  dataDir = join(tmp.path, 'data');
  env = baseEnv({ RELEVE_DATA_DIR: dataDir, NODE_EXTRA_CA_CERTS: ca, LANG: 'fr_FR.UTF-8' });
  const raws = Array.from({ length: COUNT }, (_, i) =>
    makeMessage({
      subject: `Commande ${i} — reçue`,
      // Lines that an mbox reader would take for a separator if they were not quoted.
      body: i % 250 === 0 ? `Bonjour,\r\nFrom here on, it is quoted.\r\n>From already quoted\r\nFin` : `Message ${i}`,
      date: new Date(Date.UTC(2025, 0, 1) + i * 60_000),
    }),
  );
  await d.appendMany(ALICE, raws);
  const pw = d.users.find((u) => u.user === ALICE)?.password ?? '';
  const add = await runCli(['accounts', 'add', '--server', '127.0.0.1', '--port', String(d.imapsPort), '--ssl', '--email', ALICE, '--password-stdin'], env, `${pw}\n`);
  expect(add.code, add.stderr).toBe(0);
  const sync = await runCli(['sync', '--json'], env);
  expect(parseJson<SyncResult[]>(sync)[0]).toMatchObject({ status: 'success', new_messages: COUNT });
  serverHashes.set('INBOX', await readServer('INBOX'));
}, 180_000);

afterAll(async () => {
  await d?.stop();
  tmp?.remove();
});

describe('releve export', () => {
  it('writes an mbox that Python reads back as the 2 000 server messages, byte for byte', async () => {
    const out = join(tmp.path, 'mbox-out');
    const r = await runCli(['export', '--mailbox', '1', '--format', 'mbox', '--out', out], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`${COUNT} messages exportés (mbox`);
    const file = join(out, `${ALICE} (1)`, 'INBOX.mbox');
    const script = [
      'import mailbox, re, sys, hashlib, json',
      'box = mailbox.mbox(sys.argv[1], create=False)',
      'out = []',
      'for key in box.keys():',
      '    raw = box.get_bytes(key)',
      // mboxrd: one '>' more on every quoted separator-like line; undo it to get the original bytes.
      "    raw = re.sub(rb'(?m)^>(>*From )', rb'\\1', raw)",
      '    out.append(hashlib.sha256(raw).hexdigest())',
      'print(json.dumps(out))',
    ].join('\n');
    const hashes = JSON.parse(execFileSync('python3', ['-c', script, file], { encoding: 'utf8', maxBuffer: 64 << 20 })) as string[];
    expect(hashes).toHaveLength(COUNT);
    expect(hashes).toEqual(serverHashes.get('INBOX'));
    // The unquoted "From here" line really was quoted in the file (else Python would have split there).
    expect(readFileSync(file, 'latin1')).toContain('\n>From here on');
  });

  it('writes .eml files identical to the server bytes, one per message', async () => {
    const out = join(tmp.path, 'eml-out');
    const r = await runCli(['export', '--all', '--format', 'eml', '--out', out, '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(parseJson<{ messages: number }>(r).messages).toBe(COUNT);
    const dir = join(out, `${ALICE} (1)`, 'INBOX');
    const files = readdirSync(dir).sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
    expect(files).toHaveLength(COUNT);
    expect(files.map((f) => sha(readFileSync(join(dir, f))))).toEqual(serverHashes.get('INBOX'));
  });

  it('says what is wrong with its arguments, in the user’s language', async () => {
    const none = await runCli(['export', '--out', join(tmp.path, 'x')], env);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Indiquez --mailbox N ou --all');
    const fmt = await runCli(['export', '--all', '--format', 'pst', '--out', join(tmp.path, 'x'), '--lang', 'en'], env);
    expect(fmt.code).toBe(2);
    expect(fmt.stderr).toContain('--format must be mbox or eml (got: pst)');
    const unknown = await runCli(['export', '--mailbox', '9', '--out', join(tmp.path, 'x')], env);
    expect(unknown.code).toBe(2);
  });
});

describe('releve backup / restore', () => {
  it('takes a consistent backup while a sync is writing, and restores it into an empty data folder', async () => {
    // A sync that downloads 600 new messages runs while the backup is taken.
    await d.appendMany(ALICE, Array.from({ length: 600 }, (_, i) => makeMessage({ subject: `Pendant ${i}`, body: 'x'.repeat(20_000) })));
    const syncing = runCli(['sync', '--all', '--force', '--json'], env);
    const file = join(tmp.path, 'backup.db');
    const b = await runCli(['backup', file], env);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toMatch(/Sauvegarde écrite : .*backup\.db \(1 boîte, \d+ messages/);
    expect(b.stdout).toContain('saisir à nouveau');
    expect((await syncing).code).toBe(0);
    const copy = new Database(file, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      const n = (copy.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n;
      const raw = (copy.prepare('SELECT count(*) AS n FROM message_raw').get() as { n: number }).n;
      // Consistent: every message has its source, and the count is a whole number of committed batches.
      expect(raw).toBe(n);
      // Self-contained: the store's pack files are inlined in the copy, which references none.
      expect(copy.prepare('SELECT count(*) AS n FROM message_sources').get()).toEqual({ n: 0 });
      expect(copy.prepare('SELECT count(*) AS n FROM source_packs').get()).toEqual({ n: 0 });
      expect(n).toBeGreaterThanOrEqual(COUNT);
      expect(n).toBeLessThanOrEqual(COUNT + 600);
    } finally {
      copy.close();
    }

    // Restore into another, empty data folder (another computer): same messages, password to enter again.
    const otherDir = join(tmp.path, 'other-data');
    const other = { ...env, RELEVE_DATA_DIR: otherDir };
    const r = await runCli(['restore', file], other);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Sauvegarde restaurée : 1 boîte, \d+ messages/);
    expect(r.stdout).toContain('Boîte n° 1');
    expect(r.stdout).toContain('releve accounts edit 1 --change-password');
    // The restored folder lists exactly the messages the backup holds (by Message-ID), through the product.
    const listed: string[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = parseJson<MessagePage>(await runCli(['messages', '--json', '--folder', 'all', '--limit', '500', '--offset', String(offset)], other));
      listed.push(...page.items.map((m) => m.message_id ?? ''));
      if (offset + 500 >= page.total) break;
    }
    const inBackup = new Database(file, { readonly: true });
    const held = (inBackup.prepare('SELECT message_id FROM messages').all() as Array<{ message_id: string }>).map((m) => m.message_id);
    inBackup.close();
    expect(listed.length).toBeGreaterThanOrEqual(COUNT);
    expect([...listed].sort()).toEqual([...held].sort());
    // No pack files there, and every source of the first sync reads back as the server's bytes.
    expect(existsSync(join(otherDir, 'sources'))).toBe(false);
    const restored = new Database(join(otherDir, 'releve.db'), { readonly: true });
    try {
      const ids = (restored.prepare("SELECT m.id FROM messages m JOIN folders f ON f.id = m.folder_id WHERE f.path = 'INBOX' ORDER BY m.uid LIMIT ?").all(COUNT) as Array<{ id: number }>).map((r) => r.id);
      expect(ids.map((id) => sha(readRawSource(restored, id) ?? Buffer.alloc(0)))).toEqual(serverHashes.get('INBOX'));
    } finally {
      restored.close();
    }
  }, 120_000);

  it('restoring into the same folder keeps the replaced data beside it, and keeps passwords usable', async () => {
    const file = join(tmp.path, 'backup2.db');
    expect((await runCli(['backup', file], env)).code).toBe(0);
    const r = await runCli(['restore', file, '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    const res = parseJson<{ previous: string; needSecretAgain: unknown[] }>(r);
    expect(res.previous).toMatch(/releve\.db\.before-restore-/);
    // The replaced store's packs went aside with it: the restored store reads its own inline sources only.
    expect(readdirSync(`${res.previous}-sources`).length).toBeGreaterThan(0);
    expect(existsSync(join(dataDir, 'sources'))).toBe(false);
    expect(res.needSecretAgain).toEqual([]);
    const sync = await runCli(['sync', '--all', '--force', '--json'], env);
    expect(parseJson<SyncResult[]>(sync)[0]?.status).toBe('success');
  }, 60_000);

  it('refuses to restore while releve serve uses the data folder, and refuses a file that is not a backup', async () => {
    const serve = startCli(['serve', '--port', '0'], { ...env, RELEVE_API_TOKEN: 'archive-test-token-0123456789abcdef' });
    try {
      await serve.waitFor(/127\.0\.0\.1:\d+/);
      const r = await runCli(['restore', join(tmp.path, 'backup2.db')], env);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('Relève est en cours d’utilisation sur ce dossier de données');
    } finally {
      await serve.stop('SIGTERM');
    }
    const junk = join(tmp.path, 'junk.db');
    writeFileSync(junk, 'not sqlite at all '.repeat(100));
    const bad = await runCli(['restore', junk, '--lang', 'en'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/is not a Relève backup|Cannot read/);
  }, 60_000);
});
