// Shell-only preferences (window placement). Mail settings live in the core's SQLite; this is only what the
// Electron shell alone cares about. The file-backed implementation is preferences-store.ts (electron-store).
import type { SavedWindowState } from './window-bounds.js';

export interface ShellPreferences {
  getWindowState(): SavedWindowState | undefined;
  setWindowState(state: SavedWindowState): void;
}

/** For tests, and for a preferences file that cannot be opened: remembers nothing across runs. */
export function inMemoryPreferences(initial?: SavedWindowState): ShellPreferences {
  let saved = initial;
  return {
    getWindowState: () => saved,
    setWindowState: (state) => {
      saved = state;
    },
  };
}
