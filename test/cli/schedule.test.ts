// `releve schedule`: the files it writes for each OS, checked by each OS format's own reader where this
// machine has one (systemd-analyze verify, Python's plistlib, an XML parser for the Task Scheduler task), and
// the install/remove paths with the OS command answered as this machine's systemctl really answers.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchdFiles, parseEvery, systemdFiles, windowsArg, windowsTaskFile, type SchedulePlan } from '../../electron/cli/schedule/schedule-files.js';
import { installAction, removeAction, runCommand } from '../../electron/cli/schedule/schedule-os.js';
import { makeTmpDir } from '../helpers/tmp-dir.js';
import type { TmpDir } from '../helpers/tmp-dir.js';
import { baseEnv, runCli } from './run-cli.js';

let tmp: TmpDir;
beforeAll(() => {
  tmp = makeTmpDir('releve-schedule-');
});
afterAll(() => tmp?.remove());

const plan = (over: Partial<SchedulePlan> = {}): SchedulePlan => ({
  platform: 'linux',
  everyMinutes: 15,
  dataDir: '/home/marie/Données Relève/100%',
  command: [process.execPath, '/opt/Relève app/bin/releve.mjs', '--data-dir', '/home/marie/Données Relève/100%', 'sync'],
  ...over,
});

function systemdVerify(dir: string, unit: string): { code: number; output: string } {
  const runtime = join(tmp.path, 'xdg-runtime');
  mkdirSync(runtime, { recursive: true, mode: 0o700 });
  const r = spawnSync('systemd-analyze', ['verify', '--man=no', unit], { cwd: dir, encoding: 'utf8', env: { ...process.env, XDG_RUNTIME_DIR: runtime, SYSTEMD_LOG_LEVEL: 'notice' } });
  if (r.error) throw new Error(`systemd-analyze cannot run here (scripts/ensure-test-deps.sh installs systemd): ${r.error.message}`);
  return { code: r.status ?? -1, output: `${r.stdout}${r.stderr}` };
}

describe('--every', () => {
  it('reads durations as a person writes them', () => {
    expect(parseEvery('5m')).toBe(5);
    expect(parseEvery('15')).toBe(15);
    expect(parseEvery('1h')).toBe(60);
    expect(parseEvery('2h30m')).toBe(150);
    expect(parseEvery('90s')).toBe(2);
    expect(parseEvery('0m')).toBeNull();
    expect(parseEvery('soon')).toBeNull();
    expect(parseEvery('')).toBeNull();
  });
});

