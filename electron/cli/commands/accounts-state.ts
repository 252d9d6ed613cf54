// `releve accounts pause|resume|remove <id>`.
import { flag, mailboxIdArg, parseCommandArgs } from '../args.js';
import { EXIT_OK } from '../cli-error.js';
import { withCore } from '../context.js';
import type { CliContext } from '../context.js';

const OPTIONS = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

export function accountsSetActive(active: boolean) {
  return async (ctx: CliContext, argv: string[]): Promise<number> => {
    const command = active ? 'accounts resume' : 'accounts pause';
    const p = parseCommandArgs(argv, OPTIONS, ctx.locale, command);
    const id = mailboxIdArg(p, ctx.locale, command);
    const mailbox = await withCore(ctx, (core) => core.api.updateMailbox({ id, patch: { active } }));
    if (flag(p, 'json')) ctx.json(mailbox);
    else ctx.out(ctx.t(active ? 'accountResumed' : 'accountPaused', { id, name: mailbox.name }));
    return EXIT_OK;
  };
}

export async function accountsRemove(ctx: CliContext, argv: string[]): Promise<number> {
  const p = parseCommandArgs(argv, { ...OPTIONS, 'keep-messages': { type: 'boolean' } }, ctx.locale, 'accounts remove');
  const id = mailboxIdArg(p, ctx.locale, 'accounts remove');
  const keep = flag(p, 'keep-messages');
  const result = await withCore(ctx, (core) => core.api.deleteMailbox({ id, keep_messages: keep }));
  if (flag(p, 'json')) ctx.json(result);
  else ctx.out(ctx.t(keep ? 'accountRemovedKept' : 'accountRemoved', { id }));
  return EXIT_OK;
}
