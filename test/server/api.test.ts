// The seed REST API against the real core, a real SQLite file and the private Dovecot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mailbox, MailboxStatus, MessageDetail, MessagePage, SyncResult } from '../../shared/types.js';
import { makeMessage } from '../fixtures/dovecot.js';
import { ALICE, BOB, TOKEN, errorOf, filesContaining, request, seedBody, seenBodies, startStack } from './server-harness.js';
import type { Stack } from './server-harness.js';

let s: Stack;
let aliceId: number;
let bobId: number;
const WRONG_PASSWORD = 'not-Alice-Password-7';

beforeAll(async () => {
  s = await startStack();
});
afterAll(async () => {
  await s?.stop();
});

describe('authentication', () => {
  it('answers /health without a token', async () => {
    const r = await request(s.server, 'GET', '/health', { token: null });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ok: true });
  });

  it('refuses a missing, wrong or query-string token with a 401 JSON error', async () => {
    // Includes a token differing only in its last character.
    for (const token of [null, '', 'wrong', 'x'.repeat(43), 'test-token-0123456789abcdefghijklmnopqrstuV']) {
      const r = await request(s.server, 'GET', '/inbox/integrations', { token });
      expect(r.status).toBe(401);
      expect(errorOf(r).code).toBe('UNAUTHORIZED');
      expect(errorOf(r).message).toMatch(/token/i);
    }
    const inQuery = await request(s.server, 'GET', `/inbox/integrations?token=${TOKEN}`, { token: null });
    expect(inQuery.status).toBe(401);
    const fr = await request(s.server, 'GET', '/inbox/status', { token: 'nope', headers: { 'accept-language': 'fr-FR,fr;q=0.9' } });
    expect(errorOf(fr).message).toMatch(/Jeton/);
  });
});

describe('mailboxes', () => {
  it('creates a mailbox from the seed body: 201, has_password, and no password anywhere in the answer', async () => {
    const body = seedBody(s.dovecot, ALICE);
    const r = await request(s.server, 'POST', '/inbox/integrations', { body });
    expect(r.status).toBe(201);
    const m = r.body as Mailbox;
    expect(m).toMatchObject({ integration_type: 'imap', email_address: ALICE, has_password: true, use_ssl: true, sync_interval_minutes: 5 });
    expect(r.text).not.toContain(body.email_password);
    expect(r.text).not.toMatch(/"(email_)?password"\s*:/);
    aliceId = m.id;

    const list = await request(s.server, 'GET', '/inbox/integrations');
    expect(list.status).toBe(200);
    expect((list.body as Mailbox[]).map((x) => x.id)).toContain(aliceId);
    expect(list.text).not.toContain(body.email_password);
    expect(list.text).not.toMatch(/"(email_)?password"\s*:/);

    const one = await request(s.server, 'GET', `/inbox/integrations/${aliceId}`);
    expect((one.body as Mailbox).name).toBe(`Box ${ALICE}`);
  });

  it('refuses port 70000 with a 400 naming the field, in French for Accept-Language fr and in English otherwise', async () => {
    const body = seedBody(s.dovecot, BOB, { imap_port: 70000 });
    const fr = await request(s.server, 'POST', '/inbox/integrations', { body, headers: { 'accept-language': 'fr' } });
    expect(fr.status).toBe(400);
    expect(errorOf(fr)).toMatchObject({ code: 'VALIDATION', field: 'imap_port' });
    expect(errorOf(fr).message).toBe('Le port IMAP doit être un nombre entre 1 et 65535.');
    const en = await request(s.server, 'POST', '/inbox/integrations', { body });
    expect(en.status).toBe(400);
    expect(errorOf(en)).toMatchObject({ code: 'VALIDATION', field: 'imap_port' });
    expect(errorOf(en).message).toBe('The IMAP port must be a number between 1 and 65535.');
  });

  it('answers bad bodies, unknown routes and methods with clear JSON errors', async () => {
    const badJson = await request(s.server, 'POST', '/inbox/integrations', { rawBody: '{"name": ', headers: { 'content-type': 'application/json' } });
    expect(badJson.status).toBe(400);
    expect(errorOf(badJson).message).toMatch(/not valid JSON/);
    const badType = await request(s.server, 'POST', '/inbox/integrations', { rawBody: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(badType.status).toBe(400);
    expect(errorOf(badType).message).toMatch(/application\/json/);
    const notObject = await request(s.server, 'POST', '/inbox/integrations', { body: [1, 2] });
    expect(notObject.status).toBe(400);
    const huge = await request(s.server, 'POST', '/inbox/integrations', { body: { name: 'x'.repeat(1024 * 1024 + 10) } });
    expect(huge.status).toBe(413);
    expect(errorOf(huge).code).toBe('PAYLOAD_TOO_LARGE');
    const unknown = await request(s.server, 'GET', '/inbox/nothing-here');
    expect(unknown.status).toBe(404);
    const wrongMethod = await request(s.server, 'DELETE', '/inbox/status');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.allow).toBe('GET');
    const missing = await request(s.server, 'GET', '/inbox/integrations/999999', { headers: { 'accept-language': 'fr' } });
    expect(missing.status).toBe(404);
    expect(errorOf(missing)).toMatchObject({ code: 'NOT_FOUND', message: 'Élément introuvable.' });
  });

  it('tests a connection: the stored mailbox, then a wrong password through the body', async () => {
    await s.dovecot.append(ALICE, makeMessage({ subject: 'Premier message' }));
    const ok = await request(s.server, 'POST', `/inbox/integrations/${aliceId}/test`);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true, message_count: 1, secure: true });
    const bad = await request(s.server, 'POST', '/inbox/integrations/test', {
      body: { ...seedBody(s.dovecot, ALICE), email_password: WRONG_PASSWORD },
    });
    expect(bad.status).toBe(200);
    expect(bad.body).toMatchObject({ ok: false, error: { code: 'AUTH' } });
  });
});

