// ESLint for the whole tree (`npm run lint`, run by `npm test`): typescript-eslint's type-checked recommended
// rules, and the runtime boundaries by folder (DEVELOPERS.md "Code style"), which until now held only by
// discipline. test/lint/boundaries.test.ts plants one violation per boundary and checks that this file reports it.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';
import releve from './eslint-rules/i18n-tables.js';

const TS = ['**/*.ts', '**/*.tsx'];
const JS = ['**/*.js', '**/*.mjs', '**/*.cjs'];

// ── Runtime boundaries ──────────────────────────────────────────────────────────────────────────────────────
// Import specifiers are matched as written (no resolution): relative paths climb with `../`, so "into folder X"
// is `(../)+X/`. The same patterns also reject `export … from`, `import type`, dynamic `import()` and
// `import('…')` types (no-restricted-imports sees only static imports, hence the no-restricted-syntax twin).
const NODE_BUILTIN = `^(node:.*|(${builtinModules.join('|')})(/.*)?)$`;
const ELECTRON = '^electron(/.*)?$';
/** Packages that need Node (native addons, sockets, files) or that import electron themselves. */
const NODE_ONLY_PACKAGES = '^(better-sqlite3|imapflow|ws|nodemailer|proper-lockfile|electron-store|tsx)(/.*)?$';
/** Packages that need a DOM. */
const DOM_ONLY_PACKAGES = '^(react-dom|dompurify)(/.*)?$';

/** @typedef {{ regex: string, message: string }} Ban */

/**
 * no-restricted-imports for static imports/exports plus no-restricted-syntax for `import()` expressions and
 * `typeof import()` types with the same regexes, so a boundary cannot be crossed through a lazy import.
 * @param {Ban[]} bans
 */
function boundary(bans) {
  const syntax = bans.flatMap(({ regex, message }) => {
    const re = `/${regex.replaceAll('/', '\\/')}/`;
    return [
      { selector: `ImportExpression[source.value=${re}]`, message },
      { selector: `TSImportType[source.value=${re}]`, message },
    ];
  });
  return {
    'no-restricted-imports': ['error', { patterns: bans.map(({ regex, message }) => ({ regex, message })) }],
    'no-restricted-syntax': ['error', ...syntax],
  };
}

const noNode = { regex: NODE_BUILTIN, message: 'runs outside Node: no Node built-in module here.' };
const noElectron = { regex: ELECTRON, message: 'plain Node code: `electron` is for electron/main and electron/preload only.' };

/** Node globals a browser does not have; `globalThis.process` tricks aside, this catches the plain uses. */
const NODE_GLOBALS = ['process', 'Buffer', 'require', 'module', '__dirname', '__filename', 'global', 'setImmediate'].map(
  (name) => ({ name, message: 'runs outside Node: no Node global here.' }),
);
const DOM_GLOBALS = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'HTMLElement', 'DOMParser'].map(
  (name) => ({ name, message: 'shared/ runs anywhere: no DOM global here.' }),
);

const boundaries = [
  {
    name: 'boundary/shared',
    files: ['shared/**'],
    rules: {
      ...boundary([
        { ...noNode, message: 'shared/ runs anywhere: no Node built-in module.' },
        { regex: ELECTRON, message: 'shared/ runs anywhere: no electron.' },
        { regex: NODE_ONLY_PACKAGES, message: 'shared/ runs anywhere: no Node-only package.' },
        { regex: DOM_ONLY_PACKAGES, message: 'shared/ runs anywhere: no DOM-only package.' },
        { regex: '^(\\.\\./)+(electron|renderer)(/|$)', message: 'shared/ depends on nothing: no import from electron/ or renderer/.' },
      ]),
      'no-restricted-globals': ['error', ...NODE_GLOBALS.map((g) => ({ ...g, message: 'shared/ runs anywhere: no Node global.' })), ...DOM_GLOBALS],
    },
  },
  {
    name: 'boundary/plain-node',
    files: ['electron/core/**', 'electron/server/**', 'electron/cli/**'],
    rules: boundary([
      noElectron,
      { regex: '^electron-store(/.*)?$', message: 'electron-store imports electron: it belongs to electron/main.' },
      { regex: '^(\\.\\./)+(electron/)?(main|preload)(/|$)', message: 'plain Node code: no import from electron/main or electron/preload.' },
      { regex: '^(\\.\\./)+renderer(/|$)', message: 'the core and servers do not import the renderer.' },
    ]),
  },
  {
    name: 'boundary/renderer',
    files: ['renderer/**'],
    ignores: ['renderer/vite.config.ts'], // build tooling, runs in Node
    rules: {
      ...boundary([
        { ...noNode, message: 'the renderer is DOM only: no Node built-in module.' },
        { regex: ELECTRON, message: 'the renderer is DOM only: it talks to the core through window.releve or the WebSocket RPC.' },
        { regex: NODE_ONLY_PACKAGES, message: 'the renderer is DOM only: no Node-only package.' },
        { regex: '^(\\.\\./)+electron(/|$)', message: 'the renderer reaches the core only through the API (shared/api.ts), never by import.' },
      ]),
      'no-restricted-globals': ['error', ...NODE_GLOBALS],
    },
  },
  {
    name: 'boundary/preload',
    files: ['electron/preload/**'],
    rules: boundary([
      {
        // Anything but `electron`, a sibling in electron/preload, or shared/.
        regex: '^(?!electron$|\\./(?!\\.)|(\\.\\./)+shared/)',
        message: 'the sandboxed preload imports only shared/ and electron.',
      },
    ]),
  },
];

