// V8 flags for a process that runs the sync engine: the one place that decides them. They must be given when
// the process starts (V8 sizes its heap once; `v8.setFlagsFromString` later does not resize it), so each entry
// point applies them its own way: the `releve` executable in its shebang line (bin/releve.mjs, checked against
// this list by test/cli/runtime-flags.test.ts), the Electron shell by relaunching itself once with
// `--js-flags` (electron/main/js-flags.ts), the benchmark by spawning its children with them.
//
// --max-semi-space-size=1: V8's young generation grows to 2 × 16 MiB by default, and during a sync it keeps
// that much garbage alive, plus the network buffers (ArrayBuffers) those dead objects still hold. Capped at
// 1 MiB, the first sync of 10 000 messages peaks at ~170 MiB instead of ~220 MiB for ~+3 % CPU (bench B1/B2,
// measured A/B on the same machine: bench/README.md).
export const SYNC_V8_FLAGS: readonly string[] = ['--max-semi-space-size=1'];

/** The flags of SYNC_V8_FLAGS that `given` (a process's argv, execArgv or a js-flags value) does not contain. */
export function missingSyncFlags(given: readonly string[]): string[] {
  const words = new Set(given.flatMap((g) => g.split(/\s+/)).filter(Boolean));
  return SYNC_V8_FLAGS.filter((f) => !words.has(f));
}
