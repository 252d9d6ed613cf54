// OAuth2 through `releve serve`: the web UI's path (WebSocket RPC: begin, the browser signs in, complete)
// and the seed REST route creating the mailbox with the finished sign-in; bad sign-ins are the client's fault.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mailbox } from '../../shared/types.js';
import { makeMessage } from '../fixtures/dovecot.js';
import { signInThrough } from '../fixtures/oauth-signin.js';
import { startOidcServerStack, TEST_PROVIDER, type OidcServerStack } from '../fixtures/oidc-server-stack.js';
import { errorOf, request, TOKEN } from './server-harness.js';

const ALICE = 'alice@example.test';
let s: OidcServerStack;

beforeAll(async () => {
  s = await startOidcServerStack({ email: ALICE, token: TOKEN, tmpPrefix: 'releve-oauth-server-' });
});
afterAll(async () => {
  await s?.stop();
});

describe('OAuth2 through releve serve', () => {
  it('a sign-in over the WebSocket RPC, then POST /inbox/integrations with it: 201, OAuth2, no token in the answer', async () => {
    const { server, dovecot } = s;
    const { client, ws } = await s.rpc();
    try {
      const providers = await client.api.listOAuthProviders();
      expect(providers.find((p) => p.id === TEST_PROVIDER)).toMatchObject({ configured: true });
      const { begin, completion } = await signInThrough(client.api, { provider: TEST_PROVIDER, email: ALICE }, { login: ALICE });
      expect(completion).toMatchObject({ email: ALICE, provider: TEST_PROVIDER });

      await dovecot.append(ALICE, makeMessage({ subject: 'Par le serveur', to: ALICE }));
      const body = {
        name: 'Alice', imap_server: '127.0.0.1', imap_port: dovecot.imapsPort, use_ssl: true, email_address: ALICE,
        auth_method: 'oauth2', oauth_flow_id: begin.flow_id,
      };
      const created = await request(server, 'POST', '/inbox/integrations', { body });
      expect(created.status).toBe(201);
      const m = created.body as Mailbox;
      expect(m).toMatchObject({ auth_method: 'oauth2', oauth_provider: TEST_PROVIDER, has_password: false });
      expect(created.text).not.toMatch(/token"\s*:/);
      const sync = await request(server, 'POST', `/inbox/integrations/${m.id}/sync`);
      expect(sync.status).toBe(200);
      expect(sync.body).toMatchObject({ status: 'success', new_messages: 1 });

      // The same sign-in cannot create a second mailbox.
      const again = await request(server, 'POST', '/inbox/integrations', { body });
      expect(again.status).toBe(400);
      expect(errorOf(again).code).toBe('OAUTH_DENIED');
    } finally {
      ws.close();
    }
  });

  it('refuses an OAuth2 body without a sign-in with 400, in the request’s language, naming the field', async () => {
    const body = { name: 'X', imap_server: 'outlook.office365.com', imap_port: 993, use_ssl: true, email_address: 'x@outlook.fr', auth_method: 'oauth2' };
    const { server } = s;
    const fr = await request(server, 'POST', '/inbox/integrations', { body, headers: { 'accept-language': 'fr-FR' } });
    expect(fr.status).toBe(400);
    expect(errorOf(fr)).toMatchObject({ code: 'VALIDATION', field: 'oauth_flow_id' });
    expect(errorOf(fr).message).toContain('Connectez-vous d’abord');
    const unknown = await request(server, 'POST', '/inbox/integrations', { body: { ...body, oauth_flow_id: 'Zm9vYmFyYmF6cXV4cXV1eF9mbG93LWlk' } });
    expect(unknown.status).toBe(400);
    expect(errorOf(unknown).code).toBe('OAUTH_DENIED');
  });
});