describe('sync and messages', () => {
  it('imports the messages appended to Dovecot, then lists, searches and reads them', async () => {
    await s.dovecot.append(ALICE, makeMessage({ subject: 'Facture mars', body: 'Votre facture zanzibar est prête.' }));
    await s.dovecot.append(ALICE, makeMessage({ subject: 'Réunion', attachment: { filename: 'notes été.txt', content: Buffer.from('compte rendu'), type: 'text/plain' } }));
    const r = await request(s.server, 'POST', `/inbox/integrations/${aliceId}/sync`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ mailbox_id: aliceId, status: 'success', new_messages: 3 });

    const page = (await request(s.server, 'GET', `/inbox/messages?mailbox_id=${aliceId}`)).body as MessagePage;
    expect(page.total).toBe(3);
    expect(page.items.map((m) => m.subject).sort()).toEqual(['Facture mars', 'Premier message', 'Réunion']);

    const found = (await request(s.server, 'GET', '/inbox/messages?q=zanzibar')).body as MessagePage;
    expect(found.items.map((m) => m.subject)).toEqual(['Facture mars']);
    const badLimit = await request(s.server, 'GET', '/inbox/messages?limit=0', { headers: { 'accept-language': 'fr' } });
    expect(badLimit.status).toBe(400);
    expect(errorOf(badLimit)).toMatchObject({ field: 'limit' });
    expect(errorOf(badLimit).message).toMatch(/compris entre 1 et/);

    const withAttachment = page.items.find((m) => m.subject === 'Réunion');
    if (!withAttachment) throw new Error('missing message');
    const detail = (await request(s.server, 'GET', `/inbox/messages/${withAttachment.id}`)).body as MessageDetail;
    expect(detail.attachments[0]).toMatchObject({ index: 0, filename: 'notes été.txt' });
    const file = await request(s.server, 'GET', `/inbox/messages/${withAttachment.id}/attachments/0`);
    expect(file.status).toBe(200);
    expect(file.text).toBe('compte rendu');
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="notes _t_.txt"; filename\*=UTF-8''notes%20%C3%A9t%C3%A9\.txt$/);

    const read = await request(s.server, 'POST', `/inbox/messages/${withAttachment.id}/read`);
    expect(read.body).toEqual({ updated: 1 });
    const unread = (await request(s.server, 'GET', '/inbox/messages?unread=true')).body as MessagePage;
    expect(unread.items.map((m) => m.id)).not.toContain(withAttachment.id);
    await request(s.server, 'POST', `/inbox/messages/${withAttachment.id}/unread`);
    const again = (await request(s.server, 'GET', '/inbox/messages?unread=1')).body as MessagePage;
    expect(again.items.map((m) => m.id)).toContain(withAttachment.id);
  });

  it('syncs every mailbox with sync-all, importing nothing twice', async () => {
    const created = await request(s.server, 'POST', '/inbox/integrations', { body: seedBody(s.dovecot, BOB) });
    bobId = (created.body as Mailbox).id;
    await s.dovecot.append(BOB, makeMessage({ subject: 'Pour Bob' }));
    const r = await request(s.server, 'POST', '/inbox/integrations/sync-all');
    expect(r.status).toBe(200);
    const results = r.body as SyncResult[];
    expect(results.find((x) => x.mailbox_id === bobId)).toMatchObject({ status: 'success', new_messages: 1 });
    expect(results.find((x) => x.mailbox_id === aliceId)).toMatchObject({ status: 'success', new_messages: 0 });
  });

  it('reports the status of each mailbox', async () => {
    const r = await request(s.server, 'GET', '/inbox/status');
    const statuses = r.body as MailboxStatus[];
    const alice = statuses.find((x) => x.mailbox.id === aliceId);
    expect(alice).toMatchObject({ message_count: 3, unread_count: 3, running: false });
    expect(alice?.mailbox.last_sync_status).toBe('success');
    expect(alice?.mailbox.last_sync_at).not.toBeNull();
    expect(alice?.next_sync_at).not.toBeNull();
  });
});

