// OAuth2 sign-in through the setup wizard and the status panel, in real Chromium against `releve serve`,
// with a real authorization server (oidc-provider on 127.0.0.1) standing in for Microsoft and Google, and
// the private Dovecot validating every token with that server (oauth2 passdb, introspection, XOAUTH2 only).
// The built-in 'microsoft' and 'google' providers are pointed at the test issuer through the environment;
// their client ids are what an administrator enters in Settings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFrenchMessage } from '../fixtures/dovecot.js';
import { startOidcProvider } from '../fixtures/oidc-provider.js';
import type { OidcHandle } from '../fixtures/oidc-provider.js';
import { signInOnProviderPage } from './helpers/provider-page.js';
import { screenshot } from './helpers/screenshots.js';
import { startE2E } from './helpers/stack.js';
import type { E2EStack } from './helpers/stack.js';

// Dovecot takes any login name: outlook.fr and gmail.com addresses let the wizard recognise the providers
// while the real server behind them is the local one.
const OUTLOOK = { user: 'contact@outlook.fr', password: 'not-used-by-oauth-1' };
const GMAIL = { user: 'compta@gmail.com', password: 'Appli-Gmail-Pass-1' };
const OUTLOOK_SUBJECTS = ['Devis rénovation cuisine', 'Facture n° 2024-118', 'Rendez-vous jeudi 14 h'];

let oidc: OidcHandle;
let s: E2EStack;
let outlookMailboxId = 0;

beforeAll(async () => {
  oidc = await startOidcProvider({
    accounts: [{ email: OUTLOOK.user }, { email: GMAIL.user }],
    // It stands in for Microsoft, whose sign-in Relève starts without prompt=consent.
    refreshTokenWithoutConsentPrompt: true,
  });
  s = await startE2E({
    users: [OUTLOOK, GMAIL],
    locale: 'fr',
    // Every sync in this file is asked for by a click: an IDLE connection would stay logged in after the
    // grant is revoked and hide the error.
    idle: false,
    // imapflow would pick OAUTHBEARER when offered; the issue asks for XOAUTH2.
    dovecot: { oauth2: { introspectionUrl: oidc.introspectionUrlWithCredentials, mechanisms: ['xoauth2'] } },
    oauth: {
      env: {
        // Microsoft: the issuer only — no client id until the administrator enters one in Settings.
        RELEVE_OAUTH_MICROSOFT_ISSUER: oidc.issuer,
        RELEVE_OAUTH_GOOGLE_ISSUER: oidc.issuer,
        RELEVE_OAUTH_GOOGLE_CLIENT_ID: oidc.clientId,
      },
    },
  });
  const base = Date.now() - 3 * 3600_000;
  for (const [i, subject] of OUTLOOK_SUBJECTS.entries()) {
    await s.dovecot.append(
      OUTLOOK.user,
      makeFrenchMessage({ subject, from: 'Atelier Martin <devis@atelier-martin.example>', to: OUTLOOK.user, date: new Date(base + i * 3600_000) }),
    );
  }
  for (const subject of ['Relevé bancaire novembre', 'Note de frais']) {
    await s.dovecot.append(GMAIL.user, makeFrenchMessage({ subject, to: GMAIL.user }));
  }
  await s.open();
}, 60_000);

afterAll(async () => {
  await s?.stop();
  await oidc?.stop();
});

