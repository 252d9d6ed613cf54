// Desktop app: when the sync engine's process dies and the app restarts it, the page says "Reconnexion…" /
// "Reconnecting…", then reloads what it shows once the engine is back.
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { followCoreState } from '../../renderer/connection/core-link.js';
import { ConnectionBanner } from '../../renderer/features/app/ConnectionBanner.js';
import type { CoreLinkView } from '../../shared/shell.js';
import type { Locale } from '../../shared/types.js';
import { FakeMailApi } from './fake-api.js';
import { renderWith } from './render-app.js';

afterEach(cleanup);

/** The preload's shell.onCoreState, driven by the test as main would push the states. */
function coreStates() {
  const listeners = new Set<(s: CoreLinkView) => void>();
  return {
    onCoreState(l: (s: CoreLinkView) => void) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    push: (s: CoreLinkView) => act(() => listeners.forEach((l) => l(s))),
    count: () => listeners.size,
  };
}

describe.each([
  ['fr', 'Reconnexion…', /moteur de synchronisation/],
  ['en', 'Reconnecting…', /sync engine/],
] as Array<[Locale, string, RegExp]>)('core process restart banner (%s)', (locale, title, hint) => {
  it('shows while the engine restarts, then hides and reloads once it is back', () => {
    const { stores } = renderWith(new FakeMailApi(), { locale, ui: <ConnectionBanner /> });
    const states = coreStates();
    let reloads = 0;
    const off = followCoreState(states, { setState: (s) => stores.connection.getState().setState(s), recovered: () => reloads++ });

    states.push('ready'); // the state at subscription: nothing to show, nothing to reload
    expect(screen.queryByTestId('core-restarting')).toBeNull();
    expect(reloads).toBe(0);

    states.push('reconnecting');
    const banner = screen.getByTestId('core-restarting');
    expect(banner.textContent).toContain(title);
    expect(banner.textContent).toMatch(hint);
    expect(reloads).toBe(0);

    states.push('ready');
    expect(screen.queryByTestId('core-restarting')).toBeNull();
    expect(stores.connection.getState().state).toBe('desktop');
    expect(reloads).toBe(1);
    states.push('ready');
    expect(reloads).toBe(1);

    off();
    expect(states.count()).toBe(0);
  });
});
