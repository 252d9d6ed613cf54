// The raw FETCH reader (electron/core/imap/raw-fetch.ts) against the three real IMAP servers the tests run
// (test/fixtures/imap-servers.ts): it must read exactly what imapflow reads, and hand the connection back to
// imapflow in a state imapflow can go on with (its view of the mailbox included). Faults through a proxy and
// the whole sync with the reader on and off: raw-fetch-faults.test.ts; the parsers alone: raw-fetch-parse.test.ts.
import { createHash, randomBytes } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeImap, imapFlowOptions, openImap } from '../../electron/core/imap/connect.js';
import { internalDateIso } from '../../electron/core/imap/fetch-response.js';
import { canReadRaw, fetchForSync, fetchRaw, type FetchedMessage } from '../../electron/core/imap/raw-fetch.js';
import type { FixtureUser } from '../fixtures/imap-user-mail.js';
import { startTestServer, type ServerKind, type TestImapServer } from '../fixtures/imap-servers.js';
import { makeFrenchMessage, makeMessage } from '../fixtures/messages.js';
import { startTcpProxy, type TcpProxy } from '../fixtures/net-tools.js';

const VARIED: FixtureUser = { user: 'varie@example.test', password: 'varie-Pw-31' };
const LARGE: FixtureUser = { user: 'gros@example.test', password: 'gros-Pw-47' };
const KINDS: ServerKind[] = ['dovecot', 'cyrus', 'courier'];
/** The large mailbox: well past the reader's 4 MiB of queued bytes, so the socket really pauses. */
const LARGE_COUNT = 10;
const LARGE_BYTES = 900 * 1024;

const servers = new Map<ServerKind, TestImapServer>();
const clients: ImapFlow[] = [];
const proxies: TcpProxy[] = [];

/** The varied mailbox: sizes, charsets, flags, dates and text that looks like IMAP syntax. */
const VARIED_MAIL: Array<{ raw: string | Buffer; flags?: string[]; internalDate?: Date }> = [
  { raw: makeMessage({ subject: 'Petit message' }) },
  { raw: makeMessage({ subject: 'Pièce jointe', attachment: { filename: 'plan.bin', type: 'application/octet-stream', content: randomBytes(3 * 1024 * 1024) } }) },
  {
    // 8-bit UTF-8 in the headers and body, not encoded (servers may keep or munge it: both readers must agree).
    raw: Buffer.from(
      'From: Zoé Lefèvre <zoe@example.test>\r\nTo: équipe@example.test\r\nSubject: Réunion à 14h — café ☕ 漢字\r\n' +
        'Message-ID: <utf8-raw@example.test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n' +
        'Content-Transfer-Encoding: 8bit\r\n\r\nÇa marche : 12 €, ß, ünïcødé.\r\n',
      'utf8',
    ),
  },
  { raw: makeFrenchMessage({ charset: 'iso-8859-1' }) },
  {
    // Lines that end like a literal marker, a tagged completion and an untagged response, inside the literal.
    raw: makeMessage({ subject: 'Devis {123}', body: 'Ligne {5}\n* 3 EXISTS\nR1 OK Fetch completed\n) FLAGS (\\Deleted)\n{0}\n' }),
    flags: ['\\Seen', '\\Flagged', '$Etiquette'],
    internalDate: new Date('2021-06-15T10:20:30Z'),
  },
  { raw: 'Subject: vide\r\nMessage-ID: <vide@example.test>\r\n\r\n', flags: ['\\Answered'] },
];

async function connect(server: TestImapServer, user: FixtureUser, opts: { port?: number; tls?: boolean; starttls?: boolean } = {}): Promise<ImapFlow> {
  const tls = opts.tls ?? true;
  const target = {
    imap_server: '127.0.0.1',
    imap_port: opts.port ?? (tls ? server.imapsPort : server.imapPort),
    use_ssl: tls,
    username: user.user,
    password: user.password,
    allow_insecure_auth: true,
    tls_fingerprint: null,
  };
  // No COMPRESS (Cyrus offers it, and the reader then steps aside); no STARTTLS on the plain port (the proxy reads it).
  const client = new ImapFlow({ ...imapFlowOptions(target, { tlsCa: [server.caPem] }), disableCompression: true, disableAutoIdle: true, ...(tls ? {} : { doSTARTTLS: opts.starttls === true }) });
  client.on('error', () => undefined);
  await client.connect();
  clients.push(client);
  return client;
}

