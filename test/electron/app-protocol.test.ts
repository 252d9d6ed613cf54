// The renderer on app://releve/ (never file://): privileged scheme, files only from the renderer folder,
// path traversal refused; the notification text shown as plain text; devtools tied to app.isPackaged.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => {
  const fake = await import('./fake-electron.js');
  return { ...fake.electronModule, default: fake.electronModule };
});

import { APP_HOST, APP_SCHEME, handleAppProtocol, registerAppScheme, resolveAppFile } from '../../electron/main/app-protocol.js';
import { contentSecurityPolicy } from '../../electron/main/csp.js';
import { plainNotification } from '../../electron/main/notification-text.js';
import { appPageFor } from '../../electron/main/url-policy.js';
import { makeTmpDir, type TmpDir } from '../helpers/tmp-dir.js';
import { protocol, resetFakeElectron } from './fake-electron.js';

let dir: TmpDir;
let renderer: string;
beforeEach(() => {
  resetFakeElectron();
  dir = makeTmpDir('releve-app-protocol-');
  renderer = join(dir.path, 'dist', 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Relève</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir.path, 'secret.key'), 'do not serve');
});
afterEach(() => dir.remove());

async function get(url: string): Promise<Response> {
  const handler = protocol.handlers.get(APP_SCHEME);
  if (!handler) throw new Error('app:// is not handled');
  return handler(new Request(url));
}

describe('app:// protocol', () => {
  it('is registered as privileged, standard and secure before ready, and the window page is on it', () => {
    registerAppScheme();
    expect(protocol.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    const page = appPageFor(join(renderer, 'index.html'));
    expect(page).toEqual({ kind: 'app', url: `app://${APP_HOST}/index.html`, dir: renderer });
  });

  it('serves the renderer files with their type, the CSP and nosniff', async () => {
    const csp = contentSecurityPolicy(null);
    handleAppProtocol(renderer, csp);
    const index = await get('app://releve/index.html');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toBe(csp);
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await index.text()).toBe(readFileSync(join(renderer, 'index.html'), 'utf8'));
    const js = await get('app://releve/assets/app.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('app://releve/')).status).toBe(200);
  });

  it('refuses every way out of the renderer folder, other hosts and missing files', async () => {
    handleAppProtocol(renderer, contentSecurityPolicy(null));
    const attempts = [
      'app://releve/../../secret.key',
      'app://releve/%2e%2e/%2e%2e/secret.key',
      'app://releve/assets/%2e%2e%2f%2e%2e%2fsecret.key',
      'app://releve/..%2f..%2fsecret.key',
      'app://releve/..%5c..%5csecret.key',
      'app://releve/assets%00/app.js',
      'app://releve/%E0%A4%A',
      'app://other/index.html',
      'app://releve/missing.js',
      'app://releve/assets',
    ];
    for (const url of attempts) {
      const r = await get(url);
      expect(r.status, url).toBe(404);
      expect(await r.text(), url).not.toContain('do not serve');
    }
    expect(resolveAppFile(renderer, 'file:///etc/passwd')).toBeNull();
    expect(resolveAppFile(renderer, 'app://releve/../../secret.key')).toBe(join(renderer, 'secret.key'));
  });
});

describe('notification text', () => {
  it('escapes markup on Linux, strips controls and bidi overrides everywhere, caps the length', () => {
    const notice = { title: 'Nouveau\u202e message\u0007', body: 'Alice : <b>Devis</b> <a href="http://evil.example">ici</a> & <img src="http://x/p.png">' };
    expect(plainNotification(notice, 'linux')).toEqual({
      title: 'Nouveau message',
      body: 'Alice : &lt;b&gt;Devis&lt;/b&gt; &lt;a href="http://evil.example"&gt;ici&lt;/a&gt; &amp; &lt;img src="http://x/p.png"&gt;',
    });
    // macOS and Windows show text as text: escaping would print "&lt;".
    expect(plainNotification(notice, 'darwin').body).toBe(notice.body);
    expect(plainNotification({ title: 'x'.repeat(500), body: 'y'.repeat(5000) }, 'win32').body.length).toBeLessThanOrEqual(400);
  });
});

describe('developer tools', () => {
  it('main.ts opens them only when the app is not packaged, whatever the environment says', () => {
    const main = readFileSync(new URL('../../electron/main/main.ts', import.meta.url), 'utf8');
    expect(main).toMatch(/const devTools = !app\.isPackaged;/);
    expect(main).not.toMatch(/RELEVE_DEVTOOLS/);
  });
});
