// The administrator's "Microsoft / Google sign-in" section of the Settings screen, over the FakeMailApi
// (which keeps the contract: the same validators, settings before environment, the secret never returned).
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SettingsScreen } from '../../renderer/features/settings/SettingsScreen.js';
import type { Locale, OAuthProviderInfo } from '../../shared/types.js';
import { FakeMailApi } from './fake-api.js';
import { renderWith } from './render-app.js';

afterEach(cleanup);

const MS_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const G_ID = '123456789012-abcdefghijklmnop.apps.googleusercontent.com';
const G_SECRET = 'GOCSPX-Qq1Ww2Ee3Rr4Tt5Yy6Uu7Ii8';
const MICROSOFT: OAuthProviderInfo = { id: 'microsoft', name: 'Microsoft', configured: false, preset_ids: ['outlook', 'microsoft365'] };
const GOOGLE: OAuthProviderInfo = { id: 'google', name: 'Google', configured: false, preset_ids: ['gmail', 'google_workspace'] };

async function renderSettings(api: FakeMailApi, locale: Locale = 'fr') {
  const view = renderWith(api, { locale, ui: <SettingsScreen /> });
  await act(() => view.stores.settings.getState().load());
  return view;
}

const byId = (id: string) => screen.getByTestId<HTMLInputElement>(id);
const type = (id: string, value: string) => fireEvent.change(byId(id), { target: { value } });
const updates = (api: FakeMailApi) => api.calls.filter((c) => c.method === 'updateSettings').map((c) => c.arg);

