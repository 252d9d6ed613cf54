// Web mode without a terminal: `releve serve` prints a one-time login link; opening it sets an HttpOnly,
// SameSite=Strict session cookie, so any tab or bookmark of this server works until logout, while scripts keep
// the Bearer token. Login codes live in memory only (10 minutes, single use). Sessions survive a restart of
// the server: their SHA-256 (never the value itself) is kept 0600 in the data folder.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SESSION_COOKIE = 'releve_session';
export const SESSIONS_FILE = 'web-sessions.json';
const CODE_TTL_MS = 10 * 60_000;
const SESSION_TTL_MS = 30 * 24 * 3600_000;
const MAX_SESSIONS = 20;
const MAX_PENDING_CODES = 20;

interface StoredSession {
  hash: string;
  created_at: number;
  expires_at: number;
}

const sha = (v: string) => createHash('sha256').update(v, 'utf8').digest('hex');

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

export class WebSessions {
  private readonly codes = new Map<string, number>(); // hash → expiry
  private sessions: StoredSession[];

  constructor(
    private readonly dataDir: string | null,
    private readonly now: () => number = Date.now,
  ) {
    this.sessions = this.load();
  }

  /** A new one-time login code (32 random bytes), valid 10 minutes. */
  issueCode(): { code: string; expires_at: string } {
    const t = this.now();
    for (const [h, exp] of this.codes) if (exp <= t) this.codes.delete(h);
    // Bounded: a script asking for links in a loop cannot grow the server's memory.
    while (this.codes.size >= MAX_PENDING_CODES) this.codes.delete(this.codes.keys().next().value as string);
    const code = randomBytes(32).toString('base64url');
    this.codes.set(sha(code), t + CODE_TTL_MS);
    return { code, expires_at: new Date(t + CODE_TTL_MS).toISOString() };
  }

  /** Consumes a login code; returns a new session id, or null when the code is unknown, used or expired. */
  redeem(code: string): string | null {
    const h = sha(code);
    let found: string | null = null;
    for (const [candidate, exp] of this.codes) {
      if (sameHash(candidate, h) && exp > this.now()) found = candidate;
    }
    if (!found) return null;
    this.codes.delete(found);
    const id = randomBytes(32).toString('base64url');
    const t = this.now();
    this.sessions = [...this.sessions.filter((s) => s.expires_at > t), { hash: sha(id), created_at: t, expires_at: t + SESSION_TTL_MS }].slice(-MAX_SESSIONS);
    this.save();
    return id;
  }

  valid(id: string | null | undefined): boolean {
    if (!id) return false;
    const h = sha(id);
    const t = this.now();
    return this.sessions.some((s) => s.expires_at > t && sameHash(s.hash, h));
  }

  revoke(id: string | null | undefined): void {
    if (!id) return;
    const h = sha(id);
    const before = this.sessions.length;
    this.sessions = this.sessions.filter((s) => !sameHash(s.hash, h));
    if (this.sessions.length !== before) this.save();
  }

  private file(): string | null {
    return this.dataDir ? join(this.dataDir, SESSIONS_FILE) : null;
  }

  private load(): StoredSession[] {
    const file = this.file();
    if (!file) return [];
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      if (!Array.isArray(parsed)) return [];
      return parsed.filter(
        (s): s is StoredSession =>
          typeof s === 'object' && s !== null && typeof (s as StoredSession).hash === 'string' && typeof (s as StoredSession).expires_at === 'number',
      );
    } catch {
      return [];
    }
  }

  private save(): void {
    const file = this.file();
    if (!file) return;
    try {
      const tmp = `${file}.tmp`;
      writeFileSync(tmp, JSON.stringify(this.sessions), { mode: 0o600 });
      chmodSync(tmp, 0o600);
      renameSync(tmp, file);
    } catch {
      // A full or read-only disk: sessions still work until the server stops.
    }
  }
}

/** The session id from a Cookie header. */
export function sessionFromCookie(cookie: string | undefined): string | null {
  if (!cookie) return null;
  for (const part of cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SESSION_COOKIE) return rest.join('=') || null;
  }
  return null;
}

export function sessionCookie(id: string): string {
  return `${SESSION_COOKIE}=${id}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_TTL_MS / 1000}`;
}

export const CLEAR_SESSION_COOKIE = `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`;
