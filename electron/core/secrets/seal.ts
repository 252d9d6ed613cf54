// Sealing a secret records which box did it ("file", "safestorage"), so it can be opened later by the same
// kind of box: a password saved by the desktop app (safeStorage) is not readable by the headless CLI.
import { ReleveError } from '../../../shared/errors.js';
import type { SecretBox } from '../model.js';

export interface SealedSecret {
  enc: Buffer;
  kind: string;
}

export async function sealSecret(box: SecretBox, plain: string): Promise<SealedSecret> {
  if (!box.available()) {
    throw new ReleveError('SECRETS_UNAVAILABLE', `The "${box.kind}" secret store is not available.`);
  }
  return { enc: await box.encrypt(plain), kind: box.kind };
}

export async function openSecret(boxes: readonly SecretBox[], enc: Buffer, kind: string): Promise<string> {
  const box = boxes.find((b) => b.kind === kind);
  if (!box || !box.available()) {
    throw new ReleveError(
      'SECRETS_UNAVAILABLE',
      `This password was encrypted by the "${kind}" secret store, which is not available here.`,
    );
  }
  try {
    return await box.decrypt(enc);
  } catch (err) {
    if (err instanceof ReleveError) throw err;
    // Boxes outside the core (Electron safeStorage) throw plain errors.
    throw new ReleveError('SECRETS_UNAVAILABLE', `The "${kind}" secret store could not decrypt this password.`, {
      cause: err,
    });
  }
}
