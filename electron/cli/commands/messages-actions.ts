// `releve messages read|unread|flag|unflag|archive|delete|not-spam ID… [--yes]` and `releve messages move ID… --to
// PATH`: applied to the store, then pushed to the server at once (a CLI run does not stay for the next sync);
// when the server cannot be reached the change stays queued for the next `releve sync`.
import { MESSAGE_ACTIONS } from '../../../shared/folder-schemas.js';
import type { MessageAction } from '../../../shared/types.js';
import { flag, parseCommandArgs, str } from '../args.js';
import { EXIT_FAILED, EXIT_OK, UsageError } from '../cli-error.js';
import { withCore } from '../context.js';
import type { CliContext } from '../context.js';

export function isMessageAction(word: string | undefined): word is MessageAction {
  return word !== undefined && (MESSAGE_ACTIONS as readonly string[]).includes(word);
}

export async function messagesAction(ctx: CliContext, action: MessageAction, argv: string[]): Promise<number> {
  const command = 'messages';
  const p = parseCommandArgs(
    argv,
    { to: { type: 'string' }, yes: { type: 'boolean', short: 'y' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    ctx.locale,
    command,
  );
  if (p.positionals.length === 0) throw new UsageError(ctx.t('missingMessageIds', { verb: action }), command);
  const ids = p.positionals.map((v) => {
    if (!/^\d{1,15}$/.test(v) || Number(v) < 1) throw new UsageError(ctx.t('badMessageId', { v }), command);
    return Number(v);
  });
  const to = str(p, 'to');
  if (action === 'move' && !to) throw new UsageError(ctx.t('moveNeedsTo'), command);

  return withCore(ctx, async (core) => {
    const mailboxes = new Set<number>();
    for (const id of ids) {
      const m = await core.api.getMessage({ id });
      mailboxes.add(m.mailbox_id);
      // Deleting from the Trash cannot be undone: a script must say so explicitly.
      if (action === 'delete' && m.folder_role === 'trash' && !flag(p, 'yes')) throw new UsageError(ctx.t('deleteForGood', { id }), command);
    }
    const result = await core.api.messageAction({ ids, action, ...(to ? { folder: to } : {}) });
    let pushed = true;
    for (const mailboxId of mailboxes) {
      const r = await core.api.syncMailbox({ id: mailboxId });
      if (r.status === 'error') pushed = false;
    }
    if (flag(p, 'json')) {
      ctx.json({ ...result, pushed });
    } else {
      ctx.out(ctx.t('actionDone', { action, count: result.updated }));
      for (const s of result.skipped) ctx.err(ctx.t('actionSkipped', { id: s.id, reason: s.reason }));
      if (result.updated > 0) (pushed ? ctx.out : ctx.err)(ctx.t(pushed ? 'actionPushed' : 'actionQueued'));
    }
    return pushed && result.skipped.length === 0 ? EXIT_OK : EXIT_FAILED;
  });
}
