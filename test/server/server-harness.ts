// A real stack for the server tests: private Dovecot, the real core on a temp data dir, the real server.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { createCore } from '../../electron/core/create-core.js';
import type { Core } from '../../electron/core/model.js';
import { startServer } from '../../electron/server/start-server.js';
import type { RunningServer } from '../../electron/server/start-server.js';
import type { MailboxInput } from '../../shared/types.js';
import { startDovecot } from '../fixtures/dovecot.js';
import type { DovecotHandle } from '../fixtures/dovecot.js';
import { makeTmpDir } from '../helpers/tmp-dir.js';
import type { TmpDir } from '../helpers/tmp-dir.js';

export const TOKEN = 'test-token-0123456789abcdefghijklmnopqrstuv';
export const ALICE = 'alice@example.test';
export const BOB = 'bob@example.test';

export interface Stack {
  dovecot: DovecotHandle;
  dir: TmpDir;
  core: Core;
  server: RunningServer;
  rendererDir: string;
  stop(): Promise<void>;
}

export async function startStack(): Promise<Stack> {
  const dovecot = await startDovecot();
  const dir = makeTmpDir('releve-server-');
  const rendererDir = join(dir.path, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Relève UI</title><div id="root"></div>');
  writeFileSync(join(rendererDir, 'assets', 'app-1234.js'), 'console.log("app");');
  writeFileSync(join(rendererDir, 'assets', 'style.css'), 'body{}');
  const core = createCore({ dataDir: join(dir.path, 'data'), tlsCa: [dovecot.caPem], locale: 'en' });
  const server = await startServer({ core, port: 0, token: TOKEN, rendererDir, locale: 'en' });
  return {
    dovecot,
    dir,
    core,
    server,
    rendererDir,
    async stop() {
      await server.close();
      await core.close();
      await dovecot.stop();
      dir.remove();
    },
  };
}

/** The seed's POST /inbox/integrations body for a fixture user. */
export function seedBody(d: DovecotHandle, user: string, extra: Partial<MailboxInput> = {}): MailboxInput {
  const u = d.users.find((x) => x.user === user);
  if (!u) throw new Error(`no fixture user ${user}`);
  return {
    integration_type: 'imap',
    name: `Box ${user}`,
    imap_server: '127.0.0.1',
    imap_port: d.imapsPort ?? d.imapPort,
    email_address: u.user,
    email_password: u.password,
    use_ssl: true,
    sync_interval_minutes: 5,
    ...extra,
  };
}

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  body: unknown;
}

/** Every error body seen by a test, checked at the end for stack traces. */
export const seenBodies: string[] = [];

/**
 * Raw node:http so the test controls exactly what is sent (Host header, un-normalised paths), unlike fetch.
 */
export function request(
  server: RunningServer,
  method: string,
  path: string,
  opts: { body?: unknown; rawBody?: string | Buffer; headers?: Record<string, string>; token?: string | null } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...opts.headers };
  const token = opts.token === undefined ? TOKEN : opts.token;
  if (token !== null) headers.authorization ??= `Bearer ${token}`;
  let payload: Buffer | undefined;
  if (opts.body !== undefined) {
    payload = Buffer.from(JSON.stringify(opts.body));
    headers['content-type'] ??= 'application/json';
  } else if (opts.rawBody !== undefined) {
    payload = Buffer.isBuffer(opts.rawBody) ? opts.rawBody : Buffer.from(opts.rawBody);
  }
  if (payload) headers['content-length'] = String(payload.length);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const buf = Buffer.concat(chunks);
        const text = buf.toString('utf8');
        let body: unknown = text;
        if ((res.headers['content-type'] ?? '').startsWith('application/json')) body = JSON.parse(text);
        if ((res.statusCode ?? 0) >= 400) seenBodies.push(text);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body });
      });
    });
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

export function errorOf(r: Reply): { code: string; message: string; field?: string } {
  return (r.body as { error: { code: string; message: string; field?: string } }).error;
}

/** Every file under `root`, for byte-level searches of secrets. */
export function allFiles(root: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(root)) {
    const p = join(root, name);
    if (statSync(p).isDirectory()) out.push(...allFiles(p));
    else out.push(p);
  }
  return out;
}

export function filesContaining(root: string, needle: string): string[] {
  const n = Buffer.from(needle, 'utf8');
  return allFiles(root).filter((f) => readFileSync(f).includes(n));
}