describe('Settings: Microsoft / Google sign-in (administrator)', () => {
  it('not configured: says so and names the environment variable; Save waits for a change', async () => {
    const api = new FakeMailApi({ oauthProviders: [MICROSOFT, GOOGLE] });
    await renderSettings(api);
    expect(screen.getByRole('heading', { name: 'Connexion Microsoft / Google (administrateur)' })).toBeTruthy();
    expect(screen.getByTestId('settings-oauth').textContent).toContain('docs/oauth.md');
    expect(byId('settings-oauth-microsoft-status').textContent).toContain(
      'Non configuré : saisissez l’identifiant ci-dessous (ou définissez la variable d’environnement RELEVE_OAUTH_MICROSOFT_CLIENT_ID).',
    );
    expect(byId('settings-oauth-google-status').textContent).toContain('RELEVE_OAUTH_GOOGLE_CLIENT_ID');
    expect((byId('settings-oauth-microsoft-save') as unknown as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByTestId('settings-oauth-microsoft-clear')).toBeNull();
  });

  it('Microsoft: client id and tenant saved; the provider becomes configured for the wizard', async () => {
    const api = new FakeMailApi({ oauthProviders: [MICROSOFT, GOOGLE] });
    await renderSettings(api);
    type('settings-oauth-microsoft-client-id', ` ${MS_ID} `);
    type('settings-oauth-microsoft-tenant', 'contoso.onmicrosoft.com');
    fireEvent.click(screen.getByTestId('settings-oauth-microsoft-save'));
    await screen.findByTestId('settings-oauth-microsoft-saved');
    expect(updates(api)).toEqual([{ oauth: { microsoft: { client_id: MS_ID, tenant: 'contoso.onmicrosoft.com' } } }]);
    expect(byId('settings-oauth-microsoft-status').textContent).toContain('Configuré sur cet ordinateur.');
    expect(byId('settings-oauth-microsoft-client-id').value).toBe(MS_ID);
    expect((await api.listOAuthProviders()).find((p) => p.id === 'microsoft')?.configured).toBe(true);

    // Clearing goes back to "not configured".
    fireEvent.click(screen.getByTestId('settings-oauth-microsoft-clear'));
    await waitFor(() => expect(byId('settings-oauth-microsoft-status').textContent).toContain('Non configuré'));
    expect(updates(api).at(-1)).toEqual({ oauth: { microsoft: { client_id: null, tenant: null } } });
    expect((await api.listOAuthProviders()).find((p) => p.id === 'microsoft')?.configured).toBe(false);
  });

  it('bad values are refused beside the field, in the UI language, without calling the API', async () => {
    const api = new FakeMailApi({ oauthProviders: [MICROSOFT, GOOGLE] });
    await renderSettings(api);
    type('settings-oauth-microsoft-client-id', 'mon application');
    fireEvent.click(screen.getByTestId('settings-oauth-microsoft-save'));
    expect((await screen.findByTestId('settings-oauth-microsoft-client-id-error')).textContent).toBe(
      'L’identifiant d’application (client ID) Microsoft doit contenir de 1 à 200 caractères, sans espace.',
    );
    type('settings-oauth-microsoft-client-id', MS_ID);
    type('settings-oauth-microsoft-tenant', 'contoso');
    fireEvent.click(screen.getByTestId('settings-oauth-microsoft-save'));
    expect((await screen.findByTestId('settings-oauth-microsoft-tenant-error')).textContent).toContain('Le locataire (tenant) Microsoft doit valoir');
    expect(updates(api)).toEqual([]);
  });

  it('Google: the secret is write-only — sent once, then the field is empty and only "a secret is stored" shows', async () => {
    const api = new FakeMailApi({ locale: 'en', oauthProviders: [MICROSOFT, GOOGLE] });
    await renderSettings(api, 'en');
    expect(screen.getByRole('heading', { name: 'Microsoft / Google sign-in (administrator)' })).toBeTruthy();
    expect(byId('settings-oauth-google-client-secret').type).toBe('password');
    type('settings-oauth-google-client-id', G_ID);
    type('settings-oauth-google-client-secret', G_SECRET);
    fireEvent.click(screen.getByTestId('settings-oauth-google-save'));
    await screen.findByTestId('settings-oauth-google-saved');
    expect(updates(api)).toEqual([{ oauth: { google: { client_id: G_ID, client_secret: G_SECRET } } }]);
    expect(byId('settings-oauth-google-client-secret').value).toBe('');
    expect(screen.getByTestId('settings-oauth-google').textContent).toContain('A secret is stored: leave this field empty to keep it.');
    expect(document.body.innerHTML).not.toContain(G_SECRET);
    expect(JSON.stringify(await api.getSettings())).not.toContain(G_SECRET);

    // A new client id alone keeps the stored secret (nothing sent for it).
    type('settings-oauth-google-client-id', `${G_ID}x`);
    fireEvent.click(screen.getByTestId('settings-oauth-google-save'));
    await waitFor(() => expect(updates(api)).toHaveLength(2));
    expect(updates(api)[1]).toEqual({ oauth: { google: { client_id: `${G_ID}x` } } });
    expect((await api.getSettings()).oauth.google).toMatchObject({ has_client_secret: true });
  });

  it('a client id from the environment: shown as a hint, not copied into the settings on save', async () => {
    const api = new FakeMailApi({ locale: 'en', oauthProviders: [{ ...MICROSOFT, configured: true }, GOOGLE] });
    await renderSettings(api, 'en');
    expect(byId('settings-oauth-microsoft-status').textContent).toContain(
      'Configured by the environment variable RELEVE_OAUTH_MICROSOFT_CLIENT_ID.',
    );
    expect(byId('settings-oauth-microsoft-client-id').value).toBe('');
    expect(byId('settings-oauth-microsoft-client-id').placeholder).toBe('microsoft-env-client');
    type('settings-oauth-microsoft-tenant', 'organizations');
    fireEvent.click(screen.getByTestId('settings-oauth-microsoft-save'));
    await screen.findByTestId('settings-oauth-microsoft-saved');
    expect(updates(api)).toEqual([{ oauth: { microsoft: { tenant: 'organizations' } } }]);
    expect((await api.getSettings()).oauth.microsoft).toEqual({
      client_id: 'microsoft-env-client',
      has_client_secret: false,
      tenant: 'organizations',
      source: 'env',
    });
  });
});
