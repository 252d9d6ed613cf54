// Entry of one bench child process: runs one task and prints one JSON report line. A separate process per
// measured sync, so that CPU time and peak RSS are the sync's own (the parent holds the fixture clients).
// usage: node --import tsx bench/child.ts '<ChildTask JSON>'
import { REPORT_PREFIX, type ChildReport, type ChildTask } from './child-protocol.js';
import { runRaw, runSync } from './child-sync.js';
import { runQuery } from './child-query.js';
import { runLatency, runWarm } from './child-idle.js';

async function main(): Promise<void> {
  const task = JSON.parse(process.argv[2] ?? '') as ChildTask;
  let report: ChildReport;
  switch (task.kind) {
    case 'sync':
      report = await runSync(task);
      break;
    case 'warm':
      report = await runWarm(task);
      break;
    case 'latency':
      report = await runLatency(task);
      break;
    case 'raw':
      report = await runRaw(task);
      break;
    case 'query':
      report = await runQuery(task);
      break;
  }
  // ru_maxrss of this process: its peak resident set over its whole life, worker threads included.
  report.maxRssBytes = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(REPORT_PREFIX + JSON.stringify(report) + '\n');
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench child failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
