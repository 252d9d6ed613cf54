// Live health in real Chromium against `releve serve`, the real core and Dovecot behind a TCP proxy that can
// go down: "Toutes les boîtes sont à jour" while the mailbox is healthy, a non-ok banner during the outage
// without any click (the mailbox's health line in words, no "Corriger les réglages" for a network error), and
// back to "à jour" after it. Timings are injected short (grace 1.5 s, reconnect ≤ 0.4 s).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mailbox } from '../../shared/types.js';
import { makeMessage } from '../fixtures/dovecot.js';
import { startTcpProxy, type TcpProxy } from '../fixtures/net-tools.js';
import { screenshot } from './helpers/screenshots.js';
import { startE2E, type E2EStack } from './helpers/stack.js';

const USERS = [
  { user: 'accueil@example.test', password: 'Accueil-Secret-1' },
  { user: 'compta@example.test', password: 'Compta-Secret-2' },
];

let s: E2EStack;
let proxy: TcpProxy;
let box: Mailbox;
let compta: Mailbox;

beforeAll(async () => {
  s = await startE2E({
    users: USERS,
    locale: 'fr',
    idleOptions: { baseRetryMs: 100, maxRetryMs: 400 },
    health: { connectionGraceMs: 1_500, checkMs: 100 },
  });
  proxy = await startTcpProxy(s.dovecot.imapsPort!);
  await s.dovecot.append(USERS[0]!.user, makeMessage({ subject: 'Devis signé' }));
  // One message sent to both mailboxes (same Message-ID): two stored copies, one row in the unified inbox.
  const shared = makeMessage({ subject: 'Réunion de lundi', messageId: '<reunion-lundi@example.test>' });
  await s.dovecot.append(USERS[0]!.user, shared);
  await s.dovecot.append(USERS[1]!.user, shared);
  await s.dovecot.append(USERS[1]!.user, makeMessage({ subject: 'Facture 42' }));
  box = await s.addMailbox(USERS[0]!.user, { name: 'Accueil', imap_port: proxy.port, sync_interval_minutes: 1440 });
  await s.core.runOnce({ mailboxIds: [box.id], force: true });
  compta = await s.addMailbox(USERS[1]!.user, { name: 'Compta', sync_interval_minutes: 1440 });
  await s.core.runOnce({ mailboxIds: [compta.id], force: true });
  await s.open();
});

afterAll(async () => {
  await s?.stop();
  await proxy?.close();
});

const summary = () => s.page.getByTestId('status-summary');

describe('numbers that agree', () => {
  it('the unread badge equals the unread list, and the panel says which copies the inbox shows once', async () => {
    const { page } = s;
    await page.getByTestId('nav-inbox').click();
    const rows = page.getByTestId('msg-list').getByTestId('msg-row');
    await rows.first().waitFor();
    // 4 stored unread copies (2 + 2 with the shared one), 3 rows in the inbox.
    const statuses = await s.core.api.getStatus();
    expect(statuses.reduce((n, x) => n + x.unread_count, 0)).toBe(4);
    const unreadRows = await rows.and(page.locator('[data-unread="true"]')).count();
    expect(unreadRows).toBe(3);
    expect(await page.getByTestId('nav-inbox').locator('.nav-count').textContent()).toBe(String(unreadRows));
    // « Réception » says the same: one count in the core for both (store/view-counts.ts).
    expect(await page.getByTestId('view-count-inbox').textContent()).toBe(String(unreadRows));
    await page.getByTestId('nav-status').click();
    const later = statuses.find((x) => x.duplicate_count > 0)!;
    expect(later.mailbox.id).toBe(compta.id);
    expect(await page.getByTestId(`status-duplicates-${compta.id}`).textContent()).toBe(
      'dont 1 aussi reçu par une autre boîte : la boîte de réception unifiée ne l’affiche qu’une fois',
    );
    expect(await page.getByTestId(`status-duplicates-${box.id}`).count()).toBe(0);
  });
});

