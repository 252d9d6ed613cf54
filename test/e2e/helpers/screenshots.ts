// Screenshots of each screen for a reviewer: always under test-results/screenshots/; the ones the README
// shows are also copied to docs/screenshots/ when RELEVE_DOCS_SCREENSHOTS=1 (so a plain `npm test` leaves
// the committed images alone).
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-results', 'screenshots');
export const DOCS_SCREENSHOT_DIR = path.join(REPO_ROOT, 'docs', 'screenshots');

export async function screenshot(page: Page, name: string, opts: { docs?: string } = {}): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  // Caret and animations frozen: the pictures do not depend on timing.
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  if (opts.docs && process.env.RELEVE_DOCS_SCREENSHOTS === '1') {
    mkdirSync(DOCS_SCREENSHOT_DIR, { recursive: true });
    copyFileSync(file, path.join(DOCS_SCREENSHOT_DIR, `${opts.docs}.png`));
  }
  return file;
}
