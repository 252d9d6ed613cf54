// shared/errors.ts said from errors.i18n.ts: every code has its words in both languages through the ERROR_TABLE
// view callers read, connection tests get their own hints, and the run's counted sentence is a real plural.
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ERROR_TABLE, diskFullText, errorHint, missingMessagesText, userError } from '../../shared/errors.js';

describe('error words', () => {
  it('has a message and a hint in French and English for every code', () => {
    for (const code of ERROR_CODES) {
      for (const locale of ['fr', 'en'] as const) {
        expect(ERROR_TABLE[code][locale].message, `${code} ${locale}`).toMatch(/\S/);
        expect(ERROR_TABLE[code][locale].hint, `${code} ${locale}`).toMatch(/\S/);
      }
      expect(ERROR_TABLE[code].fr.message).not.toBe(ERROR_TABLE[code].en.message);
    }
    expect(ERROR_TABLE.AUTH.userFixable).toBe(true);
    expect(ERROR_TABLE.TIMEOUT.userFixable).toBe(false);
  });

  it('answers a connection test without promising a retry on the next cycle', () => {
    expect(errorHint('TIMEOUT', 'en')).toBe('Relève will retry on the next cycle. If it persists, check the port and your connection.');
    expect(errorHint('TIMEOUT', 'en', 'test')).toMatch(/then run the test again\.$/);
    expect(userError('CANCELLED', 'fr', { context: 'test' }).hint).toBe('Test annulé : relancez-le quand vous voulez.');
    // Codes without a test hint keep their usual one.
    expect(errorHint('AUTH', 'fr', 'test')).toBe(ERROR_TABLE.AUTH.fr.hint);
  });

  it('counts missing messages with the plural each language uses', () => {
    expect(missingMessagesText(1, 'fr')).toBe('1 message du serveur n’est pas encore dans Relève ; la prochaine synchronisation le récupère');
    expect(missingMessagesText(2, 'fr')).toBe('2 messages du serveur ne sont pas encore dans Relève ; la prochaine synchronisation les récupère');
    expect(missingMessagesText(1, 'en')).toBe('1 message on the server is not in Relève yet; the next sync fetches it');
    expect(missingMessagesText(3, 'en')).toBe('3 messages on the server are not in Relève yet; the next sync fetches them');
    expect(diskFullText('/srv/releve', 'en')).toBe('The disk is full: free some space on /srv/releve; Relève will resume on its own');
  });
});
