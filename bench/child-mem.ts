// Memory diagnostics of a bench child (RELEVE_BENCH_MEM=1): peaks of process.memoryUsage() and of the
// anonymous / file-backed resident set, sampled every 50 ms over the measured section.
import { readFileSync } from 'node:fs';

const KEYS = ['rss', 'heapUsed', 'heapTotal', 'external', 'arrayBuffers', 'anon', 'file'] as const;
type Sample = Record<(typeof KEYS)[number], number>;

function sample(): Sample {
  const st = readFileSync('/proc/self/status', 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(st)?.[1] ?? 0) * 1024;
  return { ...process.memoryUsage(), anon: kb('RssAnon'), file: kb('RssFile') };
}

/** Resident anonymous memory grouped by the kind of mapping, in KiB (from /proc/self/smaps). */
function anonByMapping(): Record<string, number> {
  const out: Record<string, number> = {};
  let kind = '';
  for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ (\d+)\s*(.*)$/.exec(line);
    if (head) {
      const size = (parseInt(head[2] as string, 16) - parseInt(head[1] as string, 16)) / 1024;
      const name = head[5] ?? '';
      kind = name ? (name.startsWith('/') ? '' : name) : `anon ${size >= 1024 ? `${Math.round(size / 1024)}M` : `${size}K`}`;
      continue;
    }
    const m = /^Anonymous:\s+(\d+) kB/.exec(line);
    if (m && kind) out[kind] = (out[kind] ?? 0) + Number(m[1]);
  }
  return out;
}

const MiB = (v: number) => Math.round(v / 1048576);

export function startMemorySampler(): (() => void) | null {
  if (!process.env.RELEVE_BENCH_MEM) return null;
  const start = sample();
  const peak = { ...start };
  let breakdown: Record<string, number> = {};
  const detail = process.env.RELEVE_BENCH_MEM === '2';
  const timer = setInterval(() => {
    const u = sample();
    if (detail && u.anon > peak.anon) breakdown = anonByMapping();
    for (const k of KEYS) peak[k] = Math.max(peak[k], u[k]);
  }, 50);
  return () => {
    clearInterval(timer);
    const fmt = (s: Sample) => JSON.stringify(Object.fromEntries(KEYS.map((k) => [k, MiB(s[k])])));
    const maxRss = MiB(process.resourceUsage().maxRSS * 1024);
    process.stderr.write(`memory at start (MiB): ${fmt(start)}\nmemory peaks (MiB): ${fmt(peak)}, ru_maxrss so far ${maxRss}\n`);
    if (detail) {
      const rows = Object.entries(breakdown)
        .map(([k, v]) => [k, Math.round(v / 1024)] as const)
        .filter(([, v]) => v > 0)
        .sort((a, b) => b[1] - a[1]);
      process.stderr.write(`anon at peak by mapping (MiB): ${rows.map(([k, v]) => `${k}=${v}`).join(' ')}\n`);
    }
  };
}