/** STATUS (MESSAGES) of INBOX through imapflow (-1: imapflow returned no status). */
async function inboxCount(client: ImapFlow): Promise<number> {
  const s = await client.status('INBOX', { messages: true });
  return s ? (s.messages ?? -1) : -1;
}

async function collect(gen: AsyncIterable<FetchedMessage>): Promise<FetchedMessage[]> {
  const out: FetchedMessage[] = [];
  for await (const m of gen) out.push(m);
  return out;
}

/** A message as both readers must agree on it (the date as an instant: imapflow gives a Date, the reader ISO text). */
function view(m: FetchedMessage) {
  return {
    uid: m.uid,
    flags: [...(m.flags ?? [])].sort(),
    size: m.size,
    internalDate: m.internalDate === undefined ? undefined : new Date(m.internalDate).getTime(),
    modseq: m.modseq,
    sourceLength: m.source?.length,
    sourceSha: m.source ? createHash('sha256').update(m.source).digest('hex') : undefined,
  };
}

async function viaImapflow(client: ImapFlow, set: string): Promise<FetchedMessage[]> {
  const out: FetchedMessage[] = [];
  for await (const m of client.fetch(set, { uid: true, flags: true, size: true, internalDate: true, source: true }, { uid: true })) {
    const { seq, uid, flags, size, internalDate, modseq, source } = m;
    out.push({ seq, uid, ...(flags ? { flags } : {}), ...(size !== undefined ? { size } : {}), ...(internalDate !== undefined ? { internalDate } : {}), ...(modseq !== undefined ? { modseq } : {}), ...(source ? { source } : {}) });
  }
  return out;
}

async function sizesViaImapflow(client: ImapFlow, set: string): Promise<Map<number, number | undefined>> {
  const out = new Map<number, number | undefined>();
  for await (const m of client.fetch(set, { uid: true, size: true }, { uid: true })) out.set(m.uid, m.size);
  return out;
}

async function until(what: string, probe: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  const started = await Promise.all(KINDS.map((k) => startTestServer(k, [VARIED, LARGE])));
  started.forEach((s) => servers.set(s.kind, s));
  await Promise.all(
    started.map(async (s) => {
      for (const m of VARIED_MAIL) await s.append(VARIED.user, m.raw, { ...(m.flags ? { flags: m.flags } : {}), ...(m.internalDate ? { internalDate: m.internalDate } : {}) });
      for (let i = 0; i < LARGE_COUNT; i++) await s.append(LARGE.user, makeMessage({ subject: `Gros ${i}`, attachment: { filename: `g${i}.bin`, type: 'application/octet-stream', content: randomBytes(LARGE_BYTES) } }));
    }),
  );
});

afterAll(async () => {
  for (const c of clients) c.close();
  await Promise.all(proxies.map((p) => p.close()));
  await Promise.all([...servers.values()].map((s) => s.stop()));
});

