// MailApi handlers for OAuth2 sign-in, and what a finished sign-in writes into a mailbox row. Tokens go from
// the flow straight into a sealed column: no handler ever returns one.
import type { MailApi } from '../../../shared/api.js';
import { ReleveError, userError } from '../../../shared/errors.js';
import { translator } from '../../../shared/i18n/index.js';
import { parseOAuthBeginInput, parseOAuthFlowId } from '../../../shared/schemas.js';
import type { Locale } from '../../../shared/types.js';
import { emitStatus, requireMailbox, type CoreContext } from '../core-context.js';
import * as store from '../store/index.js';
import type { NewMailbox } from '../store/index.js';
import type { FinishedSignIn } from './flows.js';
import { OAUTH_TEXT } from './oauth.i18n.js';
import { connectionTarget, type ConnectionSettings } from '../secrets/mailbox-binding.js';
import { sealTokens } from './token-store.js';

type OAuthHandlers = Pick<MailApi, 'listOAuthProviders' | 'beginOAuth' | 'completeOAuth' | 'cancelOAuth'>;

/** The signed-in account must be the mailbox's (when the provider says who signed in). */
function checkAccount(signIn: FinishedSignIn, account: { email_address: string; username?: string | undefined }, locale: Locale): void {
  const got = signIn.identity.email?.toLowerCase();
  if (!got) return;
  const allowed = [account.email_address, account.username].filter(Boolean).map((a) => a!.toLowerCase());
  if (allowed.includes(got)) return;
  throw new ReleveError('OAUTH_DENIED', translator(OAUTH_TEXT, locale)('wrongAccount', { got: signIn.identity.email!, want: account.email_address }), {
    field: 'email_address',
    detail: `signed in as ${signIn.identity.email}, expected ${account.email_address}`,
  });
}

/**
 * Columns that switch a mailbox to this sign-in (and drop any stored password). `connection`: the settings the
 * mailbox will have once saved; the tokens are sealed for them alone.
 */
export async function signInColumns(
  ctx: CoreContext,
  signIn: FinishedSignIn,
  account: { email_address: string; username?: string | undefined },
  connection: ConnectionSettings,
): Promise<Partial<NewMailbox>> {
  checkAccount(signIn, account, ctx.locale());
  const sealed = await sealTokens(ctx.secrets, signIn.tokens, connectionTarget(connection, `oauth2:${signIn.provider.id}`));
  return {
    auth_method: 'oauth2',
    oauth_provider: signIn.provider.id,
    oauth_tokens_enc: sealed.enc,
    oauth_secret_kind: sealed.kind,
    password_enc: null,
    secret_kind: null,
  };
}

/** New credentials deserve a prompt retry rather than waiting out a backoff. */
export function clearBackoff(ctx: CoreContext, id: number, dueNow: boolean): void {
  const row = store.getMailbox(ctx.db, id);
  if (!row) return;
  const now = new Date(ctx.now()).toISOString();
  store.recordSyncOutcome(ctx.db, id, {
    at: row.last_sync_at ?? now,
    status: row.last_sync_status ?? 'success',
    error_code: row.last_sync_error_code,
    error_detail: row.last_sync_error_detail,
    failures: 0,
    next_retry_at: dueNow ? now : null,
  });
}

/** Reconnect: the sign-in's tokens replace the mailbox's, and the mailbox is due for a sync at once. */
async function reconnect(ctx: CoreContext, mailboxId: number, signIn: FinishedSignIn): Promise<void> {
  const row = requireMailbox(ctx, mailboxId);
  const columns = await signInColumns(
    ctx,
    signIn,
    { email_address: row.email_address, username: row.username },
    { ...row, username: row.username || row.email_address },
  );
  store.updateMailbox(ctx.db, mailboxId, columns, new Date(ctx.now()).toISOString());
  clearBackoff(ctx, mailboxId, true);
  ctx.log.log('info', 'mailbox reconnected', { mailbox: mailboxId, provider: signIn.provider.id });
  ctx.hub.emit('mailboxesChanged', { ids: [mailboxId] });
  emitStatus(ctx, mailboxId);
}

export function oauthHandlers(ctx: CoreContext): OAuthHandlers {
  return {
    async listOAuthProviders() {
      await ctx.oauth.ready;
      return ctx.oauth.registry.list();
    },

    async beginOAuth(arg) {
      await ctx.oauth.ready;
      const locale = ctx.locale();
      const input = parseOAuthBeginInput(arg, locale);
      let providerId = input.provider;
      let loginHint = input.email;
      const mailboxId = input.mailbox_id;
      if (mailboxId !== undefined) {
        const row = requireMailbox(ctx, mailboxId);
        providerId ??= row.oauth_provider ?? ctx.oauth.registry.list().find((p) => row.preset_id && p.preset_ids.includes(row.preset_id))?.id;
        loginHint ??= row.email_address;
      }
      if (!providerId) {
        throw new ReleveError('VALIDATION', userError('VALIDATION', locale).message, { field: 'provider', detail: 'provider required' });
      }
      const provider = ctx.oauth.registry.resolve(providerId);
      return ctx.oauth.flows.begin(provider, {
        ...(loginHint ? { loginHint } : {}),
        ...(mailboxId !== undefined ? { mailboxId, apply: (signIn: FinishedSignIn) => reconnect(ctx, mailboxId, signIn) } : {}),
      });
    },

    async completeOAuth(arg) {
      const flowId = parseOAuthFlowId(arg, ctx.locale());
      const done = await ctx.oauth.flows.wait(flowId);
      return { flow_id: flowId, provider: done.provider.id, email: done.identity.email, mailbox_id: done.mailboxId };
    },

    async cancelOAuth(arg) {
      ctx.oauth.flows.cancel(parseOAuthFlowId(arg, ctx.locale()));
      return { cancelled: true as const };
    },
  };
}
