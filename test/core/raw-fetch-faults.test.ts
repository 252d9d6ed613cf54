// The raw FETCH reader (electron/core/imap/raw-fetch.ts) when things go wrong, against a real Dovecot behind
// the fault-injecting proxy (plain IMAP, so the proxy can rewrite lines): a drop mid-response, a provider's
// quota answer, a BYE, a NIL body. Each time it must fail (or skip) the way imapflow does, so the sync and
// classify-error.ts read it the same, and never hang. Then a whole sync with the reader on and off.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/create-core.js';
import { classifyError, providerLimitKind } from '../../electron/core/imap/classify-error.js';
import { canReadRaw, fetchForSync, fetchRaw, type FetchedMessage } from '../../electron/core/imap/raw-fetch.js';
import { readRawSource } from '../../electron/core/store/source-read.js';
import { packsDirBeside } from '../../electron/core/store/source-files.js';
import type { FixtureUser } from '../fixtures/imap-user-mail.js';
import { startTestServer, type TestImapServer } from '../fixtures/imap-servers.js';
import { makeFrenchMessage, makeMessage } from '../fixtures/messages.js';
import { startTcpProxy, type TcpProxy } from '../fixtures/net-tools.js';

const FAULTS: FixtureUser = { user: 'panne@example.test', password: 'panne-Pw-58' };
const SYNCED: FixtureUser = { user: 'synchro@example.test', password: 'synchro-Pw-62' };
const COUNT = 8;

let server: TestImapServer;
const clients: ImapFlow[] = [];
const proxies: TcpProxy[] = [];
const dirs: string[] = [];

async function proxy(): Promise<TcpProxy> {
  const p = await startTcpProxy(server.imapPort);
  proxies.push(p);
  return p;
}

/** `socketTimeout`: auto-IDLE on (as on the sync's connection), its delay then socketTimeout - 1 s in imapflow. */
async function connect(port: number, socketTimeout?: number, errors: unknown[] = []): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: '127.0.0.1',
    port,
    secure: false,
    doSTARTTLS: false,
    auth: { user: FAULTS.user, pass: FAULTS.password },
    logger: false,
    connectionTimeout: 10_000,
    ...(socketTimeout ? { socketTimeout } : { disableAutoIdle: true }),
  });
  client.on('error', (err: unknown) => errors.push(err));
  await client.connect();
  await client.mailboxOpen('INBOX');
  clients.push(client);
  return client;
}

/** STATUS (MESSAGES) of INBOX through imapflow (-1: imapflow returned no status). */
async function inboxCount(client: ImapFlow): Promise<number> {
  const s = await client.status('INBOX', { messages: true });
  return s ? (s.messages ?? -1) : -1;
}

/** Not a timing assertion: a guard so that a hang fails the test with a clear message instead of the 60 s timeout. */
function orHang<T>(p: Promise<T>, what: string, ms = 10_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_r, reject) => {
      timer = setTimeout(() => reject(new Error(`hung: ${what}`)), ms);
    }),
  ]);
}

/** Every message of the read, then its error (null when it completed). */
async function drain(gen: AsyncIterable<FetchedMessage | { uid: number; source?: Buffer }>): Promise<{ got: number[]; err: unknown }> {
  const got: number[] = [];
  try {
    for await (const m of gen) got.push(m.uid);
    return { got, err: null };
  } catch (err) {
    return { got, err };
  }
}

function viaImapflow(client: ImapFlow): AsyncIterable<{ uid: number; source?: Buffer }> {
  return client.fetch('1:*', { uid: true, flags: true, size: true, internalDate: true, source: true }, { uid: true });
}

/** Makes the tagged OK of the next raw read (tag R<n>) say `status text` instead. */
const taggedAs = (status: string) => (line: string) => line.replace(/^(R\d+) OK .*\r\n$/, `$1 ${status}\r\n`);

beforeAll(async () => {
  server = await startTestServer('dovecot', [FAULTS, SYNCED]);
  for (let i = 0; i < COUNT; i++) {
    await server.append(FAULTS.user, makeMessage({ subject: `Panne ${i}`, attachment: { filename: `p${i}.bin`, type: 'application/octet-stream', content: randomBytes(600 * 1024) } }));
  }
});

