// The unified inbox as a window onto a list that may hold 100 000 messages: only pages around the visible
// rows are fetched (listMessages offset/limit), kept in a bounded cache, and `total` sizes the scrollbar.
// A refresh (new mail) keeps showing the old pages until the fresh ones arrive, so nothing flashes.
import { createStore } from 'zustand/vanilla';
import type { MailApi } from '../../shared/api.js';
import type { FolderView, Locale, MessageAction, MessageDetail, MessageQuery, MessageSummary, TriageView, UserError } from '../../shared/types.js';
import type { TriageState } from '../../shared/triage.js';
import { withTriage } from './triage-rows.js';
import { applyToPages, changedRow, staysInView } from './inbox-actions.js';
import { toUserError } from '../lib/error-text.js';
import { coalescer } from '../lib/coalesce.js';

export const PAGE_SIZE = 100;
/** Pages kept in memory (PAGE_SIZE rows each); the farthest from the view go first. */
export const MAX_CACHED_PAGES = 24;

export interface InboxFilter {
  /** The view: one role across every mailbox (issue 14). */
  folder: FolderView;
  /** A team-triage view across every folder (issue 16); null = the folder view alone. */
  triage: TriageView | null;
  mailbox_id: number | null;
  unread_only: boolean;
  search: string;
}

export interface InboxState {
  filter: InboxFilter;
  /** Rows in the current list; null until the first page answered. */
  total: number | null;
  pages: Record<number, MessageSummary[]>;
  /** Pages from before the last refresh, shown until replaced. */
  stalePages: Record<number, MessageSummary[]>;
  loadingPages: Record<number, true>;
  /** Bumped on each filter change or refresh: answers to older requests are dropped. */
  generation: number;
  visible: { start: number; end: number };
  listError: UserError | null;
  selectedId: number | null;
  detail: MessageDetail | null;
  detailLoading: boolean;
  detailError: UserError | null;
  /** Remote images allowed for the message open in the reader. */
  showImages: boolean;
  setFilter(patch: Partial<InboxFilter>): void;
  /** The rows [start, end] are on screen: fetch the pages they need (and one either side). */
  ensureRange(start: number, end: number): void;
  refresh(): void;
  /** Coalesces bursts of change events during a sync into one refresh. */
  scheduleRefresh(delayMs?: number): void;
  open(id: number): Promise<void>;
  closeReader(): void;
  setSeen(ids: number[], seen: boolean): Promise<void>;
  allowImages(): void;
  /** Rows ticked for a bulk action. */
  checked: number[];
  /** The last action the core refused (shown above the list; the list itself is reloaded). */
  actionError: UserError | null;
  dismissActionError(): void;
  toggleChecked(id: number): void;
  clearChecked(): void;
  /** Read, star, archive, delete, not spam, move: on screen at once, then the core (which queues it for the server). */
  act(action: MessageAction, ids: number[], folder?: string): Promise<boolean>;
  /** Team triage (issue 16): the rows change at once (`me` as author), then the core stores the keywords. */
  setTriage(ids: number[], ask: { state?: TriageState; assignee?: string | null }, me: string | null): Promise<boolean>;
}

export function rowAt(state: Pick<InboxState, 'pages' | 'stalePages'>, index: number): MessageSummary | undefined {
  const p = Math.floor(index / PAGE_SIZE);
  const i = index % PAGE_SIZE;
  return state.pages[p]?.[i] ?? state.stalePages[p]?.[i];
}

function queryOf(filter: InboxFilter): MessageQuery {
  const q: MessageQuery = { collapse_duplicates: true, folder: filter.folder };
  if (filter.triage !== null) q.triage = filter.triage;
  if (filter.mailbox_id !== null) q.mailbox_id = filter.mailbox_id;
  if (filter.unread_only) q.unread_only = true;
  const search = filter.search.trim();
  if (search) q.search = search;
  return q;
}

function pagesFor(start: number, end: number, total: number | null): number[] {
  const first = Math.max(0, Math.floor(start / PAGE_SIZE) - 1);
  let last = Math.floor(Math.max(start, end) / PAGE_SIZE) + 1;
  if (total !== null) last = Math.min(last, Math.max(0, Math.ceil(total / PAGE_SIZE) - 1));
  const out: number[] = [];
  for (let p = first; p <= last; p++) out.push(p);
  return out;
}

/** Drops the cached pages farthest from the visible range until at most `max` remain. */
export function evictPages<T>(pages: Record<number, T>, centerPage: number, max: number): Record<number, T> {
  const keys = Object.keys(pages).map(Number);
  if (keys.length <= max) return pages;
  keys.sort((a, b) => Math.abs(a - centerPage) - Math.abs(b - centerPage));
  const out: Record<number, T> = {};
  for (const k of keys.slice(0, max)) out[k] = pages[k] as T;
  return out;
}

function mapRows(
  pages: Record<number, MessageSummary[]>,
  ids: ReadonlySet<number>,
  change: (m: MessageSummary) => MessageSummary,
): Record<number, MessageSummary[]> {
  const out: Record<number, MessageSummary[]> = {};
  for (const [k, rows] of Object.entries(pages)) {
    out[Number(k)] = rows.some((m) => ids.has(m.id)) ? rows.map((m) => (ids.has(m.id) ? change(m) : m)) : rows;
  }
  return out;
}

