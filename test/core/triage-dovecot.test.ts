// Team triage (issue 16) when a server refuses custom keywords: a Dovecot behind a rewriting proxy that drops
// `\*` from PERMANENTFLAGS, or answers NO to a keyword STORE. The triage stays local and nothing else breaks.
// The two-install scenario (two cores on one mailbox, changes seen live) runs against every real server in
// test/core/servers/triage-scenarios.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/create-core.js';
import type { Core } from '../../electron/core/model.js';
import type { Mailbox, MessageSummary } from '../../shared/types.js';
import { makeMessage, newMessageId, startDovecot, type DovecotUser } from '../fixtures/dovecot.js';
import { startRewritingProxy } from '../fixtures/net-tools.js';
import { peekFolder } from '../helpers/imap-peek.js';

const LOCAL = 'nokw@example.test';
const USERS: DovecotUser[] = [{ user: LOCAL, password: 'nokw-Pw-2b' }];

const dirs: string[] = [];
const cores: Core[] = [];

interface Install {
  core: Core;
  mailbox: Mailbox;
}

async function install(user: string, name: string, port: number, extra: Partial<Parameters<Core['api']['createMailbox']>[0]> = {}): Promise<Install> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'releve-triage-'));
  dirs.push(dataDir);
  const core = createCore({ dataDir, locale: 'fr' });
  cores.push(core);
  await core.api.updateSettings({ triage_name: name });
  const mailbox = await core.api.createMailbox({
    name: 'Contact',
    imap_server: '127.0.0.1',
    imap_port: port,
    email_address: user,
    email_password: USERS.find((u) => u.user === user)!.password,
    use_ssl: true,
    // No scheduled sync during the test: the test syncs.
    sync_interval_minutes: 1440,
    ...extra,
  });
  return { core, mailbox };
}

async function byMessageId(core: Core, messageId: string): Promise<MessageSummary | undefined> {
  const page = await core.api.listMessages({ folder: 'all', limit: 200 });
  return page.items.find((m) => m.message_id?.trim() === messageId);
}

afterAll(async () => {
  for (const c of cores) await c.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('team triage on a server that refuses keywords', () => {
  it('a server that refuses one more keyword (a cap on their number) keeps the triage local from then on', async () => {
    const mid = newMessageId();
    const plain = await startDovecot({ users: USERS, ssl: false });
    await plain.append(LOCAL, makeMessage({ messageId: mid, subject: 'Plafond' }));
    // PERMANENTFLAGS says yes, but every STORE of a Relève keyword is answered NO, as a full keyword table would.
    const proxy = await startRewritingProxy(
      plain.imapPort,
      (line) => line,
      (line) => {
        const m = /^(\S+) UID STORE .*\$Releve_/i.exec(line);
        return m ? `${m[1]} NO [LIMIT] Too many keywords` : null;
      },
    );
    try {
      const c = await install(LOCAL, 'Paul', proxy.port, { use_ssl: false, allow_insecure_auth: true });
      expect(await c.core.api.syncMailbox({ id: c.mailbox.id })).toMatchObject({ status: 'success' });
      const m = (await byMessageId(c.core, mid))!;
      expect(m.triage.local_only).toBe(false);
      await c.core.api.setTriage({ ids: [m.id], state: 'doing' });
      await c.core.api.setSeen({ ids: [m.id], seen: true });
      expect(await c.core.api.syncMailbox({ id: c.mailbox.id })).toMatchObject({ status: 'success' });
      expect(await c.core.api.syncMailbox({ id: c.mailbox.id })).toMatchObject({ status: 'success' });
      const flags = (await peekFolder(plain, LOCAL, 'INBOX')).find((x) => x.messageId === mid)?.flags ?? [];
      expect(flags).toContain('\\Seen');
      expect(flags.filter((f) => f.startsWith('$Releve'))).toEqual([]);
      expect((await byMessageId(c.core, mid))!.triage).toMatchObject({ state: 'doing', by: 'Paul', local_only: true });
      expect((await c.core.api.getTriageOverview()).local_only_mailboxes).toEqual([{ id: c.mailbox.id, name: 'Contact' }]);
    } finally {
      await proxy.close();
      await plain.stop();
    }
  });

  it('a server that refuses custom keywords keeps the triage local, says so, and read marks still work', async () => {
    const mid = newMessageId();
    // A Dovecot without TLS (the proxy rewrites plain IMAP), behind a proxy that drops `\*` from PERMANENTFLAGS.
    const plain = await startDovecot({ users: USERS, ssl: false });
    await plain.append(LOCAL, makeMessage({ messageId: mid, subject: 'Facture' }));
    const proxy = await startRewritingProxy(plain.imapPort, (line) =>
      line.replace(/\[PERMANENTFLAGS \(([^)]*)\)\]/, (_m, flags: string) => `[PERMANENTFLAGS (${flags.replace(/\s*\\\*/, '').trim()})]`),
    );
    try {
      const c = await install(LOCAL, 'Paul', proxy.port, { use_ssl: false, allow_insecure_auth: true });
      expect(await c.core.api.syncMailbox({ id: c.mailbox.id })).toMatchObject({ status: 'success' });
      const m = (await byMessageId(c.core, mid))!;
      expect(m.triage.local_only).toBe(true);
      expect((await c.core.api.getTriageOverview()).local_only_mailboxes).toEqual([{ id: c.mailbox.id, name: 'Contact' }]);

      const r = await c.core.api.setTriage({ ids: [m.id], state: 'done', assignee: 'Paul' });
      expect(r).toEqual({ updated: 1, local_only: 1 });
      await c.core.api.setSeen({ ids: [m.id], seen: true });
      expect(await c.core.api.syncMailbox({ id: c.mailbox.id })).toMatchObject({ status: 'success' });
      expect(await c.core.api.syncMailbox({ id: c.mailbox.id })).toMatchObject({ status: 'success' });

      const flags = (await peekFolder(plain, LOCAL, 'INBOX')).find((x) => x.messageId === mid)?.flags ?? [];
      expect(flags).toContain('\\Seen');
      expect(flags.filter((f) => f.startsWith('$Releve'))).toEqual([]);
      // Still shown as set here, after syncs that read the server's flags.
      expect((await byMessageId(c.core, mid))!.triage).toEqual({ state: 'done', assignee: 'Paul', by: 'Paul', at: expect.any(String), local_only: true });
      expect((await c.core.api.listMessages({ triage: 'done' })).items.map((x) => x.id)).toEqual([m.id]);
    } finally {
      await proxy.close();
      await plain.stop();
    }
  });
});
