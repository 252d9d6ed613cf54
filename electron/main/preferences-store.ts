// ShellPreferences in a small JSON file next to the database (shell-preferences.json), via electron-store,
// which writes atomically. The file is user-editable, so what is read back is validated.
import Store from 'electron-store';
import type { ShellPreferences } from './preferences.js';
import { parseSavedWindowState } from './window-bounds.js';
import type { SavedWindowState } from './window-bounds.js';

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