export function createInboxStore(api: MailApi, locale: () => Locale) {
  const later = coalescer();
  let detailRequest = 0;

  return createStore<InboxState>()((set, get) => {
    const fetchPage = async (page: number) => {
      const { generation, filter } = get();
      if (get().loadingPages[page]) return;
      set({ loadingPages: { ...get().loadingPages, [page]: true } });
      try {
        const res = await api.listMessages({ ...queryOf(filter), offset: page * PAGE_SIZE, limit: PAGE_SIZE });
        if (get().generation !== generation) return;
        const center = Math.floor((get().visible.start + get().visible.end) / 2 / PAGE_SIZE);
        const pages = evictPages({ ...get().pages, [page]: res.items }, center, MAX_CACHED_PAGES);
        const { [page]: _replaced, ...stalePages } = get().stalePages;
        set({ pages, stalePages, total: res.total, listError: null });
      } catch (err) {
        if (get().generation !== generation) return;
        set({ listError: toUserError(err, locale()) });
      } finally {
        if (get().generation === generation) {
          const { [page]: _done, ...loadingPages } = get().loadingPages;
          set({ loadingPages });
        }
      }
    };

    const reload = (keepStale: boolean) => {
      const s = get();
      set({
        generation: s.generation + 1,
        stalePages: keepStale ? { ...s.stalePages, ...s.pages } : {},
        pages: {},
        loadingPages: {},
        total: keepStale ? s.total : null,
      });
      get().ensureRange(get().visible.start, get().visible.end);
    };

    return {
      filter: { folder: 'inbox', triage: null, mailbox_id: null, unread_only: false, search: '' },
      checked: [],
      actionError: null,
      dismissActionError() {
        set({ actionError: null });
      },
      total: null,
      pages: {},
      stalePages: {},
      loadingPages: {},
      generation: 0,
      visible: { start: 0, end: PAGE_SIZE - 1 },
      listError: null,
      selectedId: null,
      detail: null,
      detailLoading: false,
      detailError: null,
      showImages: false,
      setFilter(patch) {
        set({ filter: { ...get().filter, ...patch }, visible: { start: 0, end: PAGE_SIZE - 1 }, checked: [] });
        reload(false);
      },
      ensureRange(start, end) {
        set({ visible: { start, end } });
        const { pages, total } = get();
        for (const p of pagesFor(start, end, total)) if (!pages[p]) void fetchPage(p);
      },
      refresh() {
        reload(true);
      },
      scheduleRefresh(delayMs = 400) {
        later(delayMs, () => get().refresh());
      },
      async open(id) {
        const request = ++detailRequest;
        set({ selectedId: id, detail: null, detailLoading: true, detailError: null, showImages: false });
        try {
          const detail = await api.getMessage({ id });
          if (request !== detailRequest) return;
          set({ detail, detailLoading: false });
          if (!detail.seen) {
            set({ detail: { ...detail, seen: true } });
            await get().setSeen([id], true);
          }
        } catch (err) {
          if (request !== detailRequest) return;
          set({ detailLoading: false, detailError: toUserError(err, locale()) });
        }
      },
      closeReader() {
        detailRequest++;
        set({ selectedId: null, detail: null, detailLoading: false, detailError: null, showImages: false });
      },
      async setSeen(ids, seen) {
        const set_ = new Set(ids);
        const apply = (value: boolean) => {
          set({
            pages: mapRows(get().pages, set_, (m) => ({ ...m, seen: value })),
            stalePages: mapRows(get().stalePages, set_, (m) => ({ ...m, seen: value })),
          });
        };
        apply(seen);
        try {
          await api.setSeen({ ids, seen });
        } catch (err) {
          apply(!seen);
          set({ listError: toUserError(err, locale()) });
        }
      },
      allowImages() {
        set({ showImages: true });
      },
      toggleChecked(id) {
        const c = get().checked;
        set({ checked: c.includes(id) ? c.filter((x) => x !== id) : [...c, id] });
      },
      clearChecked() {
        set({ checked: [] });
      },
      async setTriage(ids, ask, me) {
        if (ids.length === 0) return false;
        const idSet = new Set(ids);
        const change = (m: MessageSummary) => withTriage(m, ask, me);
        const s = get();
        set({
          actionError: null,
          pages: mapRows(s.pages, idSet, change),
          stalePages: mapRows(s.stalePages, idSet, change),
          checked: s.checked.filter((x) => !idSet.has(x)),
          ...(s.detail && idSet.has(s.detail.id) ? { detail: { ...s.detail, ...change(s.detail) } } : {}),
        });
        try {
          await api.setTriage({ ids, ...ask });
          // The rows may have left the view (done → out of "à traiter"): the list follows.
          if (s.filter.triage !== null) get().scheduleRefresh(50);
          return true;
        } catch (err) {
          set({ actionError: toUserError(err, locale()) });
          get().refresh();
          return false;
        }
      },
      async act(action, ids, folder) {
        if (ids.length === 0) return false;
        const idSet = new Set(ids);
        const s = get();
        const view = s.filter.folder;
        const { pages, removed } = applyToPages(s.pages, idSet, action, view, PAGE_SIZE);
        const detail = s.detail && idSet.has(s.detail.id) ? s.detail : null;
        const leaves = detail ? !staysInView(detail, action, view) : false;
        set({
          actionError: null,
          pages,
          stalePages: {},
          total: s.total === null ? null : Math.max(0, s.total - removed),
          checked: s.checked.filter((x) => !idSet.has(x)),
          ...(detail && !leaves ? { detail: { ...detail, ...changedRow(detail, action) } } : {}),
        });
        if (leaves) get().closeReader();
        try {
          const r = await api.messageAction({ ids, action, ...(folder ? { folder } : {}) });
          if (removed > 0 || r.skipped.length > 0) get().scheduleRefresh(50);
          return true;
        } catch (err) {
          set({ actionError: toUserError(err, locale()) });
          get().refresh();
          return false;
        }
      },
    };
  });
}
export type InboxStore = ReturnType<typeof createInboxStore>;
