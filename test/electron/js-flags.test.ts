import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => {
  const fake = await import('./fake-electron.js');
  return { ...fake.electronModule, default: fake.electronModule };
});

import { RELAUNCH_MARK, relaunchWithSyncFlags } from '../../electron/main/js-flags.js';
import { HIDDEN_FLAG } from '../../electron/main/login-item.js';
import { SYNC_V8_FLAGS } from '../../electron/core/runtime-flags.js';

/** An Electron app launched with `argv`: switches read the way Chromium reads them, relaunches and exits recorded. */
function launched(argv: string[]) {
  const calls: Array<{ relaunch?: string[]; exit?: number }> = [];
  const app = {
    commandLine: {
      getSwitchValue(name: string): string {
        const hit = argv.slice(1).find((a) => a.startsWith(`--${name}=`));
        return hit ? hit.slice(name.length + 3) : '';
      },
    },
    relaunch(opts?: { args?: string[] }) {
      calls.push({ relaunch: opts?.args ?? [] });
    },
    exit(code?: number) {
      calls.push({ exit: code ?? 0 });
    },
  };
  return { app, argv, calls };
}

describe('relaunchWithSyncFlags', () => {
  it('relaunches a launch without the flags once, with them, keeping its arguments; the new instance starts', () => {
    const env: NodeJS.ProcessEnv = {};
    const first = launched(['/opt/Releve/releve', '--enable-logging', 'mailto:x@y.test']);
    expect(relaunchWithSyncFlags({ ...first, env, isElectron: true, atLogin: false })).toBe(true);
    const args = first.calls[0]?.relaunch ?? [];
    expect(args).toEqual([`--js-flags=${SYNC_V8_FLAGS.join(' ')}`, '--enable-logging', 'mailto:x@y.test']);
    expect(first.calls[1]).toEqual({ exit: 0 });

    const second = launched(['/opt/Releve/releve', ...args]);
    expect(relaunchWithSyncFlags({ ...second, env, isElectron: true, atLogin: false })).toBe(false);
    expect(second.calls).toEqual([]);
  });

  it('keeps js-flags given by the user and adds only what is missing', () => {
    const l = launched(['/opt/Releve/releve', '--js-flags=--expose-gc']);
    expect(relaunchWithSyncFlags({ ...l, env: {}, isElectron: true, atLogin: false })).toBe(true);
    expect(l.calls[0]?.relaunch).toEqual([`--js-flags=--expose-gc ${SYNC_V8_FLAGS.join(' ')}`]);
  });

  it('does not relaunch a launch that has the flags, nor plain Node, nor loop when a relaunch lost them', () => {
    const ok = launched(['/opt/Releve/releve', `--js-flags=${SYNC_V8_FLAGS.join(' ')}`]);
    expect(relaunchWithSyncFlags({ ...ok, env: {}, isElectron: true, atLogin: false })).toBe(false);
    const node = launched(['/usr/bin/node', 'main.cjs']);
    expect(relaunchWithSyncFlags({ ...node, env: {}, isElectron: false, atLogin: false })).toBe(false);
    const lost = launched(['/opt/Releve/releve']);
    expect(relaunchWithSyncFlags({ ...lost, env: { [RELAUNCH_MARK]: '1' }, isElectron: true, atLogin: false })).toBe(false);
    expect([...ok.calls, ...node.calls, ...lost.calls]).toEqual([]);
  });

  it('a login-time start stays hidden after the relaunch', () => {
    const l = launched(['/Applications/Releve.app/Contents/MacOS/Releve']);
    expect(relaunchWithSyncFlags({ ...l, env: {}, isElectron: true, atLogin: true })).toBe(true);
    expect(l.calls[0]?.relaunch).toEqual([`--js-flags=${SYNC_V8_FLAGS.join(' ')}`, HIDDEN_FLAG]);
    const already = launched(['/usr/bin/releve', HIDDEN_FLAG]);
    relaunchWithSyncFlags({ ...already, env: {}, isElectron: true, atLogin: true });
    expect(already.calls[0]?.relaunch).toEqual([`--js-flags=${SYNC_V8_FLAGS.join(' ')}`, HIDDEN_FLAG]);
  });
});
