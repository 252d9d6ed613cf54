// The pure pieces of the server's front door: Host names, tokens, origins, languages, routes, the token file.
import { statSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateApiToken } from '../../electron/server/api-token.js';
import { bearerToken, hostNameOf, isAllowedHostHeader, isLoopbackHost, isSameOrigin, tokenMatches } from '../../electron/server/request-guard.js';
import { errorResponse } from '../../electron/server/error-response.js';
import { HttpError } from '../../electron/server/http-io.js';
import { createRouter } from '../../electron/server/router.js';
import { detectLocale } from '../../shared/i18n/index.js';
import { makeTmpDir } from '../helpers/tmp-dir.js';

describe('Host header', () => {
  it('accepts loopback names with or without port, and the explicit bound host', () => {
    for (const h of ['localhost', 'localhost:8765', '127.0.0.1:1', '127.1.2.3', '[::1]:8765', 'LOCALHOST']) {
      expect(isAllowedHostHeader(h, '127.0.0.1'), h).toBe(true);
    }
    expect(isAllowedHostHeader('box.lan:8765', 'box.lan')).toBe(true);
  });

  it('refuses other names, a missing header, and names when bound to every interface', () => {
    for (const h of [undefined, '', 'evil.example', 'evil.example:8765', 'localhost.evil.example', '127.0.0.1.nip.io', '[::2]']) {
      expect(isAllowedHostHeader(h, '127.0.0.1'), String(h)).toBe(false);
    }
    expect(isAllowedHostHeader('evil.example', '0.0.0.0', true)).toBe(false);
    expect(isAllowedHostHeader('192.168.1.5:8765', '0.0.0.0', true)).toBe(true);
    expect(isAllowedHostHeader('192.168.1.5:8765', '127.0.0.1', false)).toBe(false);
  });

  it('parses host names and loopback addresses', () => {
    expect(hostNameOf('[::1]:80')).toBe('::1');
    expect(hostNameOf('Example.COM:8080')).toBe('example.com');
    expect(isLoopbackHost('::1')).toBe(true);
    expect(isLoopbackHost('0.0.0.0')).toBe(false);
    expect(isLoopbackHost('128.0.0.1')).toBe(false);
  });
});

describe('tokens and origins', () => {
  it('compares tokens exactly, whatever their lengths', () => {
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abd', 'abc')).toBe(false);
    expect(tokenMatches('abcd', 'abc')).toBe(false);
    expect(tokenMatches('', 'abc')).toBe(false);
    expect(tokenMatches(null, 'abc')).toBe(false);
  });

  it('reads a Bearer header', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer  abc ')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeNull();
    expect(bearerToken('Bearer a b')).toBeNull();
  });

  it('accepts only this server as Origin', () => {
    expect(isSameOrigin(undefined, '127.0.0.1:8765')).toBe(true);
    expect(isSameOrigin('http://127.0.0.1:8765', '127.0.0.1:8765')).toBe(true);
    expect(isSameOrigin('http://127.0.0.1:9999', '127.0.0.1:8765')).toBe(false);
    expect(isSameOrigin('http://evil.example', '127.0.0.1:8765')).toBe(false);
    expect(isSameOrigin('null', '127.0.0.1:8765')).toBe(false);
  });
});

describe('request language', () => {
  it('follows Accept-Language preferences, else the server locale', () => {
    expect(detectLocale({ acceptLanguage: 'fr-FR,fr;q=0.9,en;q=0.8', fallback: 'en' })).toBe('fr');
    expect(detectLocale({ acceptLanguage: 'en-US,en;q=0.9,fr;q=0.8', fallback: 'fr' })).toBe('en');
    expect(detectLocale({ acceptLanguage: 'de-DE,fr;q=0.5', fallback: 'en' })).toBe('fr');
    expect(detectLocale({ acceptLanguage: 'en;q=0.2,fr;q=0.7', fallback: 'en' })).toBe('fr');
    expect(detectLocale({ acceptLanguage: 'de', fallback: 'fr' })).toBe('fr');
    expect(detectLocale({ acceptLanguage: undefined, fallback: 'en' })).toBe('en');
    expect(detectLocale({ acceptLanguage: 'fr;q=0', fallback: 'en' })).toBe('en');
  });

  it('words the HTTP layer’s own errors in that language, with what exactly was wrong', () => {
    const bad = new HttpError(400, 'VALIDATION', 'badQuery', 'limit');
    expect(errorResponse(bad, 'fr')).toEqual({ status: 400, body: { error: { code: 'VALIDATION', message: 'Paramètre invalide : limit' } } });
    expect(errorResponse(bad, 'en').body.error.message).toBe('Invalid parameter: limit');
    expect(errorResponse(new HttpError(404, 'NOT_FOUND', 'unknownRoute'), 'fr').body.error.message).toBe('Adresse inconnue.');
    // Anything unexpected is the seed's fixed English text, whatever the language.
    expect(errorResponse(new Error('boom'), 'fr')).toEqual({ status: 500, body: { error: { code: 'UNKNOWN', message: 'Internal error' } } });
  });
});

describe('router', () => {
  const route = createRouter([
    { method: 'POST', pattern: '/inbox/integrations/sync-all', handler: 'all' },
    { method: 'GET', pattern: '/inbox/integrations/:id', handler: 'get' },
    { method: 'DELETE', pattern: '/inbox/integrations/:id', handler: 'del' },
  ]);
  it('matches literals before ids, numbers only as ids, and reports allowed methods', () => {
    expect(route('POST', '/inbox/integrations/sync-all')).toMatchObject({ kind: 'found', handler: 'all' });
    expect(route('GET', '/inbox/integrations/42')).toEqual({ kind: 'found', handler: 'get', params: { id: 42 } });
    expect(route('HEAD', '/inbox/integrations/42')).toMatchObject({ kind: 'found', handler: 'get' });
    expect(route('GET', '/inbox/integrations/abc')).toEqual({ kind: 'none' });
    expect(route('GET', '/inbox/integrations/sync-all')).toEqual({ kind: 'wrong_method', allowed: ['POST'] });
    expect(route('PUT', '/inbox/integrations/1')).toEqual({ kind: 'wrong_method', allowed: ['GET', 'DELETE'] });
  });
});

describe('API token file', () => {
  it('is generated once (0600), then read back; RELEVE_API_TOKEN wins', () => {
    const dir = makeTmpDir('releve-token-');
    try {
      const first = loadOrCreateApiToken(dir.path, {});
      expect(first.source).toBe('generated');
      expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const file = join(dir.path, 'api-token');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file, 'utf8').trim()).toBe(first.token);
      expect(loadOrCreateApiToken(dir.path, {})).toEqual({ token: first.token, source: 'file', path: file });
      expect(loadOrCreateApiToken(dir.path, { RELEVE_API_TOKEN: ' env-token ' })).toEqual({ token: 'env-token', source: 'env', path: null });
      writeFileSync(file, '\n');
      expect(loadOrCreateApiToken(dir.path, {}).source).toBe('generated');
    } finally {
      dir.remove();
    }
  });
});
