// `npm run bench`: Relève's real sync code (createCore + api, bundled as the app ships it) against the
// shared Dovecot fixture, each measured sync in a child process of its own, every result verified against
// the server, one table beside the other clients' figures.
//   npm run bench -- [--runs N] [--only B1,B3,L,…] [--tsx] [--markdown FILE] [--cpu-prof DIR] [--keep-server]
import { writeFileSync } from 'node:fs';
import { buildChild } from './build.js';
import { ensureFixture, stopFixture } from './fixture.js';
import { machineDescription } from './machine.js';
import { thunderbirdLine } from './peers.js';
import { tmpFactory, type BenchContext, type Row } from './scenario-types.js';
import { benchLatency, benchNothingNewCold, benchNothingNewWarm, benchQueries, prepareUsers } from './scenarios-idle.js';
import { benchHundredThousand, stopBigFixture } from './scenarios-big.js';
import { benchLinkRefusals, benchProviderLink } from './scenarios-link.js';
import { benchFirstSync, benchIncremental, benchRawDownload } from './scenarios-sync.js';
import { describeRows, markdownTable } from './table.js';
import { median } from './stats.js';
import { ServerTruth } from './verify.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

async function main(): Promise<number> {
  const runs = Math.max(1, Number(arg('runs') ?? 3));
  const only = arg('only')?.split(',').map((s) => s.trim().toUpperCase());
  const want = (id: string) => !only || only.some((o) => id.toUpperCase().startsWith(o));
  const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);

  const fx = ensureFixture(log);
  const tmp = tmpFactory();
  const profDir = arg('cpu-prof');
  const ctx: BenchContext = {
    fx,
    truth: new ServerTruth(fx),
    runs,
    log,
    tmp: tmp.tmp,
    spawn: {
      bundle: flag('tsx') ? undefined : await buildChild(),
      nodeFlags: profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [],
    },
  };
  const before = machineDescription();
  const rows: Row[] = [];
  try {
    if (want('ref')) rows.push(await benchRawDownload(ctx));
    if (want('B1') || want('B2') || want('B5')) {
      const first = await benchFirstSync(ctx);
      withRefRatio(first.rows, rows.find((r) => r.id === 'ref'));
      rows.push(...first.rows);
      if (want('B5')) rows.push(await benchIncremental(ctx, first.lastDataDir));
    }
    if (want('B3')) {
      const prep = await prepareUsers(ctx);
      rows.push(prep.row);
      rows.push(await benchNothingNewCold(ctx, prep.dataDir));
      rows.push(await benchNothingNewWarm(ctx, prep.dataDir));
    }
    if (want('B4')) rows.push(await benchLatency(ctx));
    if (want('B6')) rows.push(...(await benchQueries(ctx)));
    if (want('L')) rows.push(...(await benchProviderLink(ctx)), await benchLinkRefusals(ctx));
    if (want('X')) rows.push(...(await benchHundredThousand(ctx)));
  } finally {
    tmp.cleanup();
    if (!flag('keep-server')) {
      stopFixture(log);
      stopBigFixture(log);
    }
  }
  const after = machineDescription();
  const order = ['ref', 'B1', 'B2', 'prep', 'B3 cold', 'B3 warm', 'B4', 'B5', 'B6 page', 'B6 FTS', 'L ref', 'L1', 'L1 newest', 'L2', 'X1', 'X2', 'X page', 'X FTS'];
  rows.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  const tb = thunderbirdLine();
  const text = [
    `## Relève sync benchmark (${new Date().toISOString()})`,
    '',
    `Machine: ${before.summary}`,
    `Load average (1/5/15 min) at start: ${before.load}; at end: ${after.load}`,
    `Code: ${ctx.spawn.bundle ? 'bundled with esbuild as the app ships it' : 'TypeScript sources through tsx'}; median of ${runs} runs unless stated`,
    '',
    markdownTable(rows),
    '',
    describeRows(rows),
    tb ? `\nAlso on this fixture (../shared/bench/results.md): ${tb}.` : '',
  ].join('\n');
  process.stdout.write(text + '\n');
  const md = arg('markdown');
  if (md) writeFileSync(md, text + '\n');
  return rows.every((r) => r.verdict.ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(2);
  },
);

/** Issue #13's yardstick: B1 against imapflow's raw download measured in the same run (medians). */
function withRefRatio(firstSync: Row[], ref: Row | undefined): void {
  const b1 = firstSync.find((r) => r.id === 'B1');
  if (!b1 || !ref || ref.runs.length === 0 || b1.runs.length === 0) return;
  const ratio = median(ref.runs.map((r) => r.ms)) / median(b1.runs.map((r) => r.ms));
  b1.note = `${b1.note ? `${b1.note}; ` : ''}B1 / ref = ${ratio.toFixed(2)} (medians of this run; target ≥ 0.45)`;
}
