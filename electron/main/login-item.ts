// "Start Relève when I log in": the OS login item on Windows and macOS, an XDG autostart entry on Linux
// (Electron's login-item API does nothing there). Started that way, the app stays in the tray (--hidden).
import { app } from 'electron';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const HIDDEN_FLAG = '--hidden';

export interface LoginItemControl {
  get(): boolean;
  set(on: boolean): void;
}

/** Quotes an Exec argument per the Desktop Entry spec. */
export function desktopExecArg(arg: string): string {
  return /[\s"'\\`$]/.test(arg) ? `"${arg.replace(/(["`$\\])/g, '\\$1')}"` : arg;
}

export function autostartDesktopEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Relève',
    'Comment=Relève — mail collection / relève du courrier',
    `Exec=${desktopExecArg(executable)} ${HIDDEN_FLAG}`,
    'Icon=releve',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

function linuxAutostartFile(env: NodeJS.ProcessEnv = process.env): string {
  const configHome = env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(configHome, 'autostart', 'releve.desktop');
}

/** Linux: the AppImage path when run from one (process.execPath points inside its temporary mount). */
function linuxExecutable(env: NodeJS.ProcessEnv = process.env): string {
  return env.APPIMAGE || process.execPath;
}

export function createLoginItemControl(platform: NodeJS.Platform = process.platform): LoginItemControl {
  if (platform === 'linux') {
    const file = linuxAutostartFile();
    return {
      get() {
        try {
          return readFileSync(file, 'utf8').includes(HIDDEN_FLAG);
        } catch {
          return false;
        }
      },
      set(on) {
        if (!on) {
          rmSync(file, { force: true });
          return;
        }
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, autostartDesktopEntry(linuxExecutable()), { mode: 0o644 });
      },
    };
  }
  // Windows matches the login entry by path *and* args, so the same args are passed to get and set.
  const args = [HIDDEN_FLAG];
  return {
    get: () => app.getLoginItemSettings(platform === 'win32' ? { args } : undefined).openAtLogin,
    set: (on) => app.setLoginItemSettings({ openAtLogin: on, ...(platform === 'win32' ? { args } : {}) }),
  };
}

/** Whether this launch came from the login item (then the window stays hidden in the tray). */
export function launchedAtLogin(argv: readonly string[], platform: NodeJS.Platform = process.platform): boolean {
  if (argv.includes(HIDDEN_FLAG)) return true;
  if (platform === 'darwin') {
    try {
      return app.getLoginItemSettings().wasOpenedAtLogin === true;
    } catch {
      return false;
    }
  }
  return false;
}
