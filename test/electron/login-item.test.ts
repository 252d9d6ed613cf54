import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => {
  const fake = await import('./fake-electron.js');
  return { ...fake.electronModule, default: fake.electronModule };
});

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { autostartDesktopEntry, createLoginItemControl, desktopExecArg, launchedAtLogin } from '../../electron/main/login-item.js';
import { app, resetFakeElectron } from './fake-electron.js';

let configHome: string;
const savedXdg = process.env.XDG_CONFIG_HOME;
const savedAppImage = process.env.APPIMAGE;

beforeEach(() => {
  resetFakeElectron();
  configHome = mkdtempSync(path.join(os.tmpdir(), 'releve-xdg-'));
  process.env.XDG_CONFIG_HOME = configHome;
  delete process.env.APPIMAGE;
});
afterEach(() => {
  rmSync(configHome, { recursive: true, force: true });
  if (savedXdg === undefined) delete process.env.XDG_CONFIG_HOME;
  else process.env.XDG_CONFIG_HOME = savedXdg;
  if (savedAppImage === undefined) delete process.env.APPIMAGE;
  else process.env.APPIMAGE = savedAppImage;
});

describe('start at login', () => {
  it('on Linux writes and removes an XDG autostart entry that starts hidden', () => {
    process.env.APPIMAGE = '/home/me/Applications/releve 0.1.0.AppImage';
    const control = createLoginItemControl('linux');
    const file = path.join(configHome, 'autostart', 'releve.desktop');
    expect(control.get()).toBe(false);
    control.set(true);
    expect(control.get()).toBe(true);
    const entry = readFileSync(file, 'utf8');
    expect(entry).toContain('Exec="/home/me/Applications/releve 0.1.0.AppImage" --hidden');
    expect(entry).toContain('Type=Application');
    control.set(false);
    expect(existsSync(file)).toBe(false);
    expect(control.get()).toBe(false);
  });

  it('on Windows and macOS uses the OS login item (Windows with the --hidden argument)', () => {
    const win = createLoginItemControl('win32');
    win.set(true);
    expect(app.loginItem).toMatchObject({ openAtLogin: true, args: ['--hidden'] });
    expect(win.get()).toBe(true);
    const mac = createLoginItemControl('darwin');
    mac.set(false);
    expect(mac.get()).toBe(false);
  });

  it('knows when it was launched at login', () => {
    expect(launchedAtLogin(['/opt/releve/releve', '--hidden'], 'linux')).toBe(true);
    expect(launchedAtLogin(['/opt/releve/releve'], 'linux')).toBe(false);
    app.loginItem.wasOpenedAtLogin = true;
    expect(launchedAtLogin(['/Applications/Relève.app/Contents/MacOS/Relève'], 'darwin')).toBe(true);
  });

  it('quotes Exec arguments per the Desktop Entry spec', () => {
    expect(desktopExecArg('/usr/bin/releve')).toBe('/usr/bin/releve');
    expect(desktopExecArg('/opt/My Apps/releve')).toBe('"/opt/My Apps/releve"');
    expect(desktopExecArg('/opt/$x/"q"')).toBe('"/opt/\\$x/\\"q\\""');
    expect(autostartDesktopEntry('/usr/bin/releve')).toContain('Exec=/usr/bin/releve --hidden\n');
  });
});
