// The Electron fuses of the packaged app, read from electron-builder.yml with the YAML parser electron-builder
// itself uses (js-yaml), and checked against the names @electron/fuses knows, so a typo cannot go unnoticed.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { FuseV1Options } from '@electron/fuses';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const config = yaml.load(readFileSync(fileURLToPath(new URL('../../electron-builder.yml', import.meta.url)), 'utf8')) as {
  electronFuses?: Record<string, unknown>;
  asar?: unknown;
};

/** electron-builder's key → the fuse it flips (@electron/fuses FuseV1Options). */
const FUSE_OF: Record<string, keyof typeof FuseV1Options> = {
  runAsNode: 'RunAsNode',
  enableCookieEncryption: 'EnableCookieEncryption',
  enableNodeOptionsEnvironmentVariable: 'EnableNodeOptionsEnvironmentVariable',
  enableNodeCliInspectArguments: 'EnableNodeCliInspectArguments',
  enableEmbeddedAsarIntegrityValidation: 'EnableEmbeddedAsarIntegrityValidation',
  onlyLoadAppFromAsar: 'OnlyLoadAppFromAsar',
  grantFileProtocolExtraPrivileges: 'GrantFileProtocolExtraPrivileges',
};

describe('electron-builder.yml fuses', () => {
  it('turns off run-as-node, NODE_OPTIONS, --inspect and file:// privileges; turns on cookie encryption and asar integrity', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    // Asar integrity means nothing without an asar archive.
    expect(config.asar).toBe(true);
  });

  it('every key names a real fuse', () => {
    for (const key of Object.keys(config.electronFuses ?? {})) {
      const fuse = FUSE_OF[key];
      expect(fuse, key).toBeDefined();
      expect(typeof FuseV1Options[fuse!], key).toBe('number');
    }
  });
});
