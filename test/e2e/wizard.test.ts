// Adding a mailbox through the wizard in real Chromium, against `releve serve`, the real core and Dovecot:
// the provider is recognised from the address, a wrong password fails with the AUTH words and the
// provider's app-password steps, the right one succeeds with the message count; then the first sync shows
// its progress and the mail lands in the unified inbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMessage } from '../fixtures/dovecot.js';
import { progressValues, recordProgressBars, waitForMidwayOrDone } from './helpers/progress-recorder.js';
import { screenshot } from './helpers/screenshots.js';
import { startE2E } from './helpers/stack.js';
import type { E2EStack } from './helpers/stack.js';

// Dovecot takes any login name: an orange.fr address lets the wizard recognise Orange while the real
// server behind it is the local one.
const ORANGE = { user: 'compta@orange.fr', password: 'Bon-Mot-De-Passe-1' };
const OTHER = { user: 'alice@example.test', password: 'alice-Secret-1' };
const FIRST_SYNC_COUNT = 2000;

let s: E2EStack;

beforeAll(async () => {
  s = await startE2E({ users: [ORANGE, OTHER], locale: 'fr' });
  const base = Date.now() - FIRST_SYNC_COUNT * 60_000;
  await s.dovecot.appendMany(
    ORANGE.user,
    Array.from({ length: FIRST_SYNC_COUNT }, (_, i) =>
      makeMessage({
        subject: `Facture n° ${String(i + 1).padStart(4, '0')}`,
        from: 'Fournisseur Durand <factures@durand.example>',
        body: `Bonjour,\n\nVeuillez trouver la facture ${i + 1}.\n`,
        date: new Date(base + i * 60_000),
      }),
    ),
  );
  await recordProgressBars(s.page);
  await s.open();
});

afterAll(async () => {
  await s?.stop();
});

describe('setup wizard', () => {
  it('opens by itself on first launch and recognises Orange from the address, with its app-password steps', async () => {
    const { page } = s;
    await page.getByTestId('wizard-step-email').waitFor();
    await expect(page.locator('#wizard-title').textContent()).resolves.toContain('Bienvenue');
    await page.getByTestId('wizard-email-input').fill(ORANGE.user);
    await page.getByTestId('wizard-email-next').click();

    await page.getByTestId('wizard-step-server').waitFor();
    expect(await page.getByTestId('wizard-provider-name').textContent()).toBe('Orange');
    const help = page.getByTestId('wizard-app-password-help');
    await help.waitFor();
    expect(await help.textContent()).toContain("Mots de passe d'application");
    expect(await page.getByTestId('wizard-step-server').textContent()).toContain('imap.orange.fr:993');
    await screenshot(page, 'wizard-1-provider-detected', { docs: 'wizard-provider' });
  });

  it('takes the custom server settings (the real server here is the local Dovecot)', async () => {
    const { page, dovecot } = s;
    await page.getByTestId('wizard-advanced-toggle').click();
    await page.getByTestId('wizard-server-input').fill('127.0.0.1');
    await page.getByTestId('wizard-port-input').fill(String(dovecot.imapsPort));
    expect(await page.getByTestId('wizard-ssl-checkbox').isChecked()).toBe(true);
    expect(await page.getByTestId('wizard-username-input').inputValue()).toBe(ORANGE.user);
    await screenshot(page, 'wizard-2-advanced-settings');
    await page.getByTestId('wizard-server-next').click();
    await page.getByTestId('wizard-step-password').waitFor();
    expect(await page.getByTestId('wizard-step-password').textContent()).toContain(`127.0.0.1:${dovecot.imapsPort}`);
  });

  it('fails the connection test with a wrong password: AUTH in plain words and the Orange app-password steps', async () => {
    const { page } = s;
    // Going on is not possible before a successful test.
    expect(await page.getByTestId('wizard-password-next').isDisabled()).toBe(true);
    await page.getByTestId('wizard-password-input').fill('mauvais-mot-de-passe');
    await page.getByTestId('wizard-test-button').click();
    const error = page.getByTestId('wizard-test-error');
    await error.waitFor();
    expect(await error.getAttribute('data-error-code')).toBe('AUTH');
    expect(await error.locator('.error-message').textContent()).toBe('Identifiant ou mot de passe refusé par le serveur.');
    expect(await error.locator('.error-hint').textContent()).toContain("mot de passe d'application");
    const help = error.getByTestId('wizard-app-password-help');
    await help.waitFor();
    expect(await help.textContent()).toContain('Orange');
    expect(await help.locator('.help-steps li').count()).toBeGreaterThanOrEqual(3);
    expect(await page.getByTestId('wizard-password-next').isDisabled()).toBe(true);
    await screenshot(page, 'wizard-3-wrong-password', { docs: 'wizard-auth-error' });
  });

  it('succeeds with the right password and shows how many messages the mailbox holds', async () => {
    const { page } = s;
    await page.getByTestId('wizard-password-input').fill(ORANGE.password);
    // Typing a new password clears the old verdict.
    expect(await page.getByTestId('wizard-test-error').count()).toBe(0);
    await page.getByTestId('wizard-test-button').click();
    const ok = page.getByTestId('wizard-test-success');
    await ok.waitFor();
    expect(await ok.textContent()).toMatch(/Connexion réussie : 2\s000 messages/u);
    await screenshot(page, 'wizard-4-test-ok');
    await page.getByTestId('wizard-password-next').click();
  });

  it('asks for the name and the interval, then creates the mailbox with them', async () => {
    const { page, core } = s;
    await page.getByTestId('wizard-step-finish').waitFor();
    expect(await page.getByTestId('wizard-name-input').inputValue()).toBe(`Orange – ${ORANGE.user}`);
    await page.getByTestId('wizard-name-input').fill('Compta Orange');
    await page.getByTestId('wizard-interval-input').fill('15');
    await screenshot(page, 'wizard-5-finish');
    await page.getByTestId('wizard-create').click();
    // The wizard hands over to the status panel, where the first sync shows.
    await page.locator('#status-title').waitFor();
    const boxes = await core.api.listMailboxes();
    expect(boxes).toHaveLength(1);
    expect(boxes[0]).toMatchObject({
      name: 'Compta Orange',
      email_address: ORANGE.user,
      imap_server: '127.0.0.1',
      imap_port: s.dovecot.imapsPort,
      use_ssl: true,
      sync_interval_minutes: 15,
      preset_id: 'orange',
      has_password: true,
    });
  });
});

