// Per-mailbox sync status: loaded from getStatus, then kept current by syncStarted / syncProgress /
// statusChanged events. "Sync now" calls resolve when the run ends; their errors are kept per mailbox.
import { createStore } from 'zustand/vanilla';
import type { MailApi, MailEvents } from '../../shared/api.js';
import type { Locale, MailboxStatus, SyncProgress, UserError } from '../../shared/types.js';
import { toUserError } from '../lib/error-text.js';

export type StatusBadge = 'syncing' | 'success' | 'error' | 'partial' | 'never';

export interface StatusState {
  statuses: Record<number, MailboxStatus>;
  /** Mailbox ids in the server's order. */
  order: number[];
  loaded: boolean;
  error: UserError | null;
  /** "Sync now" calls in flight, by mailbox id. */
  pending: Record<number, boolean>;
  allPending: boolean;
  /** Errors of the last "Sync now" call (not of the run itself, which is in the status). */
  syncErrors: Record<number, UserError>;
  load(): Promise<void>;
  applyStarted(e: MailEvents['syncStarted']): void;
  applyProgress(p: SyncProgress): void;
  applyStatus(s: MailboxStatus): void;
  forget(id: number): void;
  syncNow(id: number): Promise<void>;
  syncAll(): Promise<void>;
}

export function createStatusStore(api: MailApi, locale: () => Locale) {
  return createStore<StatusState>()((set, get) => {
    const patchStatus = (id: number, patch: Partial<MailboxStatus>) => {
      const s = get().statuses[id];
      if (!s) return false;
      set({ statuses: { ...get().statuses, [id]: { ...s, ...patch } } });
      return true;
    };
    return {
      statuses: {},
      order: [],
      loaded: false,
      error: null,
      pending: {},
      allPending: false,
      syncErrors: {},
      async load() {
        try {
          const list = await api.getStatus();
          const statuses: Record<number, MailboxStatus> = {};
          for (const s of list) statuses[s.mailbox.id] = s;
          set({ statuses, order: list.map((s) => s.mailbox.id), loaded: true, error: null });
        } catch (err) {
          set({ loaded: true, error: toUserError(err, locale()) });
        }
      },
      applyStarted({ mailbox_id }) {
        // A mailbox we have not loaded yet: the next statusChanged or load brings it.
        patchStatus(mailbox_id, { running: true, progress: null });
      },
      applyProgress(p) {
        patchStatus(p.mailbox_id, { running: true, progress: p });
      },
      applyStatus(s) {
        const id = s.mailbox.id;
        const order = get().order.includes(id) ? get().order : [...get().order, id];
        set({ statuses: { ...get().statuses, [id]: s }, order });
      },
      forget(id) {
        const { [id]: _gone, ...rest } = get().statuses;
        set({ statuses: rest, order: get().order.filter((x) => x !== id) });
      },
      async syncNow(id) {
        if (get().pending[id]) return;
        const { [id]: _old, ...syncErrors } = get().syncErrors;
        set({ pending: { ...get().pending, [id]: true }, syncErrors });
        patchStatus(id, { running: true });
        try {
          const result = await api.syncMailbox({ id });
          if (result.error) set({ syncErrors: { ...get().syncErrors, [id]: result.error } });
        } catch (err) {
          set({ syncErrors: { ...get().syncErrors, [id]: toUserError(err, locale()) } });
          patchStatus(id, { running: false, progress: null });
        } finally {
          const { [id]: _done, ...pending } = get().pending;
          set({ pending });
        }
      },
      async syncAll() {
        if (get().allPending) return;
        set({ allPending: true, syncErrors: {} });
        try {
          const results = await api.syncAll();
          const syncErrors: Record<number, UserError> = {};
          for (const r of results) if (r.error) syncErrors[r.mailbox_id] = r.error;
          set({ syncErrors });
        } catch (err) {
          set({ error: toUserError(err, locale()) });
        } finally {
          set({ allPending: false });
        }
      },
    };
  });
}
export type StatusStore = ReturnType<typeof createStatusStore>;

export function statusBadge(s: MailboxStatus): StatusBadge {
  if (s.running) return 'syncing';
  return s.mailbox.last_sync_status ?? 'never';
}

/** Health counts over the active mailboxes (paused ones expect nothing), for the banner and the sidebar. */
export function healthCounts(list: Iterable<MailboxStatus>): { active: number; ok: number; warning: number; error: number } {
  const out = { active: 0, ok: 0, warning: 0, error: 0 };
  for (const s of list) {
    if (!s.mailbox.active) continue;
    out.active++;
    out[s.health]++;
  }
  return out;
}

export function isBusy(state: Pick<StatusState, 'pending' | 'allPending'>, s: MailboxStatus): boolean {
  return s.running || state.allPending || Boolean(state.pending[s.mailbox.id]);
}

/** Fraction 0..1 of the current run, or null when the total is not known yet. */
export function progressFraction(p: SyncProgress | null): number | null {
  if (!p || p.total <= 0) return null;
  return Math.min(1, Math.max(0, p.done / p.total));
}
