// Where `releve serve` shows its API token: only to a terminal (or on --print-token), never when it came from
// RELEVE_API_TOKEN (a service's journal is readable far more widely than the 0600 token file); weak
// environment tokens are refused.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTmpDir, type TmpDir } from '../helpers/tmp-dir.js';
import { BIN, baseEnv, runCli, startCli } from './run-cli.js';

const STRONG = 'Zk3-pQ9_vX2mN7rT5wY8aB4cD6eF1gH0';
let tmp: TmpDir;
const env = (extra: Record<string, string> = {}) => baseEnv({ RELEVE_DATA_DIR: join(tmp.path, 'data'), LANG: 'en_US.UTF-8', ...extra });

beforeAll(() => {
  tmp = makeTmpDir('releve-serve-token-');
});
afterAll(() => tmp?.remove());

/** Runs serve until it printed its address, then stops it; returns everything it wrote. */
async function serveOnce(args: string[], e: NodeJS.ProcessEnv): Promise<{ stdout: string; stderr: string }> {
  const run = startCli(['serve', '--port', '0', ...args], e);
  await run.waitFor(/Open the interface: http:\/\/127\.0\.0\.1:\d+/);
  const end = await run.stop('SIGTERM');
  expect(end.code).toBe(0);
  return end;
}

describe('releve serve and its token', () => {
  it('not a terminal: the generated token is not printed, serve says which file holds it', async () => {
    const first = await serveOnce([], env());
    const token = readFileSync(join(tmp.path, 'data', 'api-token'), 'utf8').trim();
    expect(token.length).toBeGreaterThanOrEqual(24);
    expect(first.stdout + first.stderr).not.toContain(token);
    expect(first.stdout).not.toContain('#token=');
    expect(first.stdout).toContain(join(tmp.path, 'data', 'api-token'));
    expect(first.stdout).toMatch(/--print-token/);
    const again = await serveOnce([], env());
    expect(again.stdout + again.stderr).not.toContain(token);
    // Asked for explicitly, it is printed.
    const asked = await serveOnce(['--print-token'], env());
    expect(asked.stdout).toContain(`#token=${token}`);
  });

  it('a terminal gets the link with the token', async () => {
    const token = readFileSync(join(tmp.path, 'data', 'api-token'), 'utf8').trim();
    // `script` gives the command a pseudo-terminal as stdout, as a person's shell would.
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn('script', ['-qfec', `${process.execPath} ${BIN} serve --port 0`, '/dev/null'], { env: env(), stdio: ['pipe', 'pipe', 'pipe'] });
      let text = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        text += d;
        if (/#token=\S+/.test(text)) child.kill('SIGTERM');
      });
      child.on('error', reject);
      child.on('close', () => resolve(text));
    });
    expect(out).toContain(`#token=${token}`);
  });

  it('RELEVE_API_TOKEN is never printed, not even with --print-token', async () => {
    const out = await serveOnce(['--print-token'], env({ RELEVE_API_TOKEN: STRONG }));
    expect(out.stdout + out.stderr).not.toContain(STRONG);
    expect(out.stdout).toMatch(/from RELEVE_API_TOKEN \(never printed/);
  });

  it('a weak RELEVE_API_TOKEN is refused, in French and English', async () => {
    for (const weak of ['secret', 'x'.repeat(40), 'abcdefghijklmnopqrstuvw']) {
      const en = await runCli(['serve', '--port', '0'], env({ RELEVE_API_TOKEN: weak }));
      expect(en.code).toBe(2);
      expect(en.stderr).toMatch(/RELEVE_API_TOKEN is too weak: it needs at least 24/);
      expect(en.stdout + en.stderr).not.toContain(weak);
    }
    const fr = await runCli(['serve', '--port', '0'], env({ RELEVE_API_TOKEN: 'secret', LANG: 'fr_FR.UTF-8' }));
    expect(fr.stderr).toMatch(/RELEVE_API_TOKEN est trop faible/);
  });
});
