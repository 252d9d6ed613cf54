// Kept as the CLI's import path: the checks themselves are the transport-wide map in shared/arg-checkers.ts.
export { validateArg as validateInLocale } from '../../shared/arg-checkers.js';
