// OAuth2 through `releve serve`: the web UI's path (WebSocket RPC: begin, the browser signs in, complete)
// and the seed REST route creating the mailbox with the finished sign-in; bad sign-ins are the client's fault.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore } from '../../electron/core/create-core.js';
import type { Core } from '../../electron/core/model.js';
import { startServer, type RunningServer } from '../../electron/server/start-server.js';
import { createRpcClient, type RpcMessage, type Transport } from '../../shared/rpc.js';
import type { Mailbox } from '../../shared/types.js';
import { makeMessage, startDovecot, type DovecotHandle } from '../fixtures/dovecot.js';
import { signInThrough, testProviderEnv } from '../fixtures/oauth-signin.js';
import { startOidcProvider, type OidcHandle } from '../fixtures/oidc-provider.js';
import { makeTmpDir, type TmpDir } from '../helpers/tmp-dir.js';
import { errorOf, request, TOKEN } from './server-harness.js';

const ALICE = 'alice@example.test';

let oidc: OidcHandle;
let dovecot: DovecotHandle;
let dir: TmpDir;
let core: Core;
let server: RunningServer;

beforeAll(async () => {
  oidc = await startOidcProvider({ accounts: [{ email: ALICE }] });
  dovecot = await startDovecot({ users: [{ user: ALICE, password: 'alice-Pw-srv' }], oauth2: { introspectionUrl: oidc.introspectionUrlWithCredentials } });
  dir = makeTmpDir('releve-oauth-server-');
  const rendererDir = join(dir.path, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Relève UI</title>');
  core = createCore({
    dataDir: join(dir.path, 'data'),
    tlsCa: [dovecot.caPem],
    locale: 'en',
    oauth: { env: testProviderEnv('testidp', oidc.issuer, oidc.clientId) },
  });
  server = await startServer({ core, port: 0, token: TOKEN, rendererDir, locale: 'en' });
});

afterAll(async () => {
  await server?.close();
  await core?.close();
  await dovecot?.stop();
  await oidc?.stop();
  dir?.remove();
});

function rpcOverWebSocket(): Promise<{ client: ReturnType<typeof createRpcClient>; ws: WebSocket }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/rpc?token=${TOKEN}`);
    ws.once('error', reject);
    ws.once('open', () => {
      const transport: Transport = {
        send: (m) => ws.send(JSON.stringify(m)),
        onMessage(handler) {
          const l = (data: WebSocket.RawData) => handler(JSON.parse((data as Buffer).toString()) as RpcMessage);
          ws.on('message', l);
          return () => ws.off('message', l);
        },
      };
      resolve({ client: createRpcClient(transport), ws });
    });
  });
}

describe('OAuth2 through releve serve', () => {
  it('a sign-in over the WebSocket RPC, then POST /inbox/integrations with it: 201, OAuth2, no token in the answer', async () => {
    const { client, ws } = await rpcOverWebSocket();
    try {
      const providers = await client.api.listOAuthProviders();
      expect(providers.find((p) => p.id === 'testidp')).toMatchObject({ configured: true });
      const { begin, completion } = await signInThrough(client.api, { provider: 'testidp', email: ALICE }, { login: ALICE });
      expect(completion).toMatchObject({ email: ALICE, provider: 'testidp' });

      await dovecot.append(ALICE, makeMessage({ subject: 'Par le serveur', to: ALICE }));
      const body = {
        name: 'Alice', imap_server: '127.0.0.1', imap_port: dovecot.imapsPort, use_ssl: true, email_address: ALICE,
        auth_method: 'oauth2', oauth_flow_id: begin.flow_id,
      };
      const created = await request(server, 'POST', '/inbox/integrations', { body });
      expect(created.status).toBe(201);
      const m = created.body as Mailbox;
      expect(m).toMatchObject({ auth_method: 'oauth2', oauth_provider: 'testidp', has_password: false });
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
    const fr = await request(server, 'POST', '/inbox/integrations', { body, headers: { 'accept-language': 'fr-FR' } });
    expect(fr.status).toBe(400);
    expect(errorOf(fr)).toMatchObject({ code: 'VALIDATION', field: 'oauth_flow_id' });
    expect(errorOf(fr).message).toContain('Connectez-vous d’abord');
    const unknown = await request(server, 'POST', '/inbox/integrations', { body: { ...body, oauth_flow_id: 'Zm9vYmFyYmF6cXV4cXV1eF9mbG93LWlk' } });
    expect(unknown.status).toBe(400);
    expect(errorOf(unknown).code).toBe('OAUTH_DENIED');
  });
});
