// The sync-status panel and the language setting in real Chromium against `releve serve`, the real core
// and Dovecot: three mailboxes in sync, then one whose password was changed on the server goes to an
// error in plain words (what happened, what to do) while the other two stay green; the UI follows the
// language chosen in the settings, and keeps it after a reload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMessage } from '../fixtures/dovecot.js';
import { screenshot } from './helpers/screenshots.js';
import { startE2E } from './helpers/stack.js';
import type { E2EStack } from './helpers/stack.js';
import type { Mailbox } from '../../shared/types.js';

const USERS = [
  { user: 'accueil@example.test', password: 'Accueil-Secret-1' },
  { user: 'compta@example.test', password: 'Compta-Secret-2' },
  { user: 'direction@example.test', password: 'Direction-Secret-3' },
];
const NAMES = ['Accueil', 'Comptabilité', 'Direction'];

let s: E2EStack;
let boxes: Mailbox[];
/** The mailbox whose password changes on the server. */
let broken: Mailbox;
let healthy: Mailbox[];

beforeAll(async () => {
  s = await startE2E({ users: USERS, locale: 'en', idle: false });
  const now = Date.now();
  for (const [i, u] of USERS.entries()) {
    for (let n = 0; n <= i; n++) {
      await s.dovecot.append(u.user, makeMessage({ subject: `Message ${n + 1} for ${NAMES[i]}`, date: new Date(now - (n + 1) * 3_600_000) }));
    }
  }
  boxes = [];
  for (const [i, u] of USERS.entries()) boxes.push(await s.addMailbox(u.user, { name: NAMES[i] }));
  const results = await s.core.runOnce({ force: true });
  expect(results.map((r) => r.status)).toEqual(['success', 'success', 'success']);
  [, broken] = boxes as [Mailbox, Mailbox, Mailbox];
  healthy = boxes.filter((b) => b.id !== broken.id);
  await s.open();
});

afterAll(async () => {
  await s?.stop();
});

const badge = (m: Mailbox) => s.page.getByTestId(`status-badge-${m.id}`);

async function syncAllAndWait(): Promise<void> {
  const { page } = s;
  const button = page.getByTestId('sync-all');
  await button.click();
  // The button says "Syncing…" while any run is going, then comes back.
  await page.locator('[data-testid="sync-all"]:not([disabled])', { hasText: /^Sync all$|^Tout synchroniser$/ }).waitFor();
}

describe('sync-status panel', () => {
  it('shows every mailbox in success with its counts after the first sync', async () => {
    const { page } = s;
    await page.getByTestId('nav-status').click();
    await page.locator('#status-title').waitFor();
    for (const [i, m] of boxes.entries()) {
      expect(await badge(m).getAttribute('data-status')).toBe('success');
      expect(await badge(m).textContent()).toBe('Success');
      expect(await page.getByTestId(`status-counts-${m.id}`).textContent()).toBe(`${i + 1} · ${i + 1} unread`);
      expect(await page.getByTestId(`status-last-sync-${m.id}`).textContent()).toMatch(/now|second|minute/);
    }
    expect(await page.getByTestId('status-summary').textContent()).toBe('All mailboxes are up to date.');
    await screenshot(page, 'status-4-all-ok');
  });

  it('puts the mailbox whose password changed in error, in plain words, while the others stay green', async () => {
    const { page, core, dovecot } = s;
    await dovecot.setPassword(USERS[1]?.user ?? '', 'Changed-On-The-Server-9');
    const clickedAt = new Date().toISOString();
    await syncAllAndWait();

    await page.locator(`[data-testid="status-badge-${broken.id}"][data-status="error"]`).waitFor();
    expect(await badge(broken).textContent()).toBe('Error');
    const error = page.getByTestId(`status-error-${broken.id}`);
    expect(await error.getAttribute('data-error-code')).toBe('AUTH');
    expect(await error.locator('.error-message').textContent()).toBe('The server refused the user name or password.');
    expect(await error.locator('.error-hint').textContent()).toContain('app password');
    // The user can act on it: a button leads to the mailbox's settings.
    expect(await page.getByTestId(`status-fix-${broken.id}`).textContent()).toBe('Fix the settings');

    for (const m of healthy) {
      expect(await badge(m).getAttribute('data-status')).toBe('success');
      expect(await page.getByTestId(`status-error-${m.id}`).count()).toBe(0);
    }
    // The green ones did run in that pass: their success is fresh, not left over from before.
    const statuses = await core.api.getStatus();
    for (const st of statuses) expect(st.last_run?.finished_at ?? '', st.mailbox.name).toBeTruthy();
    for (const m of healthy) {
      const st = statuses.find((x) => x.mailbox.id === m.id);
      expect(st?.last_run?.started_at && st.last_run.started_at >= clickedAt, m.name).toBe(true);
      expect(st?.last_run?.status).toBe('success');
    }
    expect(await page.getByTestId('status-summary').getAttribute('data-kind')).toBe('error');
    expect(await page.getByTestId('status-summary').textContent()).toBe('1 mailbox in error: see below what to do.');
    expect(await page.getByTestId('nav-status').locator('.nav-count-error').textContent()).toBe('1');
    await screenshot(page, 'status-5-one-mailbox-in-error', { docs: 'status-error' });
  });
});