describe('changing and removing', () => {
  it('PATCHes a mailbox, validating in the request language', async () => {
    const r = await request(s.server, 'PATCH', `/inbox/integrations/${bobId}`, { body: { name: 'Ventes', sync_interval_minutes: 15 } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: bobId, name: 'Ventes', sync_interval_minutes: 15, has_password: true });
    const bad = await request(s.server, 'PATCH', `/inbox/integrations/${bobId}`, { body: { sync_interval_minutes: 0 }, headers: { 'accept-language': 'fr' } });
    expect(bad.status).toBe(400);
    expect(errorOf(bad)).toMatchObject({ field: 'sync_interval_minutes' });
    expect(errorOf(bad).message).toMatch(/intervalle/);
  });

  it('reads and changes settings', async () => {
    const r = await request(s.server, 'PATCH', '/inbox/settings', { body: { notifications: false } });
    expect(r.body).toMatchObject({ notifications: false });
    expect((await request(s.server, 'GET', '/inbox/settings')).body).toMatchObject({ notifications: false });
  });

  it('lists providers and detects one from an address', async () => {
    const list = (await request(s.server, 'GET', '/inbox/providers')).body as Array<{ id: string; imap_server: string }>;
    expect(list.find((p) => p.id === 'orange')?.imap_server).toBe('imap.orange.fr');
    const d = await request(s.server, 'GET', '/inbox/providers/detect?email=contact@orange.fr');
    expect(d.body).toMatchObject({ preset_id: 'orange', via: 'domain' });
  });

  it('DELETEs a mailbox and its messages; an unclear keep_messages is refused', async () => {
    const unclear = await request(s.server, 'DELETE', `/inbox/integrations/${bobId}?keep_messages=maybe`);
    expect(unclear.status).toBe(400);
    const r = await request(s.server, 'DELETE', `/inbox/integrations/${bobId}`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ deleted: true });
    expect((await request(s.server, 'GET', `/inbox/integrations/${bobId}`)).status).toBe(404);
    const left = (await request(s.server, 'GET', '/inbox/messages?q=Bob')).body as MessagePage;
    expect(left.total).toBe(0);
  });
});

describe('what never leaks', () => {
  it('no error body carries a stack trace or a source path', () => {
    expect(seenBodies.length).toBeGreaterThan(10);
    for (const body of seenBodies) {
      expect(body).not.toMatch(/\n\s+at |\.ts:\d+|node:internal|Error: /);
    }
  });

  it('the data directory (releve.db, -wal, logs) holds no plaintext password', async () => {
    await s.core.api.getStatus();
    for (const secret of [s.dovecot.users[0]?.password ?? '', s.dovecot.users[1]?.password ?? '', WRONG_PASSWORD]) {
      expect(secret.length).toBeGreaterThan(5);
      expect(filesContaining(s.dir.path, secret)).toEqual([]);
    }
    expect(filesContaining(s.dir.path, 'Premier message').length).toBeGreaterThan(0); // the search does look into the DB
  });
});