describe('status banner follows live health', () => {
  it('says every mailbox is up to date once synced and listening, with the last success beside the last attempt', async () => {
    const { page } = s;
    await page.getByTestId('nav-status').click();
    await page.locator('[data-testid="status-summary"][data-kind="ok"]').waitFor();
    expect(await summary().textContent()).toBe('Toutes les boîtes sont à jour.');
    const health = page.getByTestId(`status-health-${box.id}`);
    expect(await health.getAttribute('data-health')).toBe('ok');
    expect(await health.textContent()).toBe('À jour.');
    expect(await page.getByTestId(`status-last-success-${box.id}`).textContent()).toMatch(/seconde|minute|maintenant/);
    await screenshot(page, 'health-1-ok');
  });

  it('turns non-ok during an outage with no click, and ok again after it', async () => {
    const { page } = s;
    const t0 = Date.now();
    proxy.down();
    await page.locator('[data-testid="status-summary"]:not([data-kind="ok"]):not([data-kind="syncing"])').waitFor();
    const kind = await summary().getAttribute('data-kind');
    expect(['warning', 'error']).toContain(kind);
    const health = page.getByTestId(`status-health-${box.id}`);
    await page.locator(`[data-testid="status-health-${box.id}"][data-health="error"]`).waitFor();
    const tDown = Date.now() - t0;
    expect(await health.textContent()).toBe('Impossible de joindre le serveur.');
    expect(await summary().textContent()).toBe('1 boîte en erreur : voir ci-dessous ce qu’il faut faire.');
    // A network outage is not a settings error: no "Corriger les réglages".
    expect(await page.getByTestId(`status-error-${box.id}`).getAttribute('data-error-code')).toBe('NETWORK');
    expect(await page.getByTestId(`status-fix-${box.id}`).count()).toBe(0);
    expect(await page.getByTestId(`status-error-${box.id}`).locator('.error-hint').textContent()).toContain('rien à corriger dans les réglages');
    expect(await page.getByTestId('nav-status').locator('.nav-count-error').textContent()).toBe('1');
    await screenshot(page, 'health-2-outage', { docs: 'status-outage' });

    const t1 = Date.now();
    proxy.up();
    await page.locator('[data-testid="status-summary"][data-kind="ok"]').waitFor();
    const tUp = Date.now() - t1;
    expect(await health.getAttribute('data-health')).toBe('ok');
    expect(await page.getByTestId('nav-status').locator('.nav-count').count()).toBe(0);
    console.log(`e2e: banner non-ok ${tDown} ms after the outage began, "à jour" ${tUp} ms after it ended`);
  });
});

describe('wizard diagnoses against the real server', () => {
  it('SSL/TLS unticked on the SSL port: "ce port attend SSL/TLS" with a one-click switch; then the duplicate is refused', async () => {
    const { page, dovecot } = s;
    await page.getByTestId('nav-add-mailbox').click();
    await page.getByTestId('wizard-email-input').fill(USERS[0]!.user);
    await page.getByTestId('wizard-email-next').click();
    await page.getByTestId('wizard-step-server').waitFor();
    if ((await page.getByTestId('wizard-server-input').count()) === 0) await page.getByTestId('wizard-advanced-toggle').click();
    await page.getByTestId('wizard-server-input').fill('127.0.0.1');
    if (await page.getByTestId('wizard-ssl-checkbox').isChecked()) await page.getByTestId('wizard-ssl-checkbox').click();
    // The walk-through's mistake: the SSL port with SSL unticked.
    await page.getByTestId('wizard-port-input').fill(String(dovecot.imapsPort));
    await page.getByTestId('wizard-server-next').click();
    await page.getByTestId('wizard-password-input').fill(USERS[0]!.password);
    const t0 = Date.now();
    await page.getByTestId('wizard-test-button').click();
    // Every running test can be cancelled.
    expect(await page.getByTestId('wizard-test-running').getByTestId('test-cancel').count()).toBe(1);
    const error = page.getByTestId('wizard-test-error');
    await error.waitFor();
    const tDiag = Date.now() - t0;
    expect(await error.getAttribute('data-error-code')).toBe('TLS_PORT_NEEDS_SSL');
    expect(await error.locator('.error-message').textContent()).toBe('Ce port attend une connexion SSL/TLS.');
    await screenshot(page, 'health-3-wizard-port-expects-ssl');
    await error.getByTestId('test-switch-ssl').click();
    // The login now works, and the core says this mailbox is already there (same login, same server).
    await page.locator('[data-testid="wizard-test-error"][data-error-code="DUPLICATE_MAILBOX"]').waitFor();
    expect(await page.getByTestId('wizard-test-error').locator('.error-message').textContent()).toBe(
      'Cette boîte mail est déjà dans Relève (même identifiant sur le même serveur).',
    );
    expect(await page.getByTestId('wizard-password-next').isDisabled()).toBe(true);
    expect((await s.core.api.listMailboxes()).filter((m) => m.email_address === USERS[0]!.user)).toHaveLength(1);
    console.log(`e2e: "ce port attend SSL/TLS" ${tDiag} ms after the click`);
  });
});