describe.each(KINDS)('raw FETCH on %s', (kind) => {
  const server = () => servers.get(kind)!;

  it('reads exactly what imapflow reads: uid, flags, size, date, modseq and source bytes; sizes alike', async () => {
    const client = await connect(server(), VARIED);
    await client.mailboxOpen('INBOX');
    expect(canReadRaw(client)).toBe(true);
    const raw = await collect(fetchRaw(client, '1:*', 'sources'));
    // The same client goes on through imapflow for the comparison: the raw read handed it back intact.
    const flow = await viaImapflow(client, '1:*');
    expect(raw).toHaveLength(VARIED_MAIL.length);
    expect(raw.map(view)).toEqual(flow.map(view));
    for (const m of raw) expect(typeof m.internalDate).toBe('string');
    // MODSEQ exactly when CONDSTORE is on (Dovecot, Cyrus; not Courier).
    const condstore = client.enabled.has('CONDSTORE');
    expect(condstore).toBe(kind !== 'courier');
    expect(raw.every((m) => (m.modseq !== undefined) === condstore)).toBe(true);
    const flagged = raw.find((m) => m.flags?.has('$Etiquette'));
    expect(flagged?.source?.toString('latin1')).toContain('R1 OK Fetch completed');
    expect(new Date(flagged!.internalDate!).toISOString()).toBe('2021-06-15T10:20:30.000Z');

    const sizes = await collect(fetchRaw(client, '1:*', 'sizes'));
    expect(new Map(sizes.map((m) => [m.uid, m.size]))).toEqual(await sizesViaImapflow(client, '1:*'));
    expect(sizes.every((m) => m.source === undefined && m.flags === undefined)).toBe(true);
    // A subset, and a set past the last UID: the same as imapflow too.
    const uids = raw.map((m) => m.uid);
    const some = `${uids[1]},${uids[3]}:${uids[4]}`;
    expect((await collect(fetchRaw(client, some, 'sources'))).map(view)).toEqual((await viaImapflow(client, some)).map(view));
    expect(await collect(fetchRaw(client, `${uids.at(-1)! + 100}:${uids.at(-1)! + 200}`, 'sources'))).toEqual([]);
  });

  it('reads the same over STARTTLS, on the TLS socket imapflow swapped in after the greeting', async () => {
    const client = await connect(server(), VARIED, { tls: false, starttls: true });
    expect((client as unknown as { secureConnection: boolean }).secureConnection).toBe(true);
    await client.mailboxOpen('INBOX');
    expect(canReadRaw(client)).toBe(true);
    const raw = await collect(fetchRaw(client, '1:*', 'sources'));
    expect(raw.map(view)).toEqual((await viaImapflow(client, '1:*')).map(view));
    expect(raw).toHaveLength(VARIED_MAIL.length);
  });

  it("reads the server's own INTERNALDATE text as the instant imapflow reads", async () => {
    // Plain IMAP through a recording proxy, to see the strings the server sent.
    const proxy = await startTcpProxy(server().imapPort);
    proxies.push(proxy);
    const client = await connect(server(), VARIED, { port: proxy.port, tls: false });
    await client.mailboxOpen('INBOX');
    const byUid = new Map((await viaImapflow(client, '1:*')).map((m) => [m.uid, m.internalDate as Date]));
    const seen: string[] = [];
    for (const line of proxy.serverBytes().toString('latin1').split('\r\n')) {
      const uid = /^\* \d+ FETCH .*\bUID (\d+)/.exec(line)?.[1];
      const date = /INTERNALDATE "([^"]+)"/.exec(line)?.[1];
      if (!uid || !date || !byUid.has(Number(uid))) continue;
      seen.push(date);
      expect(internalDateIso(date)).toBe(byUid.get(Number(uid))!.toISOString());
    }
    expect(seen.length).toBe(VARIED_MAIL.length);
  });

  it('leaves the same imapflow client working: STATUS, a flag change, and that change read raw', async () => {
    const client = await connect(server(), VARIED);
    await client.mailboxOpen('INBOX');
    const before = await collect(fetchRaw(client, '1:*', 'sources'));
    expect(await inboxCount(client)).toBe(VARIED_MAIL.length);
    const uid = before[0]!.uid;
    expect(await client.messageFlagsAdd(String(uid), ['\\Flagged'], { uid: true })).toBe(true);
    const after = await collect(fetchRaw(client, String(uid), 'sources'));
    expect([...after[0]!.flags!]).toContain('\\Flagged');
    expect(await client.messageFlagsRemove(String(uid), ['\\Flagged'], { uid: true })).toBe(true);
    await client.noop();
  });

  it('stops early without delivering more, and the connection serves the next command and the next raw read', async () => {
    const client = await connect(server(), LARGE);
    await client.mailboxOpen('INBOX');
    let flagEvents = 0;
    client.on('flags', () => flagEvents++);
    const gen = fetchRaw(client, '1:*', 'sources');
    const got: FetchedMessage[] = [];
    for await (const m of gen) {
      got.push(m);
      if (got.length === 2) break;
    }
    expect(got.map((m) => m.uid)).toHaveLength(2);
    expect(await gen.next()).toEqual({ done: true, value: undefined });
    // The rest of the response is still arriving: imapflow's command waits behind it, and gets its answer.
    expect(await inboxCount(client)).toBe(LARGE_COUNT);
    const all = await collect(fetchForSync(client, '1:*', 'sources'));
    expect(all.map((m) => m.source?.length)).toEqual((await viaImapflow(client, '1:*')).map((m) => m.source?.length));
    expect(all).toHaveLength(LARGE_COUNT);
    // The dropped messages were not handed to imapflow as unsolicited flag changes.
    expect(flagEvents).toBe(0);
  });

  it('stops early and at once reads raw again: the second read waits for the first to be over', async () => {
    const client = await connect(server(), LARGE);
    await client.mailboxOpen('INBOX');
    for await (const m of fetchRaw(client, '1:*', 'sources')) if (m) break;
    // The first read still holds the socket (the rest of its ~9 MB is on its way): no second raw read now.
    expect(canReadRaw(client)).toBe(false);
    const again = await collect(fetchForSync(client, '1:*', 'sizes'));
    expect(again.map((m) => m.uid)).toEqual((await collect(fetchRaw(client, '1:*', 'sizes'))).map((m) => m.uid));
    expect(again).toHaveLength(LARGE_COUNT);
    await client.noop();
  });
});

