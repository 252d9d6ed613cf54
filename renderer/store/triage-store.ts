// Team triage (issue 16): who this install is, the colleagues learnt from the server's keywords, the count of
// each view and the mailboxes where triage stays local. Reloaded (coalesced) on every change event.
import { createStore } from 'zustand/vanilla';
import type { MailApi } from '../../shared/api.js';
import type { Locale, TriageOverview, UserError } from '../../shared/types.js';
import { toUserError } from '../lib/error-text.js';
import { coalescer } from '../lib/coalesce.js';

export interface TriageState {
  overview: TriageOverview | null;
  /** The last refusal of "who am I" (shown beside the field). */
  nameError: UserError | null;
  load(): Promise<void>;
  scheduleLoad(delayMs?: number): void;
  /** Resolves true when saved. */
  setMe(name: string): Promise<boolean>;
}

export function createTriageStore(api: MailApi, locale: () => Locale) {
  const later = coalescer();
  return createStore<TriageState>()((set, get) => ({
    overview: null,
    nameError: null,
    async load() {
      try {
        set({ overview: await api.getTriageOverview() });
      } catch {
        // Counts are a hint: the list itself reports errors.
      }
    },
    scheduleLoad(delayMs = 300) {
      later(delayMs, () => void get().load());
    },
    async setMe(name) {
      try {
        await api.updateSettings({ triage_name: name.trim() === '' ? null : name.trim() });
        set({ nameError: null });
        await get().load();
        return true;
      } catch (err) {
        set({ nameError: toUserError(err, locale()) });
        return false;
      }
    },
  }));
}
export type TriageStore = ReturnType<typeof createTriageStore>;
