import { spawnSync } from 'node:child_process';
// What every scenario hands to the table.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Measured } from './child-protocol.js';
import type { Fixture } from './fixture.js';
import type { SpawnOptions } from './spawn-child.js';
import type { ServerTruth, Verdict } from './verify.js';

export interface Row {
  /** Key into PEERS / TARGETS (B1, B3 cold, …) or 'ref' for reference rows. */
  id: string;
  what: string;
  runs: Measured[];
  /** Peak RSS of each child that ran (bytes). */
  rss: number[];
  /** Dovecot CPU seconds per run, when measured (whole child process, not only the measured section). */
  serverCpu?: number[];
  /** Messages and raw bytes handled per run (for msgs/s and MB/s). */
  messages?: number;
  bytes?: number;
  verdict: Verdict;
  /** What the target is checked against: the median wall time (default), or the peak RSS. */
  check?: 'wall' | 'rss';
  note?: string;
}

export interface BenchContext {
  fx: Fixture;
  truth: ServerTruth;
  runs: number;
  spawn: SpawnOptions;
  log(s: string): void;
  /** Data dirs made by this bench run, removed at the end. */
  tmp(prefix: string): string;
}

/**
 * Before a measured run: the files of the runs before it deleted and the disk's dirty pages written out, so
 * a run does not pay for the writeback of the ~400 MB its predecessor left in the page cache (the third of
 * three back-to-back first syncs was ~10 % slower). A user's first sync starts on a quiet disk too.
 */
export function settleDisk(...oldDirs: string[]): void {
  for (const d of oldDirs) if (d) rmSync(d, { recursive: true, force: true });
  if (process.platform !== 'win32') spawnSync('sync', { stdio: 'ignore' });
}

export function tmpFactory(): { tmp(prefix: string): string; cleanup(): void } {
  const made: string[] = [];
  return {
    tmp(prefix) {
      const d = mkdtempSync(path.join(os.tmpdir(), `releve-bench-${prefix}-`));
      made.push(d);
      return d;
    },
    cleanup() {
      for (const d of made) rmSync(d, { recursive: true, force: true });
    },
  };
}

export const failed = (detail: string): Verdict => ({ ok: false, detail });
