// B6: the unified inbox at 100 000 stored messages, read through the core's API as the app reads it.
import path from 'node:path';
import { createCore } from '../electron/core/create-core.js';
import { closeStore, openStore } from '../electron/core/store/index.js';
import type { ChildReport, ChildTask, Measured } from './child-protocol.js';
import { B6_SEARCHES, fillStore } from './synthetic.js';

type QueryTask = Extract<ChildTask, { kind: 'query' }>;

async function timeIt(fn: () => Promise<unknown>): Promise<Measured> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(cpu0);
  return { ms, cpuS: (c.user + c.system) / 1e6 };
}

export async function runQuery(task: QueryTask): Promise<ChildReport> {
  const t0 = performance.now();
  const writer = openStore(path.join(task.dataDir, 'releve.db'));
  if (task.messages > 0) fillStore(writer, task.messages); // 0: query a store a real sync filled (X)
  closeStore(writer);
  const fillS = (performance.now() - t0) / 1000;

  // As the app after a restart: a fresh core on the filled file.
  const core = createCore({ dataDir: task.dataDir, locale: 'en' });
  try {
    const firstCold = await timeIt(() => core.api.listMessages({ limit: 50 }));
    const page: Measured[] = [];
    for (let i = 0; i < task.runs; i++) page.push(await timeIt(() => core.api.listMessages({ limit: 50 })));
    const search: Measured[] = [];
    const perTerm: Record<string, number> = {};
    let total = 0;
    for (const term of B6_SEARCHES) {
      const times: number[] = [];
      for (let i = 0; i < task.runs; i++) {
        const m = await timeIt(async () => {
          total = (await core.api.listMessages({ search: term, limit: 50 })).total;
        });
        search.push(m);
        times.push(m.ms);
      }
      perTerm[`hits "${term}"`] = total;
      perTerm[`max ms "${term}"`] = Math.round(Math.max(...times) * 100) / 100;
    }
    const stored = (await core.api.listMessages({ collapse_duplicates: false, limit: 1 })).total;
    return {
      runs: page,
      maxRssBytes: 0,
      notes: {
        stored,
        fill_s: Math.round(fillS * 10) / 10,
        first_page_cold_ms: Math.round(firstCold.ms * 100) / 100,
        search_runs: JSON.stringify(search),
        ...perTerm,
      },
    };
  } finally {
    await core.close();
  }
}
