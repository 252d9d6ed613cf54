// REST for folders and actions (issue 14), against the real core, SQLite and Dovecot: folder list and
// choice, views, and each POST /inbox/messages/{id}/… checked on the server with a separate IMAP client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FolderCounts, MailboxFolder, MessagePage, MessageSummary } from '../../shared/types.js';
import { makeMessage } from '../fixtures/dovecot.js';
import { peekFolder } from '../helpers/imap-peek.js';
import { ALICE, errorOf, request, seedBody, startStack, type Stack } from './server-harness.js';

let s: Stack;
let id: number;

beforeAll(async () => {
  s = await startStack();
  // Folders as a plain Dovecot has them without any SPECIAL-USE configuration: known by their names.
  for (const f of ['Sent', 'Junk', 'Archive', 'Trash', 'Clients']) await s.dovecot.createFolder(ALICE, f);
  await s.dovecot.append(ALICE, makeMessage({ subject: 'rest-inbox-1' }));
  await s.dovecot.append(ALICE, makeMessage({ subject: 'rest-inbox-2' }));
  await s.dovecot.append(ALICE, makeMessage({ subject: 'rest-junk' }), { folder: 'Junk' });
  await s.dovecot.append(ALICE, makeMessage({ subject: 'rest-sent' }), { folder: 'Sent', flags: ['\\Seen'] });
  const created = await request(s.server, 'POST', '/inbox/integrations', { body: seedBody(s.dovecot, ALICE) });
  id = (created.body as { id: number }).id;
}, 60_000);
afterAll(async () => {
  await s?.stop();
});

const messages = async (query: string) => (await request(s.server, 'GET', `/inbox/messages?${query}`)).body as MessagePage;
const find = async (folder: string, subject: string): Promise<MessageSummary> => {
  const m = (await messages(`folder=${folder}`)).items.find((x) => x.subject === subject);
  if (!m) throw new Error(`${subject} not in ${folder}`);
  return m;
};
/** A run of our own (the push an action schedules may be running already). */
const sync = async () => {
  for (;;) {
    const body = (await request(s.server, 'POST', `/inbox/integrations/${id}/sync`)).body as { status: string; skipped?: string };
    if (body.skipped === 'running') {
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    expect(body).toMatchObject({ status: 'success' });
    return;
  }
};
const onServer = async (folder: string) => (await peekFolder(s.dovecot, ALICE, folder)).map((m) => m.subject).sort();

describe('folders over REST', () => {
  it('GET /inbox/integrations/{id}/folders: path, role, chosen', async () => {
    const r = await request(s.server, 'GET', `/inbox/integrations/${id}/folders`);
    expect(r.status).toBe(200);
    const folders = r.body as MailboxFolder[];
    expect(folders.map((f) => [f.path, f.role, f.chosen])).toEqual([
      ['INBOX', 'inbox', true],
      ['Archive', 'archive', true],
      ['Clients', 'other', false],
      ['Junk', 'junk', true],
      ['Sent', 'sent', true],
      ['Trash', 'trash', false],
    ]);
  });

  it('PATCH /inbox/integrations/{id} accepts the chosen folders and refuses unknown ones', async () => {
    const ok = await request(s.server, 'PATCH', `/inbox/integrations/${id}`, { body: { folders: ['Sent', 'Junk', 'Archive', 'Trash', 'Clients'] } });
    expect(ok.status).toBe(200);
    const folders = (await request(s.server, 'GET', `/inbox/integrations/${id}/folders`)).body as MailboxFolder[];
    expect(folders.every((f) => f.chosen)).toBe(true);
    const bad = await request(s.server, 'PATCH', `/inbox/integrations/${id}`, { body: { folders: ['Nope'] }, headers: { 'accept-language': 'fr' } });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).code).toBe('VALIDATION');
    const notList = await request(s.server, 'PATCH', `/inbox/integrations/${id}`, { body: { folders: 'Sent' } });
    expect(notList.status).toBe(400);
    expect(errorOf(notList).field).toBe('folders');
  });

  it('GET /inbox/messages?folder=… gives each view; counts per view', async () => {
    await sync();
    expect((await messages('folder=inbox')).items.map((m) => m.subject).sort()).toEqual(['rest-inbox-1', 'rest-inbox-2']);
    expect((await messages('folder=junk')).items.map((m) => m.subject)).toEqual(['rest-junk']);
    expect((await messages('folder=sent')).items.map((m) => [m.subject, m.folder, m.folder_role])).toEqual([['rest-sent', 'Sent', 'sent']]);
    expect((await messages('folder=all')).total).toBe(4);
    expect((await messages('folder=all&q=rest-junk')).items.map((m) => m.folder)).toEqual(['Junk']);
    const bad = await request(s.server, 'GET', '/inbox/messages?folder=elsewhere');
    expect(bad.status).toBe(400);
    expect(errorOf(bad).field).toBe('folder');
    const counts = (await request(s.server, 'GET', '/inbox/folder-counts')).body as FolderCounts;
    expect(counts).toMatchObject({ inbox: { total: 2, unread: 2 }, junk: { total: 1, unread: 1 }, sent: { total: 1, unread: 0 }, archive: { total: 0 } });
  });

  it('POST /inbox/messages/{id}/flag|archive|not-spam|move|delete reach the server', async () => {
    const one = await find('inbox', 'rest-inbox-1');
    expect((await request(s.server, 'POST', `/inbox/messages/${one.id}/flag`)).body).toEqual({ updated: 1, skipped: [] });
    expect((await request(s.server, 'POST', `/inbox/messages/${one.id}/archive`)).status).toBe(200);
    const junk = await find('junk', 'rest-junk');
    expect((await request(s.server, 'POST', `/inbox/messages/${junk.id}/not-spam`)).status).toBe(200);
    const two = await find('inbox', 'rest-inbox-2');
    expect((await request(s.server, 'POST', `/inbox/messages/${two.id}/move`, { body: { folder: 'Clients' } })).status).toBe(200);
    const sent = await find('sent', 'rest-sent');
    expect((await request(s.server, 'POST', `/inbox/messages/${sent.id}/delete`)).status).toBe(200);
    await sync();
    expect(await onServer('INBOX')).toEqual(['rest-junk']);
    expect(await onServer('Archive')).toEqual(['rest-inbox-1']);
    expect((await peekFolder(s.dovecot, ALICE, 'Archive'))[0]?.flags).toContain('\\Flagged');
    expect(await onServer('Clients')).toEqual(['rest-inbox-2']);
    expect(await onServer('Trash')).toEqual(['rest-sent']);
    expect(await onServer('Sent')).toEqual([]);

    const moveNoBody = await request(s.server, 'POST', `/inbox/messages/${two.id}/move`, { body: {} });
    expect(moveNoBody.status).toBe(400);
    expect(errorOf(moveNoBody).field).toBe('folder');
    const missing = await request(s.server, 'POST', '/inbox/messages/999999/archive');
    expect(missing.status).toBe(404);
  });
});
