// The status row during a long sync (sync/status-refresh.ts): none when nobody listens, at most once a second,
// and spaced out by what a recount costs.
import { describe, expect, it } from 'vitest';
import { StatusRefresh } from '../../electron/core/sync/status-refresh.js';

function clock(start = 10_000): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('StatusRefresh', () => {
  it('builds no status row while nobody listens (the CLI)', () => {
    const c = clock();
    const emitted: number[] = [];
    const r = new StatusRefresh(c.now, () => false, (id) => emitted.push(id));
    for (let i = 0; i < 10; i++) {
      r.progress(1);
      c.advance(5000);
    }
    expect(emitted).toEqual([]);
  });

  it('at most once a second per mailbox while someone listens', () => {
    const c = clock();
    const emitted: number[] = [];
    const r = new StatusRefresh(c.now, () => true, (id) => emitted.push(id));
    r.progress(1);
    r.progress(2);
    c.advance(400);
    r.progress(1);
    c.advance(599);
    r.progress(1);
    expect(emitted).toEqual([1, 2]);
    c.advance(1);
    r.progress(1);
    expect(emitted).toEqual([1, 2, 1]);
  });

  it('a recount that took 20 ms is not repeated within 2 s (100 × its cost)', () => {
    const c = clock();
    const emitted: number[] = [];
    const r = new StatusRefresh(c.now, () => true, (id) => {
      const until = performance.now() + 20;
      while (performance.now() < until); // a recount over a large store
      emitted.push(id);
    });
    r.progress(1);
    c.advance(1000);
    r.progress(1);
    c.advance(990);
    r.progress(1);
    expect(emitted).toEqual([1]);
    c.advance(60_000);
    r.progress(1);
    expect(emitted).toEqual([1, 1]);
  });
});