// ── One i18n helper ─────────────────────────────────────────────────────────────────────────────────────────
// French/English texts only in `*.i18n.ts` tables (shared/i18n), where test/lint/i18n-parity.test.ts checks them.
const i18nTables = {
  name: 'releve/i18n-tables',
  files: ['shared/**/*.ts', 'electron/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.tsx'],
  ignores: ['**/*.i18n.ts', 'shared/i18n/**'],
  plugins: { releve },
  rules: { 'releve/i18n-tables': 'error' },
};

export default defineConfig([
  globalIgnores(['dist/', 'release/', 'coverage/', 'test-results/', '.test-tmp/', 'bench/.fixture/', 'assets/', 'docs/']),

  {
    files: [...TS, ...JS],
    extends: [js.configs.recommended],
    rules: {
      // - A `let` read by a closure declared before its only assignment (a timer that stop() clears) cannot be
      //   a `const` without a temporal-dead-zone throw if the closure runs first.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // - The control characters in our regexes are the point: input validation rejects them and file names
      //   strip them (shared/schema-rules.ts, shared/oauth-client-schema.ts, renderer/lib/download.ts).
      'no-control-regex': 'off',
    },
  },

  {
    files: TS,
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      // projectService picks, for each file, the tsconfig.*.json that includes it (through tsconfig.json's
      // references), so lint sees exactly the types the type-check sees.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Relaxed, each for a reason:
      // - `async` without `await` is deliberate here: API methods implement Promise-returning contracts
      //   (MailApi, fakes of it) and `async` turns a synchronous throw into a rejection the caller handles.
      '@typescript-eslint/require-await': 'off',
      // - Function-valued members are declared in method shorthand on plain objects (zustand actions, deps
      //   objects, MailApi); none uses `this`, so passing them around is safe. The rule targets class methods
      //   and flagged only such false positives.
      '@typescript-eslint/unbound-method': 'off',
      // - A leading `_` marks a value dropped on purpose (a key removed by rest destructuring, an unused
      //   parameter kept for the signature).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },

  // Tests: the same rules, minus what only fights test idioms.
  {
    files: ['test/**'],
    rules: {
      // - Vitest's asymmetric matchers (`expect.any(Number)`, `expect.stringContaining(…)`) are typed `any`, and
      //   tests put them in objects by design.
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  {
    files: ['test/e2e/**'],
    rules: {
      // - Callbacks given to playwright's evaluate()/evaluateAll() run in Chromium, but these files are typed as
      //   Node (no DOM lib), so DOM values there are unresolved types.
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },

  // REST handlers: what they pass to the core is compile-checked against MailApi (RestArg, rest-context.ts), so
  // a type assertion there could only hide a wrong shape. Request values go through unchecked()/requestFields().
  {
    files: ['electron/server/*-routes.ts'],
    rules: { '@typescript-eslint/consistent-type-assertions': ['error', { assertionStyle: 'never' }] },
  },

  // Plain JS (build scripts, bin, CommonJS fixtures, this file): no TS program covers them, so syntax rules only.
  {
    files: JS,
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      globals: {
        process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly',
        clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly',
        require: 'readonly', module: 'writable', exports: 'writable', __dirname: 'readonly', __filename: 'readonly',
        globalThis: 'readonly', structuredClone: 'readonly', AbortController: 'readonly', fetch: 'readonly',
      },
    },
  },

  ...boundaries,
  i18nTables,
]);
