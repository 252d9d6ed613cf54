// Folder roles from LIST answers shaped like the ones real servers give (Dovecot, Courier-style INBOX.
// namespaces, Gmail, Exchange/Outlook in French, OVH, Orange).
import { describe, expect, it } from 'vitest';
import { classifyFolders, foldName, type ListedFolder } from '../../electron/core/imap/folder-discovery.js';

function list(delimiter: string, entries: Array<string | [string, ...string[]]>): ListedFolder[] {
  return entries.map((e) => {
    const [path, ...flags] = typeof e === 'string' ? [e] : e;
    return { path, delimiter, flags: new Set(flags) };
  });
}

const roles = (folders: ListedFolder[]) => Object.fromEntries(classifyFolders(folders).map((f) => [f.path, f.role]));

describe('classifyFolders', () => {
  it('uses SPECIAL-USE attributes first, whatever the names', () => {
    expect(
      roles(list('/', ['INBOX', ['Mes envois', '\\Sent'], ['Poubelle', '\\Trash'], ['Pub', '\\Junk'], ['Classés', '\\Archive'], ['Sent'], ['Notes']])),
    ).toEqual({ INBOX: 'inbox', 'Mes envois': 'sent', Poubelle: 'trash', Pub: 'junk', Classés: 'archive', Sent: 'other', Notes: 'other' });
  });

  it('recognises English names without SPECIAL-USE', () => {
    expect(roles(list('/', ['INBOX', 'Sent Items', 'Junk E-mail', 'Archive', 'Deleted Items', 'Drafts']))).toEqual({
      INBOX: 'inbox',
      'Sent Items': 'sent',
      'Junk E-mail': 'junk',
      Archive: 'archive',
      'Deleted Items': 'trash',
      Drafts: 'drafts',
    });
    expect(roles(list('/', ['INBOX', 'Sent Messages', 'Spam', 'Archives', 'Trash']))).toMatchObject({
      'Sent Messages': 'sent',
      Spam: 'junk',
      Archives: 'archive',
      Trash: 'trash',
    });
  });

  it('recognises French names, accents or not, any case', () => {
    expect(
      roles(list('/', ['INBOX', 'Éléments envoyés', 'Courrier indésirable', 'Éléments supprimés', 'Brouillons', 'Archives'])),
    ).toEqual({
      INBOX: 'inbox',
      'Éléments envoyés': 'sent',
      'Courrier indésirable': 'junk',
      'Éléments supprimés': 'trash',
      Brouillons: 'drafts',
      Archives: 'archive',
    });
    expect(roles(list('/', ['INBOX', 'ENVOYES', 'pourriel', 'Corbeille']))).toMatchObject({ ENVOYES: 'sent', pourriel: 'junk', Corbeille: 'trash' });
    expect(roles(list('/', ['INBOX', 'Envoyés', 'Pourriels']))).toMatchObject({ Envoyés: 'sent', Pourriels: 'junk' });
  });

  it('handles the INBOX. namespace prefix and the "." separator (Courier, older Dovecot, OVH)', () => {
    expect(roles(list('.', ['INBOX', 'INBOX.Sent', 'INBOX.Spam', 'INBOX.Trash', 'INBOX.Archive', 'INBOX.Clients', 'INBOX.Clients.Archive']))).toEqual({
      INBOX: 'inbox',
      'INBOX.Sent': 'sent',
      'INBOX.Spam': 'junk',
      'INBOX.Trash': 'trash',
      'INBOX.Archive': 'archive',
      'INBOX.Clients': 'other',
      // A sub-folder named like a role is the user's own filing, not the mailbox's archive.
      'INBOX.Clients.Archive': 'other',
    });
  });

  it("maps Gmail's [Gmail]/ folders and never treats All Mail as a folder to sync", () => {
    const gmail = list('/', [
      ['INBOX', '\\HasNoChildren'],
      ['[Gmail]', '\\HasChildren', '\\Noselect'],
      ['[Gmail]/All Mail', '\\All', '\\HasNoChildren'],
      ['[Gmail]/Drafts', '\\Drafts'],
      ['[Gmail]/Important', '\\Important'],
      ['[Gmail]/Sent Mail', '\\Sent'],
      ['[Gmail]/Spam', '\\Junk'],
      ['[Gmail]/Starred', '\\Flagged'],
      ['[Gmail]/Trash', '\\Trash'],
      'Factures',
    ]);
    const r = roles(gmail);
    expect(r['[Gmail]']).toBeUndefined(); // \Noselect: cannot be opened
    expect(r).toMatchObject({
      INBOX: 'inbox',
      '[Gmail]/All Mail': 'all',
      '[Gmail]/Sent Mail': 'sent',
      '[Gmail]/Spam': 'junk',
      '[Gmail]/Trash': 'trash',
      '[Gmail]/Drafts': 'drafts',
      '[Gmail]/Starred': 'all',
      '[Gmail]/Important': 'all',
      Factures: 'other',
    });
    // Gmail in French, with names only (an old server without SPECIAL-USE in the answer).
    expect(roles(list('/', ['INBOX', '[Gmail]/Tous les messages', '[Gmail]/Messages envoyés', '[Gmail]/Corbeille']))).toMatchObject({
      '[Gmail]/Tous les messages': 'all',
      '[Gmail]/Messages envoyés': 'sent',
      '[Gmail]/Corbeille': 'trash',
    });
  });

  it('gives each role to one folder: attribute over name, shallow over deep', () => {
    expect(roles(list('/', ['INBOX', 'Sent', ['Sent Items', '\\Sent'], 'Spam', 'Junk']))).toMatchObject({
      Sent: 'other',
      'Sent Items': 'sent',
      Junk: 'junk',
      Spam: 'other',
    });
  });

  it('reads imapflow specialUse when the server sent it, never its own name guesses', () => {
    const entries: ListedFolder[] = [
      { path: 'INBOX', delimiter: '/', flags: new Set() },
      { path: 'Outbox', delimiter: '/', flags: new Set(), specialUse: '\\Sent', specialUseSource: 'extension' },
      { path: 'Papierkorb', delimiter: '/', flags: new Set(), specialUse: '\\Trash', specialUseSource: 'name' },
    ];
    expect(roles(entries)).toEqual({ INBOX: 'inbox', Outbox: 'sent', Papierkorb: 'other' });
  });

  it('folds names for comparison', () => {
    expect(foldName('  Éléments  Envoyés ')).toBe('elements envoyes');
    expect(foldName('Junk-E-mail')).toBe('junk e mail');
  });
});
