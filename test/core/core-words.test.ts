// The core's own refusals reach the user as they are (window, REST, WebSocket): each is worded in the
// language of the settings, French or English, from the core's *.i18n.ts tables.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/create-core.js';
import { chooseSender, forwardSpec, replySpec, type Original } from '../../electron/core/send/compose-content.js';
import type { Core } from '../../electron/core/model.js';
import { makeTmpDir, type TmpDir } from '../helpers/tmp-dir.js';

let dir: TmpDir;
let core: Core;

beforeAll(() => {
  dir = makeTmpDir('releve-words-');
  core = createCore({ dataDir: dir.path, locale: 'fr', idle: false });
});

afterAll(async () => {
  await core?.close();
  dir?.remove();
});

describe('core refusals in the settings’ language', () => {
  it('export and backup: format, mailbox list and destination, in French then in English', async () => {
    const out = dir.file('export');
    await expect(core.api.exportMessages({ mailbox_ids: null, format: 'pst' as 'mbox', out_dir: out })).rejects.toMatchObject({
      code: 'VALIDATION',
      field: 'format',
      message: '« format » doit valoir mbox ou eml.',
    });
    await expect(core.api.exportMessages({ mailbox_ids: [0], format: 'mbox', out_dir: out })).rejects.toMatchObject({
      field: 'mailbox_ids',
      message: '« mailbox_ids » doit être une liste d’identifiants de boîtes (entiers positifs), ou null pour toutes les boîtes.',
    });
    await expect(core.api.backupStore({ file: 'sauvegarde.db' })).rejects.toMatchObject({
      field: 'file',
      message: 'file : indiquez un chemin absolu sur cet ordinateur',
    });

    await core.api.updateSettings({ locale: 'en' });
    try {
      await expect(core.api.exportMessages({ mailbox_ids: null, format: 'mbox', out_dir: 'relative/dir' })).rejects.toMatchObject({
        field: 'out_dir',
        message: 'out_dir: an absolute path on this computer is expected',
      });
      await expect(core.api.exportMessages({ mailbox_ids: null, format: 'pst' as 'mbox', out_dir: out })).rejects.toMatchObject({
        message: '“format” must be mbox or eml.',
      });
    } finally {
      await core.api.updateSettings({ locale: 'fr' });
    }
  });

  it('a message action on a message that does not exist', async () => {
    await expect(core.api.messageAction({ ids: [987654], action: 'archive' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Message introuvable.',
    });
    await core.api.updateSettings({ locale: 'en' });
    try {
      await expect(core.api.messageAction({ ids: [987654], action: 'archive' })).rejects.toMatchObject({ message: 'Message not found.' });
    } finally {
      await core.api.updateSettings({ locale: 'fr' });
    }
  });
});

describe('what Relève writes into replies and forwards', () => {
  const original: Original = {
    mailbox_id: 1,
    message_id: '<devis-1@client.example.fr>',
    subject: 'Devis',
    from: { name: 'Élodie Martin', address: 'elodie@client.example.fr' },
    to: [{ name: '', address: 'contact@example.test' }],
    cc: [{ name: '', address: 'compta@client.example.fr' }],
    reply_to: [],
    date: '2026-03-14T09:30:00.000Z',
    raw: Buffer.from('From: elodie@client.example.fr\r\nSubject: Devis\r\n\r\nBonjour,\r\nUn devis ?\r\n'),
  };
  const me = { name: 'Contact', address: 'contact@example.test' };
  const when = new Date('2026-03-15T10:00:00Z');

  it('quotes the original under "Le …, X a écrit :" or "On …, X wrote:", the date in that language', async () => {
    const fr = await replySpec(original, { text: 'Oui.' }, me, [me], '', when, 'fr');
    // The day depends on the machine's time zone, not the words.
    expect(fr.text).toMatch(/Le \p{L}+ \d{1,2} mars 2026 .*, Élodie Martin <elodie@client\.example\.fr> a écrit :\n> Bonjour,\n> Un devis \?/u);
    const en = await replySpec(original, { text: 'Yes.' }, me, [me], '', when, 'en');
    expect(en.text).toMatch(/On \p{L}+,? \d{1,2} March 2026 .*, Élodie Martin <elodie@client\.example\.fr> wrote:\n> Bonjour,/u);
  });

  it('heads a forward with the original’s fields, labelled in that language', async () => {
    const fr = await forwardSpec(original, { to: ['x@example.fr'] }, me, '', when, 'fr');
    expect(fr.text).toContain('---------- Message transféré ----------\nDe: Élodie Martin <elodie@client.example.fr>\nDate: ');
    expect(fr.text).toContain('\nObjet: Devis\nÀ: contact@example.test\nCc: compta@client.example.fr\n');
    const en = await forwardSpec(original, { to: ['x@example.fr'] }, me, '', when, 'en');
    expect(en.text).toContain('---------- Forwarded message ----------\nFrom: Élodie Martin <elodie@client.example.fr>\n');
    expect(en.text).toContain('\nSubject: Devis\nTo: contact@example.test\n');
  });

  it('refuses a sender that is none of the mailboxes’ addresses', () => {
    expect(() => chooseSender([], 1, 'pdg@ailleurs.example', [], 'fr')).toThrow(/doit être l’adresse d’une de vos boîtes/);
    expect(() => chooseSender([], 1, 'pdg@ailleurs.example', [], 'en')).toThrow(/must be the address of one of your mailboxes/);
  });
});
