import { describe, expect, it } from 'vitest';
import fr from '../../renderer/i18n/fr.json';
import en from '../../renderer/i18n/en.json';
import { intlTag, localeFromLanguage, translate, translatePlural } from '../../renderer/i18n/i18n.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n dictionaries', () => {
  it('French and English have exactly the same keys', () => {
    const frKeys = Object.keys(fr).sort();
    const enKeys = Object.keys(en).sort();
    expect(frKeys.filter((k) => !enKeys.includes(k))).toEqual([]);
    expect(enKeys.filter((k) => !frKeys.includes(k))).toEqual([]);
  });

  it('every text is non-empty and uses the same placeholders in both languages', () => {
    const enMap = en as Record<string, string>;
    for (const [key, text] of Object.entries(fr as Record<string, string>)) {
      expect(text.trim(), key).not.toBe('');
      expect(enMap[key]?.trim(), key).not.toBe('');
      expect(placeholders(enMap[key] ?? ''), key).toEqual(placeholders(text));
    }
  });

  it('plural keys come in one/other pairs', () => {
    for (const key of Object.keys(fr)) {
      if (key.endsWith('.one')) expect(Object.keys(fr), key).toContain(key.replace(/\.one$/, '.other'));
      if (key.endsWith('.other')) expect(Object.keys(fr), key).toContain(key.replace(/\.other$/, '.one'));
    }
  });
});

describe('translate', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('fr', 'wizard.help.title', { provider: 'Gmail' })).toBe('Obtenir le mot de passe pour Gmail');
    expect(translate('en', 'wizard.help.title', { provider: 'Gmail' })).toBe('Getting the password for Gmail');
    expect(translate('en', 'wizard.help.title')).toBe('Getting the password for {provider}');
  });

  it('chooses plural forms by language rules (0 is singular in French)', () => {
    expect(translatePlural('fr', 'status.unread', 0, { n: '0' })).toBe('0 non lu');
    expect(translatePlural('fr', 'status.unread', 2, { n: '2' })).toBe('2 non lus');
    expect(translatePlural('en', 'inbox.count', 1, { n: '1' })).toBe('1 message');
    expect(translatePlural('en', 'inbox.count', 0, { n: '0' })).toBe('0 messages');
  });

  it('picks the locale from the browser language and an Intl tag', () => {
    expect(localeFromLanguage('fr-CA')).toBe('fr');
    expect(localeFromLanguage('FR')).toBe('fr');
    expect(localeFromLanguage('de-DE')).toBe('en');
    expect(localeFromLanguage(undefined)).toBe('en');
    expect(intlTag('fr', 'fr-BE')).toBe('fr-BE');
    expect(intlTag('fr', 'en-US')).toBe('fr-FR');
    expect(intlTag('en', 'en-US')).toBe('en-US');
    expect(intlTag('en', 'fr-FR')).toBe('en-GB');
  });
});
