// Where Relève keeps releve.db, the key file and logs. The desktop app and the `releve` CLI must agree on it,
// so both call resolveDataDir().
//
// Electron's app.getPath('userData') is <appData>/<app name>, with appData = %APPDATA% on Windows,
// ~/Library/Application Support on macOS and $XDG_CONFIG_HOME or ~/.config on Linux: for an app named
// "Releve" that is exactly what resolveDataDir() returns. package.json's productName is the accented
// "Relève", so electron/main must not rely on the default name: it calls
// app.setPath('userData', resolveDataDir()) before `ready`, and the app and the CLI share one directory.
// The folder name stays unaccented on purpose: no Unicode normalisation surprises between macOS (NFD) and
// other systems, nor in scripts and cron lines that name the path.
import { mkdirSync, statSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ReleveError, isDiskFullCode } from '../../shared/errors.js';

export const DATA_DIR_NAME = 'Releve';

export function resolveDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  // Paths are built with the target platform's rules, so the Windows branch is testable on Linux.
  const p = platform === 'win32' ? path.win32 : path.posix;
  const override = env.RELEVE_DATA_DIR?.trim();
  if (override) return p.resolve(override);
  if (platform === 'win32') {
    const appData = env.APPDATA?.trim() || p.join(home, 'AppData', 'Roaming');
    return p.join(appData, DATA_DIR_NAME);
  }
  if (platform === 'darwin') return p.join(home, 'Library', 'Application Support', DATA_DIR_NAME);
  // Linux and other Unixes: the XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg = env.XDG_CONFIG_HOME?.trim();
  const configHome = xdg && p.isAbsolute(xdg) ? xdg : p.join(home, '.config');
  return p.join(configHome, DATA_DIR_NAME);
}

/**
 * Creates the directory (and its parents) readable by the owner only, and returns it. An existing directory is
 * left as the user made it: it may be a shared folder they chose on purpose with RELEVE_DATA_DIR.
 */
export function ensureDataDir(dir: string): string {
  const abs = path.resolve(dir);
  try {
    const created = mkdirSync(abs, { recursive: true, mode: 0o700 });
    // mkdir's mode is filtered by the umask; the leaf we just made is set exactly.
    if (created !== undefined && process.platform !== 'win32') chmodSync(abs, 0o700);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ReleveError(isDiskFullCode(code) ? 'DISK_FULL' : 'STORAGE', `Cannot create the data directory ${abs}`, {
      detail: code ?? String(err),
      cause: err,
    });
  }
  if (!statSync(abs).isDirectory()) {
    throw new ReleveError('STORAGE', `The data directory ${abs} exists but is not a directory`);
  }
  return abs;
}
