// Passwords at rest with the OS keyring through Electron's safeStorage (Keychain, DPAPI, libsecret/kwallet).
// When no real keyring is there (Linux without one: "basic_text" is a fixed, public key), the core's
// file-key box is used instead, never plaintext, and the user is told where the protection then lies.
import { safeStorage } from 'electron';
import { ReleveError } from '../../shared/errors.js';
import type { SecretBox, SyncSecretBox } from '../core/model.js';

export const SAFE_STORAGE_KIND = 'safestorage';

export type SafeStorageVerdict =
  | { usable: true }
  | { usable: false; reason: 'encryption_unavailable' | 'basic_text' | 'unknown_backend' };

/** Valid only once the app is ready (the Linux backend is chosen at startup). */
export function safeStorageVerdict(platform: NodeJS.Platform = process.platform): SafeStorageVerdict {
  if (!safeStorage.isEncryptionAvailable()) return { usable: false, reason: 'encryption_unavailable' };
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend();
    if (backend === 'basic_text') return { usable: false, reason: 'basic_text' };
    if (backend === 'unknown') return { usable: false, reason: 'unknown_backend' };
  }
  return { usable: true };
}

export function createSafeStorageBox(platform: NodeJS.Platform = process.platform): SyncSecretBox {
  return {
    kind: SAFE_STORAGE_KIND,
    available: () => safeStorageVerdict(platform).usable,
    encrypt(plain) {
      try {
        return safeStorage.encryptString(plain);
      } catch (cause) {
        throw new ReleveError('SECRETS_UNAVAILABLE', 'The system keyring refused to encrypt', { cause });
      }
    },
    decrypt(cipher) {
      try {
        return safeStorage.decryptString(cipher);
      } catch (cause) {
        // Keyring locked, reset, or the data was written on another machine / user account.
        throw new ReleveError('SECRETS_UNAVAILABLE', 'The system keyring could not decrypt a stored password', { cause });
      }
    },
  };
}

export interface SecretBoxChoice {
  /** Encrypts new secrets. */
  preferred: SecretBox;
  /** Every box that may hold older secrets (the preferred one first), so they still decrypt. */
  all: SecretBox[];
  /** True when passwords rely on the key file in the data folder: the UI shows a warning. */
  usesFileKey: boolean;
  verdict: SafeStorageVerdict;
}

export function chooseSecretBoxes(fileBox: SecretBox, platform: NodeJS.Platform = process.platform): SecretBoxChoice {
  const safeBox = createSafeStorageBox(platform);
  const verdict = safeStorageVerdict(platform);
  if (verdict.usable) return { preferred: safeBox, all: [safeBox, fileBox], usesFileKey: false, verdict };
  return { preferred: fileBox, all: [fileBox, safeBox], usesFileKey: true, verdict };
}