describe('first sync', () => {
  it('shows its progress on the status panel and ends in success with every message', async () => {
    const { page, core } = s;
    const [box] = await core.api.listMailboxes();
    if (!box) throw new Error('no mailbox');
    const progress = page.getByTestId(`status-progress-${box.id}`);
    const badge = page.getByTestId(`status-badge-${box.id}`);
    // Catch the bar half-way for the screenshot if the sync is still running; the recorder proves it
    // moved either way.
    const seen = await waitForMidwayOrDone(page, box.id, 'success', 30_000);
    if (seen === 'midway') await screenshot(page, 'status-1-first-sync-progress', { docs: 'status-first-sync' });
    await page.locator(`[data-testid="status-badge-${box.id}"][data-status="success"]`).waitFor({ timeout: 30_000 });
    expect(await badge.textContent()).toBe('Réussie');
    expect(await progress.count()).toBe(0);
    const values = await progressValues(page);
    // A bar was drawn with the true total and at least one value on the way (not only the end).
    expect(values.some((v) => v.max === FIRST_SYNC_COUNT && v.now > 0 && v.now < FIRST_SYNC_COUNT)).toBe(true);
    expect(await page.getByTestId(`status-counts-${box.id}`).textContent()).toMatch(/^2\s000/u);
    expect(await page.getByTestId('status-summary').getAttribute('data-kind')).toBe('ok');
    await screenshot(page, 'status-2-first-sync-done');
  });

  it('puts the messages in the unified inbox, newest first', async () => {
    const { page } = s;
    await page.getByTestId('nav-inbox').click();
    const list = page.getByTestId('msg-list');
    await page.locator(`[data-testid="msg-list"][data-total="${FIRST_SYNC_COUNT}"]`).waitFor();
    expect(await page.getByTestId('inbox-count').textContent()).toMatch(/2\s000 messages/u);
    const first = list.getByTestId('msg-row').first();
    await first.waitFor();
    expect(await first.locator('.msg-subject').textContent()).toBe('Facture n° 2000');
    expect(await first.locator('.msg-from').textContent()).toContain('Fournisseur Durand');
    // Virtualized: a screenful of rows exists, not two thousand.
    const rendered = await list.getByTestId('msg-row').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(100);
    await screenshot(page, 'inbox-1-after-first-sync');
  });
});
