// `releve triage` and `releve messages --triage …` end to end (issue 16): the real executable, a temp data dir,
// a private Dovecot; the keywords checked on the server with a separate IMAP client, texts in French.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessagePage, TriageOverview } from '../../shared/types.js';
import { makeMessage, startDovecot, type DovecotHandle } from '../fixtures/dovecot.js';
import { peekFolder } from '../helpers/imap-peek.js';
import { makeTmpDir, type TmpDir } from '../helpers/tmp-dir.js';
import { baseEnv, parseJson, runCli } from './run-cli.js';

const USER = { user: 'equipe@example.test', password: 'equipe-Pw-3t' };
let d: DovecotHandle;
let tmp: TmpDir;
let fr: NodeJS.ProcessEnv;

beforeAll(async () => {
  d = await startDovecot({ users: [USER] });
  tmp = makeTmpDir('releve-triage-cli-');
  const caFile = join(tmp.path, 'ca.pem');
  writeFileSync(caFile, d.caPem);
  fr = baseEnv({ RELEVE_DATA_DIR: join(tmp.path, 'data'), RELEVE_EXTRA_CA: caFile, LANG: 'fr_FR.UTF-8' });
  await d.append(USER.user, makeMessage({ subject: 'Devis toiture' }));
  await d.append(USER.user, makeMessage({ subject: 'Horaires' }));
  const add = await runCli(['accounts', 'add', '--server', '127.0.0.1', '--port', String(d.imapsPort), '--ssl', '--email', USER.user, '--password-stdin'], fr, `${USER.password}\n`);
  expect(add.code, add.stderr).toBe(0);
  expect((await runCli(['sync', '--all'], fr)).code).toBe(0);
}, 60_000);

afterAll(async () => {
  await d?.stop();
  tmp?.remove();
});

const view = async (triage: string) => parseJson<MessagePage>(await runCli(['messages', '--triage', triage, '--json'], fr)).items;

describe('team triage from the command line', () => {
  it('--me sets who I am; triage N --state --assignee stores the keywords on the server at once', async () => {
    const me = await runCli(['triage', '--me', 'Léa', '--json'], fr);
    expect(me.code, me.stderr).toBe(0);
    expect(parseJson<TriageOverview>(me)).toMatchObject({ me: 'Léa', counts: { todo: 2, unassigned: 2, mine: 0 } });

    const id = (await view('todo')).find((m) => m.subject === 'Devis toiture')!.id;
    const r = await runCli(['triage', String(id), '--state', 'doing', '--assignee', 'Léa'], fr);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Appliqué sur le serveur.');
    const flags = (await peekFolder(d, USER.user, 'INBOX')).find((m) => m.subject === 'Devis toiture')!.flags;
    expect(flags).toEqual(expect.arrayContaining(['$Releve_Doing', '$Releve_To_L_C3_A9a', '$Releve_By_L_C3_A9a']));

    expect((await view('mine')).map((m) => m.subject)).toEqual(['Devis toiture']);
    const table = await runCli(['messages', '--triage', 'doing'], fr);
    expect(table.stdout).toContain('doing → Léa');
  });

  it('--unassign and the overview; bad input is refused in French', async () => {
    const id = (await view('mine'))[0]!.id;
    expect((await runCli(['triage', String(id), '--state', 'done', '--unassign'], fr)).code).toBe(0);
    const flags = (await peekFolder(d, USER.user, 'INBOX')).find((m) => m.subject === 'Devis toiture')!.flags;
    expect(flags).toContain('$Releve_Done');
    expect(flags.some((f) => f.startsWith('$Releve_To_'))).toBe(false);
    const o = await runCli(['triage'], fr);
    expect(o.stdout).toContain('Vous êtes : Léa');
    expect(o.stdout).toMatch(/done\s+1/);

    const bad = await runCli(['triage', String(id), '--state', 'fini'], fr);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('L’état doit être');
    const both = await runCli(['triage', String(id), '--assignee', 'Léa', '--unassign'], fr);
    expect(both.code).not.toBe(0);
    expect(both.stderr).toContain('incompatibles');
  });
});
