// The `releve` CLI end to end: the real executable, a temp data dir, the private Dovecot.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionTestResult, Mailbox, MailboxStatus, MessagePage, SyncResult } from '../../shared/types.js';
import { makeMessage, startDovecot } from '../fixtures/dovecot.js';
import type { DovecotHandle } from '../fixtures/dovecot.js';
import { makeTmpDir } from '../helpers/tmp-dir.js';
import type { TmpDir } from '../helpers/tmp-dir.js';
import { filesContaining } from '../server/server-harness.js';
import { allOutput, baseEnv, parseJson, runCli, startCli } from './run-cli.js';

const ALICE = 'alice@example.test';
const BOB = 'bob@example.test';
const WRONG = 'definitely-Wrong-Pass-3';
const ENV_PASSWORD = 'orange-Env-Password-5';

let d: DovecotHandle;
let tmp: TmpDir;
let caFile: string;
let dataDir: string;
let fr: NodeJS.ProcessEnv;
let en: NodeJS.ProcessEnv;

const password = (user: string) => d.users.find((u) => u.user === user)?.password ?? '';

beforeAll(async () => {
  d = await startDovecot();
  tmp = makeTmpDir('releve-cli-');
  caFile = join(tmp.path, 'dovecot-ca.pem');
  writeFileSync(caFile, d.caPem);
  dataDir = join(tmp.path, 'data');
  fr = baseEnv({ RELEVE_DATA_DIR: dataDir, NODE_EXTRA_CA_CERTS: caFile, LANG: 'fr_FR.UTF-8' });
  // The English runs trust the test CA through Relève's own variable instead of Node's.
  en = baseEnv({ RELEVE_DATA_DIR: dataDir, RELEVE_EXTRA_CA: caFile, LANG: 'en_US.UTF-8' });
});
afterAll(async () => {
  await d?.stop();
  tmp?.remove();
});

const addArgs = (user: string) => ['accounts', 'add', '--server', '127.0.0.1', '--port', String(d.imapsPort), '--ssl', '--email', user, '--password-stdin'];

describe('a mailbox from add to status (French)', () => {
  it('adds a mailbox with the password from stdin, without connecting', async () => {
    for (let i = 0; i < 3; i++) await d.append(ALICE, makeMessage({ subject: `Devis n°${i}`, body: i === 1 ? 'Le mot clé est tournesol.' : 'Bonjour' }));
    const r = await runCli([...addArgs(ALICE), '--name', 'Contact'], fr, `${password(ALICE)}\n`);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Boîte mail n° 1 « Contact » ajoutée/);
  });

  it('lists it without ever showing the password', async () => {
    const json = await runCli(['accounts', 'list', '--json'], fr);
    expect(json.code).toBe(0);
    const list = parseJson<Mailbox[]>(json);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: 1, name: 'Contact', imap_port: d.imapsPort, use_ssl: true, has_password: true, sync_interval_minutes: 5 });
    expect(json.stdout).not.toContain(password(ALICE));
    expect(json.stdout).not.toMatch(/"(email_)?password"\s*:/);
    const table = await runCli(['accounts', 'list'], fr);
    expect(table.stdout).toMatch(/Contact\s+alice@example\.test\s+127\.0\.0\.1:\d+\s+SSL\/TLS\s+5 min\s+active\s+enregistré\s+jamais/);
  });

  it('tests the connection and reports the INBOX count', async () => {
    const r = await runCli(['accounts', 'test', '1'], fr);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Connexion réussie : 3 messages dans INBOX (connexion chiffrée).');
    const json = parseJson<ConnectionTestResult>(await runCli(['accounts', 'test', '1', '--json'], fr));
    expect(json).toMatchObject({ ok: true, message_count: 3, secure: true });
  });

  it('syncs once, then honours the interval, then --all --force syncs again without duplicates', async () => {
    const first = await runCli(['sync', '--json'], fr);
    expect(first.code).toBe(0);
    expect(parseJson<SyncResult[]>(first)).toEqual([{ mailbox_id: 1, status: 'success', new_messages: 3, updated_messages: 0 }]);

    await d.append(ALICE, makeMessage({ subject: 'Arrivé après' }));
    const second = await runCli(['sync'], fr);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/n° 1 Contact : ignorée \(intervalle non écoulé, prochaine synchro/);
    expect(second.stdout).toContain('1 boîte : 0 réussie, 0 en échec, 1 ignorée ; 0 nouveau message.');

    const forced = await runCli(['sync', '--all', '--force', '--json'], fr);
    expect(forced.code).toBe(0);
    expect(parseJson<SyncResult[]>(forced)[0]).toMatchObject({ mailbox_id: 1, status: 'success', new_messages: 1 });
    const again = await runCli(['sync', '--force'], fr);
    expect(again.stdout).toContain('✓ n° 1 Contact : 0 nouveau message');
  });

  it('shows the status and the messages', async () => {
    const status = await runCli(['status', '--json'], fr);
    expect(status.code).toBe(0);
    const [s] = parseJson<MailboxStatus[]>(status);
    expect(s?.mailbox).toMatchObject({ id: 1, last_sync_status: 'success', last_sync_error: null });
    expect(s).toMatchObject({ message_count: 4, unread_count: 4, failures: 0 });
    expect(s?.next_sync_at).not.toBeNull();
    // Live health (no listening link in one-shot mode: it follows the last success) and the last success.
    expect(s).toMatchObject({ health: 'ok', health_reason: 'À jour.', health_code: null });
    expect(s?.last_success_at).toBe(s?.last_run?.finished_at);
    // The forced run above found nothing new: the last run that did is still reported.
    expect(s?.last_run?.new_messages).toBe(0);
    expect(s?.last_new?.count).toBe(1);
    const human = await runCli(['status'], fr);
    expect(human.stdout).toContain('Santé : ok — À jour.');
    expect(human.stdout).toMatch(/Dernière synchro réussie : /);
    expect(human.stdout).toMatch(/Derniers nouveaux messages : 1 /);
    expect(human.stdout).toMatch(/Dernière synchro : .* — succès/);
    expect(human.stdout).toContain('Messages : 4 (4 non lus)');

    const found = parseJson<MessagePage>(await runCli(['messages', '--search', 'tournesol', '--json'], fr));
    expect(found.items.map((m) => m.subject)).toEqual(['Devis n°1']);
    const table = await runCli(['messages', '--limit', '2'], fr);
    expect(table.stdout).toContain('Arrivé après');
    expect(table.stdout).toContain('2 messages affichés sur 4.');
  });
});

