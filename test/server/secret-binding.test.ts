// A stored password only ever goes to the server, port, TLS mode and login it was given for. Every path that
// could send it elsewhere (REST test, PATCH then sync, WebSocket RPC, a settings change written behind the
// API's back) is tried against a recording IMAP listener on loopback, which must never see the password.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RpcError } from '../../shared/rpc.js';
import type { Mailbox, SyncResult } from '../../shared/types.js';
import { startImapRecorder, type ImapRecorder } from '../fixtures/imap-recorder.js';
import { connectWsRpc } from '../fixtures/ws-rpc-client.js';
import { ALICE, errorOf, request, seedBody, startStack, TOKEN, type Stack } from './server-harness.js';

let s: Stack;
let rec: ImapRecorder;
let mailbox: Mailbox;
let stored: string;

beforeAll(async () => {
  s = await startStack();
  stored = s.dovecot.users.find((u) => u.user === ALICE)!.password;
  const created = await request(s.server, 'POST', '/inbox/integrations', { body: seedBody(s.dovecot, ALICE) });
  expect(created.status).toBe(201);
  mailbox = created.body as Mailbox;
});
afterAll(async () => {
  await s?.stop();
});
beforeEach(async () => {
  rec = await startImapRecorder();
});
afterEach(async () => {
  // Whatever a test did, the stored password never reached the recorder.
  expect(rec.saw(stored)).toBe(false);
  await rec.stop();
});

/** The attacker's settings from the security review: their port, no TLS, plain login allowed. */
const elsewhere = () => ({ imap_server: '127.0.0.1', imap_port: rec.port, use_ssl: false, allow_insecure_auth: true });

const rpc = () => connectWsRpc(s.server.port, TOKEN);

describe('the stored password stays with its server', () => {
  it('the recorder does see a password that is typed in (so its silence below means something)', async () => {
    const typed = 'typed-By-The-User-42';
    const r = await request(s.server, 'POST', `/inbox/integrations/${mailbox.id}/test`, { body: { ...elsewhere(), email_password: typed } });
    expect(r.status).toBe(200);
    expect((r.body as { ok: boolean }).ok).toBe(false);
    expect(rec.saw(typed)).toBe(true);
  });

  it('REST POST /inbox/integrations/{id}/test with other settings: SECRET_REQUIRED, nothing sent', async () => {
    for (const body of [elsewhere(), { imap_port: rec.port }, { username: 'someone-else' }, { allow_insecure_auth: true }]) {
      const r = await request(s.server, 'POST', `/inbox/integrations/${mailbox.id}/test`, { body });
      expect(r.status).toBe(400);
      expect(errorOf(r)).toMatchObject({ code: 'SECRET_REQUIRED', field: 'email_password' });
      expect(errorOf(r).message).toMatch(/password/i);
    }
    const fr = await request(s.server, 'POST', `/inbox/integrations/${mailbox.id}/test`, {
      body: elsewhere(),
      headers: { 'accept-language': 'fr-FR' },
    });
    expect(errorOf(fr).message).toMatch(/mot de passe/);
    expect(rec.connections()).toBe(0);
  });

  it('REST POST /inbox/integrations/test with mailbox_id and other settings: SECRET_REQUIRED', async () => {
    const r = await request(s.server, 'POST', '/inbox/integrations/test', {
      body: { ...elsewhere(), email_address: ALICE, mailbox_id: mailbox.id },
    });
    expect(errorOf(r).code).toBe('SECRET_REQUIRED');
    expect(rec.connections()).toBe(0);
  });

  it('the stored settings still test fine without the password', async () => {
    const r = await request(s.server, 'POST', `/inbox/integrations/${mailbox.id}/test`, { body: {} });
    expect(r.body).toMatchObject({ ok: true });
  });

  it('PATCH with other settings and no password is refused; the following sync still goes to the right server', async () => {
    const r = await request(s.server, 'PATCH', `/inbox/integrations/${mailbox.id}`, { body: elsewhere() });
    expect(r.status).toBe(400);
    expect(errorOf(r).code).toBe('SECRET_REQUIRED');
    const after = await request(s.server, 'GET', `/inbox/integrations/${mailbox.id}`);
    expect((after.body as Mailbox).imap_port).toBe(mailbox.imap_port);
    const sync = await request(s.server, 'POST', `/inbox/integrations/${mailbox.id}/sync`);
    expect((sync.body as SyncResult).status).toBe('success');
    expect(rec.connections()).toBe(0);
  });

  it('PATCH of settings that do not touch the connection needs no password', async () => {
    const r = await request(s.server, 'PATCH', `/inbox/integrations/${mailbox.id}`, { body: { name: 'Renamed', sync_interval_minutes: 7 } });
    expect(r.status).toBe(200);
  });

  it('settings changed behind the API (straight into the database): the sync refuses to open the password', async () => {
    const db = new Database(join(s.dir.path, 'data', 'releve.db'));
    try {
      db.prepare('UPDATE mailboxes SET imap_port = ?, use_ssl = 0, allow_insecure_auth = 1 WHERE id = ?').run(rec.port, mailbox.id);
      const sync = await request(s.server, 'POST', `/inbox/integrations/${mailbox.id}/sync`);
      expect(sync.body).toMatchObject({ status: 'error', error: { code: 'SECRET_REQUIRED' } });
      expect(rec.connections()).toBe(0);
    } finally {
      db.prepare('UPDATE mailboxes SET imap_port = ?, use_ssl = 1, allow_insecure_auth = 0 WHERE id = ?').run(mailbox.imap_port, mailbox.id);
      db.close();
    }
  });

  it('WebSocket testConnection and updateMailbox with other settings: SECRET_REQUIRED', async () => {
    const { api, ws } = await rpc();
    try {
      const test = api.testConnection({ ...elsewhere(), email_address: ALICE, mailbox_id: mailbox.id });
      await expect(test).rejects.toBeInstanceOf(RpcError);
      await expect(test).rejects.toMatchObject({ code: 'SECRET_REQUIRED' });
      await expect(api.updateMailbox({ id: mailbox.id, patch: elsewhere() })).rejects.toMatchObject({ code: 'SECRET_REQUIRED' });
      expect((await api.getMailbox({ id: mailbox.id })).imap_port).toBe(mailbox.imap_port);
      expect(rec.connections()).toBe(0);
    } finally {
      ws.close();
    }
  });

  it('giving the password again lets it go to the new settings (tested there before saving); the old server gets nothing without it', async () => {
    const fresh = 'a-New-Password-77';
    // An edit of the connection is tried before it is saved (issue #11): the new settings get the password typed
    // for them, and only that one; this recorder logs nobody in, so the edit is refused and nothing is saved.
    const moved = await request(s.server, 'PATCH', `/inbox/integrations/${mailbox.id}`, { body: { ...elsewhere(), email_password: fresh } });
    expect(moved.status).toBe(422);
    expect(rec.saw(fresh)).toBe(true);
    expect(rec.saw(stored)).toBe(false);
    const unchanged = await request(s.server, 'GET', `/inbox/integrations/${mailbox.id}`);
    expect((unchanged.body as Mailbox).imap_port).toBe(mailbox.imap_port);
    // Any other port without the password: refused before anything is sent.
    const away = await request(s.server, 'PATCH', `/inbox/integrations/${mailbox.id}`, { body: { imap_port: rec.port, use_ssl: false } });
    expect(errorOf(away).code).toBe('SECRET_REQUIRED');
  });
});
