// Development entry for the parse worker: loads the TypeScript source through tsx.
// The built app uses dist/electron/parse-worker.cjs instead.
import { register } from 'tsx/esm/api';
register();
await import('./parse-worker.ts');
