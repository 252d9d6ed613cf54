// Parse speed and fidelity over the benchmark fixture's messages (the Maildir files of bench/.fixture), in
// this process, one thread: the fast reader (electron/core/parse/fast-reader.ts) against postal-mime.
//   npx tsx bench/parse-corpus.ts [--limit N] [--dir MAILDIR_ROOT]
// Prints, for each path, CPU seconds and msgs/s, how many messages took the fast path, why the others did
// not, and every message whose stored fields differ from postal-mime's on the full source (exit 1 if any).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { readOrExplain } from '../electron/core/parse/fast-reader.js';
import { parseMessage, parseMessageFully, parseWithPostalMime } from '../electron/core/parse/parse-message.js';
import { REPO_ROOT } from './fixture.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function maildirFiles(root: string): string[] {
  const out: string[] = [];
  for (const user of readdirSync(root).sort()) {
    for (const sub of ['cur', 'new']) {
      const dir = path.join(root, user, 'Maildir', sub);
      if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) continue;
      for (const f of readdirSync(dir).sort()) out.push(path.join(dir, f));
    }
  }
  return out;
}

async function timed(label: string, sources: Buffer[], fn: (raw: Buffer) => Promise<unknown>): Promise<number> {
  const c0 = process.cpuUsage();
  for (const raw of sources) await fn(raw);
  const c = process.cpuUsage(c0);
  const s = (c.user + c.system) / 1e6;
  console.log(`${label.padEnd(34)} ${s.toFixed(2).padStart(6)} s CPU  ${Math.round(sources.length / s)} msgs/s`);
  return s;
}

const root = arg('--dir') ?? path.join(REPO_ROOT, 'bench/.fixture/dovecot/mail');
const limit = Number(arg('--limit') ?? Infinity);
const files = maildirFiles(root).slice(0, limit);
if (files.length === 0) {
  console.error(`no messages under ${root}: run npm run bench once to build the fixture`);
  process.exit(2);
}
const sources = files.map((f) => readFileSync(f));
const mb = sources.reduce((n, b) => n + b.length, 0) / 1e6;
console.log(`${sources.length} messages, ${mb.toFixed(0)} MB, from ${root}`);

const reasons = new Map<string, number>();
let fast = 0;
for (const raw of sources) {
  const r = readOrExplain(raw);
  if (typeof r === 'string') reasons.set(r, (reasons.get(r) ?? 0) + 1);
  else fast++;
}
console.log(`fast path: ${fast} / ${sources.length}; left to postal-mime: ${JSON.stringify(Object.fromEntries(reasons))}`);

let differences = 0;
for (let i = 0; i < sources.length; i++) {
  const a = JSON.stringify(await parseMessage(sources[i] as Buffer));
  const b = JSON.stringify(await parseMessageFully(sources[i] as Buffer));
  if (a !== b) {
    differences++;
    if (differences <= 5) console.log(`DIFFERENT ${files[i]}\n  fast: ${a.slice(0, 600)}\n  full: ${b.slice(0, 600)}`);
  }
}
console.log(`fields different from postal-mime on the full source: ${differences}`);

// Warm both paths once so the JIT state is comparable, then time them alternately.
await timed('warm-up (both paths)', sources.slice(0, 500), async (raw) => {
  await parseMessage(raw);
  await parseWithPostalMime(raw);
});
for (let round = 0; round < 2; round++) {
  await timed('postal-mime on the skeleton (before)', sources, parseWithPostalMime);
  await timed('fast reader, fallback included', sources, parseMessage);
}
process.exit(differences === 0 ? 0 : 1);
