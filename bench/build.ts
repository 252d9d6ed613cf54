// Bundles the bench child and the parse worker the way scripts/build.mjs bundles the app (esbuild, CJS,
// packages left in node_modules, a self-contained parse-worker.cjs beside the entry), so the bench measures
// the code as shipped: no tsx loader threads, no TypeScript compiled at run time.
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { REPO_ROOT } from './fixture.js';

export const BUILD_DIR = path.join(REPO_ROOT, 'bench/.fixture/build');

const isBare = (spec: string) => !spec.startsWith('.') && !path.isAbsolute(spec) && !spec.startsWith('node:');

const externalizePackages: Plugin = {
  name: 'externalize-packages',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point' || !isBare(args.path)) return undefined;
      return { path: args.path, external: true };
    });
  },
};

const importMetaShim = {
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__importMetaUrl' },
};

/** Builds bench/.fixture/build/{child.cjs, parse-worker.cjs}; returns the child's path. */
export async function buildChild(): Promise<string> {
  const common = { bundle: true, platform: 'node' as const, format: 'cjs' as const, target: 'node20', logLevel: 'warning' as const, absWorkingDir: REPO_ROOT };
  const child = path.join(BUILD_DIR, 'child.cjs');
  await build({ ...common, ...importMetaShim, entryPoints: [path.join(REPO_ROOT, 'bench/child.ts')], outfile: child, plugins: [externalizePackages] });
  await build({
    ...common,
    ...importMetaShim,
    entryPoints: [path.join(REPO_ROOT, 'electron/core/parse/parse-worker.ts')],
    outfile: path.join(BUILD_DIR, 'parse-worker.cjs'),
    external: ['better-sqlite3'],
  });
  return child;
}
