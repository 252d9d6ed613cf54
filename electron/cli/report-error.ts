// One clear line on stderr in the user's language, and the exit code that says what kind of failure it was.
// No stack trace unless RELEVE_DEBUG=1.
import { ERROR_TABLE, ReleveError } from '../../shared/errors.js';
import { EXIT_FAILED, EXIT_UNEXPECTED, EXIT_USAGE, UsageError } from './cli-error.js';
import type { CliContext } from './context.js';

/** API field → the option the user typed, so a validation message points at the right flag. */
const FLAG_OF_FIELD: Record<string, string> = {
  name: '--name',
  imap_server: '--server',
  imap_port: '--port',
  email_address: '--email',
  email_password: '--password-stdin',
  username: '--username',
  sync_interval_minutes: '--interval',
  sync_window_days: '--window-days',
  sync_window_count: '--window-count',
  tls_fingerprint: '--trust-fingerprint',
  preset_id: '--preset',
  mailbox_id: '--mailbox',
  search: '--search',
  limit: '--limit',
  offset: '--offset',
};

export function reportError(err: unknown, ctx: Pick<CliContext, 'err' | 't' | 'locale' | 'env'>): number {
  if (ctx.env.RELEVE_DEBUG === '1' && err instanceof Error && err.stack) ctx.err(err.stack);
  if (err instanceof UsageError) {
    ctx.err(err.message);
    if (err.command !== undefined) ctx.err(ctx.t('seeHelp', { cmd: err.command }).replace('  ', ' '));
    return EXIT_USAGE;
  }
  if (err instanceof ReleveError) {
    if (err.code === 'VALIDATION') {
      const flag = err.field ? FLAG_OF_FIELD[err.field] : undefined;
      ctx.err(flag ? ctx.t('fieldFlag', { message: err.message, flag }) : err.message);
      return EXIT_USAGE;
    }
    if (err.code === 'NOT_FOUND') {
      ctx.err(err.message);
      return EXIT_USAGE;
    }
    if (err.code === 'DUPLICATE_MAILBOX') {
      // Bad input, like a validation error: the words, what to do, and which mailbox it already is.
      const w = ERROR_TABLE[err.code][ctx.locale];
      ctx.err(w.message);
      ctx.err(ctx.t('hint', { hint: w.hint }));
      if (err.detail) ctx.err(ctx.t('detail', { detail: err.detail }));
      return EXIT_USAGE;
    }
    const words = ERROR_TABLE[err.code][ctx.locale];
    ctx.err(words.message);
    ctx.err(ctx.t('hint', { hint: words.hint }));
    if (err.detail) ctx.err(ctx.t('detail', { detail: err.detail }));
    return err.code === 'UNKNOWN' || err.code === 'STORAGE' ? EXIT_UNEXPECTED : EXIT_FAILED;
  }
  const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
  ctx.err(ctx.t('unexpected', { message: message ?? '' }));
  if (ctx.env.RELEVE_DEBUG !== '1') ctx.err(ctx.t('debugHint'));
  return EXIT_UNEXPECTED;
}
