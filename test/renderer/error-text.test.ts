import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ReleveError } from '../../shared/errors.js';
import { RpcError } from '../../shared/rpc.js';
import { describeThrown, describeUserError, errorWords } from '../../renderer/lib/error-text.js';

describe('error words by code', () => {
  it('gives the French and English words of each code', () => {
    expect(errorWords('AUTH', 'fr').message).toBe('Identifiant ou mot de passe refusé par le serveur.');
    expect(errorWords('AUTH', 'en').message).toBe('The server refused the user name or password.');
    expect(errorWords('AUTH', 'fr').hint).toMatch(/mot de passe d'application/);
    expect(errorWords('DNS', 'en').hint).toMatch(/IMAP server name/);
    expect(errorWords('TIMEOUT', 'fr').userFixable).toBe(false);
    expect(errorWords(null, 'en').code).toBe('UNKNOWN');
  });

  it('has distinct non-empty texts for every code in both languages', () => {
    for (const code of ERROR_CODES) {
      for (const locale of ['fr', 'en'] as const) {
        const w = errorWords(code, locale);
        expect(w.message.length, `${code} ${locale}`).toBeGreaterThan(5);
        expect(w.hint.length, `${code} ${locale}`).toBeGreaterThan(5);
      }
    }
  });

  it('uses the UI language even when the core answered in another one', () => {
    const fromCore = { code: 'NETWORK' as const, message: 'Impossible de joindre le serveur.', hint: '…', detail: 'ECONNREFUSED 127.0.0.1:993' };
    const w = describeUserError(fromCore, 'en');
    expect(w.message).toBe('Could not reach the server.');
    expect(w.detail).toBe('ECONNREFUSED 127.0.0.1:993');
  });

  it('reads the code of thrown errors: RPC, core, Electron-wrapped, unknown', () => {
    expect(describeThrown(new RpcError({ code: 'VALIDATION', message: 'Le port…', field: 'imap_port' }), 'fr')).toMatchObject({
      code: 'VALIDATION',
      message: 'Donnée invalide.',
      detail: 'imap_port — Le port…',
    });
    expect(describeThrown(new ReleveError('DISK_FULL', 'x'), 'en').message).toBe('The disk is full: free some space on the disk holding Relève’s data; Relève will resume on its own.');
    const electron = new Error("Error invoking remote method 'releve:call:syncMailbox': ReleveError: [TLS] handshake");
    expect(describeThrown(electron, 'en').code).toBe('TLS');
    expect(describeThrown(new TypeError('boom'), 'fr')).toMatchObject({ code: 'UNKNOWN', message: 'Erreur inattendue.', detail: 'boom' });
  });
});
