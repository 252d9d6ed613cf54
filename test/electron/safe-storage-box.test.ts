import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => {
  const fake = await import('./fake-electron.js');
  return { ...fake.electronModule, default: fake.electronModule };
});

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createFileKeyBox } from '../../electron/core/secrets/index.js';
import { openSecret, sealSecret } from '../../electron/core/secrets/index.js';
import { say } from '../../shared/i18n/index.js';
import { SHELL } from '../../electron/main/shell.i18n.js';
import { chooseSecretBoxes, createSafeStorageBox, safeStorageVerdict } from '../../electron/main/safe-storage-box.js';
import { resetFakeElectron, safeStorage } from './fake-electron.js';

let dataDir: string;
beforeEach(() => {
  resetFakeElectron();
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'releve-secrets-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const fileBox = () => createFileKeyBox(dataDir, {});

describe('safeStorage box', () => {
  it('round-trips a password through safeStorage, never keeping it in clear', () => {
    const box = createSafeStorageBox('win32');
    expect(box.kind).toBe('safestorage');
    expect(box.available()).toBe(true);
    const sealed = box.encrypt('mot de passe élégant');
    expect(sealed.includes(Buffer.from('mot de passe élégant'))).toBe(false);
    expect(box.decrypt(sealed)).toBe('mot de passe élégant');
  });

  it('turns a keyring failure into SECRETS_UNAVAILABLE', () => {
    const box = createSafeStorageBox('darwin');
    const sealed = box.encrypt('x1');
    safeStorage.key = 0x11;
    try {
      expect(() => box.decrypt(sealed)).toThrow(expect.objectContaining({ code: 'SECRETS_UNAVAILABLE' }));
    } finally {
      safeStorage.key = 0x5a;
    }
    safeStorage.encryptionAvailable = false;
    expect(box.available()).toBe(false);
    expect(() => box.encrypt('x')).toThrow(expect.objectContaining({ code: 'SECRETS_UNAVAILABLE' }));
  });
});

describe('choosing the box', () => {
  it('prefers safeStorage when the OS keyring works', () => {
    const choice = chooseSecretBoxes(fileBox(), 'linux');
    expect(choice.preferred.kind).toBe('safestorage');
    expect(choice.usesFileKey).toBe(false);
    expect(choice.all.map((b) => b.kind)).toEqual(['safestorage', 'file']);
  });

  it('falls back to the file key (not plaintext) when encryption is unavailable', async () => {
    safeStorage.encryptionAvailable = false;
    const choice = chooseSecretBoxes(fileBox(), 'win32');
    expect(choice.verdict).toEqual({ usable: false, reason: 'encryption_unavailable' });
    expect(choice.preferred.kind).toBe('file');
    expect(choice.usesFileKey).toBe(true);
    const sealed = await sealSecret(choice.preferred, 'secret-123');
    expect(sealed.kind).toBe('file');
    expect(sealed.enc.includes(Buffer.from('secret-123'))).toBe(false);
    expect(await openSecret(choice.all, sealed.enc, sealed.kind)).toBe('secret-123');
  });

  it('on Linux, refuses the basic_text backend (a fixed public key) and an unknown one', () => {
    safeStorage.backend = 'basic_text';
    expect(chooseSecretBoxes(fileBox(), 'linux')).toMatchObject({ usesFileKey: true, verdict: { reason: 'basic_text' } });
    safeStorage.backend = 'unknown';
    expect(chooseSecretBoxes(fileBox(), 'linux')).toMatchObject({ usesFileKey: true, verdict: { reason: 'unknown_backend' } });
    safeStorage.backend = 'kwallet6';
    expect(safeStorageVerdict('linux')).toEqual({ usable: true });
  });

  it('ignores the Linux backend name on other systems', () => {
    safeStorage.backend = 'unknown';
    expect(safeStorageVerdict('darwin')).toEqual({ usable: true });
  });

  it('keeps secrets sealed by either box readable after the choice changes', async () => {
    const files = fileBox();
    const withKeyring = chooseSecretBoxes(files, 'linux');
    const a = await sealSecret(withKeyring.preferred, 'sealed-by-keyring');
    safeStorage.backend = 'basic_text';
    const withoutKeyring = chooseSecretBoxes(files, 'linux');
    const b = await sealSecret(withoutKeyring.preferred, 'sealed-by-file');
    safeStorage.backend = 'gnome_libsecret';
    const again = chooseSecretBoxes(files, 'linux');
    expect(await openSecret(again.all, a.enc, a.kind)).toBe('sealed-by-keyring');
    expect(await openSecret(again.all, b.enc, b.kind)).toBe('sealed-by-file');
  });

  it('has a warning to show, in French and in English', () => {
    expect(say('fr', SHELL.secretsWarning)).toMatch(/trousseau/);
    expect(say('en', SHELL.secretsWarning)).toMatch(/keyring/);
    expect(say('fr', SHELL.secretsWarning)).not.toBe(say('en', SHELL.secretsWarning));
  });
});
