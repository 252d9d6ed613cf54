// B3 ("nothing new" over the 200 u001..u200 mailboxes, cold and with connections open), B4 (new-mail
// latency through IDLE) and B6 (inbox queries at 100 000 messages).
import type { Measured } from './child-protocol.js';
import { PASSWORD } from './fixture.js';
import { failed, type BenchContext, type Row } from './scenario-types.js';
import { removeMarked } from './server.js';
import { runChild } from './spawn-child.js';
import type { Verdict } from './verify.js';

const LATENCY_USER = 'bench2k';

/** All 200 mailboxes against the server, ten at a time. */
async function verifyUsers(ctx: BenchContext, dataDir: string): Promise<Verdict> {
  const users = ctx.fx.userNames;
  const bad: string[] = [];
  let total = 0;
  for (let i = 0; i < users.length; i += 10) {
    const verdicts = await Promise.all(users.slice(i, i + 10).map((u) => ctx.truth.verify(dataDir, u)));
    verdicts.forEach((v, k) => {
      if (!v.ok) bad.push(`${users[i + k]}: ${v.detail}`);
    });
    total += verdicts.length;
  }
  return bad.length === 0 ? { ok: true, detail: `${total} mailboxes = server` } : failed(bad.slice(0, 3).join('; '));
}

/** First sync of the 200 mailboxes (reported, not a target): the state B3 starts from. */
export async function prepareUsers(ctx: BenchContext): Promise<{ dataDir: string; row: Row }> {
  const dataDir = ctx.tmp('b3');
  ctx.log(`B3 preparation: first sync of ${ctx.fx.userNames.length} mailboxes`);
  const r = await runChild(
    {
      kind: 'sync',
      dataDir,
      port: ctx.fx.imapsPort,
      caFile: ctx.fx.caFile,
      add: ctx.fx.userNames.map((user) => ({ user, password: PASSWORD })),
    },
    ctx.spawn,
  );
  const verdict =
    Number(r.notes.failed) > 0 ? failed(`sync failed: ${String(r.notes.first_error)}`) : await verifyUsers(ctx, dataDir);
  return {
    dataDir,
    row: {
      id: 'prep',
      what: `first sync of ${ctx.fx.userNames.length} mailboxes × ${ctx.fx.users.count / ctx.fx.userNames.length} msgs (B3's starting state, 1 run)`,
      runs: r.runs,
      rss: [r.maxRssBytes],
      messages: ctx.fx.users.count,
      bytes: ctx.fx.users.bytes_crlf,
      verdict,
    },
  };
}

function nothingNewVerdict(notes: Record<string, number | string>, mailboxes: number): Verdict | null {
  if (Number(notes.failed) > 0) return failed(`${String(notes.failed)} failed: ${String(notes.first_error ?? '')}`);
  if (Number(notes.new_messages) !== 0) return failed(`${String(notes.new_messages)} new messages on a pass with nothing new`);
  if (Number(notes.mailboxes) !== mailboxes) return failed(`${String(notes.mailboxes)} mailboxes synced, expected ${mailboxes}`);
  return null;
}

export async function benchNothingNewCold(ctx: BenchContext, dataDir: string): Promise<Row> {
  const runs: Measured[] = [];
  const rss: number[] = [];
  const verdicts: Verdict[] = [];
  const n = ctx.fx.userNames.length;
  for (let i = 0; i < ctx.runs; i++) {
    ctx.log(`B3 cold run ${i + 1}/${ctx.runs}: new process, forced pass over ${n} mailboxes`);
    const r = await runChild({ kind: 'sync', dataDir, port: ctx.fx.imapsPort, caFile: ctx.fx.caFile, add: [] }, ctx.spawn);
    runs.push(...r.runs);
    rss.push(r.maxRssBytes);
    verdicts.push(nothingNewVerdict(r.notes, n) ?? { ok: true, detail: `${n} mailboxes, 0 new` });
  }
  verdicts.push(await verifyUsers(ctx, dataDir));
  return {
    id: 'B3 cold',
    what: `"nothing new" over ${n} mailboxes: new process, TLS + LOGIN + EXAMINE each (4 at a time)`,
    runs,
    rss,
    verdict: verdicts.find((v) => !v.ok) ?? { ok: true, detail: `0 new ×${ctx.runs}; ${verdicts.at(-1)?.detail ?? ''}` },
  };
}

