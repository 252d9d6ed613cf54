import { describe, expect, it } from 'vitest';
import { ReleveError } from '../../shared/errors.js';
import {
  MAILBOX_COLORS,
  parseConnectionTestInput,
  parseId,
  parseIdList,
  parseMailboxInput,
  parseMailboxPatch,
  parseMessageQuery,
  parseSettingsPatch,
  pickMailboxColor,
} from '../../shared/schemas.js';
import type { Locale } from '../../shared/types.js';

/** Runs fn, expects a VALIDATION ReleveError, returns it for further checks. */
function validationError(fn: () => unknown): ReleveError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ReleveError);
    expect((err as ReleveError).code).toBe('VALIDATION');
    return err as ReleveError;
  }
  throw new Error('expected a validation error, got none');
}

const seedBody = {
  integration_type: 'imap',
  name: 'Boîte principale Gmail',
  imap_server: 'imap.gmail.com',
  imap_port: 993,
  email_address: 'entreprise@gmail.com',
  email_password: 'votre_app_password',
  use_ssl: true,
  sync_interval_minutes: 5,
};

describe('parseMailboxInput', () => {
  it('accepts the seed guide body and fills the defaults', () => {
    expect(parseMailboxInput(seedBody, 'fr')).toEqual({
      ...seedBody,
      active: true,
      allow_insecure_auth: false,
      color: MAILBOX_COLORS[0],
      sync_window_days: null,
      sync_window_count: null,
      tls_fingerprint: null,
      preset_id: null,
    });
  });

  it('accepts what scripts send: numeric strings, "true"/"false", spaces; normalises values', () => {
    const parsed = parseMailboxInput(
      {
        ...seedBody,
        integration_type: undefined,
        name: '  Support  ',
        imap_server: ' IMAP.Orange.FR ',
        imap_port: '993',
        use_ssl: 'true',
        active: 'FALSE',
        sync_interval_minutes: '15',
        email_address: ' support@orange.fr ',
        color: '#AABBCC',
        username: 'support',
        sync_window_days: '30',
        tls_fingerprint: 'ab'.repeat(32),
        preset_id: 'orange',
        unknown_key: 'ignored',
      },
      'en',
    );
    expect(parsed).toMatchObject({
      integration_type: 'imap',
      name: 'Support',
      imap_server: 'imap.orange.fr',
      imap_port: 993,
      use_ssl: true,
      active: false,
      sync_interval_minutes: 15,
      email_address: 'support@orange.fr',
      color: '#aabbcc',
      username: 'support',
      sync_window_days: 30,
      tls_fingerprint: Array(32).fill('AB').join(':'),
      preset_id: 'orange',
    });
    expect(parsed).not.toHaveProperty('unknown_key');
  });

  it('keeps the password exactly as typed, spaces included', () => {
    expect(parseMailboxInput({ ...seedBody, email_password: ' abcd efgh ijkl mnop ' }, 'fr').email_password).toBe(
      ' abcd efgh ijkl mnop ',
    );
  });

  it('names the field and the rule in the user language', () => {
    const fr = validationError(() => parseMailboxInput({ ...seedBody, imap_port: 70000 }, 'fr'));
    expect(fr.field).toBe('imap_port');
    expect(fr.message).toBe('Le port IMAP doit être un nombre entre 1 et 65535.');
    const en = validationError(() => parseMailboxInput({ ...seedBody, imap_port: 'abc' }, 'en'));
    expect(en.message).toBe('The IMAP port must be a number between 1 and 65535.');
  });

  const rejected: Array<[string, Record<string, unknown>]> = [
    ['integration_type', { integration_type: 'pop3' }],
    ['name', { name: '   ' }],
    ['name', { name: 'x'.repeat(101) }],
    ['name', { name: undefined }],
    ['imap_server', { imap_server: 'imap gmail.com' }],
    ['imap_server', { imap_server: '' }],
    ['imap_server', { imap_server: 'imap..gmail.com' }],
    ['imap_server', { imap_server: '-imap.gmail.com' }],
    ['imap_server', { imap_server: '999.1.1.1' }],
    ['imap_server', { imap_server: '192.168.1' }],
    ['imap_server', { imap_server: 'mail.société.fr' }],
    ['imap_port', { imap_port: 0 }],
    ['imap_port', { imap_port: 993.5 }],
    ['imap_port', { imap_port: true }],
    ['imap_port', { imap_port: undefined }],
    ['email_address', { email_address: 'entreprise.gmail.com' }],
    ['email_address', { email_address: 'a@b@' }],
    ['email_address', { email_address: 'a b@gmail.com' }],
    ['email_address', { email_address: '.a@gmail.com' }],
    ['email_address', { email_address: 'a@-gmail.com' }],
    ['email_password', { email_password: '' }],
    ['email_password', { email_password: '   ' }],
    ['email_password', { email_password: 'x'.repeat(1001) }],
    ['email_password', { email_password: undefined }],
    ['use_ssl', { use_ssl: 'yes' }],
    ['use_ssl', { use_ssl: undefined }],
    ['active', { active: 1 }],
    ['allow_insecure_auth', { allow_insecure_auth: 'oui' }],
    ['sync_interval_minutes', { sync_interval_minutes: 0 }],
    ['sync_interval_minutes', { sync_interval_minutes: 1441 }],
    ['sync_interval_minutes', { sync_interval_minutes: '5min' }],
    ['color', { color: 'red' }],
    ['color', { color: '#abc' }],
    ['sync_window_days', { sync_window_days: 0 }],
    ['sync_window_count', { sync_window_count: -5 }],
    ['tls_fingerprint', { tls_fingerprint: 'AB:CD' }],
    ['tls_fingerprint', { tls_fingerprint: 'zz'.repeat(32) }],
    ['preset_id', { preset_id: 'hotmail-classic' }],
    ['username', { username: 'a\nb' }],
  ];
  it.each(rejected)('rejects %s in %j', (field, change) => {
    const err = validationError(() => parseMailboxInput({ ...seedBody, ...change }, 'fr'));
    expect(err.field).toBe(field);
    expect(err.message.length).toBeGreaterThan(15);
  });

  it('explains a scheme or a port typed into the server field', () => {
    const scheme = validationError(() => parseMailboxInput({ ...seedBody, imap_server: 'imaps://imap.gmail.com' }, 'fr'));
    expect(scheme.message).toMatch(/imaps:\/\//);
    const port = validationError(() => parseMailboxInput({ ...seedBody, imap_server: 'imap.gmail.com:993' }, 'en'));
    expect(port.message).toMatch(/IMAP port/);
    const v6port = validationError(() => parseMailboxInput({ ...seedBody, imap_server: '[::1]:993' }, 'en'));
    expect(v6port.field).toBe('imap_server');
  });

  it('accepts IPv4, IPv6, single-label hosts and local test domains', () => {
    const host = (imap_server: string) => parseMailboxInput({ ...seedBody, imap_server }, 'fr').imap_server;
    expect(host('127.0.0.1')).toBe('127.0.0.1');
    expect(host('::1')).toBe('::1');
    expect(host('[2001:db8::1]')).toBe('2001:db8::1');
    expect(host('fe80::1:2:3:4')).toBe('fe80::1:2:3:4');
    expect(host('localhost')).toBe('localhost');
    expect(host('mail.xn--socit-esab.fr')).toBe('mail.xn--socit-esab.fr');
    expect(parseMailboxInput({ ...seedBody, email_address: 'alice@localhost' }, 'fr').email_address).toBe('alice@localhost');
    expect(parseMailboxInput({ ...seedBody, email_address: 'élodie@société.fr' }, 'fr').email_address).toBe('élodie@société.fr');
  });

  it('rejects malformed IPv6 addresses', () => {
    for (const imap_server of ['1::2::3', ':1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8:9', 'gggg::1']) {
      expect(validationError(() => parseMailboxInput({ ...seedBody, imap_server }, 'fr')).field).toBe('imap_server');
    }
  });

  it('treats null and empty optional values as "not set"', () => {
    const parsed = parseMailboxInput(
      { ...seedBody, username: '', color: '', sync_window_days: null, sync_window_count: '', tls_fingerprint: '', preset_id: null },
      'fr',
    );
    expect(parsed.username).toBeUndefined();
    expect(parsed.sync_window_days).toBeNull();
    expect(parsed.sync_window_count).toBeNull();
    expect(parsed.tls_fingerprint).toBeNull();
    expect(MAILBOX_COLORS).toContain(parsed.color);
  });

  it('rejects a body that is not an object', () => {
    for (const body of [null, 'text', [seedBody], 42]) {
      expect(validationError(() => parseMailboxInput(body, 'en')).message).toMatch(/JSON object/);
    }
  });

  it('picks the first unused palette colour', () => {
    const used = [MAILBOX_COLORS[0], MAILBOX_COLORS[1].toUpperCase()];
    expect(parseMailboxInput(seedBody, 'fr', { usedColors: used }).color).toBe(MAILBOX_COLORS[2]);
  });
});

describe('pickMailboxColor', () => {
  it('falls back to a stable colour derived from the seed when the palette is used up', () => {
    const all = [...MAILBOX_COLORS];
    const a = pickMailboxColor(all, 'a@x.fr');
    expect(MAILBOX_COLORS).toContain(a);
    expect(pickMailboxColor(all, 'a@x.fr')).toBe(a);
  });
});

describe('parseMailboxPatch', () => {
  it('returns only the fields present, validated with the same rules', () => {
    expect(parseMailboxPatch({ imap_port: '143', use_ssl: 'false', name: ' Ventes ' }, 'fr')).toEqual({
      imap_port: 143,
      use_ssl: false,
      name: 'Ventes',
    });
    expect(parseMailboxPatch({}, 'fr')).toEqual({});
    expect(validationError(() => parseMailboxPatch({ sync_interval_minutes: 0 }, 'en')).field).toBe('sync_interval_minutes');
    expect(validationError(() => parseMailboxPatch({ name: null }, 'en')).field).toBe('name');
  });

  it('keeps the stored password when the new one is empty, and resets the login with an empty username', () => {
    expect(parseMailboxPatch({ email_password: '', username: '' }, 'fr')).toEqual({ username: '' });
    expect(parseMailboxPatch({ email_password: null, username: null }, 'fr')).toEqual({ username: '' });
    expect(parseMailboxPatch({ email_password: 'nouveau', username: ' jean ' }, 'fr')).toEqual({
      email_password: 'nouveau',
      username: 'jean',
    });
  });

  it('lets nullable fields be cleared', () => {
    expect(parseMailboxPatch({ sync_window_days: null, tls_fingerprint: null, preset_id: null }, 'fr')).toEqual({
      sync_window_days: null,
      tls_fingerprint: null,
      preset_id: null,
    });
  });
});

describe('parseConnectionTestInput', () => {
  const base = { imap_server: 'imap.orange.fr', imap_port: 993, use_ssl: true, email_address: 'a@orange.fr' };

  it('needs a password unless a stored mailbox is named', () => {
    expect(validationError(() => parseConnectionTestInput(base, 'fr')).field).toBe('email_password');
    expect(parseConnectionTestInput({ ...base, mailbox_id: '7' }, 'fr')).toEqual({
      ...base,
      mailbox_id: 7,
      allow_insecure_auth: false,
      tls_fingerprint: null,
    });
    expect(parseConnectionTestInput({ ...base, email_password: 's3cret' }, 'fr').email_password).toBe('s3cret');
  });

  it('validates the server fields', () => {
    expect(validationError(() => parseConnectionTestInput({ ...base, email_password: 'x', imap_port: -1 }, 'fr')).field).toBe(
      'imap_port',
    );
    expect(validationError(() => parseConnectionTestInput({ ...base, mailbox_id: 0 }, 'fr')).field).toBe('mailbox_id');
  });
});

describe('parseMessageQuery', () => {
  it('fills defaults, including for a missing argument', () => {
    const defaults = { offset: 0, limit: 50, collapse_duplicates: true };
    expect(parseMessageQuery(undefined, 'fr')).toEqual(defaults);
    expect(parseMessageQuery({ search: '   ' }, 'fr')).toEqual(defaults);
  });

  it('converts and bounds values', () => {
    expect(
      parseMessageQuery(
        { mailbox_id: '3', unread_only: 'true', collapse_duplicates: false, search: ' facture ', offset: '100', limit: 500 },
        'fr',
      ),
    ).toEqual({ mailbox_id: 3, unread_only: true, collapse_duplicates: false, search: 'facture', offset: 100, limit: 500 });
    expect(validationError(() => parseMessageQuery({ limit: 501 }, 'fr')).field).toBe('limit');
    expect(validationError(() => parseMessageQuery({ limit: 0 }, 'fr')).field).toBe('limit');
    expect(validationError(() => parseMessageQuery({ offset: -1 }, 'fr')).field).toBe('offset');
    expect(validationError(() => parseMessageQuery({ search: 'x'.repeat(501) }, 'fr')).field).toBe('search');
    expect(validationError(() => parseMessageQuery({ unread_only: 'maybe' }, 'en')).message).toMatch(/unread_only/);
  });
});

describe('parseSettingsPatch', () => {
  it('accepts fr/en and a boolean', () => {
    expect(parseSettingsPatch({ locale: 'EN', notifications: 'false' }, 'fr')).toEqual({ locale: 'en', notifications: false });
    expect(parseSettingsPatch({}, 'fr')).toEqual({});
  });
  it('rejects other languages', () => {
    const err = validationError(() => parseSettingsPatch({ locale: 'de' }, 'fr'));
    expect(err.field).toBe('locale');
    expect(err.message).toBe('La langue doit être « fr » ou « en ».');
  });
});

describe('parseId / parseIdList', () => {
  it.each<[unknown, number]>([
    [1, 1],
    ['42', 42],
    [' 7 ', 7],
  ])('accepts %j', (v, n) => {
    expect(parseId(v, 'id', 'fr')).toBe(n);
  });

  it.each<[unknown, Locale]>([
    [0, 'fr'],
    [-3, 'en'],
    [1.5, 'fr'],
    ['abc', 'en'],
    [null, 'fr'],
    [Number.MAX_SAFE_INTEGER + 1, 'en'],
  ])('rejects %j', (v, locale) => {
    const err = validationError(() => parseId(v, 'mailbox_id', locale));
    expect(err.field).toBe('mailbox_id');
    expect(err.message).toContain('mailbox_id');
  });

  it('validates a list of ids and removes duplicates', () => {
    expect(parseIdList([3, '4', 3], 'ids', 'fr')).toEqual([3, 4]);
    expect(validationError(() => parseIdList([], 'ids', 'fr')).field).toBe('ids');
    expect(validationError(() => parseIdList([1, 0], 'ids', 'fr')).field).toBe('ids');
    expect(validationError(() => parseIdList('1,2', 'ids', 'fr')).field).toBe('ids');
  });
});
