// Relève's version, from its package.json: found by walking up from this module, because the same code runs
// from the sources (electron/core/) and from bundles (dist/cli/, dist/electron/), at different depths.
import { readFileSync } from 'node:fs';

let cached: string | undefined;

export function appVersion(): string {
  if (cached !== undefined) return cached;
  let url = new URL('./', import.meta.url);
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('package.json', url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'releve' && pkg.version) return (cached = pkg.version);
    } catch {
      // not here: one level up
    }
    url = new URL('../', url);
  }
  return (cached = '0.0.0');
}
