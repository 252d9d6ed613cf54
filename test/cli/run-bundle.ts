// Runs `serve` from a built CLI bundle (dist/cli/releve.cjs or a test build) and reads its REST API.
import { spawn } from 'node:child_process';
import http from 'node:http';

export interface BundleServe {
  getJson(path: string): Promise<unknown>;
  stop(): Promise<void>;
}

export async function startBundle(bundle: string, env: NodeJS.ProcessEnv): Promise<BundleServe> {
  const token = env.RELEVE_API_TOKEN ?? '';
  const child = spawn(process.execPath, [bundle, 'serve', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on('close', (code) => reject(new Error(`serve exited (${code}) before listening:\n${out}\n${err}`)));
  });
  return {
    getJson: (path) =>
      new Promise((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port, path, headers: { authorization: `Bearer ${token}` } }, (res) => {
            let body = '';
            res.setEncoding('utf8').on('data', (c: string) => (body += c));
            res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(body)) : reject(new Error(`${res.statusCode} ${body}`))));
          })
          .on('error', reject);
      }),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.on('close', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