afterAll(async () => {
  for (const c of clients) c.close();
  await Promise.all(proxies.map((p) => p.close()));
  await server?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('faults during a raw read', () => {
  it('a drop mid-response rejects with a NETWORK error, like imapflow, after the messages that arrived', async () => {
    const p = await proxy();
    const raw = await connect(p.port);
    expect(canReadRaw(raw)).toBe(true);
    p.cutAfterServerBytes(1_500_000);
    const r = await orHang(drain(fetchRaw(raw, '1:*', 'sources')), 'raw read after a drop');
    expect(r.err).toBeTruthy();
    expect(classifyError(r.err).code).toBe('NETWORK');
    expect(r.got.length).toBeGreaterThanOrEqual(1);
    expect(r.got.length).toBeLessThan(COUNT);
    await orHang(until(() => !raw.usable), 'imapflow seeing the drop');

    const flow = await connect(p.port);
    p.cutAfterServerBytes(1_500_000);
    const f = await orHang(drain(viaImapflow(flow)), 'imapflow read after a drop');
    expect(classifyError(f.err).code).toBe(classifyError(r.err).code);
  });

  it('a tagged NO [OVERQUOTA] is a provider quota, like imapflow reads it, and the connection stays usable', async () => {
    const p = await proxy();
    const raw = await connect(p.port);
    p.rewriteServerLines(taggedAs('NO [OVERQUOTA] Account exceeded bandwidth limits'));
    const r = await orHang(drain(fetchRaw(raw, '1:*', 'sources')), 'raw read answered NO');
    p.rewriteServerLines(null);
    expect(r.err).toMatchObject({ responseStatus: 'NO', serverResponseCode: 'OVERQUOTA', responseText: 'Account exceeded bandwidth limits' });
    expect(providerLimitKind(r.err)).toBe('quota');
    expect(classifyError(r.err).code).toBe('PROVIDER_LIMIT');
    // The command is over (tagged): imapflow gets the connection back and goes on.
    expect(await orHang(inboxCount(raw), 'STATUS after a NO')).toBe(COUNT);
    expect(canReadRaw(raw)).toBe(true);
    expect((await drain(fetchRaw(raw, '1:*', 'sizes'))).got).toHaveLength(COUNT);

    // imapflow, meeting the same answer, reads the same kind of limit.
    p.rewriteServerLines((line) => line.replace(/^(\S+) OK (Fetch|UID FETCH)?.*completed.*\r\n$/i, '$1 NO [OVERQUOTA] Account exceeded bandwidth limits\r\n'));
    const f = await orHang(drain(viaImapflow(raw)), 'imapflow read answered NO');
    p.rewriteServerLines(null);
    expect(providerLimitKind(f.err)).toBe('quota');
  });

  it('a tagged BAD rejects as a protocol error and leaves the connection usable', async () => {
    const p = await proxy();
    const raw = await connect(p.port);
    p.rewriteServerLines(taggedAs('BAD Error in IMAP command UID FETCH'));
    const r = await orHang(drain(fetchRaw(raw, '1:*', 'sizes')), 'raw read answered BAD');
    p.rewriteServerLines(null);
    expect(r.err).toMatchObject({ responseStatus: 'BAD' });
    expect(classifyError(r.err).code).toBe('PROTOCOL');
    await orHang(raw.noop(), 'NOOP after a BAD');
  });

  it("'* BYE Too many simultaneous connections' mid-response rejects as a connection limit, nothing hangs", async () => {
    const p = await proxy();
    const raw = await connect(p.port);
    // The refusal comes before the 5th message. The server here does not hang up after it (a provider would):
    // imapflow, handed the BYE, must close the connection itself rather than wait on it.
    p.rewriteServerLines((line) => (/^\* 5 FETCH /.test(line) ? `* BYE Too many simultaneous connections\r\n${line}` : line));
    const r = await orHang(drain(fetchRaw(raw, '1:*', 'sources')), 'raw read ended by BYE');
    expect(r.got).toEqual([1, 2, 3, 4]);
    expect(r.err).toMatchObject({ responseStatus: 'BYE', code: 'NoConnection', responseText: 'Too many simultaneous connections' });
    // classify-error reads the refusal text first: a connection limit (the sync backs off), not a plain drop.
    expect(providerLimitKind(r.err)).toBe('connections');
    expect(classifyError(r.err).code).toBe('PROVIDER_LIMIT');
    await orHang(until(() => !raw.usable), 'imapflow closing after the BYE');
    const noop = await orHang(raw.noop().then(() => null, (err: unknown) => err), 'NOOP on a closed connection');
    expect(classifyError(noop).code).toBe('NETWORK');
  });

  it('a FETCH whose BODY[] is NIL is skipped, as the sync skips it through imapflow', async () => {
    const p = await proxy();
    const raw = await connect(p.port);
    const target = 3;
    // The response of UID 3 loses its body: `BODY[] {n}` becomes `BODY[] NIL)` and the literal is dropped.
    const nilBody = () => {
      let skip = -1;
      return (line: string): string | null => {
        if (skip >= 0) {
          skip -= line.length;
          if (skip < 0) return line === ')\r\n' ? null : line;
          if (skip === 0) skip = -0.5; // the literal ended with this line: the `)` line comes next
          return null;
        }
        const m = new RegExp(`^\\* \\d+ FETCH \\(UID ${target} (.*)BODY\\[\\] \\{(\\d+)\\}\\r\\n$`).exec(line);
        if (!m) return line;
        skip = Number(m[2]);
        return `* ${target} FETCH (UID ${target} ${m[1]}BODY[] NIL)\r\n`;
      };
    };
    p.rewriteServerLines(nilBody());
    const r = await orHang(drain(fetchRaw(raw, '1:*', 'sources')), 'raw read with a NIL body');
    p.rewriteServerLines(null);
    expect(r.err).toBeNull();
    expect(r.got).toEqual([1, 2, 4, 5, 6, 7, 8]);

    p.rewriteServerLines(nilBody());
    const seen: Array<{ uid: number; hasSource: boolean }> = [];
    // The same client: the raw read's NIL answer must not come back as part of imapflow's next FETCH.
    for await (const m of viaImapflow(raw)) seen.push({ uid: m.uid, hasSource: !!m.source });
    p.rewriteServerLines(null);
    // imapflow yields UID 3 with `source: false`; the sync's `if (!m.source) continue` skips it: the same set.
    expect(seen.map((s) => s.uid)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(seen.filter((s) => s.hasSource).map((s) => s.uid)).toEqual(r.got);
    await orHang(raw.noop(), 'NOOP after a NIL body');
  });
});

describe('a raw read longer than imapflow expects a quiet connection to be', () => {
  // The sync's connection keeps imapflow's auto-IDLE on (15 s after the last command) and a socket timeout.
  // Here both are shortened (socketTimeout 2 s → auto-IDLE after 1 s) so a read of a few seconds meets them.
  it('a slow link: imapflow writes no IDLE in the middle of the read, and the connection goes on', async () => {
    const p = await proxy();
    p.limitRate(3_000_000); // ~5 MB: about 2 s, past the 1 s auto-IDLE delay
    const errors: unknown[] = [];
    const raw = await connect(p.port, 2_000, errors);
    const r = await orHang(drain(fetchRaw(raw, '1:*', 'sources')), 'slow raw read');
    const sent = p.clientBytes().toString('latin1');
    expect(r).toEqual({ got: [1, 2, 3, 4, 5, 6, 7, 8], err: null });
    expect(sent).not.toMatch(/IDLE/);
    expect(errors).toEqual([]);
    expect(await orHang(inboxCount(raw), 'STATUS after a slow read')).toBe(COUNT);
  });

  it("a consumer that takes its time with the socket paused: imapflow's socket timeout does not end the connection", async () => {
    const p = await proxy();
    const errors: unknown[] = [];
    const raw = await connect(p.port, 2_000, errors);
    const got: number[] = [];
    for await (const m of fetchRaw(raw, '1:*', 'sources')) {
      got.push(m.uid);
      // Past 4 MiB queued the reader paused the socket: 2 timeouts' worth of quiet, on this side.
      if (got.length === 1) await new Promise((resolve) => setTimeout(resolve, 4_500));
    }
    expect(got).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(errors).toEqual([]);
    expect(raw.usable).toBe(true);
    expect(await orHang(inboxCount(raw), 'STATUS after a slow consumer')).toBe(COUNT);
  });
});

async function until(probe: () => boolean): Promise<void> {
  while (!probe()) await new Promise((r) => setTimeout(r, 20));
}

/** The columns compared between the two stores (every one the sync fills from the FETCH, and what parsing derived). */
interface StoredRow {
  id: number;
  path: string;
  uid: number;
  message_id: string | null;
  content_key: string;
  subject: string;
  from_address: string | null;
  date: string | null;
  internal_date: string | null;
  sort_date: number;
  flags_json: string;
  seen: number;
  flagged: number;
  size: number;
  has_attachments: number;
  parse_error: string | null;
  modseq: string | null;
  snippet: string;
}

describe('a whole sync, raw reader on and off', () => {
  it('stores the same messages, flags, dates, modseqs and source bytes either way', async () => {
    await server.append(SYNCED.user, makeFrenchMessage());
    await server.append(SYNCED.user, makeMessage({ subject: 'Devis {123}', body: 'R1 OK\n* 2 EXISTS\n{4}\n' }), { flags: ['\\Seen', '$Devis'], internalDate: new Date('2020-02-29T12:00:00Z') });
    await server.append(SYNCED.user, makeMessage({ subject: 'Lourd', attachment: { filename: 'a.bin', type: 'application/octet-stream', content: randomBytes(2 * 1024 * 1024) } }));
    for (let i = 0; i < 40; i++) await server.append(SYNCED.user, makeMessage({ subject: `Message ${i}` }), i % 3 === 0 ? { flags: ['\\Flagged'] } : {});
    // \Recent belongs to the first session that selects the mailbox: one that is neither sync takes it.
    const first = new ImapFlow({ host: '127.0.0.1', port: server.imapPort, secure: false, doSTARTTLS: false, auth: { user: SYNCED.user, pass: SYNCED.password }, logger: false });
    await first.connect();
    await first.mailboxOpen('INBOX');
    await first.logout();

    const syncOnce = async (rawOn: boolean) => {
      const p = await proxy();
      // No STARTTLS offered: the product logs in in the clear (allowed below), so the proxy sees the commands.
      p.rewriteServerLines((line) => line.replace(/ STARTTLS\b/, ''));
      const dataDir = mkdtempSync(path.join(os.tmpdir(), `releve-rawfetch-${rawOn ? 'on' : 'off'}-`));
      dirs.push(dataDir);
      const core = createCore({ dataDir, tlsCa: [server.caPem], locale: 'en' });
      try {
        const box = await core.api.createMailbox({
          name: 'synchro',
          imap_server: '127.0.0.1',
          imap_port: p.port,
          email_address: SYNCED.user,
          email_password: SYNCED.password,
          use_ssl: false,
          allow_insecure_auth: true,
          sync_interval_minutes: 5,
        });
        if (!rawOn) process.env.RELEVE_RAW_FETCH = '0';
        try {
          expect(await core.api.syncMailbox({ id: box.id })).toMatchObject({ status: 'success', new_messages: 43 });
        } finally {
          delete process.env.RELEVE_RAW_FETCH;
        }
      } finally {
        await core.close();
      }
      // Which reader did the work: its own tag on the wire, or none.
      expect(/\r\nR\d+ UID FETCH /.test(p.clientBytes().toString('latin1'))).toBe(rawOn);
      const file = path.join(dataDir, 'releve.db');
      const db = new Database(file, { readonly: true });
      try {
        const rows = db
          .prepare(
            `SELECT f.path, m.uid, m.message_id, m.content_key, m.subject, m.from_address, m.date, m.internal_date, m.sort_date,
                    m.flags_json, m.seen, m.flagged, m.size, m.has_attachments, m.parse_error, m.modseq, m.snippet, m.id
             FROM messages m JOIN folders f ON f.id = m.folder_id ORDER BY f.path, m.uid`,
          )
          .all() as StoredRow[];
        return rows.map(({ id, ...row }) => ({ ...row, source: readRawSource(db, id, packsDirBeside(file))?.toString('base64') }));
      } finally {
        db.close();
      }
    };

    const on = await syncOnce(true);
    const off = await syncOnce(false);
    expect(on).toHaveLength(43);
    expect(on.every((r) => typeof r.source === 'string' && r.internal_date !== null && r.modseq !== null)).toBe(true);
    expect(on).toEqual(off);
    expect(on.find((r) => r.subject === 'Devis {123}')).toMatchObject({ seen: 1, internal_date: '2020-02-29T12:00:00.000Z', flags_json: JSON.stringify(['$Devis', '\\Seen']) });
  });
});

// Last in this file: the reader then leaves this host to imapflow for the rest of the process.
describe('a response the reader cannot read', () => {
  it('closes the connection instead of leaving imapflow on an unread socket, and leaves this host to imapflow', async () => {
    const p = await proxy();
    const raw = await connect(p.port);
    // UID 5's response loses its UID: the reader cannot place that message, and refuses to guess.
    p.rewriteServerLines((line) => line.replace(/^(\* 5 FETCH \()UID 5 /, '$1'));
    const r = await orHang(drain(fetchRaw(raw, '1:*', 'sources')), 'raw read of an unreadable response');
    p.rewriteServerLines(null);
    expect(r.got).toEqual([1, 2, 3, 4]);
    expect(r.err).toMatchObject({ code: 'InvalidResponse', message: expect.stringMatching(/without a UID/) });
    expect(classifyError(r.err).code).toBe('PROTOCOL');
    const noop = await orHang(raw.noop().then(() => null, (err: unknown) => err), 'NOOP after an unreadable response');
    expect(classifyError(noop).code).toBe('NETWORK');
    await orHang(until(() => !raw.usable), 'imapflow seeing the close');

    const next = await connect(p.port);
    expect(canReadRaw(next)).toBe(false);
    const viaSync = await drain(fetchForSync(next, '1:*', 'sizes'));
    expect(viaSync).toEqual({ got: [1, 2, 3, 4, 5, 6, 7, 8], err: null });
    expect(/\r\nR\d+ UID FETCH 1:\* \(UID RFC822.SIZE\)/.test(p.clientBytes().toString('latin1'))).toBe(false);
  });
});
