// `releve messages`: the unified inbox, newest first, with search and filters.
import type { MessageQuery, MessageSummary } from '../../../shared/types.js';
import { validateArg } from '../../../shared/arg-checkers.js';
import { flag, intOption, noPositionals, parseCommandArgs, str } from '../args.js';
import { EXIT_OK } from '../cli-error.js';
import { withCore } from '../context.js';
import type { CliContext } from '../context.js';
import { formatDate, formatTable, truncate } from '../format.js';
import { parseFolderView } from '../../../shared/folder-schemas.js';
import { isMessageAction, messagesAction } from './messages-actions.js';
import { parseTriageView } from '../../../shared/triage-schemas.js';

const COMMAND = 'messages';

export async function messagesCommand(ctx: CliContext, argv: string[]): Promise<number> {
  if (isMessageAction(argv[0])) return messagesAction(ctx, argv[0], argv.slice(1));
  const p = parseCommandArgs(
    argv,
    {
      search: { type: 'string', short: 's' },
      mailbox: { type: 'string' },
      unread: { type: 'boolean' },
      folder: { type: 'string', short: 'f' },
      triage: { type: 'string' },
      assignee: { type: 'string' },
      limit: { type: 'string' },
      offset: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    ctx.locale,
    COMMAND,
  );
  noPositionals(p, ctx.locale, COMMAND);
  // The unified inbox unless another view is asked for (sent, junk, archive, trash, all).
  // A triage view (issue 16) spans every folder unless --folder narrows it.
  const triage = str(p, 'triage');
  const assignee = str(p, 'assignee');
  const inTriage = triage !== undefined || assignee !== undefined;
  const folder = str(p, 'folder') ?? (inTriage ? undefined : 'inbox');
  const query: MessageQuery = { limit: intOption(p, 'limit', ctx.locale, COMMAND) ?? 20, ...(folder ? { folder: parseFolderView(folder, ctx.locale) } : {}) };
  if (triage !== undefined) query.triage = parseTriageView(triage, ctx.locale);
  if (assignee !== undefined) query.assignee = assignee;
  const mailboxId = intOption(p, 'mailbox', ctx.locale, COMMAND);
  if (mailboxId !== undefined) query.mailbox_id = mailboxId;
  const offset = intOption(p, 'offset', ctx.locale, COMMAND);
  if (offset !== undefined) query.offset = offset;
  if (flag(p, 'unread')) query.unread_only = true;
  const search = str(p, 'search');
  if (search !== undefined) query.search = search;
  validateArg('listMessages', query, ctx.locale);

  const { page, names } = await withCore(ctx, async (core) => ({
    page: await core.api.listMessages(query),
    names: new Map((await core.api.listMailboxes()).map((m) => [m.id, m.name])),
  }));
  if (flag(p, 'json')) {
    ctx.json(page);
    return EXIT_OK;
  }
  if (page.items.length === 0) {
    ctx.out(ctx.t('noMessages'));
    return EXIT_OK;
  }
  const rows = page.items.map((m) => [
    `${m.seen ? ' ' : '•'}${m.id}`,
    formatDate(m.date, ctx.locale, ''),
    truncate(names.get(m.mailbox_id) ?? String(m.mailbox_id), 20),
    truncate(m.folder, 20),
    truncate(m.from ? m.from.name || m.from.address : '', 28),
    truncate(m.subject || ctx.t('noSubject'), 70),
    ...(inTriage ? [triageCell(m.triage)] : []),
  ]);
  const heads = [` ${ctx.t('colId')}`, ctx.t('colDate'), ctx.t('colMailbox'), ctx.t('colFolder'), ctx.t('colFrom'), ctx.t('colSubject')];
  ctx.out(formatTable(inTriage ? [...heads, ctx.t('colTriage')] : heads, rows));
  ctx.out(ctx.t('messagesShown', { count: page.items.length, total: page.total }));
  return EXIT_OK;
}

/** "doing → Marie", the scheme's words (the same in both languages, as typed after --state). */
function triageCell(t: MessageSummary['triage']): string {
  return [t.state ?? '', t.assignee ? `→ ${t.assignee}` : '', t.local_only ? '(local)' : ''].filter(Boolean).join(' ');
}
