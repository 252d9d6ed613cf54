// Issue #11 through `releve serve`'s REST API (the real server, core and Dovecot in-process, as the e2e stack):
// GET /inbox/status reports live health through an outage (a proxy that goes down and comes back) with no
// request but GETs; the same mailbox cannot be added twice (409, in the request's language); an edit whose
// connection test fails is refused (422) and nothing is saved.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/create-core.js';
import type { Core } from '../../electron/core/model.js';
import { startServer, type RunningServer } from '../../electron/server/start-server.js';
import type { Mailbox, MailboxStatus } from '../../shared/types.js';
import { makeMessage, startDovecot, type DovecotHandle } from '../fixtures/dovecot.js';
import { startSilentServer, startTcpProxy, type TcpProxy } from '../fixtures/net-tools.js';
import { makeTmpDir, type TmpDir } from '../helpers/tmp-dir.js';
import { ALICE, BOB, errorOf, request, seedBody, TOKEN } from './server-harness.js';

let dovecot: DovecotHandle;
let proxy: TcpProxy;
let dir: TmpDir;
let core: Core;
let server: RunningServer;

beforeAll(async () => {
  dovecot = await startDovecot();
  proxy = await startTcpProxy(dovecot.imapsPort!);
  dir = makeTmpDir('releve-health-api-');
  const rendererDir = join(dir.path, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Relève</title>');
  core = createCore({
    dataDir: join(dir.path, 'data'),
    tlsCa: [dovecot.caPem],
    locale: 'en',
    logger: { log: () => undefined },
    // Short versions of the 30 s grace and 20 s reconnect delay, so the outage story takes seconds.
    idle: { baseRetryMs: 100, maxRetryMs: 400 },
    health: { connectionGraceMs: 1_500, checkMs: 100 },
  });
  server = await startServer({ core, port: 0, token: TOKEN, rendererDir, locale: 'en' });
  core.startScheduler();
});

afterAll(async () => {
  await server?.close();
  await core?.close();
  await proxy?.close();
  await dovecot?.stop();
  dir?.remove();
});

async function statusOf(id: number): Promise<MailboxStatus> {
  const r = await request(server, 'GET', '/inbox/status');
  expect(r.status).toBe(200);
  const s = (r.body as MailboxStatus[]).find((x) => x.mailbox.id === id);
  if (!s) throw new Error(`no status for ${id}`);
  return s;
}

async function untilHealth(id: number, health: MailboxStatus['health'], ms = 20_000): Promise<MailboxStatus> {
  const deadline = Date.now() + ms;
  for (;;) {
    const s = await statusOf(id);
    if (s.health === health && !s.running) return s;
    if (Date.now() > deadline) throw new Error(`mailbox ${id} never became ${health} (last: ${s.health} — ${s.health_reason})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let alice: Mailbox;

describe('GET /inbox/status: live health', () => {
  it('ok, then not ok during an outage, then ok again after it, by polling only', async () => {
    await dovecot.append(ALICE, makeMessage({ subject: 'Bonjour' }));
    const created = await request(server, 'POST', '/inbox/integrations', { body: seedBody(dovecot, ALICE, { imap_port: proxy.port, sync_interval_minutes: 1440 }) });
    expect(created.status).toBe(201);
    alice = created.body as Mailbox;
    const ok = await untilHealth(alice.id, 'ok');
    expect(ok).toMatchObject({ health_reason: 'Up to date.', health_code: null });
    expect(ok.last_success_at).not.toBeNull();
    // Let the catch-up sync the listener asks for when it connects finish before the outage.
    await new Promise((r) => setTimeout(r, 800));
    await untilHealth(alice.id, 'ok');

    proxy.down();
    const t0 = Date.now();
    const bad = await untilHealth(alice.id, 'error');
    const tBad = Date.now() - t0;
    expect(bad.health_code).toMatch(/NETWORK|TIMEOUT/);
    expect(bad.last_success_at).toBe(ok.last_success_at);
    expect(bad.mailbox.last_sync_status).toBe('error');

    proxy.up();
    const t1 = Date.now();
    const back = await untilHealth(alice.id, 'ok');
    const tBack = Date.now() - t1;
    expect(Date.parse(back.last_success_at!)).toBeGreaterThan(Date.parse(ok.last_success_at!));
    console.log(`REST: non-ok ${tBad} ms after the outage began, ok ${tBack} ms after it ended (grace 1.5 s, retry ≤ 0.4 s)`);
  });
});

describe('the same mailbox twice', () => {
  it('is refused with 409 DUPLICATE_MAILBOX, whatever the case of the server and login, in the request language', async () => {
    const again = seedBody(dovecot, ALICE, { name: 'Encore', email_address: ALICE.toUpperCase(), imap_server: '127.0.0.1' });
    const en = await request(server, 'POST', '/inbox/integrations', { body: again });
    expect(en.status).toBe(409);
    expect(errorOf(en)).toMatchObject({ code: 'DUPLICATE_MAILBOX', message: 'This mailbox is already in Relève (same login on the same server).' });
    const fr = await request(server, 'POST', '/inbox/integrations', { body: again, headers: { 'accept-language': 'fr' } });
    expect(fr.status).toBe(409);
    expect(errorOf(fr).message).toBe('Cette boîte mail est déjà dans Relève (même identifiant sur le même serveur).');
    const list = await request(server, 'GET', '/inbox/integrations');
    expect((list.body as Mailbox[]).filter((m) => m.email_address.toLowerCase() === ALICE)).toHaveLength(1);
  });

  it('the connection test of a new mailbox already there says so once the login worked', async () => {
    const r = await request(server, 'POST', '/inbox/integrations/test', { body: seedBody(dovecot, ALICE) });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ok: false, error: { code: 'DUPLICATE_MAILBOX' } });
  });
});

describe('editing a mailbox tests before saving', () => {
  it('a wrong password is refused (422 AUTH) and the stored one still works; a right one is saved', async () => {
    const created = await request(server, 'POST', '/inbox/integrations', { body: seedBody(dovecot, BOB, { sync_interval_minutes: 1440 }) });
    expect(created.status).toBe(201);
    const bob = created.body as Mailbox;
    const before = bob.updated_at;
    const wrong = await request(server, 'PATCH', `/inbox/integrations/${bob.id}`, { body: { email_password: 'Not-His-Password-9' } });
    expect(wrong.status).toBe(422);
    expect(errorOf(wrong).code).toBe('AUTH');
    const after = await request(server, 'GET', `/inbox/integrations/${bob.id}`);
    expect((after.body as Mailbox).updated_at).toBe(before);
    const stillOk = await request(server, 'POST', `/inbox/integrations/${bob.id}/test`);
    expect(stillOk.body).toMatchObject({ ok: true });

    // A new port takes the password again (issue #10), and is then tested before it is saved.
    const bobPassword = dovecot.users.find((u) => u.user === BOB)!.password;
    const wrongPort = await request(server, 'PATCH', `/inbox/integrations/${bob.id}`, {
      body: { imap_port: dovecot.imapPort, use_ssl: true, email_password: bobPassword },
    });
    expect(wrongPort.status).toBe(422);
    expect(errorOf(wrongPort).code).toBe('TLS');
    expect(((await request(server, 'GET', `/inbox/integrations/${bob.id}`)).body as Mailbox).imap_port).toBe(bob.imap_port);

    // Changes that do not touch the connection are saved without a test.
    const renamed = await request(server, 'PATCH', `/inbox/integrations/${bob.id}`, { body: { name: 'Compta' } });
    expect(renamed.status).toBe(200);
    const right = await request(server, 'PATCH', `/inbox/integrations/${bob.id}`, {
      body: { email_password: dovecot.users.find((u) => u.user === BOB)!.password },
    });
    expect(right.status).toBe(200);
  });

  it('an edit cannot turn a mailbox into a copy of another one', async () => {
    const list = (await request(server, 'GET', '/inbox/integrations')).body as Mailbox[];
    const bob = list.find((m) => m.email_address === BOB)!;
    const r = await request(server, 'PATCH', `/inbox/integrations/${bob.id}`, { body: { username: ALICE, email_address: ALICE } });
    expect(r.status).toBe(409);
    expect(errorOf(r).code).toBe('DUPLICATE_MAILBOX');
  });
});

describe('connection tests over REST', () => {
  it('a test in flight is cancelled with POST /inbox/integrations/test/cancel', async () => {
    const silent = await startSilentServer();
    try {
      const running = request(server, 'POST', '/inbox/integrations/test', {
        body: { ...seedBody(dovecot, BOB, { imap_port: silent.port }), email_address: 'nobody@example.test', test_id: 'rest-1' },
      });
      await new Promise((r) => setTimeout(r, 300));
      const cancel = await request(server, 'POST', '/inbox/integrations/test/cancel', { body: { test_id: 'rest-1' } });
      expect(cancel.status).toBe(200);
      expect(cancel.body).toEqual({ cancelled: true });
      const r = await running;
      expect(r.body).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    } finally {
      await silent.close();
    }
  });
});
