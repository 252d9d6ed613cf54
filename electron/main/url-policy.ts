// Which URLs the window may show, which the IPC host trusts, and which go to the user's browser. Pure.
import path from 'node:path';

/**
 * The one page the window loads: the built renderer served on app://releve/ (app-protocol.ts, never file://)
 * from `dir`, or, in development, the Vite dev server.
 */
export type AppPage = { kind: 'app'; url: string; dir: string } | { kind: 'dev'; url: string; origin: string };

/** Kept in step with app-protocol.ts (which imports electron; this module stays pure). */
const APP_INDEX_URL = 'app://releve/index.html';

export function appPageFor(rendererIndexPath: string, devServerUrl?: string | null): AppPage {
  if (devServerUrl) {
    const u = new URL(devServerUrl);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`RELEVE_RENDERER_URL must be http(s): ${devServerUrl}`);
    return { kind: 'dev', url: u.href, origin: u.origin };
  }
  return { kind: 'app', url: APP_INDEX_URL, dir: path.dirname(rendererIndexPath) };
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for the app's own page (any #route or ?query of it), nothing else: not another file, not a frame. */
export function isAppPageUrl(page: AppPage, url: string): boolean {
  const u = parse(url);
  if (!u) return false;
  if (page.kind === 'dev') return u.origin === page.origin;
  const own = new URL(page.url);
  return u.protocol === own.protocol && u.host === own.host && u.pathname === own.pathname;
}

/** Links a user may follow outside the app: web pages and mail addresses, never file:, javascript:, custom schemes. */
export function isExternalLink(url: string): boolean {
  const u = parse(url);
  return !!u && (u.protocol === 'https:' || u.protocol === 'http:' || u.protocol === 'mailto:');
}
