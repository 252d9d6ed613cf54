// The one table `npm run bench` prints: per scenario, median of the runs, min–max, msgs/s, MB/s, client CPU,
// peak RSS, the target and whether it is met, the verification, and the other clients' figures.
import { PEERS, TARGETS } from './peers.js';
import type { Row } from './scenario-types.js';
import { median, MiB, minMax } from './stats.js';

function fmtTime(ms: number): string {
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(0)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/** Whether the row meets its target ('—' when it has none). */
export function meets(row: Row): string {
  const target = TARGETS[row.id];
  if (!target || row.runs.length === 0) return '—';
  const m = /([≤≥])\s*([\d.]+)\s*(msgs\/s|MiB|ms|s)/.exec(target);
  if (!m) return '—';
  const [, op, numText, unit] = m;
  const goal = Number(numText);
  const wall = median(row.runs.map((r) => r.ms));
  let value: number;
  if (row.check === 'rss') value = Math.max(...row.rss) / MiB;
  else if (unit === 'msgs/s') value = ((row.messages ?? 0) * 1000) / wall;
  else if (unit === 's') value = wall / 1000;
  else value = wall;
  const ok = op === '≤' ? value <= goal : value >= goal;
  return ok ? 'met' : 'NOT met';
}

export interface Cells {
  scenario: string;
  median: string;
  range: string;
  rate: string;
  mbs: string;
  cpu: string;
  server: string;
  rss: string;
  target: string;
  met: string;
  verified: string;
  peers: string;
}

export function cells(row: Row): Cells {
  const walls = row.runs.map((r) => r.ms);
  const med = median(walls);
  const [lo, hi] = minMax(walls);
  if (row.check === 'rss') {
    const rss = row.rss.map((b) => b / MiB);
    const [rlo, rhi] = minMax(rss);
    return {
      ...cells({ ...row, check: undefined }),
      median: `${median(rss).toFixed(0)} MiB`,
      range: `${rlo.toFixed(0)} – ${rhi.toFixed(0)} MiB (n=${rss.length})`,
      rate: '—',
      mbs: '—',
      met: meets(row),
    };
  }
  const rate = row.messages ? `${Math.round((row.messages * 1000) / med)}` : '—';
  const mbs = row.bytes ? `${(row.bytes / 1e6 / (med / 1000)).toFixed(1)}` : '—';
  return {
    scenario: row.id,
    median: fmtTime(med),
    range: `${fmtTime(lo)} – ${fmtTime(hi)} (n=${walls.length})`,
    rate,
    mbs,
    cpu: `${median(row.runs.map((r) => r.cpuS)).toFixed(row.runs[0] && row.runs[0].cpuS < 0.1 ? 3 : 2)}`,
    server: row.serverCpu?.length ? median(row.serverCpu).toFixed(2) : '—',
    rss: row.rss.length ? `${(Math.max(...row.rss) / MiB).toFixed(0)}` : '—',
    target: TARGETS[row.id] ?? '',
    met: meets(row),
    verified: `${row.verdict.ok ? 'ok' : 'FAILED'}: ${row.verdict.detail}`,
    peers: PEERS[row.id] ?? '',
  };
}

const HEAD: Cells = {
  scenario: 'scenario',
  median: 'median',
  range: 'min – max',
  rate: 'msgs/s',
  mbs: 'MB/s',
  cpu: 'client CPU s',
  server: 'Dovecot CPU s',
  rss: 'peak RSS MiB',
  target: 'target',
  met: 'target met',
  verified: 'verified against the server',
  peers: 'other clients, same fixture & machine',
};

export function markdownTable(rows: Row[]): string {
  const keys = Object.keys(HEAD) as Array<keyof Cells>;
  const line = (c: Cells) => `| ${keys.map((k) => c[k].replace(/\|/g, '/')).join(' | ')} |`;
  return [line(HEAD), `|${keys.map(() => ' --- ').join('|')}|`, ...rows.map((r) => line(cells(r)))].join('\n');
}

export function describeRows(rows: Row[]): string {
  return rows
    .map((r) => `- **${r.id}** — ${r.what}${r.note ? ` (${r.note})` : ''}`)
    .join('\n');
}
