// The list of mailboxes (colour, name, address, active), shared by the inbox chips and filter,
// the management screen and the wizard's default colour.
import { createStore } from 'zustand/vanilla';
import type { MailApi } from '../../shared/api.js';
import type { Locale, Mailbox, MailboxPatch, UserError } from '../../shared/types.js';
import { toUserError } from '../lib/error-text.js';

export interface MailboxesState {
  mailboxes: Mailbox[];
  loaded: boolean;
  error: UserError | null;
  load(): Promise<void>;
  /** Replaces one mailbox in place (after an update or a statusChanged event). */
  upsert(mailbox: Mailbox): void;
  update(id: number, patch: MailboxPatch): Promise<Mailbox>;
  setActive(id: number, active: boolean): Promise<void>;
  remove(id: number, keepMessages: boolean): Promise<void>;
}

export function createMailboxesStore(api: MailApi, locale: () => Locale) {
  return createStore<MailboxesState>()((set, get) => ({
    mailboxes: [],
    loaded: false,
    error: null,
    async load() {
      try {
        const mailboxes = await api.listMailboxes();
        set({ mailboxes, loaded: true, error: null });
      } catch (err) {
        set({ loaded: true, error: toUserError(err, locale()) });
      }
    },
    upsert(mailbox) {
      const list = get().mailboxes;
      const i = list.findIndex((m) => m.id === mailbox.id);
      set({ mailboxes: i === -1 ? [...list, mailbox] : list.map((m) => (m.id === mailbox.id ? mailbox : m)) });
    },
    async update(id, patch) {
      const updated = await api.updateMailbox({ id, patch });
      get().upsert(updated);
      return updated;
    },
    async setActive(id, active) {
      try {
        await get().update(id, { active });
        set({ error: null });
      } catch (err) {
        set({ error: toUserError(err, locale()) });
      }
    },
    async remove(id, keepMessages) {
      await api.deleteMailbox({ id, keep_messages: keepMessages });
      set({ mailboxes: get().mailboxes.filter((m) => m.id !== id) });
    },
  }));
}
export type MailboxesStore = ReturnType<typeof createMailboxesStore>;
