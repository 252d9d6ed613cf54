// FR/EN parity of every table of the product: each `*.i18n.ts` module under shared/, electron/ and renderer/ is
// imported and every exported table checked (same keys by construction, same placeholders, plural forms in both
// languages or neither, no "message(s)"). A table that is not in such a file is refused by lint (releve/i18n).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogProblems, isCatalog, isEntry } from '../../shared/i18n/parity.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function i18nFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith('.i18n.ts'))
    .map((d) => path.relative(root, path.join(d.parentPath, d.name)))
    .sort();
}

const files = ['shared', 'electron', 'renderer'].flatMap(i18nFiles);

describe('FR/EN tables', () => {
  it('exist (the scan finds the tables)', () => {
    expect(files).toContain(path.join('shared', 'i18n', 'common.i18n.ts'));
  });

  it.each(files)('%s: every table has French and English with the same placeholders', async (file) => {
    const mod = (await import(pathToFileURL(path.join(root, file)).href)) as Record<string, unknown>;
    const tables = Object.entries(mod).filter(([, v]) => isCatalog(v) || isEntry(v));
    expect(tables.length, `${file} exports no table`).toBeGreaterThan(0);
    for (const [name, value] of tables) {
      const catalog = isEntry(value) ? { [name]: value } : (value as Parameters<typeof catalogProblems>[0]);
      expect(catalogProblems(catalog), `${file} › ${name}`).toEqual([]);
    }
  });
});