describe('Outlook without a Microsoft client id', () => {
  it('says plainly that a password cannot work, and offers no password field', async () => {
    const { page } = s;
    await page.getByTestId('wizard-step-email').waitFor();
    await page.getByTestId('wizard-email-input').fill(OUTLOOK.user);
    await page.getByTestId('wizard-email-next').click();

    await page.getByTestId('wizard-step-server').waitFor();
    expect(await page.getByTestId('wizard-provider-name').textContent()).toBe('Outlook.com / Hotmail / Live');
    const warning = page.getByTestId('wizard-oauth-warning');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('Un mot de passe ne peut pas fonctionner avec ce fournisseur.');
    const notConfigured = page.getByTestId('wizard-oauth-not-configured');
    expect(await notConfigured.textContent()).toContain('n’est pas disponible dans cette version de Relève');
    // An office manager is never asked about an application (client) ID.
    expect(await notConfigured.textContent()).not.toMatch(/client ID|identifiant d’application|Entra/);
    // No way forward to a password: no field, no "next", no sign-in button either.
    expect(await page.getByTestId('wizard-password-input').count()).toBe(0);
    expect(await page.getByTestId('wizard-server-next').count()).toBe(0);
    expect(await page.getByTestId('wizard-oauth-signin').count()).toBe(0);
    await screenshot(page, 'wizard-oauth-1-outlook-not-configured', { docs: 'wizard-oauth-outlook-not-configured' });
  });

  it('the administrator enters the Microsoft client id in Settings', async () => {
    const { page } = s;
    await page.getByTestId('nav-settings').click();
    const status = page.getByTestId('settings-oauth-microsoft-status');
    await status.waitFor();
    expect(await status.textContent()).toContain('Non configuré');
    await page.getByTestId('settings-oauth-microsoft-client-id').fill(oidc.clientId);
    await page.getByTestId('settings-oauth-microsoft-save').click();
    await page.getByTestId('settings-oauth-microsoft-saved').waitFor();
    expect(await status.textContent()).toContain('Configuré sur cet ordinateur.');
    expect((await s.core.api.listOAuthProviders()).find((p) => p.id === 'microsoft')?.configured).toBe(true);
  });
});

