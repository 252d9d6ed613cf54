import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeMailApi } from './fake-api.js';
import { renderWith } from './render-app.js';

afterEach(cleanup);

const GMAIL = { host: 'imap.gmail.com', accounts: { 'contact@gmail.com': 'abcdefghijklmnop' }, messageCount: 1234 };

async function typeEmail(email: string) {
  const input = await screen.findByTestId('wizard-email-input');
  fireEvent.change(input, { target: { value: email } });
  fireEvent.click(screen.getByTestId('wizard-email-next'));
}

describe('setup wizard on screen', () => {
  it('opens by itself on first launch and walks to a created mailbox shown on the status panel', async () => {
    const api = new FakeMailApi({ servers: [GMAIL] });
    renderWith(api);
    expect(await screen.findByTestId('wizard-step-email')).toBeTruthy();
    expect(screen.getByText('Bienvenue dans Relève')).toBeTruthy();

    await typeEmail('contact@gmail.com');
    await screen.findByTestId('wizard-step-server');
    expect(screen.getByTestId('wizard-provider-name').textContent).toBe('Gmail');
    const help = screen.getByTestId('wizard-app-password-help');
    expect(within(help).getAllByRole('listitem').length).toBeGreaterThanOrEqual(3);
    expect(within(help).getByTestId('wizard-help-link').getAttribute('href')).toBe('https://myaccount.google.com/apppasswords');
    fireEvent.click(screen.getByTestId('wizard-server-next'));

    await screen.findByTestId('wizard-step-password');
    const pw = screen.getByTestId<HTMLInputElement>('wizard-password-input');
    expect(pw.type).toBe('password');
    expect(pw.value).toBe('');
    expect(screen.getByTestId<HTMLButtonElement>('wizard-password-next').disabled).toBe(true);
    fireEvent.change(pw, { target: { value: 'abcdefghijklmnop' } });
    fireEvent.click(screen.getByTestId('wizard-test-button'));
    const ok = await screen.findByTestId('wizard-test-success');
    expect(ok.textContent?.replace(/\s/g, ' ')).toContain('Connexion réussie : 1 234 messages');
    fireEvent.click(screen.getByTestId('wizard-password-next'));

    await screen.findByTestId('wizard-step-finish');
    expect(screen.getByTestId<HTMLInputElement>('wizard-interval-input').value).toBe('5');
    fireEvent.click(screen.getByTestId('wizard-create'));

    const row = await screen.findByTestId(/^status-row-\d+$/);
    expect(row.textContent).toContain('contact@gmail.com');
    await waitFor(() => expect(within(row).getByTestId(/^status-badge-/).getAttribute('data-status')).toBe('success'));
  });

  it('a refused password shows the AUTH message, its hint and the provider’s app-password steps again', async () => {
    // The UI language comes from the stored settings, not from the browser.
    const api = new FakeMailApi({ servers: [GMAIL], locale: 'en' });
    renderWith(api, { locale: 'fr' });
    await typeEmail('contact@gmail.com');
    fireEvent.click(await screen.findByTestId('wizard-server-next'));
    fireEvent.change(await screen.findByTestId('wizard-password-input'), { target: { value: 'my usual password' } });
    fireEvent.click(screen.getByTestId('wizard-test-button'));
    const box = await screen.findByTestId('wizard-test-error');
    expect(box.getAttribute('data-error-code')).toBe('AUTH');
    expect(box.textContent).toContain('The server refused the user name or password.');
    expect(box.textContent).toContain('Most providers (Gmail, Orange, Yahoo…) require an app password');
    const help = within(box).getByTestId('wizard-app-password-help');
    expect(help.textContent).toContain('Turn on 2-Step Verification.');
    expect(screen.getByTestId<HTMLButtonElement>('wizard-password-next').disabled).toBe(true);
  });

  it('Outlook/Hotmail: says plainly a password cannot work and offers no password field', async () => {
    const api = new FakeMailApi();
    renderWith(api);
    await typeEmail('patron@hotmail.fr');
    const warning = await screen.findByTestId('wizard-oauth-warning');
    expect(warning.textContent).toContain('Un mot de passe ne peut pas fonctionner avec ce fournisseur.');
    expect(screen.queryByTestId('wizard-password-input')).toBeNull();
    expect(screen.queryByTestId('wizard-server-next')).toBeNull();
    fireEvent.click(screen.getByTestId('wizard-custom-server'));
    expect(await screen.findByTestId('wizard-server-input')).toBeTruthy();
    expect(screen.getByTestId('wizard-provider-other')).toBeTruthy();
  });

  it('shows inline validation errors next to the field', async () => {
    const api = new FakeMailApi({ locale: 'en' });
    renderWith(api, { locale: 'en' });
    await typeEmail('not-an-address');
    const err = await screen.findByTestId('wizard-email-input-error');
    expect(err.textContent).toBe('The e-mail address is not valid (example: contact@company.com).');
    expect(screen.getByTestId('wizard-email-input').getAttribute('aria-invalid')).toBe('true');
  });

  it('unencrypted connection: the allow checkbox comes with a scary warning', async () => {
    const api = new FakeMailApi();
    renderWith(api);
    await typeEmail('compta@entreprise.fr');
    await screen.findByTestId('wizard-step-server');
    fireEvent.click(screen.getByTestId('wizard-ssl-checkbox'));
    expect(screen.getByTestId<HTMLInputElement>('wizard-port-input').value).toBe('143');
    fireEvent.click(screen.getByTestId('wizard-insecure-checkbox'));
    expect(screen.getByTestId('wizard-insecure-warning').textContent).toMatch(/circuleront en clair/);
  });
});

