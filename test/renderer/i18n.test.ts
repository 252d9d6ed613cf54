// The renderer's Translator over shared/i18n (FR/EN parity of its tables: test/lint/i18n-parity.test.ts).
import { describe, expect, it } from 'vitest';
import { intlTag, makeTranslator } from '../../renderer/i18n/i18n.js';

describe('makeTranslator', () => {
  it('fills placeholders in the chosen language', () => {
    expect(makeTranslator('fr').t('wizard.help.title', { provider: 'Gmail' })).toBe('Obtenir le mot de passe pour Gmail');
    expect(makeTranslator('en').t('wizard.help.title', { provider: 'Gmail' })).toBe('Getting the password for Gmail');
  });

  it('chooses plural forms by language rules (0 is singular in French, plural in English)', () => {
    const fr = makeTranslator('fr').t;
    const en = makeTranslator('en').t;
    expect(fr('status.unread', { count: 0, n: '0' })).toBe('0 non lu');
    expect(fr('status.unread', { count: 2, n: '2' })).toBe('2 non lus');
    expect(en('inbox.count', { count: 1, n: '1' })).toBe('1 message');
    expect(en('inbox.count', { count: 0, n: '0' })).toBe('0 messages');
    // The formatted number is shown, the raw count chooses the form.
    expect(fr('inbox.count', { count: 12500, n: '12 500' })).toBe('12 500 messages');
  });

  it('gives Intl the browser region when it speaks the UI language, else a default', () => {
    expect(makeTranslator('fr', 'fr-BE').tag).toBe('fr-BE');
    expect(intlTag('fr', 'en-US')).toBe('fr-FR');
    expect(intlTag('en', 'en-US')).toBe('en-US');
    expect(intlTag('en', 'fr-FR')).toBe('en-GB');
  });
});
