// Shell-only preferences (window placement) in a small JSON file next to the database, via electron-store.
// Mail settings live in the core's SQLite; this file only holds what the Electron shell alone cares about.
import Store from 'electron-store';
import { parseSavedWindowState } from './window-bounds.js';
import type { SavedWindowState } from './window-bounds.js';

export interface ShellPreferences {
  getWindowState(): SavedWindowState | undefined;
  setWindowState(state: SavedWindowState): void;
}

interface PreferencesShape {
  window?: SavedWindowState;
}

export function openShellPreferences(dir: string): ShellPreferences {
  const store = new Store<PreferencesShape>({ name: 'shell-preferences', cwd: dir, clearInvalidConfig: true });
  return {
    getWindowState: () => parseSavedWindowState(store.get('window')),
    setWindowState: (state) => store.set('window', state),
  };
}

/** For tests and for a store that failed to open: remembers nothing across runs. */
export function inMemoryPreferences(initial?: SavedWindowState): ShellPreferences {
  let saved = initial;
  return {
    getWindowState: () => saved,
    setWindowState: (state) => {
      saved = state;
    },
  };
}
