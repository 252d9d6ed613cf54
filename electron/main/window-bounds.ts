// Restoring the window where the user left it, unless that place no longer exists (monitor unplugged,
// resolution changed): then the size is kept and the window is centred. Pure.
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SavedWindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: SavedWindowState = { width: 1200, height: 780, maximized: false };
export const MIN_WINDOW_SIZE = { width: 800, height: 560 } as const;

/** How much of the title bar must be on a screen to consider the saved position usable. */
const VISIBLE_GRIP = { width: 120, height: 40 } as const;

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Accepts only a well-formed saved state (the preferences file is user-editable). */
export function parseSavedWindowState(v: unknown): SavedWindowState | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const s = v as Record<string, unknown>;
  if (!isFiniteNumber(s.width) || !isFiniteNumber(s.height)) return undefined;
  const out: SavedWindowState = { width: Math.round(s.width), height: Math.round(s.height), maximized: s.maximized === true };
  if (isFiniteNumber(s.x) && isFiniteNumber(s.y)) {
    out.x = Math.round(s.x);
    out.y = Math.round(s.y);
  }
  return out;
}

function overlap(a: Rect, b: Rect): Rect {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  return { x, y, width: Math.min(a.x + a.width, b.x + b.width) - x, height: Math.min(a.y + a.height, b.y + b.height) - y };
}

export function fitWindowState(saved: SavedWindowState | undefined, workAreas: readonly Rect[]): SavedWindowState {
  const base = saved ?? DEFAULT_WINDOW_STATE;
  const largest = workAreas.reduce<Rect | null>((m, a) => (!m || a.width * a.height > m.width * m.height ? a : m), null);
  const width = Math.max(MIN_WINDOW_SIZE.width, largest ? Math.min(base.width, largest.width) : base.width);
  const height = Math.max(MIN_WINDOW_SIZE.height, largest ? Math.min(base.height, largest.height) : base.height);
  const out: SavedWindowState = { width, height, maximized: base.maximized };
  if (base.x === undefined || base.y === undefined) return out;
  const titleBar: Rect = { x: base.x, y: base.y, width, height: VISIBLE_GRIP.height };
  const reachable = workAreas.some((area) => {
    const o = overlap(titleBar, area);
    return o.width >= Math.min(VISIBLE_GRIP.width, width) && o.height >= VISIBLE_GRIP.height;
  });
  if (reachable) {
    out.x = base.x;
    out.y = base.y;
  }
  return out;
}