describe('language', () => {
  it('switches the whole UI to French from the settings, the status error included', async () => {
    const { page } = s;
    await page.getByTestId('nav-settings').click();
    await page.locator('#settings-title', { hasText: 'Settings' }).waitFor();
    expect(await page.getByTestId('settings-language').inputValue()).toBe('en');
    expect(await page.getByTestId('nav-status').locator('.nav-label').textContent()).toBe('Sync status');

    await page.getByTestId('settings-language').selectOption('fr');
    await page.locator('#settings-title', { hasText: 'Réglages' }).waitFor();
    expect(await page.getByTestId('nav-status').locator('.nav-label').textContent()).toBe('Synchronisations');
    expect(await page.getByTestId('nav-inbox').locator('.nav-label').textContent()).toBe('Boîte unifiée');
    // Every sidebar entry stays on one line in French too, count badges included (they used to wrap).
    const heights = await page.locator('.nav-item').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
    expect(Math.max(...heights) - Math.min(...heights)).toBeLessThan(2);
    const cut = await page.locator('.nav-label').evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth).length);
    expect(cut).toBe(0);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await screenshot(page, 'settings-1-french', { docs: 'settings' });

    await page.getByTestId('nav-status').click();
    const error = page.getByTestId(`status-error-${broken.id}`);
    expect(await error.locator('.error-message').textContent()).toBe('Identifiant ou mot de passe refusé par le serveur.');
    expect(await badge(broken).textContent()).toBe('Erreur');
    expect(await badge(healthy[0] as Mailbox).textContent()).toBe('Réussie');
    await screenshot(page, 'status-6-error-in-french');
  });

  it('keeps the chosen language after a reload (stored by the core), and switches back to English', async () => {
    const { page, core } = s;
    expect((await core.api.getSettings()).locale).toBe('fr');
    // The browser itself asks for English: only the saved setting can make the reloaded UI French.
    await page.reload();
    await page.locator('main.main[aria-busy="false"]').waitFor();
    expect(await page.getByTestId('nav-settings').locator('.nav-label').textContent()).toBe('Réglages');

    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-language').selectOption('en');
    await page.locator('#settings-title', { hasText: 'Settings' }).waitFor();
    expect(await page.getByTestId('nav-settings').locator('.nav-label').textContent()).toBe('Settings');
    await expect.poll(async () => (await core.api.getSettings()).locale).toBe('en');
    await screenshot(page, 'settings-2-english');
  });
});
