// The runtime boundaries of eslint.config.js, proved on planted imports: each one is linted as if it were a file
// in the folder it violates (lintText with a filePath: nothing is written in the tree) and must be reported,
// while the same folder's legitimate imports pass.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BOUNDARY_RULES = new Set(['no-restricted-imports', 'no-restricted-syntax', 'no-restricted-globals']);

let eslint: ESLint;
beforeAll(() => {
  // The project's own config, with type information off: a planted file exists in no tsconfig program, and the
  // boundary rules do not need types (the type-checked rules are covered by `npm run lint` on the real tree).
  eslint = new ESLint({ cwd: root, overrideConfig: [{ files: ['**/*.ts', '**/*.tsx'], ...tseslint.configs.disableTypeChecked }] });
});

/** The boundary findings for `code` as the file `rel` (relative to the repository root). */
async function boundaryFindings(rel: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, rel) });
  if (!result) throw new Error(`no lint result for ${rel}`);
  const fatal = result.messages.filter((m) => m.fatal);
  if (fatal.length) throw new Error(`${rel} did not parse: ${fatal.map((m) => m.message).join('; ')}`);
  return result.messages.filter((m) => m.ruleId !== null && BOUNDARY_RULES.has(m.ruleId) && m.severity === 2).map((m) => m.message);
}

const violations: Array<{ rule: string; file: string; code: string; says: RegExp }> = [
  // The three planted imports of issue #12, then the rest of each boundary.
  { rule: 'core never imports electron', file: 'electron/core/logger.ts', code: "import { app } from 'electron';\nexport const a = app;\n", says: /electron/ },
  { rule: 'shared imports no Node module', file: 'shared/planted.ts', code: "import fs from 'node:fs';\nexport const f = fs;\n", says: /Node built-in/ },
  {
    rule: 'renderer imports no core code',
    file: 'renderer/planted.ts',
    code: "import { createCore } from '../electron/core/create-core.js';\nexport const c = createCore;\n",
    says: /only through the API/,
  },
  { rule: 'renderer imports no node: module', file: 'renderer/lib/planted.ts', code: "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n", says: /Node built-in/ },
  { rule: 'renderer imports no bare Node built-in', file: 'renderer/features/inbox/Planted.tsx', code: "import path from 'path';\nexport const p = path;\n", says: /Node built-in/ },
  { rule: 'renderer uses no Node global', file: 'renderer/planted.ts', code: 'export const env = process.env.HOME;\n', says: /Node global/ },
  {
    rule: 'preload imports only shared/',
    file: 'electron/preload/planted.ts',
    code: "import { createCore } from '../core/create-core.js';\nexport const c = createCore;\n",
    says: /only shared\/ and electron/,
  },
  { rule: 'preload imports no Node module', file: 'electron/preload/planted.ts', code: "import fs from 'node:fs';\nexport const f = fs;\n", says: /only shared\/ and electron/ },
  { rule: 'server never imports electron', file: 'electron/server/planted.ts', code: "import { ipcMain } from 'electron';\nexport const i = ipcMain;\n", says: /electron/ },
  { rule: 'cli never imports electron', file: 'electron/cli/commands/planted.ts', code: "export { app } from 'electron';\n", says: /electron/ },
  {
    rule: 'core imports no electron/main code',
    file: 'electron/core/sync/planted.ts',
    code: "import { createMainWindow } from '../../main/window.js';\nexport const w = createMainWindow;\n",
    says: /electron\/main/,
  },
  {
    rule: 'core imports no electron/main code, however it climbs',
    file: 'electron/core/api/planted.ts',
    code: "export { createMainWindow } from '../../../electron/main/window.js';\n",
    says: /electron\/main/,
  },
  { rule: 'preload does not climb out through ./', file: 'electron/preload/planted.ts', code: "import { x } from './../core/x.js';\nexport const y = x;\n", says: /only shared\/ and electron/ },
  {
    rule: 'core does not reach electron lazily',
    file: 'electron/core/planted.ts',
    code: "export async function load() {\n  return (await import('electron')).app;\n}\n",
    says: /electron/,
  },
  { rule: 'core keeps no electron type either', file: 'electron/core/planted.ts', code: "export type App = import('electron').App;\n", says: /electron/ },
  { rule: 'shared imports no electron', file: 'shared/planted.ts', code: "import type { App } from 'electron';\nexport type A = App;\n", says: /no electron/ },
  {
    rule: 'shared imports nothing from electron/',
    file: 'shared/planted.ts',
    code: "import { ReleveError } from '../electron/core/logger.js';\nexport const e = ReleveError;\n",
    says: /no import from electron\/ or renderer\//,
  },
  { rule: 'shared imports nothing from renderer/', file: 'shared/planted.ts', code: "export * from '../renderer/api.js';\n", says: /no import from electron\/ or renderer\// },
  { rule: 'shared uses no DOM', file: 'shared/planted.ts', code: 'export const lang = navigator.language;\n', says: /no DOM global/ },
  { rule: 'shared uses no DOM-only package', file: 'shared/planted.ts', code: "import DOMPurify from 'dompurify';\nexport const d = DOMPurify;\n", says: /DOM-only package/ },
  { rule: 'shared uses no Node global', file: 'shared/planted.ts', code: "export const b = Buffer.from('x');\n", says: /Node global/ },
];

describe('runtime boundaries (eslint.config.js)', () => {
  it.each(violations)('reports a planted violation: $rule ($file)', async ({ file, code, says }) => {
    const found = await boundaryFindings(file, code);
    expect(found.length).toBeGreaterThan(0);
    expect(found.join('\n')).toMatch(says);
  });

  const clean: Array<{ file: string; code: string }> = [
    { file: 'shared/planted.ts', code: "import { ERROR_TABLE } from './errors.js';\nimport type { MailApi } from './api.js';\nexport type A = MailApi;\nexport const t = ERROR_TABLE;\n" },
    {
      file: 'electron/core/planted.ts',
      code: "import fs from 'node:fs';\nimport Database from 'better-sqlite3';\nimport { ReleveError } from '../../shared/errors.js';\nexport const x = [fs, Database, ReleveError];\nexport const env = process.env.HOME;\n",
    },
    { file: 'electron/cli/commands/planted.ts', code: "export async function load() {\n  return (await import('../open-core.js')).openCliCore;\n}\n" },
    { file: 'electron/main/planted.ts', code: "import { app } from 'electron';\nimport { createCore } from '../core/create-core.js';\nexport const x = [app, createCore];\n" },
    {
      file: 'electron/preload/planted.ts',
      code: "import { contextBridge } from 'electron';\nimport { METHOD_NAMES } from '../../shared/api.js';\nimport { unwrapEnvelope } from './ipc-envelope.js';\nexport const x = [contextBridge, METHOD_NAMES, unwrapEnvelope];\n",
    },
    {
      file: 'renderer/features/inbox/Planted.tsx',
      code: "import { useState } from 'react';\nimport DOMPurify from 'dompurify';\nimport type { MailApi } from '../../../shared/api.js';\nexport type A = MailApi;\nexport const x = [useState, DOMPurify, document.title];\n",
    },
    // The renderer's Vite config is build tooling that runs in Node.
    { file: 'renderer/vite.config.ts', code: "import { fileURLToPath } from 'node:url';\nexport const u = [fileURLToPath, process.env.X];\n" },
  ];

  it.each(clean)('lets the legitimate imports of $file pass', async ({ file, code }) => {
    expect(await boundaryFindings(file, code)).toEqual([]);
  });
});
