// Human renderings of mailboxes, connection tests and errors shared by several commands.
import type { ConnectionTestResult, Mailbox, UserError } from '../../../shared/types.js';
import type { CliContext } from '../context.js';

export function securityLabel(m: Pick<Mailbox, 'use_ssl' | 'allow_insecure_auth'>): string {
  if (m.use_ssl) return 'SSL/TLS';
  return m.allow_insecure_auth ? 'STARTTLS?' : 'STARTTLS';
}

export function printUserError(ctx: CliContext, e: UserError, mailboxId?: number): void {
  if (e.hint) ctx.err(`  ${ctx.t('hint', { hint: e.hint })}`);
  if (e.detail) ctx.err(`  ${ctx.t('detail', { detail: e.detail })}`);
  if (e.cert_fingerprint) {
    const text = ctx.t('certFingerprint', { fp: e.cert_fingerprint, id: mailboxId ?? '<id>' });
    for (const line of text.split('\n')) ctx.err(`  ${line}`);
  }
}

/** Prints the outcome of a connection test; returns whether it succeeded. */
export function printTestResult(ctx: CliContext, r: ConnectionTestResult, mailboxId?: number): boolean {
  if (r.ok) {
    ctx.out(
      ctx.t('testOk', {
        count: r.message_count ?? 0,
        security: r.secure === false ? ctx.t('notEncrypted') : ctx.t('encrypted'),
      }),
    );
    return true;
  }
  ctx.err(ctx.t('testFailed', { message: r.error?.message ?? '' }));
  if (r.error) printUserError(ctx, r.error, mailboxId);
  return false;
}