describe('systemd user units', () => {
  it('pass systemd-analyze verify, with paths holding spaces, accents and %', () => {
    const dir = join(tmp.path, 'units');
    mkdirSync(dir, { recursive: true });
    // verify checks that ExecStart's program exists: point it at this Node.
    for (const f of systemdFiles(plan())) writeFileSync(join(dir, f.name), f.content);
    const r = systemdVerify(dir, 'releve-sync.timer');
    expect(r.output).not.toMatch(/error|invalid|ignoring/i);
    expect(r.code).toBe(0);
    const service = systemdFiles(plan())[0]?.content as string;
    expect(service).toContain('"/opt/Relève app/bin/releve.mjs"');
    expect(service).toContain('100%%');
  });

  it('a broken unit is caught by the same check (the check can fail)', () => {
    const dir = join(tmp.path, 'broken');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'releve-sync.service'), '[Service]\nType=oneshot\nExecStart=relative/path sync\n');
    expect(systemdVerify(dir, 'releve-sync.service').output).toMatch(/absolute|executable|not valid|Neither a valid executable/i);
  });

  it('`releve schedule install --dry-run` prints units that verify, and writes nothing', async () => {
    const home = join(tmp.path, 'home-dry');
    const env = baseEnv({ HOME: home, XDG_CONFIG_HOME: join(home, '.config'), RELEVE_DATA_DIR: join(tmp.path, 'data dir'), LANG: 'en_US.UTF-8' });
    const r = await runCli(['schedule', 'install', '--every', '10m', '--dry-run'], env);
    expect(r.code, r.stderr).toBe(0);
    const sections = r.stdout.split(/^# would write (.+)$/m).slice(1);
    const written = new Map<string, string>();
    for (let i = 0; i + 1 < sections.length; i += 2) written.set(sections[i] as string, (sections[i + 1] as string).split(/^# would run/m)[0] as string);
    expect([...written.keys()].map((p) => p.split('/').pop())).toEqual(['releve-sync.service', 'releve-sync.timer']);
    expect(r.stdout).toContain('# would run: systemctl --user enable --now releve-sync.timer');
    expect(existsSync(join(home, '.config', 'systemd'))).toBe(false);
    const dir = join(tmp.path, 'dry-units');
    mkdirSync(dir, { recursive: true });
    for (const [p, content] of written) writeFileSync(join(dir, p.split('/').pop() as string), content.trimStart());
    expect(written.get([...written.keys()][1] as string)).toContain('OnUnitActiveSec=10min');
    const v = systemdVerify(dir, 'releve-sync.timer');
    expect(v.output).not.toMatch(/error|invalid|ignoring/i);
    expect(v.code).toBe(0);
  });
});

describe('launchd agent (macOS)', () => {
  it('is a property list that Python’s plistlib reads back with the right program and interval', () => {
    const [f] = launchdFiles(plan({ platform: 'darwin' }), '/Users/marie/Library/Application Support/Releve/logs');
    const file = join(tmp.path, 'agent.plist');
    writeFileSync(file, f?.content ?? '');
    const parsed = JSON.parse(
      execFileSync('python3', ['-c', 'import plistlib,json,sys; print(json.dumps(plistlib.load(open(sys.argv[1],"rb"))))', file], { encoding: 'utf8' }),
    ) as { Label: string; ProgramArguments: string[]; StartInterval: number };
    expect(parsed.Label).toBe('app.releve.sync');
    expect(parsed.ProgramArguments).toEqual(plan().command);
    expect(parsed.StartInterval).toBe(900);
  });
});

describe('Task Scheduler task (Windows)', () => {
  it('is UTF-16 XML with a repetition every N minutes and arguments quoted as Windows splits them', () => {
    const p = plan({ platform: 'win32', command: ['C:\\Program Files\\nodejs\\node.exe', 'C:\\Relève\\bin\\releve.mjs', '--data-dir', 'C:\\Users\\Marie\\AppData\\Roaming\\Releve', 'sync'] });
    const f = windowsTaskFile(p, new Date('2026-12-03T10:00:00Z'));
    const buf = f.content as Buffer;
    expect([...buf.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    const file = join(tmp.path, 'task.xml');
    writeFileSync(file, buf);
    const script = [
      'import sys, json, xml.etree.ElementTree as ET',
      "ns = {'t': 'http://schemas.microsoft.com/windows/2004/02/mit/task'}",
      'root = ET.parse(sys.argv[1]).getroot()',
      "print(json.dumps({'interval': root.find('.//t:Repetition/t:Interval', ns).text, 'command': root.find('.//t:Exec/t:Command', ns).text, 'args': root.find('.//t:Exec/t:Arguments', ns).text}))",
    ].join('\n');
    const parsed = JSON.parse(execFileSync('python3', ['-c', script, file], { encoding: 'utf8' })) as { interval: string; command: string; args: string };
    expect(parsed.interval).toBe('PT15M');
    expect(parsed.command).toBe('C:\\Program Files\\nodejs\\node.exe');
    expect(parsed.args).toBe('C:\\Relève\\bin\\releve.mjs --data-dir C:\\Users\\Marie\\AppData\\Roaming\\Releve sync');
    expect(windowsArg('C:\\Mes Documents\\')).toBe('"C:\\Mes Documents\\\\"');
    expect(windowsArg('say "hi"')).toBe('"say \\"hi\\""');
    expect(installAction(p, { platform: 'win32', env: {}, home: 'C:\\Users\\Marie' }).commands[0]?.args).toEqual(
      ['/Create', '/TN', '\\Releve\\Sync', '/XML', join(p.dataDir, 'releve-sync-task.xml'), '/F'],
    );
  });
});

describe('install and remove on this machine', () => {
  it('writes the units where systemd --user reads them, says plainly when systemctl cannot enable them, and removes them', async () => {
    const home = join(tmp.path, 'home-real');
    const env = baseEnv({ HOME: home, XDG_CONFIG_HOME: join(home, '.config'), RELEVE_DATA_DIR: join(tmp.path, 'data-real'), LANG: 'fr_FR.UTF-8' });
    const unitDir = join(home, '.config', 'systemd', 'user');
    // Whether this machine has a user service manager decides what install may claim; ask it as install will.
    const probe = runCommand({ cmd: 'systemctl', args: ['--user', 'is-system-running'] });
    const hasUserManager = probe.ok || /running|degraded|starting/.test(probe.output);
    if (hasUserManager) {
      // Never enable a real timer in the developer's own session from a test.
      expect(installAction(plan(), { platform: 'linux', env: { XDG_CONFIG_HOME: join(home, '.config') }, home }).files[0]?.path).toBe(join(unitDir, 'releve-sync.service'));
      return;
    }
    const r = await runCli(['schedule', 'install', '--every', '5m'], env);
    expect(existsSync(join(unitDir, 'releve-sync.service'))).toBe(true);
    expect(existsSync(join(unitDir, 'releve-sync.timer'))).toBe(true);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('La commande « systemctl --user');
    expect(r.stderr).toContain('Les fichiers sont écrits');
    const status = await runCli(['schedule', 'status'], env);
    expect(status.stdout).toContain('Toutes les 5 min.');
    const rm = await runCli(['schedule', 'remove'], env);
    expect(rm.code).toBe(0);
    expect(existsSync(join(unitDir, 'releve-sync.timer'))).toBe(false);
    expect(removeAction({ platform: 'linux', dataDir: '' }, { platform: 'linux', env: { XDG_CONFIG_HOME: join(home, '.config') }, home }).files).toHaveLength(2);
    expect((await runCli(['schedule', 'status'], env)).stdout).toContain('Aucune synchronisation planifiée');
  });
});
