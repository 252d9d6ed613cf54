// The sync engine runs in this (main) process, and its V8 flags (core/runtime-flags.ts) only reach the main
// process's own V8 when given at launch (`--js-flags` on the command line): `app.commandLine.appendSwitch`
// from here would only reach the renderers, V8 here is already set up. So a launch without them relaunches
// once with them; the new instance finds them and starts normally.
import type { App } from 'electron';
import { missingSyncFlags } from '../core/runtime-flags.js';
import { HIDDEN_FLAG } from './login-item.js';

/** Set on the relaunched instance: if the flags still did not arrive, run without them rather than loop. */
export const RELAUNCH_MARK = 'RELEVE_JS_FLAGS_RELAUNCH';

export interface JsFlagsLaunch {
  app: Pick<App, 'relaunch' | 'exit'> & { commandLine: Pick<App['commandLine'], 'getSwitchValue'> };
  /** process.argv: [executable, ...arguments]. */
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  /** False under plain Node (the headless smoke run): there is no Electron launch to redo. */
  isElectron: boolean;
  /**
   * Whether this launch is a login-time start: the relaunched instance cannot tell any more (macOS reports
   * only the first one as opened at login), so it gets the login item's hidden flag.
   */
  atLogin: boolean;
}

/** Returns true when this instance is being replaced by one launched with the flags: start nothing. */
export function relaunchWithSyncFlags({ app, argv, env, isElectron, atLogin }: JsFlagsLaunch): boolean {
  if (!isElectron) return false;
  const current = app.commandLine.getSwitchValue('js-flags');
  const missing = missingSyncFlags([current]);
  if (missing.length === 0 || env[RELAUNCH_MARK] === '1') return false;
  env[RELAUNCH_MARK] = '1'; // inherited by the relaunched instance
  const jsFlags = [current, ...missing].filter(Boolean).join(' ');
  // Switches first: Chromium stops reading switches after a `--`, and the app path or a file may follow.
  const rest = argv.slice(1).filter((a) => !a.startsWith('--js-flags='));
  const hidden = atLogin && !rest.includes(HIDDEN_FLAG) ? [HIDDEN_FLAG] : [];
  app.relaunch({ args: [`--js-flags=${jsFlags}`, ...hidden, ...rest] });
  app.exit(0);
  return true;
}
