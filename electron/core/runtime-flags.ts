// V8 flags for a process that runs the sync engine: the one place that decides them. They must be given when
// the process starts (V8 sizes its heap once; `v8.setFlagsFromString` later does not resize it), so each entry
// point applies them its own way: the `releve` executable in its shebang line (bin/releve.mjs, checked against
// this list by test/cli/runtime-flags.test.ts), the benchmark by spawning its children with them. The desktop
// app does not get them: Electron takes main-process V8 flags only as a launch switch (`--js-flags`), and
// relaunching on every start to add it would cost more than it saves; moving the core into an Electron
// utilityProcess (which takes execArgv) is the way to give it the same flags.
//
// --max-semi-space-size=1: V8's young generation grows to 2 × 16 MiB by default, and during a sync it keeps
// that much garbage alive, plus the network buffers (ArrayBuffers) those dead objects still hold.
// --heap-growing-percent=150: the old generation is collected before it grows 2.5× (V8 lets it reach ~4×
// first), so message sources that survived a scavenge are freed sooner.
// Together, with 2 MiB batches, the first sync of 10 000 messages peaks at ~145 MiB instead of ~190 MiB for
// ~+5 % CPU (bench B1/B2, measured A/B on the same machine: bench/README.md).
export const SYNC_V8_FLAGS: readonly string[] = ['--max-semi-space-size=1', '--heap-growing-percent=150'];
