// `releve accounts add`: saves a mailbox; no network unless --test.
import { presetUsername } from '../../../shared/providers.js';
import type { ConnectionTestInput, Mailbox, MailboxInput } from '../../../shared/types.js';
import { validateArg } from '../../../shared/arg-checkers.js';
import type { Core } from '../../core/model.js';
import { flag, noPositionals, parseCommandArgs, str } from '../args.js';
import type { Parsed } from '../args.js';
import { EXIT_FAILED, EXIT_OK, UsageError } from '../cli-error.js';
import { withCore } from '../context.js';
import type { CliContext } from '../context.js';
import { readPassword } from '../password.js';
import { ACCOUNT_OPTIONS, accountFields, presetHelpText, presetOption } from './account-options.js';
import { printTestResult, securityLabel } from './mailbox-view.js';

const COMMAND = 'accounts add';

export async function accountsAdd(ctx: CliContext, argv: string[]): Promise<number> {
  const p = parseCommandArgs(argv, { ...ACCOUNT_OPTIONS, test: { type: 'boolean' }, oauth: { type: 'string' } }, ctx.locale, COMMAND);
  noPositionals(p, ctx.locale, COMMAND);
  if (str(p, 'oauth') !== undefined) {
    return (await import('./accounts-oauth.js')).accountsAddOAuth(ctx, p, (core, mailbox) => reportAdded(ctx, p, core, mailbox));
  }
  const input = await buildInput(ctx, p);
  validateArg('createMailbox', input, ctx.locale);
  return withCore(ctx, async (core) => reportAdded(ctx, p, core, await core.api.createMailbox(input)));
}

/** What `accounts add` prints once the mailbox is saved, and the optional connection test. */
async function reportAdded(ctx: CliContext, p: Parsed, core: Core, mailbox: Mailbox): Promise<number> {
  if (flag(p, 'json') && !flag(p, 'test')) {
    ctx.json(mailbox);
    return EXIT_OK;
  }
  if (!flag(p, 'json')) {
    ctx.out(
      ctx.t('accountAdded', {
        id: mailbox.id,
        name: mailbox.name,
        email: mailbox.email_address,
        server: mailbox.imap_server,
        port: mailbox.imap_port,
        security: securityLabel(mailbox),
      }),
    );
  }
  if (!flag(p, 'test')) {
    ctx.out(ctx.t('accountAddedNext', { id: mailbox.id }));
    return EXIT_OK;
  }
  const result = await core.api.testConnection(testTarget(mailbox));
  if (flag(p, 'json')) {
    ctx.json({ mailbox, test: result });
    return result.ok ? EXIT_OK : EXIT_FAILED;
  }
  return printTestResult(ctx, result, mailbox.id) ? EXIT_OK : EXIT_FAILED;
}

async function buildInput(ctx: CliContext, p: Parsed): Promise<MailboxInput> {
  const preset = presetOption(p, ctx.locale, COMMAND);
  const fields = accountFields(p, preset, ctx.locale, COMMAND);
  const email = fields.email_address;
  if (email === undefined) throw new UsageError(ctx.t('missingOption', { opt: '--email' }), COMMAND);
  if (fields.imap_server === undefined) throw new UsageError(ctx.t('missingOption', { opt: '--server / --preset' }), COMMAND);
  const useSsl = fields.use_ssl ?? true;
  const input: MailboxInput = {
    ...fields,
    integration_type: 'imap',
    name: fields.name ?? email,
    imap_server: fields.imap_server,
    imap_port: fields.imap_port ?? (useSsl ? 993 : 143),
    use_ssl: useSsl,
    email_address: email,
    email_password: '',
  };
  if (preset && input.username === undefined) {
    const login = presetUsername(preset, email);
    if (login !== email.trim()) input.username = login;
  }
  // Every other field is checked before asking for the password, so a typo does not cost a retype.
  validateArg('createMailbox', { ...input, email_password: 'placeholder' }, ctx.locale);
  input.email_password = await readPassword({
    fromStdin: flag(p, 'password-stdin'),
    stdin: ctx.stdin,
    stderr: ctx.stderr,
    env: ctx.env,
    locale: ctx.locale,
    email,
    ...(preset ? { beforePrompt: presetHelpText(preset, ctx.locale) } : {}),
  });
  return input;
}

/** The stored settings of a mailbox as a connection test target (its stored password is used). */
export function testTarget(m: Mailbox): ConnectionTestInput {
  return {
    imap_server: m.imap_server,
    imap_port: m.imap_port,
    use_ssl: m.use_ssl,
    email_address: m.email_address,
    username: m.username,
    allow_insecure_auth: m.allow_insecure_auth,
    tls_fingerprint: m.tls_fingerprint,
    mailbox_id: m.id,
  };
}
