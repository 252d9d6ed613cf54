// `releve accounts edit <id>`: changes only the options given; the password only on request.
import { ReleveError } from '../../../shared/errors.js';
import { presetUsername } from '../../../shared/providers.js';
import { validateArg } from '../../../shared/arg-checkers.js';
import { flag, mailboxIdArg, parseCommandArgs } from '../args.js';
import { EXIT_OK, UsageError } from '../cli-error.js';
import { withCore } from '../context.js';
import type { CliContext } from '../context.js';
import { readPassword } from '../password.js';
import { ACCOUNT_OPTIONS, accountFields, presetHelpText, presetOption } from './account-options.js';

const COMMAND = 'accounts edit';

export async function accountsEdit(ctx: CliContext, argv: string[]): Promise<number> {
  const p = parseCommandArgs(
    argv,
    { ...ACCOUNT_OPTIONS, 'no-allow-insecure': { type: 'boolean' }, 'change-password': { type: 'boolean' } },
    ctx.locale,
    COMMAND,
  );
  const id = mailboxIdArg(p, ctx.locale, COMMAND);
  const preset = presetOption(p, ctx.locale, COMMAND);
  const patch = accountFields(p, preset, ctx.locale, COMMAND);
  if (flag(p, 'no-allow-insecure')) patch.allow_insecure_auth = false;
  const wantsPassword = flag(p, 'password-stdin') || flag(p, 'change-password');
  if (Object.keys(patch).length === 0 && !wantsPassword) throw new UsageError(ctx.t('nothingToChange'));
  validateArg('updateMailbox', { id, patch }, ctx.locale);
  return withCore(ctx, async (core) => {
    const current = await core.api.getMailbox({ id });
    if (preset && patch.username === undefined) patch.username = presetUsername(preset, patch.email_address ?? current.email_address);
    if (wantsPassword) {
      patch.email_password = await readPassword({
        fromStdin: flag(p, 'password-stdin'),
        stdin: ctx.stdin,
        stderr: ctx.stderr,
        env: ctx.env,
        locale: ctx.locale,
        email: patch.email_address ?? current.email_address,
        ...(preset ? { beforePrompt: presetHelpText(preset, ctx.locale) } : {}),
      });
    }
    const mailbox = await core.api.updateMailbox({ id, patch }).catch((err: unknown) => {
      // The core's words say why; the command line says how.
      if (err instanceof ReleveError && err.code === 'SECRET_REQUIRED') ctx.err(ctx.t('editNeedsPassword', { id }));
      throw err;
    });
    if (flag(p, 'json')) ctx.json(mailbox);
    else ctx.out(ctx.t('accountUpdated', { id: mailbox.id, name: mailbox.name }));
    return EXIT_OK;
  });
}
