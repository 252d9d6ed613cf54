import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NewMailEvent } from '../../shared/types.js';
import { composeNotice, createNewMailCoalescer, groupNewMail } from '../../electron/main/new-mail-grouping.js';
import type { NewMailGroup } from '../../electron/main/new-mail-grouping.js';

const names = new Map([
  [1, 'Support'],
  [2, 'Contact'],
  [3, 'Factures'],
  [4, 'Direction'],
  [5, 'RH'],
]);
const nameOf = (id: number) => names.get(id);
const mail = (mailbox_id: number, count: number, ...latest: Array<[string, string]>): NewMailEvent => ({
  mailbox_id,
  count,
  latest: latest.map(([from, subject]) => ({ from, subject })),
});

describe('grouping', () => {
  it('merges events per mailbox, newest messages first, keeping three', () => {
    const groups = groupNewMail([mail(1, 2, ['A', 'a1'], ['A', 'a0']), mail(2, 1, ['B', 'b']), mail(1, 3, ['C', 'c2'], ['C', 'c1'], ['C', 'c0'])]);
    expect(groups).toEqual([
      { mailbox_id: 1, count: 5, latest: [{ from: 'C', subject: 'c2' }, { from: 'C', subject: 'c1' }, { from: 'C', subject: 'c0' }] },
      { mailbox_id: 2, count: 1, latest: [{ from: 'B', subject: 'b' }] },
    ]);
    expect(groupNewMail([mail(1, 0)])).toEqual([]);
  });

  it('summarises a first sync of one mailbox in one line', () => {
    const n = composeNotice([{ mailbox_id: 1, count: 42, latest: [{ from: 'Alice', subject: 'Devis' }, { from: 'Bob', subject: ' ' }] }], nameOf, 'fr');
    expect(n).toEqual({ title: '42 nouveaux messages dans Support', body: 'Alice — Devis\nBob — (sans objet)\n… et 40 autres', mailboxIds: [1] });
    const en = composeNotice([{ mailbox_id: 1, count: 1, latest: [{ from: 'Alice', subject: 'Quote' }] }], nameOf, 'en');
    expect(en).toEqual({ title: 'New message in Support', body: 'Alice — Quote', mailboxIds: [1] });
    // Plural forms chosen by count (Intl.PluralRules), in both languages.
    const two = [{ mailbox_id: 1, count: 2, latest: [{ from: 'Alice', subject: 'Devis' }] }];
    expect(composeNotice(two, nameOf, 'fr')?.body).toBe('Alice — Devis\n… et 1 autre');
    expect(composeNotice(two, nameOf, 'en')?.body).toBe('Alice — Devis\n… and 1 more');
    expect(composeNotice([{ mailbox_id: 1, count: 1, latest: [] }], nameOf, 'fr')?.title).toBe('Nouveau message dans Support');
  });

  it('gives one count per mailbox when several received mail', () => {
    const groups: NewMailGroup[] = [1, 2, 3, 4, 5].map((id) => ({ mailbox_id: id, count: id * 2, latest: [] }));
    expect(composeNotice(groups, nameOf, 'fr')).toEqual({
      title: '30 nouveaux messages',
      body: 'Support : 2\nContact : 4\nFactures : 6\nDirection : 8\n… et 1 autre',
      mailboxIds: [1, 2, 3, 4, 5],
    });
    expect(composeNotice(groups.slice(0, 2), nameOf, 'en')?.body).toBe('Support: 2\nContact: 4');
    expect(composeNotice([{ mailbox_id: 99, count: 2, latest: [] }], nameOf, 'en')?.title).toBe('2 new messages in your mailbox');
    expect(composeNotice([], nameOf, 'fr')).toBeNull();
  });
});

describe('coalescer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup(opts: { quietMs?: number; maxWaitMs?: number } = {}) {
    const flushed: NewMailGroup[][] = [];
    const c = createNewMailCoalescer({ ...opts, onFlush: (g) => flushed.push(g) });
    return { c, flushed };
  }

  it('waits for a quiet moment, then sends one summary for the burst', () => {
    const { c, flushed } = setup({ quietMs: 3000 });
    c.push(mail(1, 10));
    vi.advanceTimersByTime(2000);
    c.push(mail(1, 5));
    vi.advanceTimersByTime(2999);
    expect(flushed).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(flushed).toEqual([[{ mailbox_id: 1, count: 15, latest: [] }]]);
  });

  it('holds while other mailboxes are still syncing, so "sync all" gives one notification', () => {
    const { c, flushed } = setup({ quietMs: 3000, maxWaitMs: 60_000 });
    c.syncStarted(1);
    c.syncStarted(2);
    c.syncEnded(1);
    c.push(mail(1, 3));
    vi.advanceTimersByTime(10_000);
    expect(flushed).toEqual([]);
    c.syncEnded(2);
    c.push(mail(2, 4));
    vi.advanceTimersByTime(3000);
    expect(flushed).toHaveLength(1);
    expect(flushed[0]!.map((g) => [g.mailbox_id, g.count])).toEqual([
      [1, 3],
      [2, 4],
    ]);
  });

  it('a run ending without new mail still releases the held summary', () => {
    const { c, flushed } = setup({ quietMs: 1000 });
    c.syncStarted(2);
    c.push(mail(1, 1));
    vi.advanceTimersByTime(5000);
    expect(flushed).toEqual([]);
    c.syncEnded(2);
    vi.advanceTimersByTime(1000);
    expect(flushed).toHaveLength(1);
  });

  it('never waits longer than maxWaitMs, even if syncs never stop', () => {
    const { c, flushed } = setup({ quietMs: 1000, maxWaitMs: 20_000 });
    c.syncStarted(3);
    c.push(mail(1, 1));
    vi.advanceTimersByTime(19_999);
    expect(flushed).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(flushed).toHaveLength(1);
    // The next burst starts its own wait.
    c.push(mail(1, 2));
    vi.advanceTimersByTime(19_999);
    expect(flushed).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(flushed).toHaveLength(2);
  });

  it('ignores empty events; dispose drops what is pending', () => {
    const { c, flushed } = setup({ quietMs: 100 });
    c.push(mail(1, 0));
    vi.advanceTimersByTime(1000);
    expect(flushed).toEqual([]);
    c.push(mail(1, 2));
    c.dispose();
    vi.advanceTimersByTime(100_000);
    expect(flushed).toEqual([]);
  });
});
