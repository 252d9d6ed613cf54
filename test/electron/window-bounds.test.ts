import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_STATE, fitWindowState, MIN_WINDOW_SIZE, parseSavedWindowState } from '../../electron/main/window-bounds.js';

const laptop = { x: 0, y: 0, width: 1440, height: 860 };
const external = { x: 1440, y: 0, width: 2560, height: 1400 };

describe('window placement', () => {
  it('uses the default size, centred, the first time', () => {
    expect(fitWindowState(undefined, [laptop])).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('keeps a saved place that is still on a screen', () => {
    const saved = { x: 1600, y: 100, width: 1400, height: 900, maximized: false };
    expect(fitWindowState(saved, [laptop, external])).toEqual(saved);
  });

  it('drops a place on an unplugged screen, and shrinks to the largest screen left', () => {
    const saved = { x: 1600, y: 100, width: 2000, height: 1200, maximized: true };
    expect(fitWindowState(saved, [laptop])).toEqual({ width: 1440, height: 860, maximized: true });
  });

  it('drops a place whose title bar is off screen (window unreachable)', () => {
    expect(fitWindowState({ x: 100, y: -300, width: 1000, height: 700, maximized: false }, [laptop]).x).toBeUndefined();
    expect(fitWindowState({ x: 1400, y: 10, width: 1000, height: 700, maximized: false }, [laptop]).x).toBeUndefined();
  });

  it('never goes below the minimum size', () => {
    expect(fitWindowState({ width: 10, height: 10, maximized: false }, [laptop])).toMatchObject(MIN_WINDOW_SIZE);
  });

  it('reads back only a well-formed saved state', () => {
    expect(parseSavedWindowState({ x: 1, y: 2, width: 900.4, height: 600, maximized: true })).toEqual({ x: 1, y: 2, width: 900, height: 600, maximized: true });
    expect(parseSavedWindowState({ width: 900, height: 600, x: 'a' })).toEqual({ width: 900, height: 600, maximized: false });
    expect(parseSavedWindowState({ width: '900', height: 600 })).toBeUndefined();
    expect(parseSavedWindowState(null)).toBeUndefined();
    expect(parseSavedWindowState({ width: Infinity, height: 1 })).toBeUndefined();
  });
});
