// Every folder that matters, against real Dovecot servers: discovery with and without SPECIAL-USE (and with a
// Courier-style "INBOX." namespace), sync of the chosen folders into the views, and every action checked by
// reading the server with a separate IMAP client — with MOVE, and without it (COPY + \Deleted + EXPUNGE).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/create-core.js';
import type { Core } from '../../electron/core/model.js';
import type { FolderView, MessageSummary } from '../../shared/types.js';
import { CAPABILITY_WITHOUT_IDLE } from '../fixtures/dovecot-config.js';
import { makeMessage, startDovecot, type DovecotHandle } from '../fixtures/dovecot.js';
import { peekFolder, serverCapabilities } from '../helpers/imap-peek.js';

const USER = { user: 'equipe@example.test', password: 'equipe-Pw-4k2' };

interface Layout {
  name: string;
  /** Server folder paths by role. */
  inbox: string;
  sent: string;
  junk: string;
  archive: string;
  trash: string;
  drafts: string;
  custom: string;
  move: boolean;
  start(): Promise<DovecotHandle>;
}

const WITH_SPECIAL_USE: Layout = {
  name: 'SPECIAL-USE, "/" separator, MOVE',
  inbox: 'INBOX',
  sent: 'Envois',
  junk: 'Indésirables',
  archive: 'Classement',
  trash: 'Poubelle',
  drafts: 'En cours',
  custom: 'Clients',
  move: true,
  start: () =>
    startDovecot({
      users: [USER],
      namespace: {
        separator: '/',
        // Names no table knows: only the attributes can tell.
        mailboxes: [
          { name: 'Envois', specialUse: '\\Sent' },
          { name: 'Indésirables', specialUse: '\\Junk' },
          { name: 'Classement', specialUse: '\\Archive' },
          { name: 'Poubelle', specialUse: '\\Trash' },
          { name: 'En cours', specialUse: '\\Drafts' },
        ],
      },
    }),
};

const BY_NAME_NO_MOVE: Layout = {
  name: 'names only, "INBOX." namespace, no MOVE',
  inbox: 'INBOX',
  sent: 'INBOX.Éléments envoyés',
  junk: 'INBOX.Courrier indésirable',
  archive: 'INBOX.Archives',
  trash: 'INBOX.Corbeille',
  drafts: 'INBOX.Brouillons',
  custom: 'INBOX.Clients',
  move: false,
  start: () =>
    startDovecot({
      users: [USER],
      // Without MOVE (and without SPECIAL-USE announced): moves go through COPY + STORE \Deleted + UID EXPUNGE.
      capability: `${CAPABILITY_WITHOUT_IDLE.replace(' MOVE', '')} IDLE`,
      namespace: {
        separator: '.',
        prefix: 'INBOX.',
        mailboxes: ['Éléments envoyés', 'Courrier indésirable', 'Archives', 'Corbeille', 'Brouillons'].map((n) => ({ name: `INBOX.${n}` })),
      },
    }),
};

