// `releve status`: per mailbox, the last run, counts, the next sync and the last error with what to do.
// Exit code 1 when an active mailbox's last sync failed, so monitoring scripts can alert on it.
import { ERROR_TABLE } from '../../../shared/errors.js';
import type { MailboxStatus } from '../../../shared/types.js';
import { flag, noPositionals, parseCommandArgs } from '../args.js';
import { EXIT_FAILED, EXIT_OK } from '../cli-error.js';
import { withCore } from '../context.js';
import type { CliContext } from '../context.js';
import { formatDate } from '../format.js';

export async function statusCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const p = parseCommandArgs(argv, { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, ctx.locale, 'status');
  noPositionals(p, ctx.locale, 'status');
  const statuses = await withCore(ctx, (core) => core.api.getStatus());
  const failing = statuses.some(
    (s) => s.mailbox.active && (s.mailbox.last_sync_status === 'error' || s.mailbox.last_sync_status === 'partial' || s.health === 'error'),
  );
  if (flag(p, 'json')) ctx.json(statuses);
  else if (statuses.length === 0) ctx.out(ctx.t('noAccounts'));
  else statuses.forEach((s, i) => printStatus(ctx, s, i > 0));
  return failing ? EXIT_FAILED : EXIT_OK;
}

function printStatus(ctx: CliContext, s: MailboxStatus, blankBefore: boolean): void {
  const m = s.mailbox;
  const never = ctx.t('never');
  if (blankBefore) ctx.out('');
  ctx.out(`#${m.id} ${m.name} <${m.email_address}> — ${m.active ? ctx.t('active') : ctx.t('paused')}`);
  const status = m.last_sync_status ? ctx.t(m.last_sync_status) : '';
  const newInRun = s.last_run && s.last_run.new_messages > 0 ? `, ${ctx.t('statusNewInRun', { count: s.last_run.new_messages })}` : '';
  ctx.out(`  ${ctx.t('statusHealth', { health: ctx.t(`health_${s.health}`), reason: s.health_reason })}`);
  ctx.out(`  ${m.last_sync_at ? ctx.t('statusLast', { when: formatDate(m.last_sync_at, ctx.locale, never), status: status + newInRun }) : ctx.t('statusLast', { when: never, status: '-' })}`);
  ctx.out(`  ${ctx.t('statusLastSuccess', { when: s.last_success_at ? formatDate(s.last_success_at, ctx.locale, never) : never })}`);
  if (s.last_new && !(s.last_run && s.last_run.new_messages > 0)) {
    ctx.out(`  ${ctx.t('statusLastNew', { n: s.last_new.count, when: formatDate(s.last_new.at, ctx.locale, never) })}`);
  }
  const dup = s.duplicate_count > 0 ? ` — ${ctx.t('statusDuplicates', { count: s.duplicate_count })}` : '';
  ctx.out(`  ${ctx.t('statusCounts', { total: s.message_count, unread: ctx.t('unread', { count: s.unread_count }) })}${dup}`);
  if (s.running && s.progress) {
    ctx.out(`  ${ctx.t('statusRunning', { folder: s.progress.folder, done: s.progress.done, total: s.progress.total })}`);
  } else if (m.active && s.next_sync_at) {
    ctx.out(`  ${ctx.t('statusNext', { when: formatDate(s.next_sync_at, ctx.locale, never) })}`);
  }
  if (m.last_sync_error && m.last_sync_status !== 'success') {
    ctx.out(`  ${ctx.t('statusError', { message: m.last_sync_error })}`);
    if (m.last_sync_error_code) ctx.out(`  ${ctx.t('hint', { hint: ERROR_TABLE[m.last_sync_error_code][ctx.locale].hint })}`);
  }
  if (s.failures > 1) ctx.out(`  ${ctx.t('statusFailures', { n: s.failures })}`);
}
