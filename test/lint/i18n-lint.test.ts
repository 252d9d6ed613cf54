// releve/i18n-tables (eslint.config.js) on planted files: an inline FR/EN table, a sentence chosen by
// `locale === 'fr'`, and a hand-made locale detector are each reported outside a `*.i18n.ts` table, and
// the same table is accepted inside one.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root, overrideConfig: [{ files: ['**/*.ts', '**/*.tsx'], ...tseslint.configs.disableTypeChecked }] });
});

async function i18nFindings(rel: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, rel) });
  if (!result) throw new Error(`no lint result for ${rel}`);
  return result.messages.filter((m) => m.ruleId === 'releve/i18n-tables').map((m) => m.message);
}

const TABLE = "export const T = { hello: { fr: 'Bonjour', en: 'Hello' } };\n";

describe('releve/i18n-tables', () => {
  it.each([
    ['an inline table in the core', 'electron/core/sync/planted.ts', TABLE, /\*\.i18n\.ts/],
    ['an inline table in the renderer', 'renderer/features/inbox/Planted.tsx', TABLE, /\*\.i18n\.ts/],
    [
      'a sentence chosen by locale',
      'electron/server/planted.ts',
      "export const f = (locale: string) => (locale === 'fr' ? 'Bonjour le monde' : 'Hello world');\n",
      /table in disguise/,
    ],
    ['a hand-made detector', 'shared/planted.ts', "export const fr = (tag: string) => tag.toLowerCase().startsWith('fr');\n", /detectLocale/],
  ])('reports %s', async (_what, file, code, says) => {
    const found = await i18nFindings(file, code);
    expect(found.length).toBe(1);
    expect(found[0]).toMatch(says);
  });

  it('accepts tables in *.i18n.ts files and locale codes that are not sentences', async () => {
    expect(await i18nFindings('electron/core/sync/planted.i18n.ts', TABLE)).toEqual([]);
    expect(await i18nFindings('electron/core/planted.ts', "export const tag = (l: string) => (l === 'fr' ? 'fr-FR' : 'en-GB');\n")).toEqual([]);
  });
});
