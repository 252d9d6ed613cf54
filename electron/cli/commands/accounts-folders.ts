// `releve accounts folders N [--set PATH …] [--refresh] [--json]`: the folders of a mailbox, what each is for,
// which are synced; --set chooses exactly those (INBOX always synced).
import { flag, mailboxIdArg, parseCommandArgs, strList } from '../args.js';
import { EXIT_OK } from '../cli-error.js';
import { withCore } from '../context.js';
import type { CliContext } from '../context.js';
import { formatTable } from '../format.js';

const COMMAND = 'accounts folders';

export async function accountsFolders(ctx: CliContext, argv: string[]): Promise<number> {
  const p = parseCommandArgs(
    argv,
    { set: { type: 'string', multiple: true }, refresh: { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    ctx.locale,
    COMMAND,
  );
  const id = mailboxIdArg(p, ctx.locale, COMMAND);
  const chosen = strList(p, 'set');
  const folders = await withCore(ctx, async (core) => {
    if (chosen.length > 0 || p.values.set !== undefined) await core.api.updateMailbox({ id, patch: { folders: chosen } });
    return core.api.listFolders({ id, refresh: flag(p, 'refresh') });
  });
  if (flag(p, 'json')) {
    ctx.json(folders);
    return EXIT_OK;
  }
  if (p.values.set !== undefined) ctx.out(ctx.t('foldersSaved', { id, list: folders.filter((f) => f.chosen).map((f) => f.path).join(', ') }));
  const rows = folders.map((f) => [f.path, f.role, f.chosen ? ctx.t('yes') : ctx.t('no'), String(f.message_count)]);
  ctx.out(formatTable([ctx.t('colFolder'), ctx.t('colRole'), ctx.t('colSynced'), ctx.t('colCount')], rows));
  return EXIT_OK;
}
