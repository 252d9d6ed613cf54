// JSON-lines logger with secret redaction. Passwords are registered as they are decrypted and never printed.
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Logger, LogLevel } from './model.js';
import { redact } from './secrets/redact.js';

const MAX_LOG_BYTES = 5 * 1024 * 1024;

export class Redactor {
  private readonly secrets = new Set<string>();
  add(secret: string): void {
    if (secret.length >= 3) this.secrets.add(secret);
  }
  /** Also catches the JSON-escaped form a secret takes inside a log line (see secrets/redact.ts). */
  apply(text: string): string {
    return redact(text, [...this.secrets]);
  }
}

export function createFileLogger(file: string, redactor: Redactor, minLevel: LogLevel = 'info'): Logger {
  const order: LogLevel[] = ['debug', 'info', 'warn', 'error'];
  mkdirSync(path.dirname(file), { recursive: true });
  return {
    log(level, msg, fields) {
      if (order.indexOf(level) < order.indexOf(minLevel)) return;
      const line = redactor.apply(JSON.stringify({ t: new Date().toISOString(), level, msg, ...fields })) + '\n';
      try {
        if ((statSync(file, { throwIfNoEntry: false })?.size ?? 0) > MAX_LOG_BYTES) renameSync(file, file + '.1');
        appendFileSync(file, line, { mode: 0o600 });
      } catch {
        // logging must never break a sync (e.g. disk full)
      }
    },
  };
}

export function wrapLogger(inner: Logger | undefined, redactor: Redactor): Logger {
  return {
    log(level, msg, fields) {
      if (!inner) return;
      const safe = fields ? (JSON.parse(redactor.apply(JSON.stringify(fields))) as Record<string, unknown>) : undefined;
      inner.log(level, redactor.apply(msg), safe);
    },
  };
}
