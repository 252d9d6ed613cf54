export { createFileKeyBox } from './file-key-box.js';
export { KEY_FILE_NAME, keyFromEnvValue } from './key-source.js';
export { openSecret, sealSecret } from './seal.js';
export type { SealedSecret } from './seal.js';
export { REDACTED, redact } from './redact.js';
export { openBoundSecret, sealBoundSecret, secretBinding, secretRequired } from './binding.js';
export type { SecretTarget } from './binding.js';
