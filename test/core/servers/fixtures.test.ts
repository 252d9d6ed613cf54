// The extra servers never skip: when one is not installed, starting it fails with what to run.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startTestServer } from '../../fixtures/imap-servers.js';

const USERS = [{ user: 'x@example.test', password: 'x-Pw-1' }];

describe('server fixtures fail loudly', () => {
  const saved = process.env.RELEVE_TEST_SERVERS_DIR;
  const empty = mkdtempSync(path.join(os.tmpdir(), 'releve-no-servers-'));
  afterEach(() => {
    if (saved === undefined) delete process.env.RELEVE_TEST_SERVERS_DIR;
    else process.env.RELEVE_TEST_SERVERS_DIR = saved;
  });
  afterAll(() => rmSync(empty, { recursive: true, force: true }));

  it.each(['cyrus', 'courier'] as const)('%s missing → a clear error naming ensure-test-deps.sh', async (kind) => {
    process.env.RELEVE_TEST_SERVERS_DIR = empty;
    await expect(startTestServer(kind, USERS)).rejects.toThrow(/is not installed .*ensure-test-deps\.sh/s);
  });
});
