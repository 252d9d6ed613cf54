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
// --v8-pool-size=1: one helper thread for V8's background work (optimizing compiler, concurrent marking,
// sweeping) instead of four. On a 2-core machine the four competed with the download, the parse worker and the
// server for the cores: per-thread CPU accounting (/proc/<pid>/task/*/schedstat) during the 10 000-message first
// sync showed them using 1.4 s of CPU and the two busy threads each waiting 1.2 s for a core. With one: bench
// B1 4.40/4.18 → 3.99/3.92 s, client CPU −0.2 s, same peak memory (A/B, same hour).
export const SYNC_V8_FLAGS: readonly string[] = ['--max-semi-space-size=1', '--heap-growing-percent=150', '--v8-pool-size=1'];

// Environment for the same processes, read by glibc's malloc when the process starts (so, like the V8 flags,
// given at launch: the shebang's `env -S`, the core process's spawn env, the bench children); other C
// libraries (macOS, Windows) ignore it. glibc serves allocations of 128 KiB and more with their own mmap and
// gives them back to the system on free, but after the first such free it raises that threshold to the size
// freed (up to 32 MiB), so from then on every message source up to a 2 MiB attachment, and SQLite's copy of it,
// comes from the main heap, which never shrinks below its highest live block: it grew with the length of the
// sync (10 000 → 100 000 messages: 26 → 59 MiB resident). Fixing the threshold at its default keeps it there.
// Measured with /usr/bin/time -v on the bundled CLI, first sync (bench/RESULTS.md): 100 000 messages 160 →
// 144 MiB, 10 000 messages 150 → 136 MiB, for ~+0.4 s of kernel time per 10 000 (page faults of the fresh
// mappings), ~2-5 % of the CPU. MALLOC_ARENA_MAX=2, also tried, did not lower the peak (100 000: 177 MiB
// alone against 174-189 without; 144 with this setting either way).
export const SYNC_MALLOC_ENV: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: '131072' };
