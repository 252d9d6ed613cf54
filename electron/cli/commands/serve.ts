// `releve serve`: the REST API, WebSocket RPC and web UI on loopback, plus the background scheduler,
// until SIGINT / SIGTERM.
import { isWeakApiToken, loadOrCreateApiToken, MIN_API_TOKEN_LENGTH } from '../../server/api-token.js';
import { isLoopbackHost } from '../../server/request-guard.js';
import { DEFAULT_PORT, startServer } from '../../server/start-server.js';
import { flag, intOption, noPositionals, parseCommandArgs, str } from '../args.js';
import { EXIT_OK, UsageError } from '../cli-error.js';
import type { CliContext } from '../context.js';
import type { ApiToken } from '../../server/api-token.js';
import { cliDataDir } from '../open-core.js';

const COMMAND = 'serve';

export async function serveCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const p = parseCommandArgs(
    argv,
    {
      port: { type: 'string' },
      host: { type: 'string' },
      'allow-remote': { type: 'boolean' },
      'renderer-dir': { type: 'string' },
      'print-token': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    ctx.locale,
    COMMAND,
  );
  noPositionals(p, ctx.locale, COMMAND);
  const port = intOption(p, 'port', ctx.locale, COMMAND) ?? DEFAULT_PORT;
  if (port > 65535) throw new UsageError(ctx.t('badPort', { v: String(port) }), COMMAND);
  const host = str(p, 'host') ?? '127.0.0.1';
  const remote = !isLoopbackHost(host);
  if (remote && !flag(p, 'allow-remote')) throw new UsageError(ctx.t('serveRemoteRefused', { host }), COMMAND);

  const dataDir = cliDataDir(ctx);
  const token = loadOrCreateApiToken(dataDir, ctx.env);
  if (token.source === 'env' && isWeakApiToken(token.token)) {
    throw new UsageError(ctx.t('serveWeakToken', { min: MIN_API_TOKEN_LENGTH }), COMMAND);
  }
  const core = await ctx.openCore();
  let server;
  try {
    const rendererDir = str(p, 'renderer-dir');
    server = await startServer({
      core,
      host,
      port,
      token: token.token,
      locale: ctx.locale,
      allowRemote: remote,
      dataDir,
      logger: { log: (level, msg, fields) => ctx.err(`[${level}] ${msg}${fields ? ` ${JSON.stringify(fields)}` : ''}`) },
      ...(rendererDir ? { rendererDir } : {}),
    });
  } catch (err) {
    await core.close();
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new UsageError(ctx.t('portInUse', { port }));
    throw err;
  }
  // Listen for the stop signal before printing anything: a supervisor may signal as soon as it reads a line.
  const stopRequested = new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  if (remote) ctx.err(ctx.t('serveRemoteWarning', { host }));
  core.startScheduler();

  ctx.out(ctx.t('serveListening', { url: server.url }));
  // A one-time login link, not the token: it sets a session cookie, so bookmarks and new tabs keep working,
  // and what lands in a journal is useless after 10 minutes or one use.
  ctx.out(ctx.t('serveOpenUi', { url: server.loginLink().url }));
  ctx.out(ctx.t('serveLoginLinkNote'));
  printTokenLines(ctx, token, server.url, flag(p, 'print-token'));

  const running = server;
  await stopRequested;
  ctx.err(ctx.t('serveStopping'));
  await running.close();
  await core.close();
  return EXIT_OK;
}

/**
 * The token is shown only to a person at a terminal (or on --print-token), never when it came from the
 * environment: under a service manager stdout goes to a journal readable far more widely than the 0600 file.
 */
function printTokenLines(ctx: CliContext, token: ApiToken, url: string, printToken: boolean): void {
  const show = token.source !== 'env' && (printToken || ctx.stdout.isTTY === true);
  if (token.source === 'env') ctx.out(ctx.t(printToken ? 'serveTokenEnvNotPrinted' : 'serveTokenEnv'));
  else if (token.source === 'generated' && show) ctx.out(ctx.t('serveTokenGenerated', { path: token.path ?? '', token: token.token }));
  else if (token.source === 'generated') ctx.out(ctx.t('serveTokenCreatedIn', { path: token.path ?? '' }));
  else ctx.out(ctx.t('serveTokenFile', { path: token.path ?? '' }));
  if (show) ctx.out(ctx.t('serveTokenLink', { url: `${url}/#token=${encodeURIComponent(token.token)}` }));
  else if (token.source !== 'env') ctx.out(ctx.t('serveTokenHint', { path: token.path ?? '' }));
}