describe('new mail during a raw read', () => {
  it.each(KINDS)('%s: an APPEND from another connection during the read reaches imapflow (replayed EXISTS on Dovecot, next command elsewhere)', async (kind) => {
    const server = servers.get(kind)!;
    const proxy = await startTcpProxy(server.imapPort);
    proxies.push(proxy);
    // A provider's pace (8 MB/s): the server is still writing the FETCH when the APPEND lands, whatever
    // the loopback socket buffers could have absorbed.
    proxy.limitRate(8_000_000);
    const client = await connect(server, LARGE, { port: proxy.port, tls: false });
    const box = await client.mailboxOpen('INBOX');
    const exists0 = box.exists;
    const events: number[] = [];
    client.on('exists', (e: { count: number }) => events.push(e.count));
    let n = 0;
    for await (const m of fetchRaw(client, '1:*', 'sources')) {
      // Taken slowly: past 4 MiB queued the reader pauses the socket, so the server is still mid-FETCH here.
      if (++n === 1) await server.append(LARGE.user, makeMessage({ subject: `Arrivé pendant ${kind}` }));
      expect(m.uid).toBeGreaterThan(0);
    }
    expect(n).toBe(exists0);
    const text = proxy.serverBytes().toString('latin1');
    const tagged = text.search(/\r\nR\d+ OK/);
    const existsAt = text.indexOf(`\r\n* ${exists0 + 1} EXISTS`);
    if (existsAt >= 0 && existsAt < tagged) {
      // The server said EXISTS inside the FETCH response: only the replay can have told imapflow.
      await until('the replayed EXISTS', () => client.mailbox !== false && client.mailbox.exists === exists0 + 1);
      expect(events).toContain(exists0 + 1);
    } else {
      // This server keeps new mail for a later command: imapflow learns it from the next one, as usual.
      await client.noop();
      expect(client.mailbox && client.mailbox.exists).toBe(exists0 + 1);
    }
    // Which servers do what, as measured: Dovecot reports new mail at the end of the FETCH (before its tagged
    // OK); Cyrus and Courier keep it for the next command.
    expect({ kind, existsInsideFetch: existsAt >= 0 && existsAt < tagged }).toEqual({ kind, existsInsideFetch: kind === 'dovecot' });
    expect((await collect(fetchRaw(client, `${exists0 + 1}:*`, 'sizes'))).length).toBeGreaterThanOrEqual(1);
  });
});

