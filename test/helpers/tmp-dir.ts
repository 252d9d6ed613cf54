// Temporary directories for tests that need real files (SQLite databases, key files).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TmpDir {
  readonly path: string;
  file(name: string): string;
  remove(): void;
}

export function makeTmpDir(prefix = 'releve-test-'): TmpDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return {
    path,
    file: (name) => join(path, name),
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}
