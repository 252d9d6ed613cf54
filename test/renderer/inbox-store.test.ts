import { describe, expect, it } from 'vitest';
import { createInboxStore, evictPages, MAX_CACHED_PAGES, PAGE_SIZE, rowAt } from '../../renderer/store/inbox-store.js';
import type { MessageQuery } from '../../shared/types.js';
import { FakeMailApi, manyMessages } from './fake-api.js';

const settle = () => new Promise((r) => setTimeout(r, 0));

function setup(n = 100_000) {
  const api = new FakeMailApi();
  api.addMessages(manyMessages(1, n));
  const store = createInboxStore(api, () => 'fr');
  return { api, store };
}

const listCalls = (api: FakeMailApi) => api.callsOf('listMessages') as MessageQuery[];

describe('inbox paging over 100 000 messages', () => {
  it('fetches only the pages around the visible rows, and knows the total', async () => {
    const { api, store } = setup();
    store.getState().ensureRange(0, 20);
    await settle();
    const s = store.getState();
    expect(s.total).toBe(100_000);
    expect(listCalls(api).map((q) => q.offset)).toEqual([0, PAGE_SIZE]);
    expect(listCalls(api).every((q) => q.limit === PAGE_SIZE)).toBe(true);
    expect(rowAt(s, 0)?.subject).toBe('Sujet 0');
    expect(rowAt(s, 150)?.subject).toBe('Sujet 150');
    expect(rowAt(s, 250)).toBeUndefined();
  });

  it('jumps to the middle without fetching what lies between', async () => {
    const { api, store } = setup();
    store.getState().ensureRange(0, 20);
    await settle();
    api.calls.length = 0;
    store.getState().ensureRange(50_010, 50_030);
    await settle();
    expect(listCalls(api).map((q) => q.offset)).toEqual([49_900, 50_000, 50_100]);
    expect(rowAt(store.getState(), 50_020)?.subject).toBe('Sujet 50020');
  });

  it('serves cached pages without asking again and never asks twice for a page in flight', async () => {
    const { api, store } = setup();
    store.getState().ensureRange(0, 20);
    store.getState().ensureRange(5, 25);
    await settle();
    store.getState().ensureRange(10, 30);
    await settle();
    expect(listCalls(api)).toHaveLength(2);
  });

  it('keeps the cache bounded while scrolling far', async () => {
    const { store } = setup();
    for (let row = 0; row < 100_000; row += 3_000) {
      store.getState().ensureRange(row, row + 20);
      await settle();
    }
    const cached = Object.keys(store.getState().pages).length;
    expect(cached).toBeLessThanOrEqual(MAX_CACHED_PAGES);
    // The pages kept are those near the last position.
    expect(rowAt(store.getState(), 99_010)?.subject).toBe('Sujet 99010');
  });

  it('evicts the pages farthest from the view first', () => {
    const pages = { 0: 'a', 1: 'b', 5: 'c', 9: 'd', 10: 'e' };
    expect(Object.keys(evictPages(pages, 9, 3)).map(Number).sort((a, b) => a - b)).toEqual([5, 9, 10]);
    expect(evictPages(pages, 0, 10)).toBe(pages);
  });
});

