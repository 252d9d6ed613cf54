// The files `releve schedule install` writes for each OS: a systemd user service + timer (Linux), a launchd
// agent (macOS), a Task Scheduler task (Windows). Pure functions of the plan, so each is unit-tested on any OS
// (and the systemd pair checked by systemd-analyze verify).

export type SchedulePlatform = 'linux' | 'darwin' | 'win32';

export interface SchedulePlan {
  platform: SchedulePlatform;
  /** Minutes between two passes (≥ 1). */
  everyMinutes: number;
  /** The program and its arguments: node, bin/releve.mjs, --data-dir DIR, sync. */
  command: string[];
  dataDir: string;
  /** Windows only: the account the task runs as (DOMAIN\user). */
  userId?: string;
}

export interface ScheduleFile {
  /** Path relative to the platform's folder for such files (see schedule-os.ts). */
  name: string;
  content: string | Buffer;
}

export const SYSTEMD_UNIT = 'releve-sync';
export const LAUNCHD_LABEL = 'app.releve.sync';
export const WINDOWS_TASK = '\\Releve\\Sync';

/** Parses --every: "5m", "90s"→ rounded up to minutes, "1h", "2h30m", or a bare number of minutes. */
export function parseEvery(v: string): number | null {
  const s = v.trim().toLowerCase();
  if (/^\d{1,5}$/.test(s)) return Number(s) >= 1 ? Number(s) : null;
  const m = /^(?:(\d{1,3})h)?(?:(\d{1,5})m(?:in)?)?(?:(\d{1,6})s)?$/.exec(s);
  if (!m || s === '') return null;
  const seconds = Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
  const minutes = Math.ceil(seconds / 60);
  return minutes >= 1 && minutes <= 7 * 24 * 60 ? minutes : null;
}

// systemd: each argument double-quoted with \ and " escaped; % is a specifier, so doubled; $ expands, so doubled.
function systemdArg(a: string): string {
  return `"${a.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/%/g, '%%').replace(/\$/g, '$$$$')}"`;
}

function systemdValue(v: string): string {
  return v.replace(/%/g, '%%');
}

export function systemdFiles(plan: SchedulePlan): ScheduleFile[] {
  const service = `# Written by \`releve schedule install\`; \`releve schedule remove\` deletes it.
[Unit]
Description=Relève: one sync pass over the active mailboxes
Wants=network-online.target
After=network-online.target

[Service]
Type=oneshot
ExecStart=${plan.command.map(systemdArg).join(' ')}
# Exit code 1 means a mailbox failed (details in the journal and in \`releve status\`); the next pass retries.
SuccessExitStatus=1
Nice=5
`;
  const timer = `# Written by \`releve schedule install\`: a Relève sync pass every ${plan.everyMinutes} min.
[Unit]
Description=Relève: sync pass every ${plan.everyMinutes} min (data: ${systemdValue(plan.dataDir)})

[Timer]
OnBootSec=1min
OnUnitActiveSec=${plan.everyMinutes}min
Persistent=true

[Install]
WantedBy=timers.target
`;
  return [
    { name: `${SYSTEMD_UNIT}.service`, content: service },
    { name: `${SYSTEMD_UNIT}.timer`, content: timer },
  ];
}

function xml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function launchdFiles(plan: SchedulePlan, logDir: string): ScheduleFile[] {
  const args = plan.command.map((a) => `    <string>${xml(a)}</string>`).join('\n');
  const plist = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<!-- Written by releve schedule install; releve schedule remove deletes it. -->
<plist version="1.0">
<dict>
  <key>Label</key>
  <string>${LAUNCHD_LABEL}</string>
  <key>ProgramArguments</key>
  <array>
${args}
  </array>
  <key>StartInterval</key>
  <integer>${plan.everyMinutes * 60}</integer>
  <key>RunAtLoad</key>
  <true/>
  <key>ProcessType</key>
  <string>Background</string>
  <key>StandardOutPath</key>
  <string>${xml(`${logDir}/schedule.log`)}</string>
  <key>StandardErrorPath</key>
  <string>${xml(`${logDir}/schedule.log`)}</string>
</dict>
</plist>
`;
  return [{ name: `${LAUNCHD_LABEL}.plist`, content: plist }];
}

/** Windows command-line quoting (CommandLineToArgvW rules) for the task's Arguments. */
export function windowsArg(a: string): string {
  if (a !== '' && !/[\s"]/.test(a)) return a;
  return `"${a.replace(/(\\*)"/g, '$1$1\\"').replace(/(\\+)$/, '$1$1')}"`;
}

/** Task Scheduler XML (schema 1.2: Windows 7 and later), UTF-16 LE with BOM as schtasks /XML expects. */
export function windowsTaskFile(plan: SchedulePlan, start: Date): ScheduleFile {
  const [program = '', ...args] = plan.command;
  const startBoundary = start.toISOString().slice(0, 19);
  const user = plan.userId ? `\n      <UserId>${xml(plan.userId)}</UserId>` : '';
  const text = `<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo>
    <Description>Relève: sync pass every ${plan.everyMinutes} min (written by releve schedule install)</Description>
  </RegistrationInfo>
  <Triggers>
    <TimeTrigger>
      <StartBoundary>${startBoundary}</StartBoundary>
      <Enabled>true</Enabled>
      <Repetition>
        <Interval>PT${plan.everyMinutes}M</Interval>
        <StopAtDurationEnd>false</StopAtDurationEnd>
      </Repetition>
    </TimeTrigger>
  </Triggers>
  <Principals>
    <Principal id="Author">${user}
      <LogonType>InteractiveToken</LogonType>
      <RunLevel>LeastPrivilege</RunLevel>
    </Principal>
  </Principals>
  <Settings>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <StartWhenAvailable>true</StartWhenAvailable>
    <RunOnlyIfNetworkAvailable>true</RunOnlyIfNetworkAvailable>
    <ExecutionTimeLimit>PT2H</ExecutionTimeLimit>
    <Enabled>true</Enabled>
    <Hidden>false</Hidden>
  </Settings>
  <Actions Context="Author">
    <Exec>
      <Command>${xml(program)}</Command>
      <Arguments>${xml(args.map(windowsArg).join(' '))}</Arguments>
    </Exec>
  </Actions>
</Task>
`;
  return { name: 'releve-sync.xml', content: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/\n/g, '\r\n'), 'utf16le')]) };
}
