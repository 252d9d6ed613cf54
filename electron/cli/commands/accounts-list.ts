// `releve accounts list` and `releve accounts test <id>`.
import { flag, mailboxIdArg, noPositionals, parseCommandArgs } from '../args.js';
import { EXIT_FAILED, EXIT_OK } from '../cli-error.js';
import { withCore } from '../context.js';
import type { CliContext } from '../context.js';
import { formatDate, formatTable, truncate } from '../format.js';
import { testTarget } from './accounts-add.js';
import { printTestResult, securityLabel } from './mailbox-view.js';

const JSON_ONLY = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

export async function accountsList(ctx: CliContext, argv: string[]): Promise<number> {
  const p = parseCommandArgs(argv, JSON_ONLY, ctx.locale, 'accounts list');
  noPositionals(p, ctx.locale, 'accounts list');
  const mailboxes = await withCore(ctx, (core) => core.api.listMailboxes());
  if (flag(p, 'json')) {
    ctx.json(mailboxes);
    return EXIT_OK;
  }
  if (mailboxes.length === 0) {
    ctx.out(ctx.t('noAccounts'));
    return EXIT_OK;
  }
  const header = ['colId', 'colName', 'colEmail', 'colServer', 'colSecurity', 'colInterval', 'colState', 'colPassword', 'colLastSync'] as const;
  const rows = mailboxes.map((m) => [
    String(m.id),
    truncate(m.name, 30),
    m.email_address,
    `${m.imap_server}:${m.imap_port}`,
    securityLabel(m),
    ctx.t('minutes', { n: m.sync_interval_minutes }),
    m.active ? ctx.t('active') : ctx.t('paused'),
    m.auth_method === 'oauth2' ? `OAuth2 (${m.oauth_provider ?? '?'})` : m.has_password ? ctx.t('saved') : ctx.t('missing'),
    m.last_sync_at
      ? `${formatDate(m.last_sync_at, ctx.locale, ctx.t('never'))} ${ctx.t(m.last_sync_status ?? 'success')}`
      : ctx.t('never'),
  ]);
  ctx.out(formatTable(header.map((k) => ctx.t(k)), rows));
  return EXIT_OK;
}

export async function accountsTest(ctx: CliContext, argv: string[]): Promise<number> {
  const p = parseCommandArgs(argv, JSON_ONLY, ctx.locale, 'accounts test');
  const id = mailboxIdArg(p, ctx.locale, 'accounts test');
  const result = await withCore(ctx, async (core) => core.api.testConnection(testTarget(await core.api.getMailbox({ id }))));
  if (flag(p, 'json')) ctx.json(result);
  else printTestResult(ctx, result, id);
  return result.ok ? EXIT_OK : EXIT_FAILED;
}
