// Records every value a progress bar shows, from inside the page, so a test can prove the bar moved even
// when the sync is too quick to catch with a screenshot. (Page-side code is a string: the Node tsconfig
// has no DOM types.)
import type { Page } from 'playwright-core';

export interface ProgressValue {
  now: number;
  max: number;
}

const RECORDER = `(() => {
  const seen = [];
  window.__releveProgress = seen;
  const scan = () => {
    for (const el of document.querySelectorAll('[role="progressbar"]')) {
      if (!el.hasAttribute('aria-valuenow')) continue;
      const now = Number(el.getAttribute('aria-valuenow'));
      const max = Number(el.getAttribute('aria-valuemax'));
      const last = seen[seen.length - 1];
      if (!last || last.now !== now || last.max !== max) seen.push({ now, max });
    }
  };
  new MutationObserver(scan).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
})();`;

export async function recordProgressBars(page: Page): Promise<void> {
  await page.addInitScript(RECORDER);
}

export async function progressValues(page: Page): Promise<ProgressValue[]> {
  return await page.evaluate<ProgressValue[]>('window.__releveProgress || []');
}

// The few DOM shapes the page-side predicate uses (no DOM lib in this tsconfig).
interface PageElement {
  getAttribute(name: string): string | null;
}
interface PageGlobals {
  document: { querySelector(selector: string): PageElement | null };
}

/**
 * Waits until mailbox `id`'s bar shows a value strictly between 0 and its total ('midway'), or its badge
 * says `doneStatus` ('done'), whichever comes first. A function, not a string: the app's CSP forbids eval.
 */
export async function waitForMidwayOrDone(page: Page, id: number, doneStatus: string, timeout: number): Promise<'midway' | 'done'> {
  const handle = await page.waitForFunction(
    ({ id, doneStatus }) => {
      const doc = (globalThis as unknown as PageGlobals).document;
      const bar = doc.querySelector(`[data-testid="status-progress-${id}"] [role="progressbar"]`);
      const now = Number(bar?.getAttribute('aria-valuenow') ?? 0);
      if (bar && now > 0 && now < Number(bar.getAttribute('aria-valuemax'))) return 'midway';
      return doc.querySelector(`[data-testid="status-badge-${id}"][data-status="${doneStatus}"]`) ? 'done' : false;
    },
    { id, doneStatus },
    { polling: 'raf', timeout },
  );
  return (await handle.jsonValue()) as 'midway' | 'done';
}
