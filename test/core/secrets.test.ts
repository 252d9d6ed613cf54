import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogLevel, SecretBox } from '../../electron/core/model.js';
import {
  KEY_FILE_NAME,
  REDACTED,
  createFileKeyBox,
  keyFromEnvValue,
  openSecret,
  redact,
  sealSecret,
} from '../../electron/core/secrets/index.js';
import { ReleveError } from '../../shared/errors.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PASSWORD = 'mot-de-passe d’application é €';
const noEnv: NodeJS.ProcessEnv = {};

function expectSecretsUnavailable(fn: () => unknown): ReleveError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ReleveError);
    expect((err as ReleveError).code).toBe('SECRETS_UNAVAILABLE');
    return err as ReleveError;
  }
  throw new Error('expected SECRETS_UNAVAILABLE, got no error');
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'releve-secrets-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('file key box', () => {
  it('round-trips text, including non-ASCII and empty strings', () => {
    const box = createFileKeyBox(dir, noEnv);
    expect(box.kind).toBe('file');
    expect(box.decrypt(box.encrypt(PASSWORD))).toBe(PASSWORD);
    expect(box.decrypt(box.encrypt(''))).toBe('');
  });

  it('uses a fresh IV each time and lays out version | iv | tag | ciphertext', () => {
    const box = createFileKeyBox(dir, noEnv);
    const a = box.encrypt(PASSWORD);
    const b = box.encrypt(PASSWORD);
    expect(a[0]).toBe(1);
    expect(a.length).toBe(1 + 12 + 16 + Buffer.byteLength(PASSWORD));
    expect(a.subarray(1, 13).equals(b.subarray(1, 13))).toBe(false);
    expect(a.equals(b)).toBe(false);
  });

  it('never contains the plaintext bytes', () => {
    const box = createFileKeyBox(dir, noEnv);
    const plain = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA-secret';
    const sealed = box.encrypt(plain);
    expect(sealed.includes(Buffer.from(plain))).toBe(false);
    expect(sealed.includes(Buffer.from('secret'))).toBe(false);
  });

  it('refuses tampered data: any flipped byte, truncation, unknown version', () => {
    const box = createFileKeyBox(dir, noEnv);
    const sealed = box.encrypt(PASSWORD);
    for (const index of [0, 5, 20, sealed.length - 1]) {
      const bad = Buffer.from(sealed);
      bad[index]! ^= 0x01;
      expectSecretsUnavailable(() => box.decrypt(bad));
    }
    expectSecretsUnavailable(() => box.decrypt(sealed.subarray(0, 20)));
    expectSecretsUnavailable(() => box.decrypt(sealed.subarray(0, sealed.length - 1)));
  });

  it('refuses data sealed with another key', () => {
    const other = mkdtempSync(path.join(os.tmpdir(), 'releve-secrets-other-'));
    try {
      const sealed = createFileKeyBox(dir, noEnv).encrypt(PASSWORD);
      expectSecretsUnavailable(() => createFileKeyBox(other, noEnv).decrypt(sealed));
      expectSecretsUnavailable(() =>
        createFileKeyBox(dir, { RELEVE_SECRET_KEY: randomBytes(32).toString('hex') }).decrypt(sealed),
      );
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('creates the key file lazily with mode 0600 and reuses it across instances', () => {
    const box = createFileKeyBox(dir, noEnv);
    const keyFile = path.join(dir, KEY_FILE_NAME);
    expect(existsSync(keyFile)).toBe(false);
    expect(box.keySource()).toBeNull();
    const sealed = box.encrypt(PASSWORD);
    expect(box.keySource()).toBe('file');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const content = readFileSync(keyFile, 'utf8');
    expect(Buffer.from(content.trim(), 'base64')).toHaveLength(32);
    // A second instance (another process in real life) reads the same key and leaves the file alone.
    expect(createFileKeyBox(dir, noEnv).decrypt(sealed)).toBe(PASSWORD);
    expect(readFileSync(keyFile, 'utf8')).toBe(content);
    // No temporary files are left behind.
    expect(readdirSync(dir)).toEqual([KEY_FILE_NAME]);
  });

  it('creates the data directory when it does not exist yet', () => {
    const nested = path.join(dir, 'a', 'Releve');
    const box = createFileKeyBox(nested, noEnv);
    expect(box.decrypt(box.encrypt('x'))).toBe('x');
    expect(statSync(nested).mode & 0o777).toBe(0o700);
  });

  it('tightens a key file readable by others, and warns', () => {
    createFileKeyBox(dir, noEnv).encrypt('x');
    const keyFile = path.join(dir, KEY_FILE_NAME);
    chmodSync(keyFile, 0o644);
    const warnings: Array<[LogLevel, string]> = [];
    const box = createFileKeyBox(dir, noEnv, { logger: { log: (level, msg) => warnings.push([level, msg]) } });
    expect(box.available()).toBe(true);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]![0]).toBe('warn');
    expect(warnings[0]![1]).toMatch(/0600/);
  });

  it('reports a damaged key file as unavailable rather than replacing it', () => {
    const keyFile = path.join(dir, KEY_FILE_NAME);
    writeFileSync(keyFile, 'not a key\n', { mode: 0o600 });
    const box = createFileKeyBox(dir, noEnv);
    expect(box.available()).toBe(false);
    expectSecretsUnavailable(() => box.encrypt('x'));
    expect(readFileSync(keyFile, 'utf8')).toBe('not a key\n');
  });

  it('reports an unreadable data directory as unavailable', () => {
    const file = path.join(dir, 'file-in-the-way');
    writeFileSync(file, 'x');
    const box = createFileKeyBox(path.join(file, 'Releve'), noEnv);
    expect(box.available()).toBe(false);
    expectSecretsUnavailable(() => box.encrypt('x'));
  });

  it('gives every concurrent process the same key file', async () => {
    const script = path.join(dir, 'seal.ts');
    const boxModule = path.join(repoRoot, 'electron/core/secrets/file-key-box.ts');
    writeFileSync(
      script,
      `import { createFileKeyBox } from ${JSON.stringify(boxModule)};\n` +
        `process.stdout.write(createFileKeyBox(process.argv[2], {}).encrypt('same').toString('base64'));\n`,
    );
    const shared = path.join(dir, 'shared');
    const run = () =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', script, shared], { cwd: repoRoot });
        let out = '';
        let err = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.on('error', reject);
        child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}: ${err}`))));
      });
    const outputs = await Promise.all([run(), run(), run(), run()]);
    const box = createFileKeyBox(shared, noEnv);
    for (const b64 of outputs) expect(box.decrypt(Buffer.from(b64, 'base64'))).toBe('same');
    expect(readdirSync(shared)).toEqual([KEY_FILE_NAME]);
  });
});

describe('RELEVE_SECRET_KEY', () => {
  it('uses a hex or base64 key as is, and writes no key file', () => {
    const raw = randomBytes(32);
    const hexBox = createFileKeyBox(dir, { RELEVE_SECRET_KEY: raw.toString('hex') });
    const b64Box = createFileKeyBox(dir, { RELEVE_SECRET_KEY: ` ${raw.toString('base64')}\n` });
    const urlBox = createFileKeyBox(dir, { RELEVE_SECRET_KEY: raw.toString('base64url') });
    const sealed = hexBox.encrypt(PASSWORD);
    expect(b64Box.decrypt(sealed)).toBe(PASSWORD);
    expect(urlBox.decrypt(sealed)).toBe(PASSWORD);
    expect(hexBox.keySource()).toBe('env-key');
    expect(keyFromEnvValue(raw.toString('hex')).key.equals(raw)).toBe(true);
    expect(existsSync(path.join(dir, KEY_FILE_NAME))).toBe(false);
  });

  it('derives a key from a passphrase, the same one every time', () => {
    const a = createFileKeyBox(dir, { RELEVE_SECRET_KEY: 'une phrase de passe assez longue' });
    const b = createFileKeyBox(path.join(dir, 'elsewhere'), { RELEVE_SECRET_KEY: 'une phrase de passe assez longue' });
    const c = createFileKeyBox(dir, { RELEVE_SECRET_KEY: 'une autre phrase de passe' });
    const sealed = a.encrypt(PASSWORD);
    expect(b.decrypt(sealed)).toBe(PASSWORD);
    expectSecretsUnavailable(() => c.decrypt(sealed));
    expect(a.keySource()).toBe('env-passphrase');
    expect(existsSync(path.join(dir, KEY_FILE_NAME))).toBe(false);
  });

  it('falls back to the key file when the variable is empty', () => {
    createFileKeyBox(dir, { RELEVE_SECRET_KEY: '  ' }).encrypt('x');
    expect(existsSync(path.join(dir, KEY_FILE_NAME))).toBe(true);
  });
});

describe('sealSecret / openSecret', () => {
  const expectRejectedUnavailable = (p: Promise<unknown>) => expect(p).rejects.toMatchObject({ code: 'SECRETS_UNAVAILABLE' });

  /** A second, independent box kind, as the Electron safeStorage box would be. */
  function otherKindBox(available: boolean): SecretBox {
    const inner = createFileKeyBox(dir, { RELEVE_SECRET_KEY: 'autre coffre pour les tests' });
    return {
      kind: 'safestorage',
      available: () => available,
      encrypt: (p) => inner.encrypt(p),
      decrypt: (c) => {
        if (c.length === 0) throw new Error('plain error from a foreign box');
        return inner.decrypt(c);
      },
    };
  }

  it('records the kind and opens with the matching box', async () => {
    const file = createFileKeyBox(dir, noEnv);
    const other = otherKindBox(true);
    const sealed = await sealSecret(file, PASSWORD);
    expect(sealed.kind).toBe('file');
    expect(await openSecret([other, file], sealed.enc, sealed.kind)).toBe(PASSWORD);
    const sealedOther = await sealSecret(other, 'autre');
    expect(sealedOther.kind).toBe('safestorage');
    expect(await openSecret([file, other], sealedOther.enc, 'safestorage')).toBe('autre');
  });

  it('fails with SECRETS_UNAVAILABLE when no box of that kind is present or available', async () => {
    const sealed = await sealSecret(otherKindBox(true), PASSWORD);
    await expectRejectedUnavailable(openSecret([createFileKeyBox(dir, noEnv)], sealed.enc, 'safestorage'));
    await expectRejectedUnavailable(openSecret([otherKindBox(false)], sealed.enc, 'safestorage'));
    await expectRejectedUnavailable(sealSecret(otherKindBox(false), PASSWORD));
  });

  it('turns a plain error from a box into SECRETS_UNAVAILABLE', async () => {
    await expectRejectedUnavailable(openSecret([otherKindBox(true)], Buffer.alloc(0), 'safestorage'));
  });
});

describe('redact', () => {
  it('removes every occurrence of each secret and its escaped forms', () => {
    const secret = 'p@ss "w\\ord" é';
    const text = [
      `LOGIN jean ${secret}`,
      `A1 LOGIN "jean" "p@ss \\"w\\\\ord\\" é"`,
      JSON.stringify({ password: secret }),
      `imaps://jean:${encodeURIComponent(secret)}@imap.orange.fr`,
    ].join('\n');
    const out = redact(text, [secret]);
    expect(out).not.toContain('w\\ord');
    expect(out).not.toContain('p@ss');
    expect(out).not.toContain(encodeURIComponent(secret));
    expect(out.split(REDACTED)).toHaveLength(5);
    expect(out).toContain('LOGIN jean');
  });

  it('removes a longer secret whole when it contains a shorter one, and ignores empty secrets', () => {
    expect(redact('a=abc123 b=abc', ['abc', 'abc123', ''])).toBe(`a=${REDACTED} b=${REDACTED}`);
    expect(redact('rien à cacher', [])).toBe('rien à cacher');
    expect(redact('rien à cacher', [''])).toBe('rien à cacher');
  });

  it('treats regular-expression characters literally', () => {
    expect(redact('x=a.b* y=axb', ['a.b*'])).toBe(`x=${REDACTED} y=axb`);
  });
});
