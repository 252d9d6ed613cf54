// CPU time the fixture's Dovecot spent: its master's own time plus that of every child it has reaped
// (imap and imap-login processes end with their connection), read from /proc in clock ticks.
import { readFileSync } from 'node:fs';

const TICKS_PER_S = 100;

export function serverCpuSeconds(masterPid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${masterPid}/stat`, 'utf8');
    // Fields after the command name "(…)": state is field 3, utime 14, stime 15, cutime 16, cstime 17.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const f = (n: number) => Number(rest[n - 3] ?? 0);
    return (f(14) + f(15) + f(16) + f(17)) / TICKS_PER_S;
  } catch {
    return null;
  }
}
