// Messages per view (Inbox, Sent, Spam, Archive, Trash, All) across every mailbox, for the sidebar.
import { createStore } from 'zustand/vanilla';
import type { MailApi } from '../../shared/api.js';
import type { FolderCounts } from '../../shared/types.js';
import { coalescer } from '../lib/coalesce.js';

export interface FolderCountsState {
  counts: FolderCounts | null;
  load(): Promise<void>;
  /** Coalesces bursts of change events (a sync, a bulk action) into one reload. */
  scheduleLoad(delayMs?: number): void;
}

export function createFolderCountsStore(api: MailApi) {
  const later = coalescer();
  return createStore<FolderCountsState>()((set, get) => ({
    counts: null,
    async load() {
      try {
        set({ counts: await api.getFolderCounts() });
      } catch {
        // Counts are a hint: the list itself reports errors.
      }
    },
    scheduleLoad(delayMs = 400) {
      later(delayMs, () => void get().load());
    },
  }));
}
export type FolderCountsStore = ReturnType<typeof createFolderCountsStore>;
