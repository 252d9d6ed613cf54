import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createFileLogger, Redactor, wrapLogger } from '../../electron/core/logger.js';
import { makeTmpDir, type TmpDir } from '../helpers/tmp-dir.js';

let dir: TmpDir;
beforeEach(() => {
  dir = makeTmpDir('releve-logger-');
});
afterEach(() => dir.remove());

it('never writes a registered secret, not even in its JSON-escaped form', () => {
  const secret = 'pa"ss\\wörd-42';
  const redactor = new Redactor();
  redactor.add(secret);
  const file = dir.file('logs/releve.log');
  const log = wrapLogger(createFileLogger(file, redactor), redactor);
  log.log('warn', `login failed for ${secret}`, { detail: `server said: ${secret}`, nested: { again: secret } });
  const text = readFileSync(file, 'utf8');
  expect(text).toContain('[redacted]');
  expect(text).not.toContain('ss\\\\w'); // the JSON-escaped middle of the secret
  expect(text).not.toContain('wörd-42');
  expect(JSON.parse(text.trim())).toMatchObject({ level: 'warn', msg: 'login failed for [redacted]' });
});
