// OAuth2 tokens are bound like passwords: an access token is only sent to the server, port, TLS mode and login
// the sign-in was stored for. Tried through REST, PATCH, the WebSocket RPC and a database edit behind the API.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mailbox } from '../../shared/types.js';
import { startImapRecorder, type ImapRecorder } from '../fixtures/imap-recorder.js';
import { signInThrough } from '../fixtures/oauth-signin.js';
import { startOidcServerStack, TEST_PROVIDER, type OidcServerStack } from '../fixtures/oidc-server-stack.js';
import { errorOf, request, TOKEN } from './server-harness.js';

const ALICE = 'alice@example.test';
let s: OidcServerStack;
let rec: ImapRecorder;

beforeAll(async () => {
  s = await startOidcServerStack({ email: ALICE, token: TOKEN, tmpPrefix: 'releve-oauth-binding-' });
  rec = await startImapRecorder();
});
afterAll(async () => {
  await rec?.stop();
  await s?.stop();
});

describe('OAuth2 tokens stay with their server', () => {
  it('test, PATCH, RPC and a database edit with other settings never send the token elsewhere', async () => {
    const { server, dovecot, dataDir } = s;
    const { api, ws } = await s.rpc();
    try {
      const { begin } = await signInThrough(api, { provider: TEST_PROVIDER, email: ALICE }, { login: ALICE });
      const body = {
        name: 'Alice', imap_server: '127.0.0.1', imap_port: dovecot.imapsPort, use_ssl: true, email_address: ALICE,
        auth_method: 'oauth2', oauth_flow_id: begin.flow_id,
      };
      const created = await request(server, 'POST', '/inbox/integrations', { body });
      expect(created.status).toBe(201);
      const m = created.body as Mailbox;
      // Its own settings: the token works.
      expect((await request(server, 'POST', `/inbox/integrations/${m.id}/test`, { body: {} })).body).toMatchObject({ ok: true });

      const elsewhere = { imap_server: '127.0.0.1', imap_port: rec.port, use_ssl: false, allow_insecure_auth: true };
      const test = await request(server, 'POST', `/inbox/integrations/${m.id}/test`, { body: elsewhere });
      expect(test.status).toBe(400);
      expect(errorOf(test).code).toBe('SECRET_REQUIRED');
      const patch = await request(server, 'PATCH', `/inbox/integrations/${m.id}`, { body: elsewhere });
      expect(errorOf(patch).code).toBe('SECRET_REQUIRED');
      await expect(api.testConnection({ ...elsewhere, email_address: ALICE, mailbox_id: m.id })).rejects.toMatchObject({ code: 'SECRET_REQUIRED' });
      await expect(api.updateMailbox({ id: m.id, patch: { imap_port: rec.port } })).rejects.toMatchObject({ code: 'SECRET_REQUIRED' });

      const db = new Database(join(dataDir, 'releve.db'));
      try {
        db.prepare('UPDATE mailboxes SET imap_port = ?, use_ssl = 0, allow_insecure_auth = 1 WHERE id = ?').run(rec.port, m.id);
        const sync = await request(server, 'POST', `/inbox/integrations/${m.id}/sync`);
        expect(sync.body).toMatchObject({ status: 'error', error: { code: 'SECRET_REQUIRED' } });
      } finally {
        db.close();
      }
      expect(rec.connections()).toBe(0);
      expect(rec.received()).toBe('');
    } finally {
      ws.close();
    }
  });
});
