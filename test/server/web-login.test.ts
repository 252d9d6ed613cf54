// Web mode without a terminal: a one-time login link sets an HttpOnly, SameSite=Strict session cookie; the
// cookie then opens the REST API and the WebSocket RPC (any tab, any bookmark) until logout, a used or expired
// link is refused, cookie-authenticated changes must come from our own origin (CSRF), and sessions survive
// a restart of the server. The Bearer token keeps working for scripts.
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/create-core.js';
import { startServer } from '../../electron/server/start-server.js';
import { WebSessions } from '../../electron/server/web-session.js';
import { makeTmpDir } from '../helpers/tmp-dir.js';
import type { TmpDir } from '../helpers/tmp-dir.js';
import { TOKEN, request, type Reply } from './server-harness.js';
import type { Core } from '../../electron/core/model.js';
import type { RunningServer } from '../../electron/server/start-server.js';

let dir: TmpDir;
let core: Core;
let server: RunningServer;
const dataDir = () => join(dir.path, 'data');

beforeAll(async () => {
  dir = makeTmpDir('releve-weblogin-');
  core = createCore({ dataDir: dataDir(), locale: 'fr' });
  server = await startServer({ core, port: 0, token: TOKEN, locale: 'fr', dataDir: dataDir() });
});
afterAll(async () => {
  await server?.close();
  await core?.close();
  dir?.remove();
});

function cookieOf(r: Reply): string {
  const set = r.headers['set-cookie']?.[0] ?? '';
  return set.split(';')[0] ?? '';
}

async function logIn(s: RunningServer = server): Promise<string> {
  const link = new URL(s.loginLink().url);
  const r = await request(s, 'GET', `${link.pathname}${link.search}`, { token: null });
  expect(r.status).toBe(303);
  expect(r.headers.location).toBe('/');
  return cookieOf(r);
}

function rpcCall(s: RunningServer, headers: Record<string, string>): Promise<{ ok: boolean; closeCode?: number; result?: unknown }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${s.port}/rpc`, { headers });
    ws.on('open', () => ws.send(JSON.stringify({ t: 'req', id: 1, method: 'listMailboxes', arg: null })));
    ws.on('message', (data: Buffer) => {
      const msg = JSON.parse(data.toString('utf8')) as { t: string; id?: number; ok?: boolean; result?: unknown };
      if (msg.t === 'res' && msg.id === 1) {
        resolve({ ok: true, result: msg.result });
        ws.close();
      }
    });
    ws.on('close', (code) => resolve({ ok: false, closeCode: code }));
    ws.on('error', reject);
  });
}

describe('login link and session cookie', () => {
  it('the link sets an HttpOnly, SameSite=Strict cookie that opens GET /inbox/status without a token', async () => {
    const link = new URL(server.loginLink().url);
    expect(link.origin).toBe(server.url);
    const r = await request(server, 'GET', `${link.pathname}${link.search}`, { token: null });
    expect(r.status).toBe(303);
    const setCookie = r.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toMatch(/^releve_session=[\w-]{40,}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=\d+$/);
    const status = await request(server, 'GET', '/inbox/status', { token: null, headers: { cookie: cookieOf(r) } });
    expect(status.status).toBe(200);
    expect(status.body).toEqual([]);
  });

  it('a link works once: the second use, or a made-up code, gets the "link expired" page in the user’s language', async () => {
    const link = new URL(server.loginLink().url);
    expect((await request(server, 'GET', `${link.pathname}${link.search}`, { token: null })).status).toBe(303);
    const again = await request(server, 'GET', `${link.pathname}${link.search}`, { token: null, headers: { 'accept-language': 'fr-FR' } });
    expect(again.status).toBe(401);
    expect(again.headers['set-cookie']).toBeUndefined();
    expect(again.text).toContain('Lien de connexion expiré');
    const madeUp = await request(server, 'GET', '/login?code=abc', { token: null, headers: { 'accept-language': 'en' } });
    expect(madeUp.status).toBe(401);
    expect(madeUp.text).toContain('Login link expired');
  });

  it('without a session or a token the API still says 401', async () => {
    expect((await request(server, 'GET', '/inbox/status', { token: null })).status).toBe(401);
    expect((await request(server, 'GET', '/inbox/status', { token: null, headers: { cookie: 'releve_session=forged' } })).status).toBe(401);
  });

  it('cookie-authenticated changes need our own Origin (CSRF); the Bearer token does not', async () => {
    const cookie = await logIn();
    const noOrigin = await request(server, 'POST', '/inbox/integrations/sync-all', { token: null, headers: { cookie } });
    expect(noOrigin.status).toBe(403);
    const foreign = await request(server, 'POST', '/inbox/integrations/sync-all', { token: null, headers: { cookie, origin: 'http://evil.example' } });
    expect(foreign.status).toBe(403);
    const own = await request(server, 'POST', '/inbox/integrations/sync-all', { token: null, headers: { cookie, origin: server.url } });
    expect(own.status).toBe(200);
    const script = await request(server, 'POST', '/inbox/integrations/sync-all');
    expect(script.status).toBe(200);
  });

  it('the WebSocket RPC accepts the session cookie, and refuses a socket with neither cookie nor token', async () => {
    const cookie = await logIn();
    const withCookie = await rpcCall(server, { cookie, origin: server.url });
    expect(withCookie).toEqual({ ok: true, result: [] });
    const without = await rpcCall(server, { origin: server.url });
    expect(without).toEqual({ ok: false, closeCode: 4401 });
  });

  it('logout ends the session; sessions survive a restart of the server; scripts get new links with the token', async () => {
    const kept = await logIn();
    const ended = await logIn();
    const out = await request(server, 'POST', '/logout', { token: null, headers: { cookie: ended, origin: server.url } });
    expect(out.status).toBe(204);
    expect(out.headers['set-cookie']?.[0]).toContain('Max-Age=0');
    expect((await request(server, 'GET', '/inbox/status', { token: null, headers: { cookie: ended } })).status).toBe(401);

    await server.close();
    server = await startServer({ core, port: 0, token: TOKEN, locale: 'fr', dataDir: dataDir() });
    expect((await request(server, 'GET', '/inbox/status', { token: null, headers: { cookie: kept } })).status).toBe(200);
    expect((await request(server, 'GET', '/inbox/status', { token: null, headers: { cookie: ended } })).status).toBe(401);

    const fresh = await request(server, 'POST', '/inbox/login-link');
    expect(fresh.status).toBe(200);
    const { url } = fresh.body as { url: string; expires_at: string };
    expect(url).toMatch(new RegExp(`^${server.url}/login\\?code=[\\w-]{40,}$`));
  });
});

describe('WebSessions', () => {
  it('a code expires after 10 minutes, a session after 30 days; only hashes are kept on disk', () => {
    let t = 1_000_000;
    const own = makeTmpDir('releve-sessions-');
    const s = new WebSessions(own.path, () => t);
    const old = s.issueCode();
    t += 10 * 60_000 + 1;
    expect(s.redeem(old.code)).toBeNull();
    const id = s.redeem(s.issueCode().code);
    expect(id).not.toBeNull();
    expect(s.valid(id)).toBe(true);
    t += 30 * 24 * 3600_000 + 1;
    expect(s.valid(id)).toBe(false);
    const raw = JSON.stringify(new WebSessions(own.path, () => t));
    expect(raw).not.toContain(id as string);
    own.remove();
  });
});