describe('inbox filters and refresh', () => {
  it('a new filter resets the list and drops answers to the old query', async () => {
    const { api, store } = setup(1_000);
    api.addMessages([{ mailbox_id: 2, date: '2025-02-01T10:00:00Z', subject: 'Réunion équipe', text: 'ordre du jour' }]);
    store.getState().ensureRange(0, 20);
    // Change the filter before the first answers arrive: they must not land in the new list.
    store.getState().setFilter({ search: 'reunion EQUIPE' });
    await settle();
    const s = store.getState();
    expect(s.total).toBe(1);
    expect(rowAt(s, 0)?.subject).toBe('Réunion équipe');
    expect(rowAt(s, 1)).toBeUndefined();
    const afterFilter = listCalls(api).slice(2);
    expect(afterFilter.length).toBeGreaterThan(0);
    expect(afterFilter.every((q) => q.search === 'reunion EQUIPE')).toBe(true);
    expect(afterFilter.map((q) => q.offset)).toContain(0);
  });

  it('passes the mailbox and unread filters to the API', async () => {
    const { api, store } = setup(300);
    store.getState().setFilter({ mailbox_id: 1, unread_only: true });
    await settle();
    expect(listCalls(api)[0]).toMatchObject({ mailbox_id: 1, unread_only: true, offset: 0 });
    expect(store.getState().total).toBe(100);
    for (let i = 0; i < 100; i++) expect(rowAt(store.getState(), i)?.seen).toBe(false);
  });

  it('refresh shows the old rows until the new page arrives, then the new mail on top', async () => {
    const { api, store } = setup(500);
    store.getState().ensureRange(0, 20);
    await settle();
    api.addMessages([{ mailbox_id: 1, date: '2025-02-02T08:00:00Z', subject: 'Nouveau devis' }]);
    store.getState().refresh();
    // Before the answer: still the old first row, no blank list.
    expect(rowAt(store.getState(), 0)?.subject).toBe('Sujet 0');
    await settle();
    expect(rowAt(store.getState(), 0)?.subject).toBe('Nouveau devis');
    expect(rowAt(store.getState(), 1)?.subject).toBe('Sujet 0');
    expect(store.getState().total).toBe(501);
  });

  it('shows an error when the list cannot be read', async () => {
    const { api, store } = setup(10);
    api.listMessages = async () => {
      throw Object.assign(new Error('db locked'), { code: 'STORAGE' });
    };
    store.getState().ensureRange(0, 20);
    await settle();
    expect(store.getState().listError).toMatchObject({ code: 'STORAGE', message: 'Erreur de la base de données locale.' });
  });
});

describe('reading a message', () => {
  it('opening an unread message loads it and marks it read at once', async () => {
    const { api, store } = setup(10);
    store.getState().ensureRange(0, 20);
    await settle();
    const first = rowAt(store.getState(), 0);
    expect(first?.seen).toBe(false);
    const opening = store.getState().open(first!.id);
    await opening;
    const s = store.getState();
    expect(s.detail?.id).toBe(first!.id);
    expect(s.selectedId).toBe(first!.id);
    expect(rowAt(s, 0)?.seen).toBe(true);
    expect(api.callsOf('setSeen')).toEqual([{ ids: [first!.id], seen: true }]);
    // And the server side agrees.
    expect((await api.getMessage({ id: first!.id })).seen).toBe(true);
  });

  it('does not call setSeen for a message already read, and resets remote images per message', async () => {
    const { api, store } = setup(10);
    store.getState().ensureRange(0, 20);
    await settle();
    const read = rowAt(store.getState(), 1)!;
    expect(read.seen).toBe(true);
    store.getState().allowImages();
    await store.getState().open(read.id);
    expect(api.callsOf('setSeen')).toEqual([]);
    expect(store.getState().showImages).toBe(false);
  });

  it('reverts the row when marking read fails', async () => {
    const { api, store } = setup(10);
    store.getState().ensureRange(0, 20);
    await settle();
    api.setSeen = async () => {
      throw Object.assign(new Error('x'), { code: 'STORAGE' });
    };
    const first = rowAt(store.getState(), 0)!;
    await store.getState().open(first.id);
    expect(rowAt(store.getState(), 0)?.seen).toBe(false);
    expect(store.getState().listError?.code).toBe('STORAGE');
  });

  it('a slow answer for a previous message does not replace the current one', async () => {
    const { store } = setup(10);
    store.getState().ensureRange(0, 20);
    await settle();
    const a = rowAt(store.getState(), 1)!;
    const b = rowAt(store.getState(), 2)!;
    const pa = store.getState().open(a.id);
    const pb = store.getState().open(b.id);
    await Promise.all([pa, pb]);
    expect(store.getState().detail?.id).toBe(b.id);
  });
});
