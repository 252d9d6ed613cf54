// `releve serve` without a terminal in real Chromium: the printed one-time login link logs the browser in
// (session cookie), a new tab or a bookmark on "/" then shows the inbox, a browser that never opened the link
// is told how to log in, and the interface follows the browser's language until someone picks one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMessage } from '../fixtures/dovecot.js';
import { screenshot } from './helpers/screenshots.js';
import { startE2E } from './helpers/stack.js';
import type { E2EStack } from './helpers/stack.js';

const USER = { user: 'contact@example.test', password: 'Contact-Secret-1' };
let s: E2EStack;

beforeAll(async () => {
  // The core's default language is English (the computer's); the browser below is French.
  s = await startE2E({ users: [USER], locale: 'en', idle: false });
  await s.dovecot.append(USER.user, makeMessage({ subject: 'Demande de devis' }));
  await s.addMailbox(USER.user, { name: 'Contact' });
  await s.core.runOnce({ force: true });
});
afterAll(async () => s?.stop());

describe('web mode login', () => {
  it('the login link opens the inbox; a new tab on / shows it too, in the browser’s language', async () => {
    const context = await s.browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      await page.goto(s.server.loginLink().url);
      // Redirected to "/", the code gone from the address bar.
      expect(new URL(page.url()).pathname).toBe('/');
      expect(page.url()).not.toContain('code=');
      await page.locator('main.main[aria-busy="false"]').waitFor();
      await page.getByText('Demande de devis').first().waitFor();
      expect(await page.getByTestId('nav-inbox').textContent()).toContain('Boîte unifiée');
      const cookies = await context.cookies();
      expect(cookies.find((c) => c.name === 'releve_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });

      const tab = await context.newPage();
      await tab.goto(`${s.server.url}/`);
      await tab.locator('main.main[aria-busy="false"]').waitFor();
      await tab.getByText('Demande de devis').first().waitFor();
      expect(await tab.getByTestId('no-token').count()).toBe(0);
      await screenshot(tab, 'web-login-new-tab');
    } finally {
      await context.close();
    }
  });

  it('a browser that never opened a link is told how to log in', async () => {
    const context = await s.browser.newContext({ locale: 'en-US' });
    try {
      const page = await context.newPage();
      await page.goto(`${s.server.url}/`);
      const card = page.getByTestId('token-refused');
      await card.waitFor();
      expect(await card.textContent()).toContain('releve web-link');
      await screenshot(page, 'web-login-not-logged-in');
    } finally {
      await context.close();
    }
  });
});
