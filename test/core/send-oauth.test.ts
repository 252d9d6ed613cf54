// Sending from an OAuth2 mailbox: XOAUTH2 on a real SMTP server whose every token is checked against the real
// OpenID provider's introspection endpoint (oidc-provider), like a provider's SMTP server would; the Sent copy
// goes to a Dovecot that checks the same tokens.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCore } from '../../electron/core/create-core.js';
import type { Core } from '../../electron/core/model.js';
import type { Mailbox, OutboxItem } from '../../shared/types.js';
import { startDovecot, type DovecotHandle } from '../fixtures/dovecot.js';
import { signInThrough, testProviderEnv } from '../fixtures/oauth-signin.js';
import { startOidcProvider, type OidcHandle } from '../fixtures/oidc-provider.js';
import { startSmtpServer, type SmtpHandle } from '../fixtures/smtp.js';

const ALICE = 'alice@example.test';
let oidc: OidcHandle;
let dovecot: DovecotHandle;
let smtp: SmtpHandle;
let dataDir: string;
let core: Core;
let mailbox: Mailbox;
/** Tokens the SMTP server treats as revoked (the provider still issues fresh ones). */
const revoked = new Set<string>();
const seenTokens: string[] = [];

beforeAll(async () => {
  oidc = await startOidcProvider({ accounts: [{ email: ALICE }] });
  dovecot = await startDovecot({ users: [{ user: ALICE, password: 'unused-Pw-1' }], oauth2: { introspectionUrl: oidc.introspectionUrlWithCredentials, mechanisms: ['xoauth2'] } });
  smtp = await startSmtpServer({
    mode: 'tls',
    checkToken: async (user, token) => {
      seenTokens.push(token);
      return user === ALICE && !revoked.has(token) && (await oidc.isActive(token));
    },
  });
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'releve-send-oauth-'));
  core = createCore({
    dataDir,
    tlsCa: [dovecot.caPem, smtp.caPem],
    locale: 'en',
    idle: false,
    oauth: { env: testProviderEnv('testidp', oidc.issuer, oidc.clientId) },
    outbox: { undoSeconds: 0, retryBaseMs: 100 },
  });
  core.startScheduler();
  const { begin } = await signInThrough(core.api, { provider: 'testidp', email: ALICE }, { login: ALICE });
  mailbox = await core.api.createMailbox({
    name: 'Alice', imap_server: '127.0.0.1', imap_port: dovecot.imapsPort!, use_ssl: true, email_address: ALICE,
    auth_method: 'oauth2', oauth_flow_id: begin.flow_id, sync_interval_minutes: 1440,
    smtp_server: '127.0.0.1', smtp_port: smtp.port, smtp_use_ssl: true,
  });
}, 60_000);

afterAll(async () => {
  await core?.close();
  await smtp?.stop();
  await dovecot?.stop();
  await oidc?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function until(id: number, pred: (o: OutboxItem) => boolean): Promise<OutboxItem> {
  const end = Date.now() + 20_000;
  for (;;) {
    const o = (await core.api.listOutbox()).find((x) => x.id === id && pred(x));
    if (o) return o;
    if (Date.now() > end) throw new Error(`outbox ${id} never matched`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

it('tests and sends over XOAUTH2 with a token the provider confirms, and files the copy over IMAP OAuth2', async () => {
  expect(await core.api.testSmtp({ mailbox_id: mailbox.id })).toEqual({ ok: true, secure: true });
  const item = await core.api.sendMessage({ mailbox_id: mailbox.id, to: ['bob@client.example.fr'], subject: 'Jeton', text: 'via XOAUTH2' });
  await until(item.id, (o) => o.state === 'sent' && o.sent_copy === 'done');
  const got = smtp.received.find((r) => r.raw.toString('latin1').includes(item.message_id))!;
  expect(got).toMatchObject({ method: 'XOAUTH2', user: ALICE, from: ALICE });
  expect(oidc.issuedTokens('AccessToken')).toContain(seenTokens[seenTokens.length - 1]);
  expect(await dovecot.messageIds(ALICE, 'Sent')).toContain(item.message_id);
});

it('a token the server refuses is renewed once and the message still leaves once', async () => {
  for (const t of seenTokens) revoked.add(t);
  const issuedBefore = oidc.issuedTokens('AccessToken').length;
  const before = smtp.received.length;
  const item = await core.api.sendMessage({ mailbox_id: mailbox.id, to: ['bob@client.example.fr'], subject: 'Jeton renouvelé', text: 'ok' });
  const sent = await until(item.id, (o) => o.state === 'sent');
  expect(sent.attempts).toBe(1); // renewed within the same attempt, not a failed one
  expect(oidc.issuedTokens('AccessToken').length).toBeGreaterThan(issuedBefore);
  expect(smtp.received.length).toBe(before + 1);
  expect(smtp.received[before]!.method).toBe('XOAUTH2');
});
