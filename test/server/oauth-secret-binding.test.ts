// OAuth2 tokens are bound like passwords: an access token is only sent to the server, port, TLS mode and login
// the sign-in was stored for. Tried through REST, PATCH, the WebSocket RPC and a database edit behind the API.
import Database from 'better-sqlite3';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore } from '../../electron/core/create-core.js';
import type { Core } from '../../electron/core/model.js';
import { startServer, type RunningServer } from '../../electron/server/start-server.js';
import { createRpcClient, type RpcMessage, type Transport } from '../../shared/rpc.js';
import type { Mailbox } from '../../shared/types.js';
import { startDovecot, type DovecotHandle } from '../fixtures/dovecot.js';
import { startImapRecorder, type ImapRecorder } from '../fixtures/imap-recorder.js';
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
let rec: ImapRecorder;

beforeAll(async () => {
  oidc = await startOidcProvider({ accounts: [{ email: ALICE }] });
  dovecot = await startDovecot({ users: [{ user: ALICE, password: 'alice-Pw-srv' }], oauth2: { introspectionUrl: oidc.introspectionUrlWithCredentials } });
  rec = await startImapRecorder();
  dir = makeTmpDir('releve-oauth-binding-');
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
  await rec?.stop();
  await dovecot?.stop();
  await oidc?.stop();
  dir?.remove();
});

function rpc(): Promise<{ api: ReturnType<typeof createRpcClient>['api']; ws: WebSocket }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/rpc?token=${TOKEN}`);
    ws.once('error', reject);
    ws.once('open', () => {
      const transport: Transport = {
        send: (m: RpcMessage) => ws.send(JSON.stringify(m)),
        onMessage(handler) {
          const l = (data: WebSocket.RawData) => handler(JSON.parse((data as Buffer).toString('utf8')) as RpcMessage);
          ws.on('message', l);
          return () => ws.off('message', l);
        },
      };
      resolve({ api: createRpcClient(transport).api, ws });
    });
  });
}

describe('OAuth2 tokens stay with their server', () => {
  it('test, PATCH, RPC and a database edit with other settings never send the token elsewhere', async () => {
    const { api, ws } = await rpc();
    try {
      const { begin } = await signInThrough(api, { provider: 'testidp', email: ALICE }, { login: ALICE });
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

      const db = new Database(join(dir.path, 'data', 'releve.db'));
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
