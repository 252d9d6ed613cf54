// UI language and notification preference. The locale switches at once; the API call follows.
import { createStore } from 'zustand/vanilla';
import type { MailApi } from '../../shared/api.js';
import type { Locale, UserError } from '../../shared/types.js';
import { toUserError } from '../lib/error-text.js';

export interface SettingsState {
  locale: Locale;
  notifications: boolean;
  loaded: boolean;
  error: UserError | null;
  load(): Promise<void>;
  setLocale(locale: Locale): Promise<void>;
  setNotifications(on: boolean): Promise<void>;
}

export function createSettingsStore(api: MailApi, initialLocale: Locale) {
  return createStore<SettingsState>()((set, get) => ({
    locale: initialLocale,
    notifications: true,
    loaded: false,
    error: null,
    async load() {
      try {
        const s = await api.getSettings();
        set({ locale: s.locale, notifications: s.notifications, loaded: true, error: null });
      } catch (err) {
        // Keep the locale guessed from the browser: the app stays usable.
        set({ loaded: true, error: toUserError(err, get().locale) });
      }
    },
    async setLocale(locale) {
      set({ locale });
      try {
        const s = await api.updateSettings({ locale });
        set({ notifications: s.notifications, error: null });
      } catch (err) {
        set({ error: toUserError(err, locale) });
      }
    },
    async setNotifications(on) {
      const before = get().notifications;
      set({ notifications: on });
      try {
        const s = await api.updateSettings({ notifications: on });
        set({ notifications: s.notifications, error: null });
      } catch (err) {
        set({ notifications: before, error: toUserError(err, get().locale) });
      }
    },
  }));
}
export type SettingsStore = ReturnType<typeof createSettingsStore>;