describe('a flag change during a raw read', () => {
  it.each(KINDS)('%s: a flag set by another connection on a message already read reaches imapflow (replayed on Dovecot)', async (kind) => {
    const server = servers.get(kind)!;
    const proxy = await startTcpProxy(server.imapPort);
    proxies.push(proxy);
    proxy.limitRate(8_000_000); // as above: the server is still mid-FETCH when the flag changes
    const client = await connect(server, LARGE, { port: proxy.port, tls: false });
    const box = await client.mailboxOpen('INBOX');
    const flaggedSeqs: number[] = [];
    client.on('flags', (e: { seq: number; flags: Set<string> }) => {
      if (e.flags.has('\\Flagged')) flaggedSeqs.push(e.seq);
    });
    const read: number[] = [];
    for await (const m of fetchRaw(client, '1:*', 'sources')) {
      read.push(m.uid);
      if (read.length === 1) await server.setFlags(LARGE.user, m.uid, ['\\Flagged']);
    }
    // Every message once: the unsolicited FETCH of the flag change is not taken for an answer.
    expect(read).toEqual([...new Set(read)]);
    expect(read).toHaveLength(box.exists);
    const text = proxy.serverBytes().toString('latin1');
    const beforeTagged = text.slice(0, text.search(/\r\nR\d+ OK/));
    // e.g. Dovecot: `* 1 FETCH (MODSEQ (12) FLAGS (\Flagged \Recent))`, without UID nor body.
    const inside = /\r\n\* 1 FETCH \((?![^\r\n]*BODY)[^\r\n]*\\Flagged/.test(beforeTagged);
    if (inside) {
      // Only the replay can have told imapflow: no command was sent since.
      await until('the replayed flag change', () => flaggedSeqs.includes(1));
    } else {
      await client.noop();
      expect([...(await collect(fetchRaw(client, '1', 'sources')))[0]!.flags!]).toContain('\\Flagged');
    }
    // As measured: Dovecot reports the change inside the FETCH response, Cyrus and Courier later.
    expect({ kind, inside }).toEqual({ kind, inside: kind === 'dovecot' });
    await server.setFlags(LARGE.user, 1, []);
  });
});

describe('when the reader steps aside', () => {
  it("Cyrus through the product's connection (COMPRESS=DEFLATE): fetchForSync goes through imapflow, same result", async () => {
    const server = servers.get('cyrus')!;
    const client = await openImap(
      { imap_server: '127.0.0.1', imap_port: server.imapsPort, use_ssl: true, username: VARIED.user, password: VARIED.password, allow_insecure_auth: false, tls_fingerprint: null },
      { tlsCa: [server.caPem] },
    );
    try {
      await client.mailboxOpen('INBOX');
      expect(canReadRaw(client)).toBe(false);
      const viaSync = await collect(fetchForSync(client, '1:*', 'sources'));
      const flow = await viaImapflow(client, '1:*');
      expect(viaSync.map(view)).toEqual(flow.map(view));
      expect(viaSync).toHaveLength(VARIED_MAIL.length);
    } finally {
      await closeImap(client);
    }
  });

  it('RELEVE_RAW_FETCH=0, read at call time, turns it off', async () => {
    const client = await connect(servers.get('dovecot')!, VARIED);
    await client.mailboxOpen('INBOX');
    expect(canReadRaw(client)).toBe(true);
    process.env.RELEVE_RAW_FETCH = '0';
    try {
      expect(canReadRaw(client)).toBe(false);
    } finally {
      delete process.env.RELEVE_RAW_FETCH;
    }
    expect(canReadRaw(client)).toBe(true);
  });
});