for (const layout of [WITH_SPECIAL_USE, BY_NAME_NO_MOVE]) {
  describe(layout.name, () => {
    let dovecot: DovecotHandle;
    let dataDir: string;
    let core: Core;
    let mailboxId: number;

    const view = async (folder: FolderView): Promise<MessageSummary[]> =>
      (await core.api.listMessages({ folder, limit: 500 })).items;
    const subjects = async (folder: FolderView): Promise<string[]> => (await view(folder)).map((m) => m.subject).sort();
    const byServerSubject = async (folder: string): Promise<string[]> =>
      (await peekFolder(dovecot, USER.user, folder)).map((m) => m.subject).sort();
    const find = async (subject: string): Promise<MessageSummary> => {
      const m = (await view('all')).find((x) => x.subject === subject);
      if (!m) throw new Error(`${subject} not in the store`);
      return m;
    };
    // The push an action schedules may already be running: wait for a run of our own.
    const sync = async () => {
      for (;;) {
        const r = await core.api.syncMailbox({ id: mailboxId });
        if (r.skipped === 'running') {
          await new Promise((res) => setTimeout(res, 50));
          continue;
        }
        expect(r.status, JSON.stringify(r.error)).toBe('success');
        return r;
      }
    };

    beforeAll(async () => {
      dovecot = await layout.start();
      await dovecot.append(USER.user, makeMessage({ subject: 'inbox-1' }));
      await dovecot.append(USER.user, makeMessage({ subject: 'inbox-2' }));
      await dovecot.append(USER.user, makeMessage({ subject: 'inbox-3' }));
      await dovecot.append(USER.user, makeMessage({ subject: 'sent-1' }), { folder: layout.sent, flags: ['\\Seen'] });
      await dovecot.append(USER.user, makeMessage({ subject: 'junk-1' }), { folder: layout.junk });
      await dovecot.append(USER.user, makeMessage({ subject: 'archive-1' }), { folder: layout.archive, flags: ['\\Seen'] });
      await dovecot.append(USER.user, makeMessage({ subject: 'trash-1' }), { folder: layout.trash });
      await dovecot.append(USER.user, makeMessage({ subject: 'draft-1' }), { folder: layout.drafts });
      // The user's own folder, created like any client would (not by the server's configuration).
      await dovecot.createFolder(USER.user, layout.custom);
      dataDir = mkdtempSync(path.join(os.tmpdir(), 'releve-folders-'));
      core = createCore({ dataDir, tlsCa: [dovecot.caPem], locale: 'en', idle: false });
      const mb = await core.api.createMailbox({
        name: 'Équipe',
        imap_server: '127.0.0.1',
        imap_port: dovecot.imapsPort!,
        email_address: USER.user,
        email_password: USER.password,
        use_ssl: true,
      });
      mailboxId = mb.id;
    }, 60_000);

    afterAll(async () => {
      await core?.close();
      await dovecot?.stop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    it('discovers every folder and its role; INBOX, Sent, Junk and Archive are chosen by default', async () => {
      expect((await serverCapabilities(dovecot, USER.user)).has('MOVE')).toBe(layout.move);
      const folders = await core.api.listFolders({ id: mailboxId });
      const byPath = Object.fromEntries(folders.map((f) => [f.path, { role: f.role, chosen: f.chosen }]));
      expect(byPath).toMatchObject({
        [layout.inbox]: { role: 'inbox', chosen: true },
        [layout.sent]: { role: 'sent', chosen: true },
        [layout.junk]: { role: 'junk', chosen: true },
        [layout.archive]: { role: 'archive', chosen: true },
        [layout.trash]: { role: 'trash', chosen: false },
        [layout.drafts]: { role: 'drafts', chosen: false },
        [layout.custom]: { role: 'other', chosen: false },
      });
    });

    it('syncs the chosen folders into the unified views, each message with its folder', async () => {
      await sync();
      expect(await subjects('inbox')).toEqual(['inbox-1', 'inbox-2', 'inbox-3']);
      expect(await subjects('sent')).toEqual(['sent-1']);
      expect(await subjects('junk')).toEqual(['junk-1']);
      expect(await subjects('archive')).toEqual(['archive-1']);
      expect(await subjects('trash')).toEqual([]); // not chosen
      expect((await view('all')).length).toBe(6);
      const sent = (await view('sent'))[0]!;
      expect(sent).toMatchObject({ folder: layout.sent, folder_role: 'sent', mailbox_id: mailboxId });
      const counts = await core.api.getFolderCounts();
      expect(counts.inbox).toEqual({ total: 3, unread: 3 });
      expect(counts.sent).toEqual({ total: 1, unread: 0 });
      expect(counts.all.total).toBe(6);
      const found = await core.api.listMessages({ folder: 'all', search: 'junk-1' });
      expect(found.items.map((m) => m.folder_role)).toEqual(['junk']);
    });

    it('read, unread, star and unstar reach the server', async () => {
      const m = await find('inbox-1');
      await core.api.messageAction({ ids: [m.id], action: 'read' });
      await core.api.messageAction({ ids: [m.id], action: 'flag' });
      expect(await find('inbox-1')).toMatchObject({ seen: true, flagged: true });
      await sync();
      let onServer = (await peekFolder(dovecot, USER.user, layout.inbox)).find((x) => x.subject === 'inbox-1')!;
      expect(onServer.flags).toEqual(['\\Flagged', '\\Seen']);
      await core.api.messageAction({ ids: [m.id], action: 'unread' });
      await core.api.messageAction({ ids: [m.id], action: 'unflag' });
      await sync();
      onServer = (await peekFolder(dovecot, USER.user, layout.inbox)).find((x) => x.subject === 'inbox-1')!;
      expect(onServer.flags).toEqual([]);
      expect(await find('inbox-1')).toMatchObject({ seen: false, flagged: false });
    });

    it('archive: in the Archive view at once, on the server in Archive and out of INBOX after the push, not downloaded again', async () => {
      const m = await find('inbox-2');
      const r = await core.api.messageAction({ ids: [m.id], action: 'archive' });
      expect(r).toEqual({ updated: 1, skipped: [] });
      expect(await subjects('archive')).toEqual(['archive-1', 'inbox-2']);
      expect(await subjects('inbox')).not.toContain('inbox-2');
      expect(await byServerSubject(layout.inbox)).toContain('inbox-2'); // not pushed yet
      const result = await sync();
      expect(result).toMatchObject({ status: 'success', new_messages: 0 });
      expect(await byServerSubject(layout.inbox)).not.toContain('inbox-2');
      expect(await byServerSubject(layout.archive)).toEqual(['archive-1', 'inbox-2']);
      const after = await find('inbox-2');
      expect(after.id).toBe(m.id); // the same row, re-linked to its new place
      expect(after).toMatchObject({ folder: layout.archive, folder_role: 'archive', action_error: null });
      await sync();
      expect((await view('all')).filter((x) => x.subject === 'inbox-2')).toHaveLength(1);
    });

    it('not spam: back to INBOX on the server', async () => {
      const m = await find('junk-1');
      await core.api.messageAction({ ids: [m.id], action: 'not-spam' });
      expect(await subjects('inbox')).toContain('junk-1');
      await sync();
      expect(await byServerSubject(layout.junk)).toEqual([]);
      expect(await byServerSubject(layout.inbox)).toContain('junk-1');
      expect(await subjects('junk')).toEqual([]);
      expect(await subjects('inbox')).toContain('junk-1');
    });

    it('move to any folder of the mailbox', async () => {
      const m = await find('inbox-3');
      await core.api.updateMailbox({ id: mailboxId, patch: { folders: [layout.sent, layout.junk, layout.archive, layout.custom] } });
      await core.api.messageAction({ ids: [m.id], action: 'move', folder: layout.custom });
      await sync();
      expect(await byServerSubject(layout.custom)).toEqual(['inbox-3']);
      expect(await byServerSubject(layout.inbox)).not.toContain('inbox-3');
      expect((await find('inbox-3')).folder).toBe(layout.custom);
      await expect(core.api.messageAction({ ids: [m.id], action: 'move', folder: 'Nowhere' })).rejects.toMatchObject({ code: 'VALIDATION' });
    });

    it('delete moves to Trash; from Trash it is deleted for good', async () => {
      const m = await find('inbox-1');
      await core.api.messageAction({ ids: [m.id], action: 'delete' });
      await sync();
      expect(await byServerSubject(layout.inbox)).not.toContain('inbox-1');
      expect(await byServerSubject(layout.trash)).toEqual(['inbox-1', 'trash-1']);
      // Trash is not synced by default: the message leaves the store with the push.
      expect((await view('all')).map((x) => x.subject)).not.toContain('inbox-1');

      await core.api.updateMailbox({ id: mailboxId, patch: { folders: [layout.sent, layout.junk, layout.archive, layout.custom, layout.trash] } });
      expect((await core.api.listFolders({ id: mailboxId })).find((f) => f.path === layout.trash)?.chosen).toBe(true);
      await sync();
      expect(await subjects('trash')).toEqual(['inbox-1', 'trash-1']);
      const inTrash = (await view('trash')).find((x) => x.subject === 'trash-1')!;
      await core.api.messageAction({ ids: [inTrash.id], action: 'delete' });
      expect(await subjects('trash')).toEqual(['inbox-1']);
      await sync();
      expect(await byServerSubject(layout.trash)).toEqual(['inbox-1']);
      expect(await subjects('trash')).toEqual(['inbox-1']);
    });

    it('refuses to sync All Mail-like or unknown folders', async () => {
      await expect(core.api.updateMailbox({ id: mailboxId, patch: { folders: ['Does/Not/Exist'] } })).rejects.toMatchObject({ code: 'VALIDATION' });
    });

    it('a message moved on the server by another client is re-linked by content key, not downloaded again', async () => {
      const before = await find('sent-1');
      const client = new ImapFlow({ host: '127.0.0.1', port: dovecot.imapPort, secure: false, doSTARTTLS: false, auth: { user: USER.user, pass: USER.password }, logger: false });
      await client.connect();
      await client.mailboxOpen(layout.sent);
      await client.messageMove('1:*', layout.archive);
      await client.logout();
      const r = await sync();
      expect(r).toMatchObject({ status: 'success', new_messages: 0 });
      const after = await find('sent-1');
      expect(after).toMatchObject({ id: before.id, folder: layout.archive, folder_role: 'archive' });
      expect((await view('all')).filter((m) => m.subject === 'sent-1')).toHaveLength(1);
      expect(await subjects('sent')).toEqual([]);
    });

    it('a folder deleted on the server leaves with its messages, without an error at every run', async () => {
      await dovecot.deleteFolder(USER.user, layout.custom);
      await sync();
      expect((await core.api.listFolders({ id: mailboxId })).map((f) => f.path)).not.toContain(layout.custom);
      expect((await view('all')).map((x) => x.subject)).not.toContain('inbox-3');
      await sync();
    });
  });
}
