// Summarises V8 .cpuprofile files (node --cpu-prof): self time by function and by package/file, so
// bench/README.md can say where the time goes.  usage: npx tsx bench/profile-summary.ts DIR [top]
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

function bucketOf(url: string): string {
  if (!url) return '(native/gc/idle)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return (rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]) ?? url;
  }
  if (url.startsWith('node:')) return url;
  const i = url.indexOf('/electron/');
  return i >= 0 ? url.slice(i + 1) : path.basename(url);
}

export function summarise(file: string, top = 15): string {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) {
    const id = p.samples[i] as number;
    selfUs.set(id, (selfUs.get(id) ?? 0) + (p.timeDeltas[i] ?? 0));
  }
  const total = (p.endTime - p.startTime) / 1000;
  const fn = new Map<string, number>();
  const bucket = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const n = byId.get(id);
    if (!n) continue;
    const { functionName, url, lineNumber } = n.callFrame;
    const key = `${functionName || '(anonymous)'} ${url ? `${bucketOf(url)}:${lineNumber + 1}` : ''}`;
    fn.set(key, (fn.get(key) ?? 0) + us / 1000);
    const b = functionName === '(idle)' ? '(idle)' : functionName === '(garbage collector)' ? '(gc)' : bucketOf(url);
    bucket.set(b, (bucket.get(b) ?? 0) + us / 1000);
  }
  const fmt = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, ms]) => `  ${ms.toFixed(0).padStart(7)} ms ${((100 * ms) / total).toFixed(1).padStart(5)} %  ${k}`)
      .join('\n');
  return `${path.basename(file)}: ${total.toFixed(0)} ms wall\n by package/file:\n${fmt(bucket)}\n by function (self):\n${fmt(fn)}`;
}

if (process.argv[1] && /profile-summary\.ts$/.test(process.argv[1])) {
  const dir = process.argv[2] ?? '.';
  const top = Number(process.argv[3] ?? 15);
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.cpuprofile')).sort()) {
    console.log(summarise(path.join(dir, f), top) + '\n');
  }
}
