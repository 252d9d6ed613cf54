// `releve accounts folders` and `releve messages --folder … / ACTION …` end to end: the real executable, a temp
// data dir, a private Dovecot with Sent/Junk/Archive/Trash; every action checked on the server.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailboxFolder, MessagePage } from '../../shared/types.js';
import { makeMessage, startDovecot, type DovecotHandle } from '../fixtures/dovecot.js';
import { SPECIAL_USE_FOLDERS } from '../fixtures/dovecot-config.js';
import { peekFolder } from '../helpers/imap-peek.js';
import { makeTmpDir, type TmpDir } from '../helpers/tmp-dir.js';
import { baseEnv, parseJson, runCli } from './run-cli.js';

const USER = { user: 'cli@example.test', password: 'cli-Pw-7y' };
let d: DovecotHandle;
let tmp: TmpDir;
let fr: NodeJS.ProcessEnv;
let en: NodeJS.ProcessEnv;

beforeAll(async () => {
  d = await startDovecot({
    users: [USER],
    namespace: {
      separator: '/',
      mailboxes: [...SPECIAL_USE_FOLDERS],
    },
  });
  tmp = makeTmpDir('releve-folders-cli-');
  const caFile = join(tmp.path, 'ca.pem');
  writeFileSync(caFile, d.caPem);
  const dataDir = join(tmp.path, 'data');
  fr = baseEnv({ RELEVE_DATA_DIR: dataDir, RELEVE_EXTRA_CA: caFile, LANG: 'fr_FR.UTF-8' });
  en = baseEnv({ RELEVE_DATA_DIR: dataDir, RELEVE_EXTRA_CA: caFile, LANG: 'en_US.UTF-8' });
  await d.append(USER.user, makeMessage({ subject: 'Facture mars' }));
  await d.append(USER.user, makeMessage({ subject: 'Relance' }));
  await d.append(USER.user, makeMessage({ subject: 'Promo douteuse' }), { folder: 'Junk' });
  await d.append(USER.user, makeMessage({ subject: 'Devis envoyé' }), { folder: 'Sent', flags: ['\\Seen'] });
  const add = await runCli(['accounts', 'add', '--server', '127.0.0.1', '--port', String(d.imapsPort), '--ssl', '--email', USER.user, '--password-stdin'], en, `${USER.password}\n`);
  expect(add.code, add.stderr).toBe(0);
}, 60_000);

afterAll(async () => {
  await d?.stop();
  tmp?.remove();
});

const list = async (folder: string) => parseJson<MessagePage>(await runCli(['messages', '--folder', folder, '--json'], en)).items;
const idOf = async (folder: string, subject: string) => {
  const m = (await list(folder)).find((x) => x.subject === subject);
  if (!m) throw new Error(`${subject} not in ${folder}`);
  return String(m.id);
};
const onServer = async (folder: string) => (await peekFolder(d, USER.user, folder)).map((m) => m.subject).sort();

describe('folders and actions from the command line', () => {
  it('lists the folders with their role; --set chooses which are synced', async () => {
    const r = await runCli(['accounts', 'folders', '1', '--json'], en);
    expect(r.code, r.stderr).toBe(0);
    const folders = parseJson<MailboxFolder[]>(r);
    expect(folders.map((f) => [f.path, f.role, f.chosen])).toEqual([
      ['INBOX', 'inbox', true],
      ['Archive', 'archive', true],
      ['Junk', 'junk', true],
      ['Sent', 'sent', true],
      ['Trash', 'trash', false],
    ]);
    const set = await runCli(['accounts', 'folders', '1', '--set', 'Sent', '--set', 'Junk', '--set', 'Archive', '--set', 'Trash'], fr);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toMatch(/Dossiers synchronisés pour la boîte n° 1 : INBOX, Archive, Junk, Sent, Trash/);
    expect(set.stdout).toMatch(/Trash\s+trash\s+oui/);
    const bad = await runCli(['accounts', 'folders', '1', '--set', 'Nulle/Part'], fr);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Dossier inconnu/);
  });

  it('shows each view after a sync, with the folder of each message', async () => {
    expect((await runCli(['sync', '--all', '--force'], en)).code).toBe(0);
    expect((await list('inbox')).map((m) => m.subject).sort()).toEqual(['Facture mars', 'Relance']);
    expect((await list('spam')).map((m) => m.subject)).toEqual(['Promo douteuse']);
    expect((await list('sent')).map((m) => m.subject)).toEqual(['Devis envoyé']);
    const table = await runCli(['messages', '--folder', 'all'], fr);
    expect(table.stdout).toMatch(/Dossier/);
    expect(table.stdout).toMatch(/Junk .*Promo douteuse/);
    const wrong = await runCli(['messages', '--folder', 'nowhere'], en);
    expect(wrong.code).toBe(2);
  });

  it('archives, stars, un-spams and deletes, each visible on the server', async () => {
    let r = await runCli(['messages', 'archive', await idOf('inbox', 'Facture mars')], fr);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Appliqué sur le serveur/);
    expect(await onServer('Archive')).toEqual(['Facture mars']);
    expect(await onServer('INBOX')).toEqual(['Relance']);

    r = await runCli(['messages', 'flag', await idOf('inbox', 'Relance')], en);
    expect(r.code, r.stderr).toBe(0);
    expect((await peekFolder(d, USER.user, 'INBOX'))[0]?.flags).toContain('\\Flagged');

    r = await runCli(['messages', 'not-spam', await idOf('junk', 'Promo douteuse')], en);
    expect(r.code, r.stderr).toBe(0);
    expect(await onServer('INBOX')).toEqual(['Promo douteuse', 'Relance']);

    const promo = await idOf('inbox', 'Promo douteuse');
    r = await runCli(['messages', 'delete', promo], en);
    expect(r.code, r.stderr).toBe(0);
    expect(await onServer('Trash')).toEqual(['Promo douteuse']);
    // From the Trash: for good, only with --yes.
    const inTrash = await idOf('trash', 'Promo douteuse');
    r = await runCli(['messages', 'delete', inTrash], fr);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/définitivement/);
    expect(await onServer('Trash')).toEqual(['Promo douteuse']);
    r = await runCli(['messages', 'delete', inTrash, '--yes'], en);
    expect(r.code, r.stderr).toBe(0);
    expect(await onServer('Trash')).toEqual([]);

    r = await runCli(['messages', 'move', await idOf('inbox', 'Relance'), '--to', 'Archive'], en);
    expect(r.code, r.stderr).toBe(0);
    expect(await onServer('Archive')).toEqual(['Facture mars', 'Relance']);
    r = await runCli(['messages', 'move', '1'], en);
    expect(r.code).toBe(2);
  });
});