describe('Outlook with Microsoft sign-in', () => {
  it('offers "Se connecter avec Microsoft" and no password field', async () => {
    const { page, dovecot } = s;
    await page.getByTestId('nav-add-mailbox').click();
    await page.getByTestId('wizard-email-input').fill(OUTLOOK.user);
    await page.getByTestId('wizard-email-next').click();
    await page.getByTestId('wizard-step-server').waitFor();
    expect(await page.getByTestId('wizard-provider-name').textContent()).toBe('Outlook.com / Hotmail / Live');
    expect(await page.getByTestId('wizard-oauth-note').textContent()).toContain('page officielle de Microsoft');
    expect(await page.getByTestId('wizard-oauth-warning').count()).toBe(0);
    await screenshot(page, 'wizard-oauth-2-microsoft-server');

    // outlook.office365.com is out of reach here: the advanced settings point the mailbox at the private
    // Dovecot, which checks Microsoft's (here: the test server's) tokens. The sign-in path stays.
    await page.getByTestId('wizard-advanced-toggle').click();
    await page.getByTestId('wizard-server-input').fill('127.0.0.1');
    await page.getByTestId('wizard-port-input').fill(String(dovecot.imapsPort));
    expect(await page.getByTestId('wizard-username-input').inputValue()).toBe(OUTLOOK.user);
    await page.getByTestId('wizard-server-next').click();

    const step = page.getByTestId('wizard-step-password');
    await step.waitFor();
    const signIn = page.getByTestId('wizard-oauth-signin');
    expect(await signIn.textContent()).toBe('Se connecter avec Microsoft');
    expect(await step.textContent()).toContain(`Connectez-vous à ${OUTLOOK.user} sur la page de Microsoft`);
    expect(await page.getByTestId('wizard-password-input').count()).toBe(0);
    // A password is no alternative for Outlook.
    expect(await page.getByTestId('wizard-use-password').count()).toBe(0);
    expect(await page.getByTestId('wizard-password-next').isDisabled()).toBe(true);
    await screenshot(page, 'wizard-oauth-3-microsoft', { docs: 'wizard-oauth-microsoft' });
  });

  it('signs in on the provider page opened by the wizard, then shows "connecté en tant que …" and the connection test', async () => {
    const { page, context } = s;
    const done = await signInOnProviderPage(context, () => page.getByTestId('wizard-oauth-signin').click(), {
      issuer: oidc.issuer,
      login: OUTLOOK.user,
    });
    // Authorization code + PKCE, addressed to the test server, back to a loopback port of the core.
    expect(done.authorizationUrl.origin).toBe(oidc.issuer);
    expect(done.authorizationUrl.searchParams.get('client_id')).toBe(oidc.clientId);
    expect(done.authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(done.authorizationUrl.searchParams.get('login_hint')).toBe(OUTLOOK.user);
    expect(done.redirectedTo.hostname).toBe('127.0.0.1');
    expect(done.redirectedTo.searchParams.get('code')).toBeTruthy();
    expect(done.prompts).toEqual(['login', 'consent']);
    // The core's loopback listener answered the browser in the user's language.
    expect(done.finalText).toContain('Vous pouvez fermer cette fenêtre et revenir à Relève.');

    // Either outcome ends the wait: a failed sign-in fails here with its words, not after a timeout.
    await page.locator('[data-testid="wizard-oauth-done"], [data-testid="wizard-oauth-error"]').first().waitFor();
    expect(await page.getByTestId('wizard-oauth-error').allTextContents()).toEqual([]);
    const signedIn = page.getByTestId('wizard-oauth-done');
    expect(await signedIn.textContent()).toBe(`✓ Connecté en tant que ${OUTLOOK.user}.`);
    expect(await page.getByTestId('wizard-oauth-waiting').count()).toBe(0);
    const ok = page.getByTestId('wizard-test-success');
    await ok.waitFor();
    expect(await ok.textContent()).toContain('Connexion réussie : 3 messages');
    expect(await page.getByTestId('wizard-oauth-signin').textContent()).toBe('Se connecter à nouveau');
    await screenshot(page, 'wizard-oauth-4-microsoft-connected', { docs: 'wizard-oauth-microsoft-connected' });
  });

  it('creates the mailbox, whose first sync over XOAUTH2 brings the mail into the inbox', async () => {
    const { page, core, dovecot } = s;
    await page.getByTestId('wizard-password-next').click();
    await page.getByTestId('wizard-step-finish').waitFor();
    expect(await page.getByTestId('wizard-name-input').inputValue()).toBe(`Outlook.com / Hotmail / Live – ${OUTLOOK.user}`);
    await page.getByTestId('wizard-name-input').fill('Contact Outlook');
    await page.getByTestId('wizard-create').click();
    await page.locator('#status-title').waitFor();

    const [box] = await core.api.listMailboxes();
    expect(box).toMatchObject({
      name: 'Contact Outlook',
      email_address: OUTLOOK.user,
      imap_server: '127.0.0.1',
      imap_port: dovecot.imapsPort,
      preset_id: 'outlook',
      auth_method: 'oauth2',
      oauth_provider: 'microsoft',
      has_password: false,
    });
    outlookMailboxId = box!.id;
    await page.locator(`[data-testid="status-badge-${box!.id}"][data-status="success"]`).waitFor();
    expect(await page.getByTestId(`status-counts-${box!.id}`).textContent()).toMatch(/^3\b/u);
    expect(await dovecot.log()).toMatch(new RegExp(`Login: user=<${OUTLOOK.user}>, method=XOAUTH2`));

    await page.getByTestId('nav-inbox').click();
    await page.locator('[data-testid="msg-list"][data-total="3"]').waitFor();
    const subjects = await page.getByTestId('msg-list').locator('.msg-subject').allTextContents();
    expect(subjects).toEqual([...OUTLOOK_SUBJECTS].reverse());
  });
});

describe('Gmail with Google sign-in configured', () => {
  it('keeps the app password as the default and offers "Se connecter avec Google" beside it', async () => {
    const { page } = s;
    await page.getByTestId('nav-add-mailbox').click();
    await page.getByTestId('wizard-email-input').fill(GMAIL.user);
    await page.getByTestId('wizard-email-next').click();
    await page.getByTestId('wizard-step-server').waitFor();
    expect(await page.getByTestId('wizard-provider-name').textContent()).toBe('Gmail');
    // The app-password steps, not the sign-in note: the password path is the default for Gmail.
    expect(await page.getByTestId('wizard-app-password-help').textContent()).toContain("mot de passe d'application");
    expect(await page.getByTestId('wizard-oauth-note').count()).toBe(0);
    await page.getByTestId('wizard-server-next').click();

    await page.getByTestId('wizard-password-input').waitFor();
    const alternative = page.getByTestId('wizard-use-oauth');
    expect(await alternative.textContent()).toBe('Se connecter avec Google à la place');
    await screenshot(page, 'wizard-oauth-5-google', { docs: 'wizard-oauth-google' });

    // Taking it swaps the password field for the Google sign-in, and the way back is there.
    await alternative.click();
    expect(await page.getByTestId('wizard-oauth-signin').textContent()).toBe('Se connecter avec Google');
    expect(await page.getByTestId('wizard-password-input').count()).toBe(0);
    await page.getByTestId('wizard-use-password').click();
    await page.getByTestId('wizard-password-input').waitFor();
  });
});

describe('a revoked sign-in', () => {
  it('puts only that mailbox in error with "reconnectez" and a Reconnect button', async () => {
    const { page, core } = s;
    // A mailbox with an app password beside it, to show that it keeps working.
    const gmail = await s.addMailbox(GMAIL.user, { name: 'Compta Gmail', preset_id: 'gmail' });
    expect(await core.api.syncMailbox({ id: gmail.id })).toMatchObject({ status: 'success', new_messages: 2 });
    // What the user does in their Microsoft account: remove Relève's access.
    expect(await oidc.revokeAllGrants(OUTLOOK.user)).toBeGreaterThan(0);
    await s.dovecot.append(OUTLOOK.user, makeFrenchMessage({ subject: 'Relance devis', from: 'devis@atelier-martin.example', to: OUTLOOK.user }));

    await page.getByTestId('nav-status').click();
    const id = outlookMailboxId;
    await page.getByTestId(`sync-now-${id}`).click();
    await page.getByTestId(`sync-now-${gmail.id}`).click();
    await page.locator(`[data-testid="status-badge-${id}"][data-status="error"]`).waitFor();
    await page.locator(`[data-testid="status-badge-${gmail.id}"][data-status="success"]`).waitFor();
    const error = page.getByTestId(`status-error-${id}`);
    expect(await error.getAttribute('data-error-code')).toBe('AUTH_RECONNECT');
    expect(await error.locator('.error-message').textContent()).toBe(
      'La connexion au compte a expiré ou a été révoquée : reconnectez cette boîte.',
    );
    expect(await page.getByTestId(`reconnect-${id}`).textContent()).toBe('Reconnecter');
    expect(await page.getByTestId(`status-error-${gmail.id}`).count()).toBe(0);
    expect((await core.api.getMailbox({ id })).last_sync_error_code).toBe('AUTH_RECONNECT');
    await screenshot(page, 'status-oauth-1-reconnect', { docs: 'status-oauth-reconnect' });
  });

  it('Reconnect runs the sign-in again and the mailbox goes back to success with the new mail', async () => {
    const { page, context, core } = s;
    const id = outlookMailboxId;
    const done = await signInOnProviderPage(context, () => page.getByTestId(`reconnect-${id}`).click(), {
      issuer: oidc.issuer,
      login: OUTLOOK.user,
    });
    expect(done.redirectedTo.hostname).toBe('127.0.0.1');
    // The grant was withdrawn: the server asks for consent again (the browser session may spare the login).
    expect(done.prompts).toContain('consent');
    expect(done.finalText).toContain('Vous pouvez fermer cette fenêtre');
    await page.locator(`[data-testid="status-badge-${id}"][data-status="success"]`).waitFor();
    expect(await page.getByTestId(`status-error-${id}`).count()).toBe(0);
    expect(await page.getByTestId(`reconnect-${id}`).count()).toBe(0);
    expect(await page.getByTestId(`status-counts-${id}`).textContent()).toMatch(/^4\b/u);
    expect((await core.api.listMessages({ mailbox_id: id })).items.map((m) => m.subject)).toContain('Relance devis');
    await screenshot(page, 'status-oauth-2-reconnected');
  });
});
