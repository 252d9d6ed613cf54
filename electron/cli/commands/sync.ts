// `releve sync`: one pass for cron / Task Scheduler / systemd timers, then the core closes and we exit.
// Scope: every active mailbox (--all, the default) or --id N…; timing: only those whose interval elapsed,
// unless --force (ignores intervals and the retry backoff).
import type { Mailbox, SyncResult } from '../../../shared/types.js';
import { flag, noPositionals, parseCommandArgs, strList } from '../args.js';
import { EXIT_FAILED, EXIT_OK, UsageError } from '../cli-error.js';
import { withCore } from '../context.js';
import type { CliContext } from '../context.js';
import { formatDate } from '../format.js';
import { printUserError } from './mailbox-view.js';

const COMMAND = 'sync';

export async function syncCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const p = parseCommandArgs(
    argv,
    {
      all: { type: 'boolean' },
      force: { type: 'boolean' },
      id: { type: 'string', multiple: true },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    ctx.locale,
    COMMAND,
  );
  noPositionals(p, ctx.locale, COMMAND);
  const ids = strList(p, 'id').map((v) => {
    if (!/^\d{1,15}$/.test(v) || Number(v) < 1) throw new UsageError(ctx.t('badId', { v }), COMMAND);
    return Number(v);
  });
  if (ids.length > 0 && flag(p, 'all')) throw new UsageError(ctx.t('unexpectedArg', { arg: '--all + --id' }), COMMAND);

  const { results, mailboxes, nextSync } = await withCore(ctx, async (core) => {
    if (ids.length > 0) await Promise.all(ids.map((id) => core.api.getMailbox({ id }))); // unknown id → NOT_FOUND
    const results = await core.runOnce({ force: flag(p, 'force'), ...(ids.length > 0 ? { mailboxIds: ids } : {}) });
    const status = await core.api.getStatus();
    return {
      results,
      mailboxes: new Map<number, Mailbox>(status.map((s) => [s.mailbox.id, s.mailbox])),
      nextSync: new Map(status.map((s) => [s.mailbox.id, s.next_sync_at])),
    };
  });
  const failed = results.some((r) => !r.skipped && r.status !== 'success');
  if (flag(p, 'json')) {
    ctx.json(results);
    return failed ? EXIT_FAILED : EXIT_OK;
  }
  if (results.length === 0) ctx.out(ctx.t('noActiveMailbox'));
  for (const r of results) printResult(ctx, r, mailboxes.get(r.mailbox_id)?.name ?? '', nextSync.get(r.mailbox_id) ?? null);
  if (results.length > 0) ctx.out(summary(ctx, results));
  return failed ? EXIT_FAILED : EXIT_OK;
}

function printResult(ctx: CliContext, r: SyncResult, name: string, next: string | null): void {
  const base = { id: r.mailbox_id, name };
  if (r.skipped) {
    const reason =
      r.skipped === 'not_due'
        ? next
          ? ctx.t('skipNotDue', { when: formatDate(next, ctx.locale, '') })
          : ctx.t('skipNotDueNoDate')
        : ctx.t(r.skipped === 'running' ? 'skipRunning' : r.skipped === 'locked' ? 'skipLocked' : 'skipInactive');
    ctx.out(ctx.t('syncSkipped', { ...base, reason }));
    return;
  }
  if (r.status === 'success') {
    ctx.out(ctx.t('syncOk', { ...base, count: r.new_messages }));
    return;
  }
  // Failures go to stderr too, so a cron mail or a journal shows them even when stdout is discarded.
  const message = r.error?.message ?? '';
  ctx.err(r.status === 'partial' ? ctx.t('syncPartial', { ...base, count: r.new_messages, message }) : ctx.t('syncFailed', { ...base, message }));
  if (r.error) printUserError(ctx, r.error, r.mailbox_id);
}

function summary(ctx: CliContext, results: SyncResult[]): string {
  const skipped = results.filter((r) => r.skipped).length;
  const ok = results.filter((r) => !r.skipped && r.status === 'success').length;
  // One piece per count, so each is singular or plural on its own ("1 boîte : 1 réussie, … ; 2 nouveaux messages").
  return ctx.t('syncSummary', {
    mailboxes: ctx.t('mailboxes', { count: results.length }),
    succeeded: ctx.t('syncSucceeded', { count: ok }),
    failed: results.length - skipped - ok,
    skipped: ctx.t('syncSkippedCount', { count: skipped }),
    news: ctx.t('newMessages', { count: results.reduce((sum, r) => sum + r.new_messages, 0) }),
  });
}
