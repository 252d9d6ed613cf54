// B1/B2 (first sync of `bench`), B5 (100 new messages on it) and the raw-download reference row.
import { cpSync } from 'node:fs';
import type { ChildReport } from './child-protocol.js';
import { PASSWORD } from './fixture.js';
import { failed, settleDisk, type BenchContext, type Row } from './scenario-types.js';
import { appendMarked, removeMarked, sampleRaws } from './server.js';
import { serverCpuSeconds } from './server-cpu.js';
import { runChild } from './spawn-child.js';
import type { Verdict } from './verify.js';

const BIG = 'bench';

function syncVerdict(report: ChildReport, expectNew: number): Verdict | null {
  if (Number(report.notes.failed) > 0) return failed(`sync failed: ${String(report.notes.first_error)}`);
  if (Number(report.notes.new_messages) !== expectNew) return failed(`${String(report.notes.new_messages)} new, expected ${expectNew}`);
  return null;
}

function merge(verdicts: Verdict[]): Verdict {
  const bad = verdicts.find((v) => !v.ok);
  return bad ?? { ok: true, detail: `${verdicts.length}× ${verdicts[0]?.detail ?? ''}` };
}

/** Runs B1 `runs` times; returns B1 and B2 rows and the data dir of the last run (B5 starts from it). */
export async function benchFirstSync(ctx: BenchContext): Promise<{ rows: Row[]; lastDataDir: string }> {
  const server = await ctx.truth.get(BIG, true);
  const runs: Row['runs'] = [];
  const rss: number[] = [];
  const serverCpu: number[] = [];
  const verdicts: Verdict[] = [];
  let lastDataDir = '';
  for (let i = 0; i < ctx.runs; i++) {
    settleDisk(lastDataDir);
    const dataDir = ctx.tmp('b1');
    ctx.log(`B1 run ${i + 1}/${ctx.runs}: first sync of ${BIG} (${server.count} msgs)`);
    const cpu0 = serverCpuSeconds(ctx.fx.masterPid);
    const r = await runChild(
      { kind: 'sync', dataDir, port: ctx.fx.imapsPort, caFile: ctx.fx.caFile, add: [{ user: BIG, password: PASSWORD }] },
      ctx.spawn,
    );
    const cpu1 = serverCpuSeconds(ctx.fx.masterPid);
    if (cpu0 !== null && cpu1 !== null) serverCpu.push(cpu1 - cpu0);
    runs.push(...r.runs);
    rss.push(r.maxRssBytes);
    verdicts.push(syncVerdict(r, server.count) ?? (await ctx.truth.verify(dataDir, BIG)));
    lastDataDir = dataDir;
  }
  const verdict = merge(verdicts);
  return {
    lastDataDir,
    rows: [
      {
        id: 'B1',
        what: `first sync of ${BIG}: ${server.count} msgs, ${(server.bytes / 1e6).toFixed(0)} MB, IMAPS → parsed, stored, searchable`,
        runs,
        rss,
        messages: server.count,
        bytes: server.bytes,
        serverCpu,
        verdict,
      },
      { id: 'B2', what: 'peak RSS of the sync process during B1', runs, rss, verdict, check: 'rss' },
    ],
  };
}

/** Gives each APPENDed copy a Message-ID of its own, so the store's ids can be checked against the server's. */
function withMessageId(raw: Buffer, id: string): Buffer {
  const text = raw.toString('latin1');
  const header = /^Message-ID:[^\r\n]*(\r?\n[ \t][^\r\n]*)*/im;
  return Buffer.from(header.test(text) ? text.replace(header, `Message-ID: ${id}`) : `Message-ID: ${id}\r\n${text}`, 'latin1');
}

export async function benchIncremental(ctx: BenchContext, syncedDataDir: string, newCount = 100): Promise<Row> {
  await removeMarked(ctx.fx, BIG);
  const samples = await sampleRaws(ctx.fx, 'bench2k', newCount);
  const runs: Row['runs'] = [];
  const rss: number[] = [];
  const verdicts: Verdict[] = [];
  let bytes = 0;
  try {
    let previous = '';
    for (let i = 0; i < ctx.runs; i++) {
      const dataDir = ctx.tmp('b5');
      cpSync(syncedDataDir, dataDir, { recursive: true });
      settleDisk(previous);
      previous = dataDir;
      const raws = samples.map((s, k) => withMessageId(s, `<b5-${Date.now()}-${i}-${k}@bench.releve>`));
      await appendMarked(ctx.fx, BIG, raws);
      bytes = raws.reduce((n, r) => n + r.length, 0);
      ctx.log(`B5 run ${i + 1}/${ctx.runs}: ${newCount} new messages on ${BIG}`);
      const r = await runChild({ kind: 'sync', dataDir, port: ctx.fx.imapsPort, caFile: ctx.fx.caFile, add: [] }, ctx.spawn);
      runs.push(...r.runs);
      rss.push(r.maxRssBytes);
      verdicts.push(syncVerdict(r, newCount) ?? (await ctx.truth.verify(dataDir, BIG, true)));
      await removeMarked(ctx.fx, BIG);
    }
  } finally {
    await removeMarked(ctx.fx, BIG);
  }
  return {
    id: 'B5',
    what: `incremental: ${newCount} new msgs on the ${BIG} mailbox (connect + select + fetch + parse + store)`,
    runs,
    rss,
    messages: newCount,
    bytes,
    verdict: merge(verdicts),
  };
}

export async function benchRawDownload(ctx: BenchContext): Promise<Row> {
  const server = await ctx.truth.get(BIG);
  const runs: Row['runs'] = [];
  const rss: number[] = [];
  const serverCpu: number[] = [];
  const verdicts: Verdict[] = [];
  for (let i = 0; i < ctx.runs; i++) {
    ctx.log(`reference run ${i + 1}/${ctx.runs}: imapflow raw download of ${BIG}`);
    const cpu0 = serverCpuSeconds(ctx.fx.masterPid);
    const r = await runChild({ kind: 'raw', port: ctx.fx.imapsPort, caFile: ctx.fx.caFile, user: BIG, password: PASSWORD }, ctx.spawn);
    const cpu1 = serverCpuSeconds(ctx.fx.masterPid);
    if (cpu0 !== null && cpu1 !== null) serverCpu.push(cpu1 - cpu0);
    runs.push(...r.runs);
    rss.push(r.maxRssBytes);
    const ok = Number(r.notes.count) === server.count && Number(r.notes.bytes) === server.bytes;
    verdicts.push(ok ? { ok, detail: `${server.count} msgs, bytes = server` } : failed(`got ${String(r.notes.count)} msgs`));
  }
  return {
    id: 'ref',
    what: `reference, same machine now: imapflow alone, FETCH 1:* BODY[] of ${BIG}, nothing parsed or stored`,
    runs,
    rss,
    messages: server.count,
    bytes: server.bytes,
    serverCpu,
    verdict: merge(verdicts),
  };
}
