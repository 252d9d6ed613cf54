// The WebSocket RPC, the Host-header (DNS rebinding) guard and the static renderer of `releve serve`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore } from '../../electron/core/create-core.js';
import { startServer } from '../../electron/server/start-server.js';
import type { MailEvents } from '../../shared/api.js';
import { createRpcClient, RpcError } from '../../shared/rpc.js';
import type { RpcMessage, Transport } from '../../shared/rpc.js';
import { makeMessage } from '../fixtures/dovecot.js';
import { makeTmpDir } from '../helpers/tmp-dir.js';
import { ALICE, TOKEN, request, seedBody, startStack } from './server-harness.js';
import type { Stack } from './server-harness.js';

let s: Stack;
beforeAll(async () => {
  s = await startStack();
});
afterAll(async () => {
  await s?.stop();
});

function openSocket(query: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${s.server.port}/rpc${query}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function wsTransport(ws: WebSocket): Transport {
  return {
    send: (m: RpcMessage) => ws.send(JSON.stringify(m)),
    onMessage(handler) {
      const l = (data: WebSocket.RawData) => handler(JSON.parse((data as Buffer).toString()) as RpcMessage);
      ws.on('message', l);
      return () => ws.off('message', l);
    },
  };
}

interface Refused {
  code: number;
  reason: string;
  /** Every frame the server sent before closing. */
  frames: string[];
}

/**
 * Opens a socket that should be refused by close code, and at once asks for the mailboxes (and, through the
 * core, causes an event) to prove nothing is served on it.
 */
function refusedSocket(query: string, headers: Record<string, string> = {}): Promise<Refused> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${s.server.port}/rpc${query}`, { headers });
    const frames: string[] = [];
    ws.on('message', (data) => frames.push((data as Buffer).toString()));
    ws.once('open', () => {
      ws.send(JSON.stringify({ t: 'req', id: 1, method: 'listMailboxes', arg: null }));
      ws.send(JSON.stringify({ t: 'req', id: 2, method: 'updateSettings', arg: { notifications: false } }));
    });
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString(), frames }));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

describe('WebSocket RPC', () => {
  it('a missing or wrong token: the upgrade is accepted, then closed with 4401 and nothing is served', async () => {
    // Includes a token differing only in its last character, and one sent as a Bearer header.
    const queries: Array<[string, Record<string, string>]> = [
      ['', {}],
      ['?token=', {}],
      ['?token=wrong', {}],
      ['?token=test-token-0123456789abcdefghijklmnopqrstuV', {}],
      ['', { Authorization: 'Bearer wrong' }],
      ['?token=wrong', { Origin: `http://127.0.0.1:${s.server.port}` }],
    ];
    for (const [query, headers] of queries) {
      const refused = await refusedSocket(query, headers);
      expect(refused, `${query} ${JSON.stringify(headers)}`).toEqual({ code: 4401, reason: 'unauthorized', frames: [] });
    }
    // Nothing the refused sockets asked for was done.
    expect((await s.core.api.getSettings()).notifications).toBe(true);
  });

  it('refuses a foreign Origin before the upgrade (403), whatever the token; accepts its own', async () => {
    await expect(openSocket(`?token=${TOKEN}`, { Origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    await expect(openSocket('?token=wrong', { Origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    const same = await openSocket(`?token=${TOKEN}`, { Origin: `http://127.0.0.1:${s.server.port}` });
    const client = createRpcClient(wsTransport(same));
    try {
      expect((await client.api.getSettings()).locale).toBe('en');
    } finally {
      client.dispose();
      same.close();
    }
    const bearer = await openSocket('', { Authorization: `Bearer ${TOKEN}` });
    bearer.close();
  });

  it('round-trips calls, carries errors, ignores malformed frames and streams sync events', async () => {
    const ws = await openSocket(`?token=${encodeURIComponent(TOKEN)}`);
    const client = createRpcClient(wsTransport(ws));
    try {
      const created = await client.api.createMailbox(seedBody(s.dovecot, ALICE));
      expect(created.has_password).toBe(true);
      expect((await client.api.listMailboxes()).map((m) => m.id)).toEqual([created.id]);

      const err = await client.api.getMailbox({ id: 424242 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RpcError);
      expect((err as RpcError).code).toBe('NOT_FOUND');

      ws.send('{not json');
      ws.send(JSON.stringify({ t: 'bogus' }));
      ws.send(Buffer.from([0, 1, 2]));
      expect((await client.api.getSettings()).locale).toBe('en');

      const seen: Array<{ event: keyof MailEvents; mailbox_id: number }> = [];
      for (const event of ['syncStarted', 'syncProgress', 'statusChanged', 'newMail'] as const) {
        client.on(event, (p) => {
          const id = 'mailbox_id' in p ? p.mailbox_id : p.mailbox.id;
          seen.push({ event, mailbox_id: id });
        });
      }
      let finalStatus: MailEvents['statusChanged'] | undefined;
      client.on('statusChanged', (p) => {
        finalStatus = p;
      });
      for (let i = 0; i < 4; i++) await s.dovecot.append(ALICE, makeMessage({ subject: `RPC ${i}` }));
      const result = await client.api.syncMailbox({ id: created.id });
      expect(result).toMatchObject({ status: 'success', new_messages: 4 });
      await new Promise((r) => setTimeout(r, 100)); // events sent before the answer may still be in flight
      const kinds = new Set(seen.filter((e) => e.mailbox_id === created.id).map((e) => e.event));
      expect(kinds).toContain('syncStarted');
      expect(kinds).toContain('statusChanged');
      expect(kinds).toContain('newMail');
      expect(finalStatus?.mailbox.last_sync_status).toBe('success');
    } finally {
      client.dispose();
      ws.close();
    }
  });
});

describe('Host header guard', () => {
  it('refuses a rebinding Host on HTTP and WebSocket, accepts loopback names', async () => {
    const evil = await request(s.server, 'GET', '/inbox/status', { headers: { host: `evil.example:${s.server.port}` } });
    expect(evil.status).toBe(421);
    expect((evil.body as { error: { code: string } }).error.code).toBe('FORBIDDEN_HOST');
    const evilPage = await request(s.server, 'GET', '/', { headers: { host: 'attacker.test' } });
    expect(evilPage.status).toBe(421);
    await expect(openSocket(`?token=${TOKEN}`, { Host: `evil.example:${s.server.port}` })).rejects.toThrow('HTTP 421');
    await expect(openSocket('?token=wrong', { Host: `evil.example:${s.server.port}` })).rejects.toThrow('HTTP 421');
    for (const host of [`localhost:${s.server.port}`, `127.0.0.1:${s.server.port}`, `[::1]:${s.server.port}`]) {
      expect((await request(s.server, 'GET', '/inbox/status', { headers: { host } })).status).toBe(200);
    }
  });

  it('refuses to listen on a non-loopback address unless remote access is allowed', async () => {
    await expect(startServer({ core: s.core, host: '0.0.0.0', port: 0, token: TOKEN })).rejects.toThrow(/non-loopback/);
  });
});

describe('static renderer', () => {
  it('serves files with the right types and security headers, and falls back to index.html', async () => {
    const index = await request(s.server, 'GET', '/', { token: null });
    expect(index.status).toBe(200);
    expect(index.text).toContain('Relève UI');
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toContain("default-src 'self'");
    expect(index.headers['content-security-policy']).toContain("connect-src 'self' ws: wss:");
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.headers['referrer-policy']).toBe('no-referrer');
    expect(index.headers['x-frame-options']).toBe('DENY');
    const js = await request(s.server, 'GET', '/assets/app-1234.js', { token: null });
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.text).toBe('console.log("app");');
    expect((await request(s.server, 'GET', '/assets/style.css', { token: null })).headers['content-type']).toBe('text/css; charset=utf-8');
    const route = await request(s.server, 'GET', '/settings/mailboxes', { token: null });
    expect(route.status).toBe(200);
    expect(route.text).toContain('Relève UI');
    expect((await request(s.server, 'GET', '/assets/missing.js', { token: null })).status).toBe(404);
  });

  it('refuses directory traversal in every spelling', async () => {
    for (const path of ['/../package.json', '/assets/../../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/..%5cpackage.json', '/%00']) {
      const r = await request(s.server, 'GET', path, { token: null });
      expect(r.status, path).toBe(400);
      expect(r.text).not.toContain('"name": "releve"');
    }
  });

  it('says to run npm run build when the renderer is not built', async () => {
    const dir = makeTmpDir('releve-nobuild-');
    const core = createCore({ dataDir: dir.path, locale: 'fr' });
    const server = await startServer({ core, port: 0, token: TOKEN, rendererDir: `${dir.path}/absent`, locale: 'fr' });
    try {
      const r = await request(server, 'GET', '/', { token: null });
      expect(r.text).toContain('npm run build');
      expect(r.text).toContain('n’est pas encore construite');
    } finally {
      await server.close();
      await core.close();
      dir.remove();
    }
  });
});

describe('unexpected errors', () => {
  it('answer 500 "Internal error" with no internals, and are logged on the server side only', async () => {
    const dir = makeTmpDir('releve-closed-');
    const core = createCore({ dataDir: dir.path, locale: 'en' });
    const logged: string[] = [];
    const server = await startServer({
      core,
      port: 0,
      token: TOKEN,
      logger: { log: (_level, msg, fields) => logged.push(`${msg} ${JSON.stringify(fields)}`) },
    });
    try {
      // A request arriving while the core shuts down: the database is already closed underneath.
      await core.close();
      const r = await request(server, 'GET', '/inbox/integrations');
      expect(r.status).toBe(500);
      expect(r.body).toEqual({ error: { code: 'UNKNOWN', message: 'Internal error' } });
      expect(logged.join('\n')).toMatch(/request failed .*\/inbox\/integrations/);
    } finally {
      await server.close();
      dir.remove();
    }
  });
});
