// Refused API tokens are slowed down per client; the right token never waits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { AuthThrottle } from '../../electron/server/auth-throttle.js';
import { request, startStack, TOKEN, type Stack } from './server-harness.js';

describe('AuthThrottle (clock given)', () => {
  it('free first refusals, then doubling delays up to the cap, spread out even when sent together', () => {
    let now = 0;
    const t = new AuthThrottle({ freeFailures: 2, baseMs: 100, maxMs: 800, now: () => now });
    expect([t.refused('a'), t.refused('a')]).toEqual([0, 0]);
    // Sent at the same instant: each waits for the one before it, plus its own step.
    expect([t.refused('a'), t.refused('a'), t.refused('a'), t.refused('a'), t.refused('a')]).toEqual([100, 300, 700, 1500, 2300]);
    // Another client is not affected.
    expect(t.refused('b')).toBe(0);
    // A client quiet for a long time starts afresh.
    now += 60 * 60_000;
    expect(t.refused('a')).toBe(0);
  });

  it('too many refusals waiting: the next one gets no answer at all', async () => {
    const t = new AuthThrottle({ freeFailures: 0, baseMs: 60_000, maxPending: 2 });
    void t.delayRefusal('c');
    void t.delayRefusal('c');
    expect(await t.delayRefusal('c')).toBe(false);
  });
});

describe('through releve serve', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack();
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('while wrong tokens wait, requests with the right token are answered at once', async () => {
    const order: string[] = [];
    const bad = Array.from({ length: 9 }, (_, i) =>
      request(s.server, 'GET', '/inbox/integrations', { token: `wrong-token-${i}` }).then((r) => {
        expect(r.status).toBe(401);
        order.push(`bad${i}`);
      }),
    );
    // Sent after all the wrong ones: still answered before the slowed-down ones.
    const good = request(s.server, 'GET', '/inbox/integrations', { token: TOKEN }).then((r) => {
      expect(r.status).toBe(200);
      order.push('good');
    });
    const health = request(s.server, 'GET', '/health', { token: null }).then(() => order.push('health'));
    await Promise.all([...bad, good, health]);
    const lastBad = Math.max(...order.map((o, i) => (o.startsWith('bad') ? i : -1)));
    expect(order.indexOf('good')).toBeLessThan(lastBad);
    expect(order.indexOf('health')).toBeLessThan(lastBad);
  });

  it('a WebSocket with a wrong token is slowed down too, one with the right token is not', async () => {
    const order: string[] = [];
    const open = (token: string, label: string) =>
      new Promise<void>((resolve, reject) => {
        const ws = new WebSocket(`ws://127.0.0.1:${s.server.port}/rpc?token=${token}`);
        ws.once('error', reject);
        ws.once('open', () => {
          if (token === TOKEN) {
            order.push(label);
            ws.close();
            resolve();
          }
        });
        ws.once('close', (code) => {
          if (code === 4401) {
            order.push(label);
            resolve();
          }
        });
      });
    const bad = open('still-wrong', 'bad');
    await new Promise((r) => setTimeout(r, 20));
    await Promise.all([bad, open(TOKEN, 'good')]);
    expect(order).toEqual(['good', 'bad']);
  });
});
