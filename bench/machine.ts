// What the figures were measured on: CPU, memory, kernel, Node, Dovecot, SQLite, and the load average
// (other work on a 2-core machine moves every figure).
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import Database from 'better-sqlite3';

function version(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n')[0] ?? '?';
  } catch {
    return '?';
  }
}

export function machineDescription(): { summary: string; load: string } {
  const cpus = os.cpus();
  const db = new Database(':memory:');
  const sqlite = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  db.close();
  return {
    summary:
      `${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ` +
      `${os.type()} ${os.release()}, Node ${process.version}, Dovecot ${version('/usr/sbin/dovecot', ['--version'])}, SQLite ${sqlite}`,
    load: os.loadavg().map((l) => l.toFixed(2)).join(' / '),
  };
}
