// Installs, removes and reports the scheduled sync pass with the OS's own scheduler: systemd --user (Linux),
// launchd (macOS), Task Scheduler (Windows). The files come from schedule-files.ts; this module only decides
// where they go and which OS commands enable them, and says plainly when one of those commands fails.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  LAUNCHD_LABEL,
  SYSTEMD_UNIT,
  WINDOWS_TASK,
  launchdFiles,
  systemdFiles,
  windowsTaskFile,
  type ScheduleFile,
  type SchedulePlan,
} from './schedule-files.js';

export interface OsCommand {
  cmd: string;
  args: string[];
}

export interface ScheduleAction {
  /** Absolute paths and contents of the files written (or that would be). */
  files: Array<{ path: string; content: string | Buffer }>;
  /** The OS commands run after writing (or that would be). */
  commands: OsCommand[];
}

export interface CommandOutcome extends OsCommand {
  ok: boolean;
  output: string;
}

export type Runner = (c: OsCommand) => CommandOutcome;

export const runCommand: Runner = (c) => {
  const r = spawnSync(c.cmd, c.args, { encoding: 'utf8', timeout: 30_000 });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error.message) : ''}`.trim();
  return { ...c, ok: r.status === 0 && !r.error, output };
};

export interface Place {
  platform: SchedulePlan['platform'];
  env: NodeJS.ProcessEnv;
  home: string;
}

/** The folder the OS reads such files from. */
export function scheduleDir(p: Place): string {
  if (p.platform === 'linux') {
    const xdg = p.env.XDG_CONFIG_HOME?.trim();
    return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(p.home, '.config'), 'systemd', 'user');
  }
  if (p.platform === 'darwin') return path.join(p.home, 'Library', 'LaunchAgents');
  // Windows keeps the task in its own store; the XML handed to schtasks is kept in the data folder.
  return '';
}

function uid(): number {
  return typeof process.getuid === 'function' ? process.getuid() : 0;
}

function placed(dir: string, files: ScheduleFile[]): ScheduleAction['files'] {
  return files.map((f) => ({ path: path.join(dir, f.name), content: f.content }));
}

export function installAction(plan: SchedulePlan, p: Place, now: Date = new Date()): ScheduleAction {
  const dir = scheduleDir(p);
  if (plan.platform === 'linux') {
    return {
      files: placed(dir, systemdFiles(plan)),
      commands: [
        { cmd: 'systemctl', args: ['--user', 'daemon-reload'] },
        { cmd: 'systemctl', args: ['--user', 'enable', '--now', `${SYSTEMD_UNIT}.timer`] },
      ],
    };
  }
  if (plan.platform === 'darwin') {
    const files = placed(dir, launchdFiles(plan, path.join(plan.dataDir, 'logs')));
    const plist = files[0]?.path ?? '';
    return {
      files,
      commands: [
        // bootout of an agent that is not loaded fails harmlessly; it makes a re-install pick up the new file.
        { cmd: 'launchctl', args: ['bootout', `gui/${uid()}/${LAUNCHD_LABEL}`] },
        { cmd: 'launchctl', args: ['bootstrap', `gui/${uid()}`, plist] },
      ],
    };
  }
  const xmlFile = path.join(plan.dataDir, 'releve-sync-task.xml');
  return {
    files: [{ path: xmlFile, content: windowsTaskFile(plan, now).content }],
    commands: [{ cmd: 'schtasks', args: ['/Create', '/TN', WINDOWS_TASK, '/XML', xmlFile, '/F'] }],
  };
}

export function removeAction(plan: Pick<SchedulePlan, 'platform' | 'dataDir'>, p: Place): ScheduleAction {
  const dir = scheduleDir(p);
  if (plan.platform === 'linux') {
    return {
      files: [`${SYSTEMD_UNIT}.timer`, `${SYSTEMD_UNIT}.service`].map((n) => ({ path: path.join(dir, n), content: '' })),
      commands: [
        { cmd: 'systemctl', args: ['--user', 'disable', '--now', `${SYSTEMD_UNIT}.timer`] },
        { cmd: 'systemctl', args: ['--user', 'daemon-reload'] },
      ],
    };
  }
  if (plan.platform === 'darwin') {
    return {
      files: [{ path: path.join(dir, `${LAUNCHD_LABEL}.plist`), content: '' }],
      commands: [{ cmd: 'launchctl', args: ['bootout', `gui/${uid()}/${LAUNCHD_LABEL}`] }],
    };
  }
  return {
    files: [{ path: path.join(plan.dataDir, 'releve-sync-task.xml'), content: '' }],
    commands: [{ cmd: 'schtasks', args: ['/Delete', '/TN', WINDOWS_TASK, '/F'] }],
  };
}

export function statusCommands(platform: SchedulePlan['platform']): OsCommand[] {
  if (platform === 'linux') return [{ cmd: 'systemctl', args: ['--user', 'list-timers', `${SYSTEMD_UNIT}.timer`, '--all', '--no-pager'] }];
  if (platform === 'darwin') return [{ cmd: 'launchctl', args: ['print', `gui/${uid()}/${LAUNCHD_LABEL}`] }];
  return [{ cmd: 'schtasks', args: ['/Query', '/TN', WINDOWS_TASK, '/FO', 'LIST', '/V'] }];
}

export function writeFiles(action: ScheduleAction): void {
  for (const f of action.files) {
    mkdirSync(path.dirname(f.path), { recursive: true });
    writeFileSync(f.path, f.content, { mode: 0o644 });
  }
}

export function deleteFiles(action: ScheduleAction): string[] {
  const removed: string[] = [];
  for (const f of action.files) {
    if (existsSync(f.path)) {
      rmSync(f.path, { force: true });
      removed.push(f.path);
    }
  }
  return removed;
}

/** The installed files as they are now (for `status`), so the user sees the interval even without the OS tool. */
export function installedFiles(plan: Pick<SchedulePlan, 'platform' | 'dataDir'>, p: Place): Array<{ path: string; content: string }> {
  return removeAction(plan, p)
    .files.filter((f) => existsSync(f.path))
    .map((f) => ({ path: f.path, content: plan.platform === 'win32' ? '' : readFileSync(f.path, 'utf8') }));
}

export function defaultPlace(env: NodeJS.ProcessEnv): Place {
  const platform = process.platform === 'darwin' || process.platform === 'win32' ? process.platform : 'linux';
  return { platform, env, home: os.homedir() };
}
