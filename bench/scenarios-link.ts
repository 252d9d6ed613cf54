// L: the first sync as a user over the internet feels it (issue #13). ../shared/bench/provider-link.py in front of
// the fixture's IMAPS port gives Dovecot a provider's shape: 4 MB/s per connection, 40 ms round trip, an 11th
// connection answered `* BYE Too many simultaneous connections`. Measured on `bench2k`: when the newest message
// is in the store, the whole first sync against ImapFlow's raw single-connection download through the same
// link, the connections used at once and the refusals met (from the proxy's own log).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { PASSWORD, SHARED_BENCH } from './fixture.js';
import { failed, type BenchContext, type Row } from './scenario-types.js';
import { openClient } from './server.js';
import { runChild } from './spawn-child.js';
import { median } from './stats.js';
import type { Verdict } from './verify.js';

const USER = 'bench2k';
export const LINK = { rateKbps: 4096, rttMs: 40, maxConns: 10 };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`provider-link.py did not listen on ${port}`);
}

interface Link {
  port: number;
  logFile: string;
  proc: ChildProcess;
}

async function startLink(ctx: BenchContext, target: number, maxConns: number = LINK.maxConns): Promise<Link> {
  const script = path.join(SHARED_BENCH, 'provider-link.py');
  if (!existsSync(script)) throw new Error(`${script} is missing: the L scenario needs ../shared/bench/provider-link.py`);
  const port = await freePort();
  const logFile = path.join(ctx.tmp('link'), 'link.jsonl');
  const args = [script, '--listen', String(port), '--target', `127.0.0.1:${target}`, '--rate-kbps', String(LINK.rateKbps)];
  args.push('--rtt-ms', String(LINK.rttMs), '--max-conns', String(maxConns), '--log', logFile);
  const proc = spawn('python3', args, { stdio: 'ignore' });
  await waitForPort(port);
  return { port, logFile, proc };
}

/** Connections open at once at most, and refused, from the proxy's log lines at or after `since` (s). */
function linkStats(logFile: string, since: number): { peak: number; refused: number } {
  if (!existsSync(logFile)) return { peak: 0, refused: 0 };
  let peak = 0;
  let refused = 0;
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const e = JSON.parse(line) as { t: number; open?: boolean; open_now?: number; refused?: boolean };
    if (e.t < since) continue;
    if (e.refused) refused++;
    if (e.open && typeof e.open_now === 'number') peak = Math.max(peak, e.open_now);
  }
  return { peak, refused };
}

async function newestUid(ctx: BenchContext): Promise<number> {
  const client = await openClient(ctx.fx, USER);
  try {
    const box = await client.mailboxOpen('INBOX', { readOnly: true });
    const uids = (await client.search({ all: true }, { uid: true })) || [];
    return uids.length > 0 ? Math.max(...uids) : (box.uidNext ?? 1) - 1;
  } finally {
    await client.logout();
  }
}

/** L2: the same first sync through a link that refuses a 3rd connection: it must back off, not fail. */
export async function benchLinkRefusals(ctx: BenchContext): Promise<Row> {
  const cap = 2;
  const link = await startLink(ctx, ctx.fx.imapsPort, cap);
  const runs: Row['runs'] = [];
  const notes: string[] = [];
  const verdicts: Verdict[] = [];
  try {
    for (let i = 0; i < ctx.runs; i++) {
      ctx.log(`L2 run ${i + 1}/${ctx.runs}: Relève first sync of ${USER} through a link capped at ${cap} connections`);
      const since = Date.now() / 1000;
      const dataDir = ctx.tmp('link-cap');
      const s = await runChild({ kind: 'sync', dataDir, port: link.port, caFile: ctx.fx.caFile, add: [{ user: USER, password: PASSWORD }] }, ctx.spawn);
      runs.push(...s.runs);
      const st = linkStats(link.logFile, since);
      notes.push(`${st.peak} at once, ${st.refused} refused`);
      if (Number(s.notes.failed) > 0) verdicts.push(failed(`sync failed: ${String(s.notes.first_error)}`));
      else if (st.refused === 0) verdicts.push(failed('no refusal met: the scenario did not test the back-off'));
      else verdicts.push(await ctx.truth.verify(dataDir, USER));
    }
  } finally {
    link.proc.kill('SIGTERM');
  }
  const server = await ctx.truth.get(USER);
  return {
    id: 'L2',
    what: `L1 through a link refusing a 3rd connection (* BYE Too many simultaneous connections): backs off, completes`,
    runs,
    rss: [],
    messages: server.count,
    bytes: server.bytes,
    verdict: verdicts.find((v) => !v.ok) ?? { ok: true, detail: `${verdicts.length}× ${verdicts[0]?.detail ?? ''}` },
    note: notes.join('; '),
  };
}

