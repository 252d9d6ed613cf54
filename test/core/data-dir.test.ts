import { mkdtempSync, rmSync, statSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureDataDir, resolveDataDir } from '../../electron/core/data-dir.js';
import { ReleveError } from '../../shared/errors.js';

describe('resolveDataDir', () => {
  it('uses RELEVE_DATA_DIR on every platform', () => {
    expect(resolveDataDir({ RELEVE_DATA_DIR: '/srv/releve' }, 'linux', '/home/jean')).toBe('/srv/releve');
    expect(resolveDataDir({ RELEVE_DATA_DIR: 'D:\\Releve', APPDATA: 'C:\\x' }, 'win32', 'C:\\Users\\jean')).toBe('D:\\Releve');
    expect(resolveDataDir({ RELEVE_DATA_DIR: '/Volumes/NAS/releve' }, 'darwin', '/Users/jean')).toBe('/Volumes/NAS/releve');
  });

  it('resolves a relative RELEVE_DATA_DIR against the working directory', () => {
    expect(resolveDataDir({ RELEVE_DATA_DIR: 'data' }, 'linux', '/home/jean')).toBe(path.resolve('data'));
  });

  it('ignores an empty RELEVE_DATA_DIR', () => {
    expect(resolveDataDir({ RELEVE_DATA_DIR: '  ' }, 'linux', '/home/jean')).toBe('/home/jean/.config/Releve');
  });

  it('linux: $XDG_CONFIG_HOME/Releve, else ~/.config/Releve', () => {
    expect(resolveDataDir({ XDG_CONFIG_HOME: '/home/jean/cfg' }, 'linux', '/home/jean')).toBe('/home/jean/cfg/Releve');
    expect(resolveDataDir({}, 'linux', '/home/jean')).toBe('/home/jean/.config/Releve');
    // A relative XDG_CONFIG_HOME is invalid per the XDG spec.
    expect(resolveDataDir({ XDG_CONFIG_HOME: 'cfg' }, 'linux', '/home/jean')).toBe('/home/jean/.config/Releve');
    expect(resolveDataDir({}, 'freebsd', '/home/jean')).toBe('/home/jean/.config/Releve');
  });

  it('win32: %APPDATA%\\Releve, else the default roaming folder', () => {
    expect(resolveDataDir({ APPDATA: 'C:\\Users\\jean\\AppData\\Roaming' }, 'win32', 'C:\\Users\\jean')).toBe(
      'C:\\Users\\jean\\AppData\\Roaming\\Releve',
    );
    expect(resolveDataDir({}, 'win32', 'C:\\Users\\jean')).toBe('C:\\Users\\jean\\AppData\\Roaming\\Releve');
  });

  it('darwin: ~/Library/Application Support/Releve, whatever XDG says', () => {
    expect(resolveDataDir({ XDG_CONFIG_HOME: '/tmp/x' }, 'darwin', '/Users/jean')).toBe(
      '/Users/jean/Library/Application Support/Releve',
    );
  });

  it('defaults to the running process environment', () => {
    const saved = process.env.RELEVE_DATA_DIR;
    process.env.RELEVE_DATA_DIR = '/tmp/releve-from-env';
    try {
      expect(resolveDataDir()).toBe('/tmp/releve-from-env');
    } finally {
      if (saved === undefined) delete process.env.RELEVE_DATA_DIR;
      else process.env.RELEVE_DATA_DIR = saved;
    }
  });
});

describe('ensureDataDir', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'releve-datadir-'));
  });
  afterEach(() => {
    rmSync(tmp, { recursive: true, force: true });
  });

  it('creates missing parents and a 0700 directory, and returns the absolute path', () => {
    const dir = path.join(tmp, 'a', 'b', 'Releve');
    expect(ensureDataDir(dir)).toBe(dir);
    const st = statSync(dir);
    expect(st.isDirectory()).toBe(true);
    expect(st.mode & 0o777).toBe(0o700);
  });

  it('keeps an existing directory and its permissions', () => {
    const dir = path.join(tmp, 'shared');
    mkdirSync(dir);
    chmodSync(dir, 0o750);
    writeFileSync(path.join(dir, 'keep.txt'), 'x');
    expect(ensureDataDir(dir)).toBe(dir);
    expect(statSync(dir).mode & 0o777).toBe(0o750);
    expect(statSync(path.join(dir, 'keep.txt')).isFile()).toBe(true);
  });

  it('fails with a storage error when a file is in the way', () => {
    const file = path.join(tmp, 'not-a-dir');
    writeFileSync(file, 'x');
    let err: unknown;
    try {
      ensureDataDir(file);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ReleveError);
    expect((err as ReleveError).code).toBe('STORAGE');
  });
});
