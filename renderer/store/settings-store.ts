// UI language and notification preference (the locale switches at once; the API call follows), and the
// OAuth2 clients an administrator sets for Microsoft and Google sign-in.
import { createStore } from 'zustand/vanilla';
import type { MailApi } from '../../shared/api.js';
import type { Locale, Settings, SettingsPatch, UserError } from '../../shared/types.js';
import { toUserError } from '../lib/error-text.js';

export interface SettingsState {
  locale: Locale;
  notifications: boolean;
  loaded: boolean;
  error: UserError | null;
  /** What the core reports of each built-in provider's client (never a secret); null until loaded. */
  oauth: Settings['oauth'] | null;
  load(): Promise<void>;
  setLocale(locale: Locale): Promise<void>;
  setNotifications(on: boolean): Promise<void>;
  /** Resolves with the refusal (null when saved); the form shows it beside its fields. */
  saveOAuthClients(patch: NonNullable<SettingsPatch['oauth']>): Promise<UserError | null>;
}

/**
 * `followInitialUntilChosen`: in a browser, the initial locale is the browser's, and it wins over the core's
 * default until someone picks a language (Settings.locale_chosen).
 */
export function createSettingsStore(api: MailApi, initialLocale: Locale, followInitialUntilChosen = false) {
  return createStore<SettingsState>()((set, get) => ({
    locale: initialLocale,
    notifications: true,
    loaded: false,
    error: null,
    oauth: null,
    async load() {
      try {
        const s = await api.getSettings();
        const locale = followInitialUntilChosen && !s.locale_chosen ? get().locale : s.locale;
        set({ locale, notifications: s.notifications, oauth: s.oauth ?? null, loaded: true, error: null });
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
    async saveOAuthClients(patch) {
      try {
        const s = await api.updateSettings({ oauth: patch });
        set({ oauth: s.oauth ?? null });
        return null;
      } catch (err) {
        return toUserError(err, get().locale);
      }
    },
  }));
}
export type SettingsStore = ReturnType<typeof createSettingsStore>;