export async function benchNothingNewWarm(ctx: BenchContext, dataDir: string): Promise<Row> {
  const n = ctx.fx.userNames.length;
  ctx.log(`B3 warm: long-running core, ${n} listening connections, ${ctx.runs} forced passes`);
  const r = await runChild({ kind: 'warm', dataDir, caFile: ctx.fx.caFile, passes: ctx.runs, maxWatched: n }, ctx.spawn);
  const v =
    nothingNewVerdict(r.notes, n) ??
    (Number(r.notes.listening) === n ? { ok: true, detail: `${n} listening (${String(r.notes.modes)}), 0 new` } : failed(`${String(r.notes.listening)} listening`));
  return {
    id: 'B3 warm',
    what: `same, in the long-running core once its ${n} connections are open (opened in ${String(r.notes.open_all_s)} s)`,
    runs: r.runs,
    rss: [r.maxRssBytes],
    verdict: v,
    note: 'cap raised from the default 50 to 200 listening connections for this row',
  };
}

export async function benchLatency(ctx: BenchContext): Promise<Row> {
  const count = Math.max(5, ctx.runs);
  await removeMarked(ctx.fx, LATENCY_USER);
  const dataDir = ctx.tmp('b4');
  ctx.log(`B4: ${count} APPENDs to the watched INBOX of ${LATENCY_USER}`);
  try {
    const r = await runChild(
      { kind: 'latency', dataDir, caFile: ctx.fx.caFile, port: ctx.fx.imapsPort, user: LATENCY_USER, password: PASSWORD, count },
      ctx.spawn,
    );
    const verdict = await ctx.truth.verify(dataDir, LATENCY_USER, true);
    return {
      id: 'B4',
      what: `new-mail latency: APPEND to the watched INBOX of ${LATENCY_USER} → row in the store (${count} times)`,
      runs: r.runs,
      rss: [r.maxRssBytes],
      verdict: verdict.ok ? { ok: true, detail: `${verdict.detail} (incl. the ${count} appended)` } : verdict,
    };
  } finally {
    await removeMarked(ctx.fx, LATENCY_USER);
    await ctx.truth.get(LATENCY_USER, true);
  }
}

export async function benchQueries(ctx: BenchContext, messages = 100_000): Promise<Row[]> {
  ctx.log(`B6: inbox queries at ${messages} stored messages (fill, then 20 runs per query)`);
  const dataDir = ctx.tmp('b6');
  const r = await runChild({ kind: 'query', dataDir, messages, runs: 20 }, ctx.spawn);
  const verdict: Verdict =
    Number(r.notes.stored) === messages ? { ok: true, detail: `${messages} rows; hits ${hits(r.notes)}` } : failed(`${String(r.notes.stored)} rows stored`);
  const search = JSON.parse(String(r.notes.search_runs)) as Measured[];
  return [
    {
      id: 'B6 page',
      what: `unified inbox, first page of 50 (collapsed, newest first) at ${messages} msgs; first call after open ${String(r.notes.first_page_cold_ms)} ms`,
      runs: r.runs,
      rss: [r.maxRssBytes],
      verdict,
    },
    {
      id: 'B6 FTS',
      what: `full-text search (4 queries × 20: rare word, two words, sender, prefix) at ${messages} msgs`,
      runs: search,
      rss: [r.maxRssBytes],
      verdict,
      note: `fill via commitBatch: ${String(r.notes.fill_s)} s; slowest run per query: ${slowest(r.notes)}`,
    },
  ];
}

function slowest(notes: Record<string, number | string>): string {
  return Object.entries(notes)
    .filter(([k]) => k.startsWith('max ms'))
    .map(([k, v]) => `${k.slice(7)} ${v} ms`)
    .join(', ');
}

function hits(notes: Record<string, number | string>): string {
  return Object.entries(notes)
    .filter(([k]) => k.startsWith('hits'))
    .map(([k, v]) => `${k.slice(5)}=${v}`)
    .join(', ');
}