export async function benchProviderLink(ctx: BenchContext): Promise<Row[]> {
  const server = await ctx.truth.get(USER, true);
  const top = await newestUid(ctx);
  const link = await startLink(ctx, ctx.fx.imapsPort);
  const raw: Row['runs'] = [];
  const sync: Row['runs'] = [];
  const newest: Row['runs'] = [];
  const rss: number[] = [];
  const conns: number[] = [];
  const refusals: number[] = [];
  const verdicts: Verdict[] = [];
  try {
    for (let i = 0; i < ctx.runs; i++) {
      ctx.log(`L run ${i + 1}/${ctx.runs}: raw single-connection download of ${USER} through provider-link.py`);
      const r = await runChild({ kind: 'raw', port: link.port, caFile: ctx.fx.caFile, user: USER, password: PASSWORD }, ctx.spawn);
      raw.push(...r.runs);
      if (Number(r.notes.count) !== server.count) verdicts.push(failed(`raw got ${String(r.notes.count)} msgs`));

      ctx.log(`L run ${i + 1}/${ctx.runs}: Relève first sync of ${USER} through provider-link.py`);
      const since = Date.now() / 1000;
      const dataDir = ctx.tmp('link-sync');
      const s = await runChild(
        { kind: 'sync', dataDir, port: link.port, caFile: ctx.fx.caFile, add: [{ user: USER, password: PASSWORD }], watchUid: top },
        ctx.spawn,
      );
      sync.push(...s.runs);
      rss.push(s.maxRssBytes);
      newest.push({ ms: Number(s.notes.newest_ms), cpuS: 0 });
      const st = linkStats(link.logFile, since);
      conns.push(st.peak);
      refusals.push(st.refused);
      if (Number(s.notes.failed) > 0) verdicts.push(failed(`sync failed: ${String(s.notes.first_error)}`));
      else if (st.peak > LINK.maxConns) verdicts.push(failed(`${st.peak} connections open at once, cap ${LINK.maxConns}`));
      else verdicts.push(await ctx.truth.verify(dataDir, USER));
    }
  } finally {
    link.proc.kill('SIGTERM');
  }
  const bad = verdicts.find((v) => !v.ok);
  const verdict: Verdict = bad ?? { ok: true, detail: `${verdicts.length}× ${verdicts[0]?.detail ?? ''}` };
  const ratio = median(raw.map((r) => r.ms)) / median(sync.map((r) => r.ms));
  const linkText = `${LINK.rateKbps / 1024} MB/s per connection, ${LINK.rttMs} ms RTT, cap ${LINK.maxConns}`;
  return [
    {
      id: 'L ref',
      what: `imapflow alone through provider-link.py (${linkText}): FETCH 1:* BODY[] of ${USER}, one connection`,
      runs: raw,
      rss: [],
      messages: server.count,
      bytes: server.bytes,
      verdict: bad ?? { ok: true, detail: `${server.count} msgs` },
    },
    {
      id: 'L1',
      what: `Relève first sync of ${USER} through the same link`,
      runs: sync,
      rss,
      messages: server.count,
      bytes: server.bytes,
      verdict,
      note: `${ratio.toFixed(2)}× faster than L ref (median); connections at once: ${conns.join(', ')}; refusals met: ${refusals.join(', ')}`,
    },
    {
      id: 'L1 newest',
      what: `newest message of ${USER} in the store, after the start of L1's pass`,
      runs: newest,
      rss: [],
      verdict: newest.every((n) => n.ms >= 0) ? verdict : failed('the newest message never reached the store'),
    },
  ];
}