describe('failures and exit codes (English)', () => {
  it('a wrong password: sync exits 1 with an authentication error, the other mailbox still succeeds', async () => {
    const add = await runCli([...addArgs(BOB), '--name', 'Sales'], en, WRONG);
    expect(add.code).toBe(0);
    const tested = await runCli(['accounts', 'test', '2'], en);
    expect(tested.code).toBe(1);
    expect(tested.stderr).toContain('Connection failed: The server refused the user name or password.');

    await d.append(ALICE, makeMessage({ subject: 'Late' }));
    const sync = await runCli(['sync', '--force', '--json'], en);
    expect(sync.code).toBe(1);
    const results = parseJson<SyncResult[]>(sync);
    expect(results.find((r) => r.mailbox_id === 1)).toMatchObject({ status: 'success', new_messages: 1 });
    expect(results.find((r) => r.mailbox_id === 2)).toMatchObject({ status: 'error', error: { code: 'AUTH' } });

    const human = await runCli(['sync', '--force'], en);
    expect(human.code).toBe(1);
    expect(human.stderr).toContain('✗ #2 Sales: The server refused the user name or password.');
    expect(human.stderr).toContain('What to do: Check the address and the password.');

    const status = await runCli(['status', '--json'], en);
    expect(status.code).toBe(1);
    const bob = parseJson<MailboxStatus[]>(status).find((s) => s.mailbox.id === 2);
    expect(bob?.mailbox).toMatchObject({ last_sync_status: 'error', last_sync_error_code: 'AUTH' });
    expect(bob?.mailbox.last_sync_error).toMatch(/user name or password/);
    expect(bob).toMatchObject({ health: 'error', health_code: 'AUTH', health_reason: 'The server refused the user name or password.', last_success_at: null });
    const text = await runCli(['status'], en);
    expect(text.stdout).toMatch(/#2 Sales <bob@example\.test>[\s\S]*Last error: The server refused[\s\S]*What to do:/);
  });

  it('fixes the password with edit --password-stdin, then pause and resume', async () => {
    const edit = await runCli(['accounts', 'edit', '2', '--password-stdin', '--interval', '10'], en, password(BOB));
    expect(edit.code).toBe(0);
    expect((await runCli(['accounts', 'test', '2'], en)).code).toBe(0);
    expect((await runCli(['sync', '--id', '2', '--force'], en)).code).toBe(0);
    expect((await runCli(['accounts', 'pause', '2'], en)).stdout).toContain('paused');
    const sync = await runCli(['sync', '--force', '--json'], en);
    expect(parseJson<SyncResult[]>(sync).find((r) => r.mailbox_id === 2)).toMatchObject({ skipped: 'inactive' });
    expect((await runCli(['accounts', 'resume', '2'], en)).code).toBe(0);
  });

  it('without the test CA the certificate is refused: exit 1 and a clear message', async () => {
    const noCa = baseEnv({ RELEVE_DATA_DIR: dataDir, LANG: 'en_US.UTF-8' });
    const r = await runCli(['accounts', 'test', '1'], noCa);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("The server's security certificate is not trusted (self-signed, expired or issued by an unknown authority).");
  });

  it('refuses the password as an argument, and usage errors exit 2 in the user language', async () => {
    const pw = await runCli(['accounts', 'add', '--server', 'x.example', '--email', 'a@x.example', '--password', 'hunter22'], fr);
    expect(pw.code).toBe(2);
    expect(pw.stderr).toMatch(/jamais accepté en argument.*ps/);
    const pw2 = await runCli(['accounts', 'add', '--password=hunter22'], en);
    expect(pw2.code).toBe(2);
    expect(pw2.stderr).toMatch(/never accepted as an argument/);

    const cases: Array<[string[], NodeJS.ProcessEnv, RegExp]> = [
      [['frobnicate'], en, /Unknown command: frobnicate/],
      [['sync', '--bogus'], fr, /Option inconnue : --bogus/],
      [['accounts', 'add', '--server', 'x.example', '--password-stdin'], en, /Missing option: --email/],
      [['accounts', 'add', '--server', 'x.example', '--port', '70000', '--email', 'a@x.example', '--password-stdin'], fr, /Le port IMAP doit être un nombre entre 1 et 65535\. \(option --port\)/],
      [['accounts', 'add', '--server', 'x.example', '--port', '70000', '--email', 'a@x.example', '--password-stdin'], en, /The IMAP port must be a number between 1 and 65535\. \(option --port\)/],
      [['accounts', 'test', 'abc'], en, /Invalid mailbox number: abc/],
      [['accounts', 'test', '99'], en, /not found/i],
      [['--lang', 'de', 'status'], en, /--lang must be fr or en/],
      [['accounts', 'add', '--server', 'x.example', '--email', 'a@x.example'], en, /No password: use --password-stdin/],
    ];
    for (const [args, env, message] of cases) {
      const r = await runCli(args, env, args.includes('--password-stdin') ? 'pw' : undefined);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(parseJson<Mailbox[]>(await runCli(['accounts', 'list', '--json'], en))).toHaveLength(2);
  });

  it('prints help and version with exit 0, --lang overriding LANG', async () => {
    const help = await runCli(['--help'], fr);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Utilisation : releve <commande>');
    const en2 = await runCli(['sync', '--help', '--lang', 'en'], fr);
    expect(en2.stdout).toContain('One pass: active mailboxes whose interval elapsed');
    expect((await runCli(['--version'], en)).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe('provider presets', () => {
  it('--preset orange takes imap.orange.fr:993 SSL, the password from RELEVE_PASSWORD', async () => {
    const other = join(tmp.path, 'preset-data');
    const env = baseEnv({ RELEVE_PASSWORD: ENV_PASSWORD, LANG: 'fr_FR.UTF-8' });
    const r = await runCli(['--data-dir', other, 'accounts', 'add', '--preset', 'orange', '--name', 'Support', '--email', 'support@orange.fr', '--json'], env);
    expect(r.code).toBe(0);
    expect(parseJson<Mailbox>(r)).toMatchObject({
      name: 'Support',
      imap_server: 'imap.orange.fr',
      imap_port: 993,
      use_ssl: true,
      preset_id: 'orange',
      email_address: 'support@orange.fr',
      has_password: true,
    });
    const conflict = await runCli(['--data-dir', other, 'accounts', 'add', '--preset', 'orange', '--server', 'x.fr', '--email', 'a@orange.fr'], env);
    expect(conflict.code).toBe(2);
    expect(filesContaining(other, ENV_PASSWORD)).toEqual([]);
  });

  it('refuses an OAuth2-only provider, explaining why, in French and English', async () => {
    const other = join(tmp.path, 'oauth-data');
    const args = ['--data-dir', other, 'accounts', 'add', '--preset', 'outlook', '--email', 'a@hotmail.fr'];
    const frRun = await runCli(args, baseEnv({ RELEVE_PASSWORD: 'x', LANG: 'fr_FR.UTF-8' }));
    expect(frRun.code).toBe(2);
    expect(frRun.stderr).toContain('n’accepte plus les mots de passe pour IMAP');
    expect(frRun.stderr).toContain('OAuth2');
    const enRun = await runCli(args, baseEnv({ RELEVE_PASSWORD: 'x', LC_ALL: 'en_GB.UTF-8', LANG: 'fr_FR.UTF-8' }));
    expect(enRun.stderr).toContain('no longer accepts passwords for IMAP');
  });
});

describe('serve', () => {
  it('creates the API token once, prints the UI address, answers the API, and stops cleanly on SIGTERM', async () => {
    // Not a terminal here: the token and its link are printed only because --print-token asks for them.
    const first = startCli(['serve', '--port', '0', '--print-token'], en);
    try {
      const [, url] = await first.waitFor(/Open the interface: (http:\/\/127\.0\.0\.1:\d+)\/login\?code=\S+/);
      const token = readFileSync(join(dataDir, 'api-token'), 'utf8').trim();
      const [, printed] = await first.waitFor(/saved in .*api-token \(keep it secret\): (\S+)/);
      expect(printed).toBe(token);
      const health = await fetch(`${url}/health`);
      expect(await health.json()).toEqual({ ok: true });
      const denied = await fetch(`${url}/inbox/integrations`);
      expect(denied.status).toBe(401);
      const list = await fetch(`${url}/inbox/integrations`, { headers: { Authorization: `Bearer ${token}` } });
      expect(((await list.json()) as Mailbox[]).map((m) => m.email_address)).toEqual([ALICE, BOB]);
    } finally {
      const end = await first.stop('SIGTERM');
      expect(end.code).toBe(0);
    }
    const second = startCli(['serve', '--port', '0'], fr);
    await second.waitFor(/Jeton d’API : enregistré dans .*api-token/);
    const end = await second.stop('SIGINT');
    expect(end.code).toBe(0);
    expect(end.stdout).not.toMatch(/créé et enregistré/);
  });

  it('while serve syncs the data folder, a cron pass skips its mailboxes and says why, then syncs once serve stopped', async () => {
    const server = startCli(['serve', '--port', '0'], fr);
    try {
      await server.waitFor(/http:\/\/127\.0\.0\.1:\d+/);
      const pass = await runCli(['sync', '--all', '--force'], fr);
      expect(pass.code).toBe(0);
      expect(pass.stdout).toMatch(/un autre processus Relève \(l’application ou releve serve\) synchronise déjà ce dossier de données/);
      const json = parseJson<Array<{ skipped?: string }>>(await runCli(['sync', '--all', '--force', '--json'], en));
      expect(json.length).toBeGreaterThan(0);
      expect(json.every((r) => r.skipped === 'locked')).toBe(true);
    } finally {
      expect((await server.stop('SIGTERM')).code).toBe(0);
    }
    const after = parseJson<Array<{ skipped?: string }>>(await runCli(['sync', '--all', '--force', '--json'], en));
    expect(after.some((r) => r.skipped === 'locked')).toBe(false);
  });

  it('refuses a non-loopback address without --allow-remote', async () => {
    const r = await runCli(['serve', '--host', '0.0.0.0', '--port', '0'], en);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Refusing to listen on 0.0.0.0');
  });
});

describe('secrets', () => {
  it('no file of the data directory and no output holds a plaintext password', () => {
    const secrets = [password(ALICE), password(BOB), WRONG, ENV_PASSWORD, 'hunter22'];
    for (const secret of secrets) {
      expect(filesContaining(tmp.path, secret).filter((f) => !f.endsWith('dovecot-ca.pem'))).toEqual([]);
      for (const out of allOutput) expect(out).not.toContain(secret);
    }
    // The search is real: the mail itself is in the database.
    expect(filesContaining(dataDir, 'tournesol').length).toBeGreaterThan(0);
  });
});
