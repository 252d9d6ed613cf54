import { describe, expect, it } from 'vitest';
import { detectProvider } from '../../electron/core/net/detect-provider.js';
import type { MxRecord } from '../../electron/core/net/detect-provider.js';
import {
  PROVIDER_PRESETS,
  emailDomain,
  getPreset,
  presetForEmailDomain,
  presetForMxHosts,
  presetUsername,
} from '../../shared/providers.js';

describe('provider presets table', () => {
  it('holds the seed guide servers unchanged', () => {
    const seed: Array<[string, string]> = [
      ['gmail', 'imap.gmail.com'],
      ['orange', 'imap.orange.fr'],
      ['outlook', 'outlook.office365.com'],
      ['yahoo', 'imap.mail.yahoo.com'],
      ['ovh', 'ssl0.ovh.net'],
      ['ionos', 'imap.ionos.fr'],
    ];
    for (const [id, host] of seed) {
      const p = getPreset(id);
      expect(p, id).toBeDefined();
      expect(p?.imap_server).toBe(host);
      expect(p?.imap_port).toBe(993);
      expect(p?.use_ssl).toBe(true);
    }
  });

  it('has unique ids and complete help in both languages', () => {
    const ids = PROVIDER_PRESETS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of PROVIDER_PRESETS) {
      for (const locale of ['fr', 'en'] as const) {
        expect(p.help[locale].summary.length, `${p.id} ${locale}`).toBeGreaterThan(10);
        expect(p.help[locale].steps.length, `${p.id} ${locale}`).toBeGreaterThan(0);
      }
      expect(p.help.fr.steps.length).toBe(p.help.en.steps.length);
      expect(Boolean(p.help.fr.warning)).toBe(Boolean(p.help.en.warning));
    }
  });

  it('marks Outlook.com and Microsoft 365 as OAuth2-only with a warning that a password cannot work', () => {
    for (const id of ['outlook', 'microsoft365']) {
      const p = getPreset(id);
      expect(p?.auth).toBe('oauth2_only');
      expect(p?.help.fr.warning).toMatch(/mot de passe ne peut pas fonctionner/);
      expect(p?.help.en.warning).toMatch(/password cannot work/);
    }
  });

  it('returns undefined for an unknown id', () => {
    expect(getPreset('nope')).toBeUndefined();
  });
});

describe('presetForEmailDomain', () => {
  const cases: Array<[string, string | undefined]> = [
    ['jean@gmail.com', 'gmail'],
    ['jean@GoogleMail.com', 'gmail'],
    ['contact@orange.fr', 'orange'],
    ['vieux@wanadoo.fr', 'orange'],
    ['a@outlook.fr', 'outlook'],
    ['a@outlook.com', 'outlook'],
    ['a@hotmail.co.uk', 'outlook'],
    ['a@live.fr', 'outlook'],
    ['a@msn.com', 'outlook'],
    ['a@yahoo.fr', 'yahoo'],
    ['a@yahoo.co.jp', 'yahoo'],
    ['a@ymail.com', 'yahoo'],
    ['a@free.fr', 'free'],
    ['a@neuf.fr', 'sfr'],
    ['a@sfr.fr', 'sfr'],
    ['a@laposte.net', 'laposte'],
    ['a@me.com', 'icloud'],
    ['a@mac.com', 'icloud'],
    ['a@icloud.com', 'icloud'],
    ['a@gmx.de', 'gmx'],
    ['a@gmx.fr', 'gmx'],
    ['a@zohomail.eu', 'zoho'],
    ['a@zoho.com', 'zoho_com'],
    ['  Jean@Gmail.COM.  ', 'gmail'],
    ['contact@entreprise.fr', undefined],
    // A company subdomain that merely starts with a provider label is not that provider.
    ['a@live.entreprise-exemple.org', undefined],
    ['a@yahoomail.fr', undefined],
    ['pas-une-adresse', undefined],
    ['', undefined],
  ];
  it.each(cases)('%s → %s', (email, id) => {
    expect(presetForEmailDomain(email)?.id).toBe(id);
  });

  it('extracts the domain after the last @', () => {
    expect(emailDomain('"a@b"@Orange.FR')).toBe('orange.fr');
    expect(emailDomain('none')).toBe('');
  });
});

