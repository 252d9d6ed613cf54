// The one-shot loopback redirect listener on its own: what it accepts, what it refuses, and that the port
// is really closed afterwards (timeout, cancel, success) — checked with real TCP connections.
import http from 'node:http';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { listenForRedirect } from '../../electron/core/oauth/loopback.js';
import { ReleveError } from '../../shared/errors.js';

function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** A browser-like GET that keeps its connection alive unless told otherwise. */
function get(url: string, method = 'GET'): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  const agent = new http.Agent({ keepAlive: true });
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('loopback redirect listener', () => {
  it('listens on 127.0.0.1 only, on a random port', async () => {
    const a = await listenForRedirect({ state: 's'.repeat(43), timeoutMs: 5_000, locale: 'en' });
    const b = await listenForRedirect({ state: 't'.repeat(43), timeoutMs: 5_000, locale: 'en' });
    expect(a.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(a.port).not.toBe(b.port);
    a.close(new ReleveError('CANCELLED', 'test'));
    b.close(new ReleveError('CANCELLED', 'test'));
  });

  it('refuses wrong or missing state, other paths and methods, then takes the right redirect once and closes', async () => {
    const state = 'right-state-0123456789';
    const l = await listenForRedirect({ state, timeoutMs: 5_000, locale: 'fr' });
    const wrong = await get(`${l.redirectUri}?code=x&state=wrong-state-0123456789`);
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain('<title>Lien non valide</title>');
    expect((await get(`${l.redirectUri}?code=x&state=${state}x`)).status).toBe(400);
    expect((await get(`${l.redirectUri}?code=x`)).status).toBe(400);
    expect((await get(`${l.redirectUri}favicon.ico?state=${state}`)).status).toBe(404);
    expect((await get(`${l.redirectUri}?code=x&state=${state}`, 'POST')).status).toBe(404);
    expect(l.isListening()).toBe(true);

    const ok = await get(`${l.redirectUri}?code=the-code&state=${state}&iss=http%3A%2F%2Fidp`);
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('Vous pouvez fermer cette fenêtre');
    expect(ok.headers['content-security-policy']).toContain("default-src 'none'");
    expect(ok.headers['connection']).toBe('close');
    const url = await l.result;
    expect(url.searchParams.get('code')).toBe('the-code');
    expect(l.isListening()).toBe(false);
    // Closed for good, even though the browser asked for keep-alive.
    await new Promise((r) => setTimeout(r, 50));
    expect(await portAccepts(l.port)).toBe(false);
  });

  it('an error redirect (access denied) is still delivered, with a page saying the sign-in did not complete', async () => {
    const l = await listenForRedirect({ state: 'st', timeoutMs: 5_000, locale: 'en' });
    const res = await get(`${l.redirectUri}?error=access_denied&state=st`);
    expect(res.body).toContain('<h1 style="font-size:1.4rem">Sign-in not completed</h1>');
    expect(res.body).toContain('did not complete');
    expect((await l.result).searchParams.get('error')).toBe('access_denied');
  });

  it('gives up after the time limit with TIMEOUT and frees the port', async () => {
    const l = await listenForRedirect({ state: 'st', timeoutMs: 150, locale: 'en' });
    await expect(l.result).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(l.isListening()).toBe(false);
    expect(await portAccepts(l.port)).toBe(false);
  });

  it('stops at once when the sign-in is cancelled', async () => {
    const l = await listenForRedirect({ state: 'st', timeoutMs: 5_000, locale: 'en' });
    expect(await portAccepts(l.port)).toBe(true);
    l.close(new ReleveError('CANCELLED', 'closed by the user'));
    await expect(l.result).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(await portAccepts(l.port)).toBe(false);
  });
});
