// The transport-wide argument checks (shared/arg-checkers.ts): good arguments pass in both languages, bad ones
// are refused with the same code and field, worded in the caller's language.
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../shared/api.js';
import type { MethodName } from '../../shared/api.js';
import { validateArg } from '../../shared/arg-checkers.js';
import { ReleveError } from '../../shared/errors.js';
import type { Locale } from '../../shared/types.js';
import { VALID_ARGS } from '../helpers/valid-args.js';

function refusal(method: MethodName, arg: unknown, locale: Locale): ReleveError {
  try {
    validateArg(method, arg, locale);
  } catch (err) {
    if (err instanceof ReleveError) return err;
    throw err;
  }
  throw new Error(`${method}: expected a validation error, got none`);
}

describe('validateArg', () => {
  it('lets a well-formed argument of every contract method through, in French and in English', () => {
    for (const method of METHOD_NAMES) {
      for (const locale of ['fr', 'en'] as const) expect(() => validateArg(method, VALID_ARGS[method], locale), method).not.toThrow();
    }
  });

  it('refuses a bad argument with the same code and field in both languages, worded in each', () => {
    const bad: Array<[MethodName, unknown, string]> = [
      ['getMailbox', { id: 0 }, 'id'],
      ['setSeen', { ids: [], seen: true }, 'ids'],
      ['updateMailbox', { id: 1, patch: { imap_port: 70000 } }, 'imap_port'],
      ['cancelConnectionTest', { test_id: 'a b' }, 'test_id'],
      ['completeOAuth', { flow_id: 'short' }, 'oauth_flow_id'],
      ['listOutbox', { mailbox_id: -1 }, 'mailbox_id'],
      ['getAttachment', { message_id: 'x', index: 0 }, 'message_id'],
      ['listMessages', { limit: 0 }, 'limit'],
    ];
    for (const [method, arg, field] of bad) {
      const fr = refusal(method, arg, 'fr');
      const en = refusal(method, arg, 'en');
      expect([fr.code, fr.field], method).toEqual(['VALIDATION', field]);
      expect([en.code, en.field], method).toEqual(['VALIDATION', field]);
      expect(fr.message, method).not.toBe(en.message);
    }
    expect(refusal('getMailbox', { id: 0 }, 'fr').message).toBe('L’identifiant « id » doit être un entier positif.');
    expect(refusal('getMailbox', { id: 0 }, 'en').message).toBe('The identifier “id” must be a positive integer.');
  });

  it('treats a missing or non-object argument as an empty object, as the core does', () => {
    expect(refusal('getMailbox', null, 'fr').field).toBe('id');
    expect(refusal('getMailbox', [1], 'en').field).toBe('id');
    expect(() => validateArg('listMailboxes', undefined, 'fr')).not.toThrow();
    expect(() => validateArg('listOutbox', undefined, 'fr')).not.toThrow();
  });
});