describe('OAuth2 on screen', () => {
  const MICROSOFT = { id: 'microsoft', name: 'Microsoft', configured: true, preset_ids: ['outlook', 'microsoft365'] };
  const OUTLOOK_SERVER = { host: 'outlook.office365.com', accounts: {}, messageCount: 3, oauthOnly: true, oauthAccounts: ['patron@hotmail.fr'] };

  it('Outlook: a "Sign in with Microsoft" button instead of a password, then the mailbox is created', async () => {
    const api = new FakeMailApi({ servers: [OUTLOOK_SERVER], oauthProviders: [MICROSOFT] });
    api.oauth.autoApproveAs = 'patron@hotmail.fr';
    const opened: string[] = [];
    window.open = ((url: string) => {
      opened.push(url);
      return null;
    }) as typeof window.open;
    renderWith(api);
    await typeEmail('patron@hotmail.fr');
    expect((await screen.findByTestId('wizard-oauth-note')).textContent).toContain('Microsoft');
    fireEvent.click(screen.getByTestId('wizard-server-next'));
    await screen.findByTestId('wizard-step-password');
    expect(screen.queryByTestId('wizard-password-input')).toBeNull();
    fireEvent.click(screen.getByTestId('wizard-oauth-signin'));
    await screen.findByTestId('wizard-test-success');
    expect(opened[0]).toMatch(/^https:\/\/login\.example\.com\/authorize/);
    expect(screen.getByTestId('wizard-oauth-done').textContent).toContain('patron@hotmail.fr');
    fireEvent.click(screen.getByTestId('wizard-password-next'));
    fireEvent.click(await screen.findByTestId('wizard-create'));
    await screen.findByTestId(/^status-row-\d+$/);
    expect((await api.listMailboxes())[0]).toMatchObject({ auth_method: 'oauth2', has_password: false });
  });

  it('Outlook without sign-in set up: explains that it must be configured', async () => {
    const api = new FakeMailApi({ oauthProviders: [{ ...MICROSOFT, configured: false }] });
    renderWith(api);
    await typeEmail('patron@hotmail.fr');
    expect((await screen.findByTestId('wizard-oauth-not-configured')).textContent).toContain('Contactez la personne qui a installé Relève');
  });

  it('a revoked sign-in shows "Reconnect" on the status panel, which signs in again and syncs', async () => {
    const api = new FakeMailApi({ servers: [OUTLOOK_SERVER], oauthProviders: [MICROSOFT] });
    api.oauth.autoApproveAs = 'patron@hotmail.fr';
    const flow = (await api.beginOAuth({ provider: 'microsoft', email: 'patron@hotmail.fr' })).flow_id;
    const mb = await api.createMailbox({
      name: 'Patron', imap_server: 'outlook.office365.com', imap_port: 993, email_address: 'patron@hotmail.fr', use_ssl: true,
      auth_method: 'oauth2', oauth_flow_id: flow,
    });
    api.revokeOAuth(mb.id);
    await api.syncMailbox({ id: mb.id });
    window.open = () => null;
    const { stores } = renderWith(api);
    await screen.findByTestId('msg-list');
    stores.nav.getState().go('status');
    const box = await screen.findByTestId(`status-error-${mb.id}`);
    expect(box.getAttribute('data-error-code')).toBe('AUTH_RECONNECT');
    fireEvent.click(within(box).getByTestId(`reconnect-${mb.id}`));
    await waitFor(() => expect(screen.getByTestId(`status-badge-${mb.id}`).getAttribute('data-status')).toBe('success'));
    expect(api.callsOf('beginOAuth').at(-1)).toEqual({ mailbox_id: mb.id });
  });
});
