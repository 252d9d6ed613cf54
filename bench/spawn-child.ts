// Runs one bench task in a fresh Node process and returns its report.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPORT_PREFIX, type ChildReport, type ChildTask } from './child-protocol.js';
import { REPO_ROOT } from './fixture.js';
import { SYNC_MALLOC_ENV, SYNC_V8_FLAGS } from '../electron/core/runtime-flags.js';

export interface SpawnOptions {
  /** The bundled child (bench/build.ts); absent: the TypeScript sources through tsx. */
  bundle?: string;
  /** Extra node flags, e.g. ['--cpu-prof', '--cpu-prof-dir=…'] for profiling. */
  nodeFlags?: string[];
  env?: Record<string, string>;
  timeoutMs?: number;
}

export function runChild(task: ChildTask, opts: SpawnOptions = {}): Promise<ChildReport> {
  const entry = opts.bundle ? [opts.bundle] : ['--import', 'tsx', path.join(REPO_ROOT, 'bench/child.ts')];
  // The V8 flags and malloc setting the product starts its sync processes with (runtime-flags.ts), so the bench
  // measures what ships; RELEVE_BENCH_RUNTIME_FLAGS=0 leaves them out and RELEVE_BENCH_NODE_FLAGS adds others,
  // for A/B runs. The raw imapflow download (`ref`, `L ref`) keeps glibc's default malloc: the yardstick B1 is
  // compared with stays as it was measured before the setting.
  const plain = process.env.RELEVE_BENCH_RUNTIME_FLAGS === '0';
  const shipped = plain ? [] : SYNC_V8_FLAGS;
  const extra = process.env.RELEVE_BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
  const args = [...shipped, ...extra, ...(opts.nodeFlags ?? []), ...entry, JSON.stringify(task)];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...(plain || task.kind === 'raw' ? {} : SYNC_MALLOC_ENV), ...opts.env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if (process.env.RELEVE_BENCH_VERBOSE) process.stderr.write(d);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 10 * 60_000);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith(REPORT_PREFIX));
      if (code !== 0 || !line) {
        reject(new Error(`bench child (${task.kind}) failed: exit ${code ?? signal}\n${err.slice(-4000)}${out.slice(-2000)}`));
        return;
      }
      resolve(JSON.parse(line.slice(REPORT_PREFIX.length)) as ChildReport);
    });
  });
}
