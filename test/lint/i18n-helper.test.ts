// The one translation helper (shared/i18n): plurals by Intl.PluralRules, typed placeholders (the @ts-expect-error
// lines fail the type-check if the compiler ever accepts them), the one locale detector, and the parity checker.
import { describe, expect, it } from 'vitest';
import { defineMessages, defineText, detectLocale, fill, joinMessages, say, translator } from '../../shared/i18n/index.js';
import { catalogProblems } from '../../shared/i18n/parity.js';

const sample = defineMessages({
  hello: { fr: 'Bonjour {name}', en: 'Hello {name}' },
  plain: { fr: 'Quitter', en: 'Quit' },
  newMail: {
    fr: { one: '{count} nouveau message dans {box}', other: '{count} nouveaux messages dans {box}' },
    en: { one: '{count} new message in {box}', other: '{count} new messages in {box}' },
  },
  braces: { fr: 'Exemple : { "a": 1 }', en: 'Example: { "a": 1 }' },
});

describe('translator', () => {
  it('fills placeholders and picks the plural form the language uses', () => {
    const fr = translator(sample, 'fr');
    const en = translator(sample, 'en');
    expect(fr('hello', { name: 'Zoé' })).toBe('Bonjour Zoé');
    expect(fr('plain')).toBe('Quitter');
    // French says "0 nouveau message" (0 is singular in French), English "0 new messages".
    expect(fr('newMail', { count: 0, box: 'Contact' })).toBe('0 nouveau message dans Contact');
    expect(en('newMail', { count: 0, box: 'Contact' })).toBe('0 new messages in Contact');
    expect(fr('newMail', { count: 1, box: 'A' })).toBe('1 nouveau message dans A');
    expect(en('newMail', { count: 1, box: 'A' })).toBe('1 new message in A');
    expect(fr('newMail', { count: 2, box: 'A' })).toBe('2 nouveaux messages dans A');
    // CLDR's French "many" (1 000 000) reads like "other".
    expect(fr('newMail', { count: 1_000_000, box: 'A' })).toBe('1000000 nouveaux messages dans A');
    expect(en('braces')).toBe('Example: { "a": 1 }');
  });

  it('refuses at compile time what would print a hole or the wrong words', () => {
    const fr = translator(sample, 'fr');
    // @ts-expect-error a placeholder without its parameter
    expect(fr('hello')).toBe('Bonjour {name}');
    // @ts-expect-error a misspelt parameter
    expect(fr('hello', { nom: 'x' })).toBe('Bonjour {name}');
    // @ts-expect-error a plural entry needs a count
    expect(fr('newMail', { box: 'A' })).toBe('{count} nouveaux messages dans A');
    // @ts-expect-error an unknown key
    expect(() => fr('nope')).toThrow(/no message "nope"/);
    defineMessages({
      // @ts-expect-error English lost a placeholder
      bad: { fr: 'Bonjour {name}', en: 'Hello' },
    });
    defineMessages({
      // @ts-expect-error plural in French only
      bad: { fr: { one: 'a', other: 'b' }, en: 'c' },
    });
    // @ts-expect-error one-off entries are checked the same way
    defineText({ fr: 'Port {port}', en: 'Port {p}' });
  });

  it('joins tables into one catalogue, refusing a key two tables define', () => {
    const more = defineMessages({ bye: { fr: 'Au revoir {name}', en: 'Goodbye {name}' } });
    const t = translator(joinMessages(sample, more), 'en');
    expect(t('bye', { name: 'Zoé' })).toBe('Goodbye Zoé');
    expect(t('plain')).toBe('Quit');
    const clash = defineMessages({ plain: { fr: 'Sortir', en: 'Leave' } });
    expect(() => joinMessages(sample, clash)).toThrow('message "plain" is defined in two tables');
  });

  it('says a one-off entry', () => {
    const entry = defineText({ fr: 'Le port {port} est fermé', en: 'Port {port} is closed' });
    expect(say('en', entry, { port: 993 })).toBe('Port 993 is closed');
    expect(fill('{a} et {b}', { a: 1 })).toBe('1 et {b}');
  });
});

describe('detectLocale', () => {
  it('takes an explicit choice first, then POSIX, Accept-Language, preferred languages, fallback', () => {
    expect(detectLocale({ explicit: 'fr', env: { LANG: 'en_US.UTF-8' } })).toBe('fr');
    expect(detectLocale({ explicit: 'de', env: { LANG: 'fr_FR.UTF-8' } })).toBe('fr');
    expect(detectLocale({ env: { LC_ALL: 'fr_CA.UTF-8', LANG: 'en_US' } })).toBe('fr');
    expect(detectLocale({ env: { LC_MESSAGES: 'C', LANG: 'fr_FR' } })).toBe('en'); // the first set decides
    expect(detectLocale({ env: {}, preferred: ['fr-BE'] })).toBe('fr');
    expect(detectLocale({ acceptLanguage: 'de;q=1, en;q=0.5, fr;q=0.8' })).toBe('fr');
    expect(detectLocale({ acceptLanguage: 'de, ja', fallback: 'fr' })).toBe('fr');
    expect(detectLocale({ preferred: ['de-DE', 'en-GB', 'fr'] })).toBe('en');
    expect(detectLocale({ preferred: ['freak'] })).toBe('en');
    expect(detectLocale({})).toBe('en');
  });
});

describe('catalogProblems', () => {
  it('reports what a table built at run time can still get wrong', () => {
    const built: Record<string, { fr: string; en: string }> = {
      ok: { fr: 'Salut {who}', en: 'Hi {who}' },
      lost: { fr: 'Salut {who}', en: 'Hi' },
      pseudo: { fr: '{n} message(s)', en: '{n} message(s)' },
      mailboxes: { fr: 'boîtes', en: '{n} mailbox(es)' },
    };
    expect(catalogProblems(built)).toEqual([
      'lost: placeholders fr {who} ≠ en {}',
      'pseudo: fr writes a plural as "(s)": "{n} message(s)"',
      'pseudo: en writes a plural as "(s)": "{n} message(s)"',
      'mailboxes: placeholders fr {} ≠ en {n}',
      'mailboxes: en writes a plural as "(s)": "{n} mailbox(es)"',
    ]);
  });
});
