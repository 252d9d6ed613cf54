// `releve accounts edit|test` and `releve sync` never send a stored password to other settings than its own.
// Two recording listeners: the mailbox's own server (which may get it) and another one (which never may).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startImapRecorder, type ImapRecorder } from '../fixtures/imap-recorder.js';
import { makeTmpDir, type TmpDir } from '../helpers/tmp-dir.js';
import { baseEnv, runCli } from './run-cli.js';

const STORED = 'stored-Secret-Password-9';
const RETYPED = 'retyped-Password-For-New-Server-4';
let own: ImapRecorder;
let other: ImapRecorder;
let tmp: TmpDir;
let en: NodeJS.ProcessEnv;
let fr: NodeJS.ProcessEnv;

beforeAll(async () => {
  own = await startImapRecorder();
  other = await startImapRecorder();
  tmp = makeTmpDir('releve-cli-binding-');
  en = baseEnv({ RELEVE_DATA_DIR: join(tmp.path, 'data'), LANG: 'en_US.UTF-8' });
  fr = { ...en, LANG: 'fr_FR.UTF-8' };
});
afterAll(async () => {
  await own?.stop();
  await other?.stop();
  tmp?.remove();
});

describe('releve accounts with a stored password', () => {
  it('edit to other connection settings without the password is refused, in words, and nothing reaches them', async () => {
    const add = await runCli(
      ['accounts', 'add', '--server', '127.0.0.1', '--port', String(own.port), '--no-ssl', '--allow-insecure', '--email', 'a@example.test', '--password-stdin'],
      en,
      `${STORED}\n`,
    );
    expect(add.code, add.stderr).toBe(0);
    // Its own server gets it (this is the recorder working, and the binding letting the right use through).
    await runCli(['accounts', 'test', '1'], en);
    expect(own.saw(STORED)).toBe(true);

    const edit = await runCli(['accounts', 'edit', '1', '--port', String(other.port)], en);
    expect(edit.code).not.toBe(0);
    expect(edit.stderr).toMatch(/Enter the password again/);
    expect(edit.stderr).toMatch(/--change-password/);
    const editFr = await runCli(['accounts', 'edit', '1', '--port', String(other.port)], fr);
    expect(editFr.stderr).toMatch(/mot de passe est à saisir de nouveau/);
    await runCli(['accounts', 'test', '1'], en);
    await runCli(['sync'], en);
    expect(other.connections()).toBe(0);
    expect(other.saw(STORED)).toBe(false);
  });

  it('edit with the password typed again moves it, and only the new one goes there', async () => {
    // The edit is tested before it is saved (issue #11): the new server gets the retyped password for that
    // test (a recorder that logs nobody in, so the edit is then refused), and never the stored one.
    const edit = await runCli(['accounts', 'edit', '1', '--port', String(other.port), '--password-stdin'], en, `${RETYPED}\n`);
    expect(edit.code, edit.stderr).not.toBe(0);
    expect(other.saw(RETYPED)).toBe(true);
    expect(other.saw(STORED)).toBe(false);
  });
});
