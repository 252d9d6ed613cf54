// The headless SecretBox: AES-256-GCM with a key from RELEVE_SECRET_KEY or the data directory's key file
// (see key-source.ts). Layout of one sealed secret: version (1 byte) | IV (12) | GCM tag (16) | ciphertext.
// A fresh random IV per encryption; the tag makes any change to the bytes, or a wrong key, fail loudly.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ReleveError } from '../../../shared/errors.js';
import type { Logger, SyncSecretBox } from '../model.js';
import { loadKey } from './key-source.js';
import type { KeySource, LoadedKey } from './key-source.js';

const FORMAT_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;
// Binds ciphertexts to this box and format, so bytes from another context never decrypt here by accident.
const AAD = Buffer.from('releve:file:v1');

export interface FileKeyBox extends SyncSecretBox {
  readonly kind: 'file';
  /** Where the key came from, once loaded (for diagnostics; never the key itself). */
  keySource(): KeySource | null;
}

export function createFileKeyBox(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
  opts: { logger?: Logger } = {},
): FileKeyBox {
  let loaded: LoadedKey | null = null;
  const warn = (msg: string) => {
    if (opts.logger) opts.logger.log('warn', msg);
    else process.emitWarning(msg, 'ReleveSecretsWarning');
  };
  // Loaded lazily: a command that never touches a password must not create a key file.
  const key = (): Buffer => {
    loaded ??= loadKey(dataDir, env, warn);
    return loaded.key;
  };

  return {
    kind: 'file',
    keySource: () => loaded?.source ?? null,
    available() {
      try {
        key();
        return true;
      } catch {
        return false;
      }
    },
    encrypt(plain: string): Buffer {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key(), iv);
      cipher.setAAD(AAD);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([FORMAT_VERSION]), iv, cipher.getAuthTag(), body]);
    },
    decrypt(sealed: Buffer): string {
      const k = key();
      if (sealed.length < HEADER_BYTES || sealed[0] !== FORMAT_VERSION) {
        throw new ReleveError('SECRETS_UNAVAILABLE', 'The stored secret is not in a known format.');
      }
      const iv = sealed.subarray(1, 1 + IV_BYTES);
      const tag = sealed.subarray(1 + IV_BYTES, HEADER_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', k, iv);
      decipher.setAAD(AAD);
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(sealed.subarray(HEADER_BYTES)), decipher.final()]).toString('utf8');
      } catch (err) {
        throw new ReleveError('SECRETS_UNAVAILABLE', 'The stored secret cannot be decrypted: wrong key or damaged data.', {
          cause: err,
        });
      }
    },
  };
}
