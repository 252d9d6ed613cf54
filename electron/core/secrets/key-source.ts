// Where the file box's 32-byte key comes from.
//
// 1. RELEVE_SECRET_KEY, when set: 64 hex characters or the base64 of 32 bytes is used as the key itself;
//    anything else is a passphrase stretched with scrypt (N=2^15, r=8, p=1) and the fixed salt below. The salt
//    is fixed on purpose: the same passphrase must give the same key to the app, the CLI and the server, on any
//    machine, so a database copied elsewhere still opens. Pick a long passphrase: the salt cannot protect a
//    weak one from precomputed guesses.
// 2. Otherwise the key file `secret.key` in the data directory (base64, mode 0600), created on first use.
//    Creation is atomic: the key is written to a private temporary file, then hard-linked to its final name,
//    which fails if another process (app and CLI starting together) won the race; then we read theirs.
import { randomBytes, scryptSync } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, linkSync, openSync, readFileSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { ReleveError } from '../../../shared/errors.js';
import { ensureDataDir } from '../data-dir.js';

export const KEY_BYTES = 32;
export const KEY_FILE_NAME = 'secret.key';
export const PASSPHRASE_SALT = 'releve/secret-key/v1';
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

export type KeySource = 'env-key' | 'env-passphrase' | 'file';
export interface LoadedKey {
  key: Buffer;
  source: KeySource;
}

/** The base64 text of exactly 32 bytes (standard or URL-safe alphabet, padding optional), else null. */
function decodeBase64Key(text: string): Buffer | null {
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) return null;
  const buf = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return buf.length === KEY_BYTES ? buf : null;
}

export function keyFromEnvValue(value: string): LoadedKey {
  const v = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(v)) return { key: Buffer.from(v, 'hex'), source: 'env-key' };
  const b64 = decodeBase64Key(v);
  if (b64) return { key: b64, source: 'env-key' };
  return { key: scryptSync(v, PASSPHRASE_SALT, KEY_BYTES, SCRYPT), source: 'env-passphrase' };
}

function unavailable(message: string, cause?: unknown): ReleveError {
  const detail = cause && typeof cause === 'object' && 'code' in cause ? String(cause.code) : undefined;
  return new ReleveError('SECRETS_UNAVAILABLE', message, { ...(detail ? { detail } : {}), cause });
}

function readKeyFile(file: string, warn: (msg: string) => void): Buffer {
  if (process.platform !== 'win32') {
    const mode = statSync(file).mode & 0o777;
    if (mode & 0o077) {
      chmodSync(file, 0o600);
      warn(`The key file ${file} was readable by other users (mode ${mode.toString(8)}); it is now 0600.`);
    }
  }
  const key = decodeBase64Key(readFileSync(file, 'utf8').trim());
  if (!key) throw unavailable(`The key file ${file} is damaged: it does not hold a 32-byte base64 key.`);
  return key;
}

/** Writes a new key under `file` unless one appears first; returns the new key, or null if we lost the race. */
function createKeyFile(file: string): Buffer | null {
  const key = randomBytes(KEY_BYTES);
  const content = key.toString('base64') + '\n';
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, file);
    return key;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return null;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw err;
    // File systems without hard links (FAT, some network shares): exclusive create, not atomic but never clobbers.
    try {
      writeFileSync(file, content, { flag: 'wx', mode: 0o600 });
      return key;
    } catch (err2) {
      if ((err2 as NodeJS.ErrnoException).code === 'EEXIST') return null;
      throw err2;
    }
  } finally {
    unlinkSync(tmp);
  }
}

export function loadOrCreateKeyFile(dataDir: string, warn: (msg: string) => void): LoadedKey {
  const file = path.join(dataDir, KEY_FILE_NAME);
  try {
    try {
      return { key: readKeyFile(file, warn), source: 'file' };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    ensureDataDir(dataDir);
    const created = createKeyFile(file);
    return { key: created ?? readKeyFile(file, warn), source: 'file' };
  } catch (err) {
    if (err instanceof ReleveError && err.code === 'SECRETS_UNAVAILABLE') throw err;
    throw unavailable(`Cannot read or create the key file ${file}.`, err);
  }
}

export function loadKey(dataDir: string, env: NodeJS.ProcessEnv, warn: (msg: string) => void): LoadedKey {
  const fromEnv = env.RELEVE_SECRET_KEY;
  if (fromEnv !== undefined && fromEnv.trim() !== '') return keyFromEnvValue(fromEnv);
  return loadOrCreateKeyFile(dataDir, warn);
}
