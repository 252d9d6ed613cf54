// `releve web-link [--port 8765]`: asks the running `releve serve` for a fresh one-time login link, for a
// browser that was never logged in (or logged out) without restarting the server.
import { request } from 'node:http';
import { loadOrCreateApiToken } from '../../server/api-token.js';
import { DEFAULT_PORT } from '../../server/start-server.js';
import { flag, intOption, noPositionals, parseCommandArgs, str } from '../args.js';
import { EXIT_FAILED, EXIT_OK } from '../cli-error.js';
import type { CliContext } from '../context.js';
import { cliDataDir } from '../open-core.js';

function post(host: string, port: number, path: string, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path, method: 'POST', headers: { Authorization: `Bearer ${token}` }, timeout: 5000 }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

export async function webLinkCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const p = parseCommandArgs(argv, { port: { type: 'string' }, host: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, ctx.locale, 'web-link');
  noPositionals(p, ctx.locale, 'web-link');
  const port = intOption(p, 'port', ctx.locale, 'web-link') ?? DEFAULT_PORT;
  const host = str(p, 'host') ?? '127.0.0.1';
  const token = loadOrCreateApiToken(cliDataDir(ctx), ctx.env).token;
  let r;
  try {
    r = await post(host, port, '/inbox/login-link', token);
  } catch {
    ctx.err(ctx.t('webLinkNoServer', { host, port }));
    return EXIT_FAILED;
  }
  if (r.status !== 200) {
    ctx.err(ctx.t('webLinkRefused', { status: r.status }));
    return EXIT_FAILED;
  }
  const link = JSON.parse(r.body) as { url: string; expires_at: string };
  if (flag(p, 'json')) ctx.json(link);
  else ctx.out(ctx.t('serveOpenUi', { url: link.url }));
  return EXIT_OK;
}
