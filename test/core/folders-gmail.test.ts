// Gmail's layout on a real Dovecot: [Gmail]/… folders with SPECIAL-USE, « All Mail » holding a copy of every
// message. All Mail is never synced (no double download), and archiving leaves INBOX for All Mail as on Gmail.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCore } from '../../electron/core/create-core.js';
import type { Core } from '../../electron/core/model.js';
import { makeMessage, newMessageId, startDovecot, type DovecotHandle } from '../fixtures/dovecot.js';
import { peekFolder } from '../helpers/imap-peek.js';

const USER = { user: 'gmail@example.test', password: 'gmail-Pw-8u' };
let dovecot: DovecotHandle;
let dataDir: string;
let core: Core;

beforeAll(async () => {
  dovecot = await startDovecot({
    users: [USER],
    namespace: {
      separator: '/',
      mailboxes: [
        { name: '[Gmail]/All Mail', specialUse: '\\All' },
        { name: '[Gmail]/Sent Mail', specialUse: '\\Sent' },
        { name: '[Gmail]/Spam', specialUse: '\\Junk' },
        { name: '[Gmail]/Trash', specialUse: '\\Trash' },
        { name: '[Gmail]/Starred', specialUse: '\\Flagged' },
      ],
    },
  });
  // As Gmail shows them: every message also in All Mail.
  for (const [subject, folder] of [['g-inbox-1', 'INBOX'], ['g-inbox-2', 'INBOX'], ['g-sent', '[Gmail]/Sent Mail']] as const) {
    const raw = makeMessage({ subject, messageId: newMessageId() });
    await dovecot.append(USER.user, raw, { folder });
    await dovecot.append(USER.user, raw, { folder: '[Gmail]/All Mail' });
  }
  await dovecot.append(USER.user, makeMessage({ subject: 'g-archived-long-ago' }), { folder: '[Gmail]/All Mail' });
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'releve-gmail-'));
  core = createCore({ dataDir, tlsCa: [dovecot.caPem], locale: 'en', idle: false });
}, 60_000);

afterAll(async () => {
  await core?.close();
  await dovecot?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

it('syncs INBOX, Sent and Spam but never All Mail; archiving moves to All Mail', async () => {
  const mb = await core.api.createMailbox({ name: 'Gmail', imap_server: '127.0.0.1', imap_port: dovecot.imapsPort!, email_address: USER.user, email_password: USER.password, use_ssl: true });
  const r = await core.api.syncMailbox({ id: mb.id });
  expect(r).toMatchObject({ status: 'success', new_messages: 3 }); // not 7: All Mail is not downloaded
  const folders = Object.fromEntries((await core.api.listFolders({ id: mb.id })).map((f) => [f.path, [f.role, f.chosen]]));
  expect(folders).toMatchObject({
    INBOX: ['inbox', true],
    '[Gmail]/All Mail': ['all', false],
    '[Gmail]/Sent Mail': ['sent', true],
    '[Gmail]/Spam': ['junk', true],
    '[Gmail]/Trash': ['trash', false],
    '[Gmail]/Starred': ['all', false],
  });
  const page = await core.api.listMessages({ folder: 'all', limit: 50 });
  expect(page.items.map((m) => m.subject).sort()).toEqual(['g-inbox-1', 'g-inbox-2', 'g-sent']);

  const one = page.items.find((m) => m.subject === 'g-inbox-1')!;
  await core.api.messageAction({ ids: [one.id], action: 'archive' });
  let again = await core.api.syncMailbox({ id: mb.id });
  while (again.skipped === 'running') again = await new Promise((res) => setTimeout(res, 50)).then(() => core.api.syncMailbox({ id: mb.id }));
  expect(again.status).toBe('success');
  expect((await peekFolder(dovecot, USER.user, 'INBOX')).map((m) => m.subject)).toEqual(['g-inbox-2']);
  expect((await peekFolder(dovecot, USER.user, '[Gmail]/All Mail')).map((m) => m.subject)).toContain('g-inbox-1');
  expect((await core.api.listMessages({ folder: 'inbox', limit: 50 })).items.map((m) => m.subject)).toEqual(['g-inbox-2']);
});
