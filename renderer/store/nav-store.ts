// Which screen the main area shows. No router: four screens and a wizard do not need URLs, and the URL
// fragment is reserved for the access token.
import { createStore } from 'zustand/vanilla';

export type Screen = 'inbox' | 'status' | 'mailboxes' | 'settings' | 'wizard';

export interface NavState {
  screen: Screen;
  /** Mailbox whose edit form is open on the mailboxes screen. */
  editingMailboxId: number | null;
  go(screen: Screen): void;
  editMailbox(id: number | null): void;
}

export function createNavStore(initial: Screen = 'inbox') {
  return createStore<NavState>()((set) => ({
    screen: initial,
    editingMailboxId: null,
    go(screen) {
      set({ screen, editingMailboxId: null });
    },
    editMailbox(id) {
      set({ screen: 'mailboxes', editingMailboxId: id });
    },
  }));
}
export type NavStore = ReturnType<typeof createNavStore>;