describe('presetForMxHosts', () => {
  const cases: Array<[string[], string | undefined]> = [
    [['aspmx.l.google.com', 'alt1.aspmx.l.google.com'], 'google_workspace'],
    [['smtp.google.com.'], 'google_workspace'],
    [['aspmx2.googlemail.com'], 'google_workspace'],
    [['entreprise-fr.mail.protection.outlook.com'], 'microsoft365'],
    [['mx1.mail.ovh.net', 'mx2.mail.ovh.net'], 'ovh'],
    [['mx0.ovh.net'], 'ovh'],
    [['mx00.ionos.fr', 'mx01.ionos.fr'], 'ionos'],
    [['mx00.kundenserver.de'], 'ionos'],
    [['MX.ZOHO.EU'], 'zoho'],
    [['mx.zoho.com'], 'zoho_com'],
    [['mail.entreprise.fr'], undefined],
    // Suffix matching is by whole labels: "notgoogle.com" is not Google.
    [['mx.notgoogle.com'], undefined],
    [[], undefined],
  ];
  it.each(cases)('%j → %s', (hosts, id) => {
    expect(presetForMxHosts(hosts)?.id).toBe(id);
  });

  it('lets the preferred (first) recognised host decide', () => {
    expect(presetForMxHosts(['mail.entreprise.fr', 'mx1.mail.ovh.net', 'aspmx.l.google.com'])?.id).toBe('ovh');
  });
});

describe('presetUsername', () => {
  it('gives the local part where the provider wants it and the address elsewhere', () => {
    expect(presetUsername(getPreset('laposte')!, 'jean.dupont@laposte.net')).toBe('jean.dupont');
    expect(presetUsername(getPreset('gmail')!, ' jean@gmail.com ')).toBe('jean@gmail.com');
  });
});

describe('detectProvider', () => {
  const failIfCalled = async (): Promise<MxRecord[]> => {
    throw new Error('DNS must not be queried for a known domain');
  };

  it('recognises a known domain without any DNS query', async () => {
    expect(await detectProvider('contact@orange.fr', { resolveMx: failIfCalled })).toEqual({
      preset_id: 'orange',
      via: 'domain',
    });
  });

  it('recognises a custom domain from its MX records, preferring the lowest priority value', async () => {
    const asked: string[] = [];
    const resolveMx = async (domain: string): Promise<MxRecord[]> => {
      asked.push(domain);
      return [
        { exchange: 'mx2.mail.ovh.net', priority: 5 },
        { exchange: 'ALT1.ASPMX.L.GOOGLE.COM.', priority: 20 },
        { exchange: 'mx1.mail.ovh.net', priority: 1 },
      ];
    };
    const res = await detectProvider('Jean@Entreprise.FR', { resolveMx });
    expect(asked).toEqual(['entreprise.fr']);
    expect(res).toEqual({
      preset_id: 'ovh',
      via: 'mx',
      mx_hosts: ['mx1.mail.ovh.net', 'mx2.mail.ovh.net', 'alt1.aspmx.l.google.com'],
    });
  });

  it('returns none with the MX hosts when no preset knows them', async () => {
    const resolveMx = async (): Promise<MxRecord[]> => [{ exchange: 'mail.entreprise.fr', priority: 10 }];
    expect(await detectProvider('a@entreprise.fr', { resolveMx })).toEqual({
      preset_id: null,
      via: 'none',
      mx_hosts: ['mail.entreprise.fr'],
    });
  });

  it('turns a DNS error into none', async () => {
    const resolveMx = async (): Promise<MxRecord[]> => {
      throw Object.assign(new Error('queryMx ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    expect(await detectProvider('a@entreprise.fr', { resolveMx })).toEqual({ preset_id: null, via: 'none' });
  });

  it('gives up after the timeout when the resolver never answers', async () => {
    const never = (): Promise<MxRecord[]> => new Promise(() => {});
    const started = Date.now();
    const res = await detectProvider('a@entreprise.fr', { resolveMx: never, timeoutMs: 150 });
    const elapsed = Date.now() - started;
    expect(res).toEqual({ preset_id: null, via: 'none' });
    expect(elapsed).toBeGreaterThanOrEqual(140);
    expect(elapsed).toBeLessThan(1500);
  });

  it('does not query DNS for an address without a usable domain', async () => {
    expect(await detectProvider('pas-une-adresse', { resolveMx: failIfCalled })).toEqual({ preset_id: null, via: 'none' });
    expect(await detectProvider('a@-bad-.fr', { resolveMx: failIfCalled })).toEqual({ preset_id: null, via: 'none' });
  });

  it('with the real resolver, answers none quickly for a .invalid domain', async () => {
    const started = Date.now();
    const res = await detectProvider('a@releve-test.invalid', { timeoutMs: 1000 });
    expect(res).toEqual({ preset_id: null, via: 'none' });
    expect(Date.now() - started).toBeLessThan(2500);
  });
});
