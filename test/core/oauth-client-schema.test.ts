// The `oauth` part of a settings patch: client ids, Microsoft tenants, the Google client secret; FR/EN
// sentences that name the field; null or "" clears.
import { describe, expect, it } from 'vitest';
import { ReleveError } from '../../shared/errors.js';
import { parseSettingsPatch } from '../../shared/schemas.js';

function refusal(input: unknown, locale: 'fr' | 'en'): ReleveError {
  try {
    parseSettingsPatch(input, locale);
  } catch (err) {
    if (err instanceof ReleveError) return err;
    throw err;
  }
  throw new Error('accepted');
}

describe('parseSettingsPatch: OAuth2 clients', () => {
  it('keeps only the fields given, trimmed; null and "" clear', () => {
    expect(parseSettingsPatch({ oauth: { microsoft: { client_id: ' abc-123 ' } } }, 'fr')).toEqual({ oauth: { microsoft: { client_id: 'abc-123' } } });
    expect(parseSettingsPatch({ oauth: { microsoft: { client_id: null, tenant: '' }, google: { client_secret: '' } } }, 'en')).toEqual({
      oauth: { microsoft: { client_id: null, tenant: null }, google: { client_secret: null } },
    });
    expect(parseSettingsPatch({ locale: 'fr', oauth: {} }, 'en')).toEqual({ locale: 'fr', oauth: {} });
    // Unknown keys are ignored, as everywhere else in the API (a Microsoft client has no secret).
    expect(parseSettingsPatch({ oauth: { microsoft: { client_secret: 'x' }, acme: { client_id: 'y' } } }, 'en')).toEqual({ oauth: { microsoft: {} } });
  });

  it.each(['common', 'organizations', 'consumers', 'CONSUMERS', '72F988BF-86F1-41AF-91AB-2D7CD011DB47', 'contoso.onmicrosoft.com', 'entreprise.fr'])(
    'accepts the tenant %s (lower-cased)',
    (tenant) => {
      expect(parseSettingsPatch({ oauth: { microsoft: { tenant } } }, 'en').oauth?.microsoft?.tenant).toBe(tenant.toLowerCase());
    },
  );

  it.each(['contoso', 'not a tenant', 'https://login.microsoftonline.com/common', '72f988bf-86f1-41af-91ab', 42])('refuses the tenant %s', (tenant) => {
    const fr = refusal({ oauth: { microsoft: { tenant } } }, 'fr');
    expect(fr).toMatchObject({ code: 'VALIDATION', field: 'oauth.microsoft.tenant' });
    expect(fr.message).toContain('Le locataire (tenant) Microsoft doit valoir « common », « organizations », « consumers »');
    expect(refusal({ oauth: { microsoft: { tenant } } }, 'en').message).toContain('The Microsoft tenant must be');
  });

  it('client ids: 1 to 200 characters, no spaces, with the provider named', () => {
    expect(parseSettingsPatch({ oauth: { google: { client_id: 'x'.repeat(200) } } }, 'en').oauth?.google?.client_id).toHaveLength(200);
    for (const bad of ['x'.repeat(201), 'two words', 'tab\there', 12, true]) {
      const en = refusal({ oauth: { google: { client_id: bad } } }, 'en');
      expect(en).toMatchObject({ field: 'oauth.google.client_id', message: 'The Google application (client) ID must be 1 to 200 characters long, without spaces.' });
    }
    expect(refusal({ oauth: { microsoft: { client_id: 'a b' } } }, 'fr').message).toBe(
      'L’identifiant d’application (client ID) Microsoft doit contenir de 1 à 200 caractères, sans espace.',
    );
  });

  it('the Google client secret: 1 to 500 characters, no spaces', () => {
    expect(parseSettingsPatch({ oauth: { google: { client_secret: ' GOCSPX-abc ' } } }, 'en').oauth?.google?.client_secret).toBe('GOCSPX-abc');
    const fr = refusal({ oauth: { google: { client_secret: 'a b' } } }, 'fr');
    expect(fr).toMatchObject({ field: 'oauth.google.client_secret', message: 'Le code secret du client Google doit contenir de 1 à 500 caractères, sans espace.' });
    expect(refusal({ oauth: { google: { client_secret: 'y'.repeat(501) } } }, 'en').field).toBe('oauth.google.client_secret');
  });

  it('oauth and each provider must be objects', () => {
    expect(refusal({ oauth: 'x' }, 'en')).toMatchObject({ field: 'oauth', message: '“oauth” must be a JSON object.' });
    expect(refusal({ oauth: { microsoft: null } }, 'fr')).toMatchObject({ field: 'oauth.microsoft', message: '« oauth.microsoft » doit être un objet JSON.' });
    expect(refusal({ oauth: { google: [] } }, 'en').field).toBe('oauth.google');
  });
});
