// The Bearer token of `releve serve`: RELEVE_API_TOKEN, else a random one generated once and kept (0600)
// in the data directory, so scripts and the bookmarked UI keep working across restarts.
import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const API_TOKEN_FILE = 'api-token';
/** Shortest RELEVE_API_TOKEN accepted: the generated ones have 43 characters of base64url (256 bits). */
export const MIN_API_TOKEN_LENGTH = 24;

/** A RELEVE_API_TOKEN too short (or made of one repeated character) to resist guessing. */
export function isWeakApiToken(token: string): boolean {
  return token.length < MIN_API_TOKEN_LENGTH || new Set(token).size < 8;
}

export interface ApiToken {
  token: string;
  /** Where it came from: the environment, an existing file, or generated just now (and saved). */
  source: 'env' | 'file' | 'generated';
  path: string | null;
}

export function loadOrCreateApiToken(dataDir: string, env: NodeJS.ProcessEnv = process.env): ApiToken {
  const fromEnv = env.RELEVE_API_TOKEN?.trim();
  if (fromEnv) return { token: fromEnv, source: 'env', path: null };
  const path = join(dataDir, API_TOKEN_FILE);
  const existing = readTokenFile(path);
  if (existing) return { token: existing, source: 'file', path };
  const token = randomBytes(32).toString('base64url');
  // 'wx': never overwrite a token another process wrote in the meantime.
  try {
    writeFileSync(path, `${token}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const raced = readTokenFile(path);
    if (raced) return { token: raced, source: 'file', path };
    // An empty file (e.g. a crash between create and write) holds no token: replace it.
    writeFileSync(path, `${token}\n`, { mode: 0o600 });
  }
  chmodSync(path, 0o600);
  return { token, source: 'generated', path };
}

function readTokenFile(path: string): string | null {
  try {
    const v = readFileSync(path, 'utf8').trim();
    return v.length > 0 ? v : null;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
