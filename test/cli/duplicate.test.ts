// `releve accounts add` twice for the same login on the same server (case-insensitive): refused with a clear
// FR/EN message, exit 2 (bad input), and nothing added. (Adding does not connect, so no server is needed.)
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mailbox } from '../../shared/types.js';
import { makeTmpDir, type TmpDir } from '../helpers/tmp-dir.js';
import { baseEnv, parseJson, runCli } from './run-cli.js';

let tmp: TmpDir;
let fr: NodeJS.ProcessEnv;
let en: NodeJS.ProcessEnv;

beforeAll(() => {
  tmp = makeTmpDir('releve-cli-dup-');
  const dataDir = join(tmp.path, 'data');
  fr = baseEnv({ RELEVE_DATA_DIR: dataDir, LANG: 'fr_FR.UTF-8' });
  en = baseEnv({ RELEVE_DATA_DIR: dataDir, LANG: 'en_US.UTF-8' });
});
afterAll(() => tmp?.remove());

const add = (server: string, email: string) => ['accounts', 'add', '--server', server, '--port', '993', '--ssl', '--email', email, '--password-stdin'];

describe('the same mailbox twice', () => {
  it('is refused with DUPLICATE_MAILBOX and exit 2, in French and English; nothing is added', async () => {
    const first = await runCli([...add('imap.example.fr', 'ventes@example.fr'), '--name', 'Ventes'], fr, 'Secret-Pw-1\n');
    expect(first.code).toBe(0);
    const again = await runCli([...add('IMAP.Example.FR', 'Ventes@Example.fr'), '--name', 'Encore'], fr, 'Secret-Pw-1\n');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('Cette boîte mail est déjà dans Relève (même identifiant sur le même serveur).');
    expect(again.stderr).toMatch(/#1 Ventes <ventes@example\.fr>/);
    const inEnglish = await runCli(add('imap.example.fr', 'ventes@example.fr'), en, 'Secret-Pw-1\n');
    expect(inEnglish.code).toBe(2);
    expect(inEnglish.stderr).toContain('This mailbox is already in Relève (same login on the same server).');
    const list = parseJson<Mailbox[]>(await runCli(['accounts', 'list', '--json'], en));
    expect(list).toHaveLength(1);
    // Another login on that server is a different mailbox.
    expect((await runCli(add('imap.example.fr', 'compta@example.fr'), en, 'Secret-Pw-2\n')).code).toBe(0);
  });
});
