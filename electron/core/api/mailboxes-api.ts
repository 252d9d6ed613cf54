// MailApi handlers for mailboxes: create / edit / pause / delete, connection test, provider detection.
import type { MailApi } from '../../../shared/api.js';
import { getPreset, presetUsername } from '../../../shared/providers.js';
import { parseConnectionTestInput, parseId, parseMailboxInput, parseMailboxPatch, parseTestId } from '../../../shared/schemas.js';
import { ReleveError, userError } from '../../../shared/errors.js';
import type { ConnectionTestInput, ConnectionTestResult } from '../../../shared/types.js';
import { changesConnection, ConnectionTests, duplicateError, findDuplicate, loginOf } from './mailbox-guards.js';
import { decryptPassword, emitStatus, requireMailbox, toMailboxDto, type CoreContext } from '../core-context.js';
import { toUserError } from '../imap/classify-error.js';
import { applyFolderChoice } from './folders-api.js';
import { testConnection } from '../imap/test-connection.js';
import { detectProvider } from '../net/detect-provider.js';
import { signInColumns } from '../oauth/oauth-api.js';
import { sealBoundSecret, secretBinding, secretRequired } from '../secrets/index.js';
import { authOf, connectionTarget, rowTarget, type ConnectionSettings } from '../secrets/mailbox-binding.js';
import * as store from '../store/index.js';
import type { NewMailbox } from '../store/index.js';
import { sendColumns } from '../send/mailbox-send-settings.js';

/** Columns of a password login (and no OAuth2 tokens any more), the password sealed for `connection` alone. */
async function passwordColumns(ctx: CoreContext, password: string, connection: ConnectionSettings): Promise<Partial<NewMailbox>> {
  const sealed = await sealBoundSecret(ctx.secrets, password, connectionTarget(connection, 'password'));
  ctx.redactor.add(password);
  return { auth_method: 'password', password_enc: sealed.enc, secret_kind: sealed.kind, oauth_provider: null, oauth_tokens_enc: null, oauth_secret_kind: null };
}

type MailboxHandlers = Pick<
  MailApi,
  'listMailboxes' | 'getMailbox' | 'createMailbox' | 'updateMailbox' | 'deleteMailbox' | 'testConnection' | 'cancelConnectionTest' | 'detectProvider'
>;

function nowIso(ctx: CoreContext): string {
  return new Date(ctx.now()).toISOString();
}

export function mailboxHandlers(ctx: CoreContext): MailboxHandlers {
  const changed = (ids: number[]) => ctx.hub.emit('mailboxesChanged', { ids });
  const tests = new ConnectionTests();

  /**
   * Logs in with these settings (stored secret of mailbox_id when none is given). Never throws but for
   * SECRET_REQUIRED: the stored secret is only opened for the settings it was given for.
   */
  async function runTest(input: ConnectionTestInput, signal?: AbortSignal): Promise<ConnectionTestResult> {
    const stored = !input.email_password && input.mailbox_id !== undefined ? requireMailbox(ctx, input.mailbox_id) : undefined;
    const connection: ConnectionSettings = {
      imap_server: input.imap_server,
      imap_port: input.imap_port,
      use_ssl: input.use_ssl,
      allow_insecure_auth: input.allow_insecure_auth ?? false,
      tls_fingerprint: input.tls_fingerprint ?? null,
      username: input.username || input.email_address,
    };
    let password = input.email_password;
    let accessToken: string | undefined;
    if (!password && !input.oauth_flow_id && stored && stored.auth_method !== 'oauth2') {
      password = await decryptPassword(ctx, stored, connectionTarget(connection, 'password'));
    }
    try {
      if (!password && input.oauth_flow_id) accessToken = ctx.oauth.flows.peek(input.oauth_flow_id).tokens.access_token;
      else if (!password && stored?.auth_method === 'oauth2') {
        accessToken = await ctx.oauth.tokens.get(stored.id, { target: connectionTarget(connection, authOf(stored)) });
      }
    } catch (err) {
      if (err instanceof ReleveError && err.code === 'SECRET_REQUIRED') throw err;
      // A sign-in that cannot give a token is the test's answer, in words, like a refused login.
      return { ok: false, error: toUserError(err, ctx.locale()) };
    }
    ctx.redactor.add(password ?? '');
    return testConnection(
      { ...connection, password: password ?? '', ...(accessToken ? { access_token: accessToken } : {}) },
      { tlsCa: ctx.tlsCa, locale: ctx.locale(), logger: ctx.log, ...(signal ? { signal } : {}) },
    );
  }

  return {
    async listMailboxes() {
      return store.listMailboxes(ctx.db).map((r) => toMailboxDto(r, ctx.locale()));
    },

    async getMailbox(arg) {
      const id = parseId(arg?.id, 'id', ctx.locale());
      return toMailboxDto(requireMailbox(ctx, id), ctx.locale());
    },

    async createMailbox(arg) {
      const used = store.listMailboxes(ctx.db).map((r) => r.color);
      const input = parseMailboxInput(arg, ctx.locale(), { usedColors: used });
      const preset = input.preset_id ? getPreset(input.preset_id) : undefined;
      const username = input.username ?? (preset ? presetUsername(preset, input.email_address) : input.email_address);
      const connection: ConnectionSettings = { ...input, username };
      const credentials = input.auth_method === 'oauth2'
        ? await signInColumns(ctx, ctx.oauth.flows.peek(input.oauth_flow_id), { email_address: input.email_address, username }, connection)
        : await passwordColumns(ctx, input.email_password, connection);
      const dup = findDuplicate(ctx.db, input.imap_server, username || input.email_address);
      if (dup) throw duplicateError(dup, ctx.locale());
      const row: NewMailbox = {
        integration_type: 'imap',
        name: input.name,
        imap_server: input.imap_server,
        imap_port: input.imap_port,
        email_address: input.email_address,
        username,
        password_enc: null,
        secret_kind: null,
        ...credentials,
        use_ssl: input.use_ssl,
        allow_insecure_auth: input.allow_insecure_auth,
        sync_interval_minutes: input.sync_interval_minutes,
        active: input.active,
        color: input.color,
        sync_window_days: input.sync_window_days,
        sync_window_count: input.sync_window_count,
        tls_fingerprint: input.tls_fingerprint,
        preset_id: input.preset_id,
        ...(await sendColumns(input, ctx.secrets, { presetId: input.preset_id, creating: true })),
      };
      if (input.smtp_password) ctx.redactor.add(input.smtp_password);
      const created = store.insertMailbox(ctx.db, row, nowIso(ctx));
      // Only now that the mailbox holds them do the tokens leave the finished sign-in.
      if (input.auth_method === 'oauth2') ctx.oauth.flows.take(input.oauth_flow_id);
      ctx.log.log('info', 'mailbox created', { mailbox: created.id, server: created.imap_server });
      changed([created.id]);
      emitStatus(ctx, created.id);
      return toMailboxDto(created, ctx.locale());
    },

    async updateMailbox(arg) {
      const id = parseId(arg?.id, 'id', ctx.locale());
      const before = requireMailbox(ctx, id);
      const current = before;
      const patch = parseMailboxPatch(arg?.patch, ctx.locale());
      const { email_password, oauth_flow_id, auth_method: _method, folders, ...rest } = patch;
      const server = rest.imap_server ?? before.imap_server;
      const login = loginOf({ username: rest.username ?? before.username, email_address: rest.email_address ?? before.email_address });
      const dup = findDuplicate(ctx.db, server, login, id);
      if (dup) throw duplicateError(dup, ctx.locale());
      // Where the stored secret would go once saved: moving it elsewhere takes the secret itself.
      const email_address = rest.email_address ?? current.email_address;
      const connection: ConnectionSettings = {
        imap_server: rest.imap_server ?? current.imap_server,
        imap_port: rest.imap_port ?? current.imap_port,
        use_ssl: rest.use_ssl ?? current.use_ssl,
        allow_insecure_auth: rest.allow_insecure_auth ?? current.allow_insecure_auth,
        tls_fingerprint: rest.tls_fingerprint !== undefined ? rest.tls_fingerprint : current.tls_fingerprint,
        username: (rest.username !== undefined ? rest.username : current.username) || email_address,
      };
      const hasSecret = current.password_enc !== null || current.oauth_tokens_enc !== null;
      if (!email_password && !oauth_flow_id && hasSecret
        && secretBinding(connectionTarget(connection, authOf(current))) !== secretBinding(rowTarget(current))) {
        throw secretRequired(ctx.locale(), `mailbox ${id}: connection settings changed without the secret`);
      }
      // As the wizard does: new connection settings are tried before they are saved, so a wrong password or
      // port is refused with its reason instead of being stored and failing at the next sync.
      if (!oauth_flow_id && before.auth_method === 'password' && changesConnection(before, patch)) {
        const result = await runTest({
          imap_server: server,
          imap_port: rest.imap_port ?? before.imap_port,
          use_ssl: rest.use_ssl ?? before.use_ssl,
          email_address: rest.email_address ?? before.email_address,
          username: login,
          ...(email_password ? { email_password } : { mailbox_id: id }),
          allow_insecure_auth: rest.allow_insecure_auth ?? before.allow_insecure_auth,
          tls_fingerprint: rest.tls_fingerprint === undefined ? before.tls_fingerprint : rest.tls_fingerprint,
        });
        if (!result.ok) {
          const e = result.error ?? { code: 'UNKNOWN' as const, message: '', hint: '' };
          throw new ReleveError(e.code, e.message, {
            ...(e.detail ? { detail: e.detail } : {}),
            ...(e.cert_fingerprint ? { certFingerprint: e.cert_fingerprint } : {}),
          });
        }
      }
      if (folders) await applyFolderChoice(ctx, id, folders);
      const fields: Partial<NewMailbox> = {};
      for (const [k, v] of Object.entries(rest)) if (v !== undefined) (fields as Record<string, unknown>)[k] = v;
      if (email_password) Object.assign(fields, await passwordColumns(ctx, email_password, connection));
      Object.assign(fields, await sendColumns(patch, ctx.secrets));
      if (patch.smtp_password) ctx.redactor.add(patch.smtp_password);
      if (oauth_flow_id) {
        Object.assign(fields, await signInColumns(ctx, ctx.oauth.flows.peek(oauth_flow_id), {
          email_address,
          username: rest.username || current.username,
        }, connection));
      }
      const updated = store.updateMailbox(ctx.db, id, fields, nowIso(ctx));
      if (oauth_flow_id) ctx.oauth.flows.take(oauth_flow_id);
      // New credentials or settings deserve a prompt retry rather than waiting out a backoff.
      if (email_password || oauth_flow_id || rest.imap_server || rest.imap_port || rest.use_ssl !== undefined || rest.tls_fingerprint !== undefined) {
        store.recordSyncOutcome(ctx.db, id, {
          at: updated.last_sync_at ?? nowIso(ctx),
          status: updated.last_sync_status ?? 'success',
          error_code: updated.last_sync_error_code,
          error_detail: updated.last_sync_error_detail,
          failures: 0,
          next_retry_at: null,
        });
      }
      changed([id]);
      emitStatus(ctx, id);
      return toMailboxDto(store.getMailbox(ctx.db, id) ?? updated, ctx.locale());
    },

    async deleteMailbox(arg) {
      const id = parseId(arg?.id, 'id', ctx.locale());
      requireMailbox(ctx, id);
      await ctx.scheduler.cancel(id);
      store.deleteMailbox(ctx.db, id, arg?.keep_messages === true);
      ctx.log.log('info', 'mailbox deleted', { mailbox: id, keep_messages: arg?.keep_messages === true });
      changed([id]);
      ctx.hub.emit('messagesChanged', { mailbox_id: id });
      return { deleted: true as const };
    },

    async testConnection(arg): Promise<ConnectionTestResult> {
      const input = parseConnectionTestInput(arg, ctx.locale());
      const signal = tests.start(input.test_id);
      try {
        const result = await runTest(input, signal);
        // A new mailbox (no mailbox_id) that is already here: say so now, before anything is downloaded twice.
        if (result.ok && input.mailbox_id === undefined) {
          const dup = findDuplicate(ctx.db, input.imap_server, input.username || input.email_address);
          if (dup) {
            const e = duplicateError(dup, ctx.locale());
            return { ok: false, error: { ...userError('DUPLICATE_MAILBOX', ctx.locale(), { context: 'test' }), ...(e.detail ? { detail: e.detail } : {}) } };
          }
        }
        return result;
      } finally {
        tests.end(input.test_id, signal);
      }
    },

    async cancelConnectionTest(arg) {
      const id = parseTestId(arg?.test_id, ctx.locale());
      return { cancelled: tests.cancel(id) };
    },

    async detectProvider(arg) {
      const email = typeof arg?.email === 'string' ? arg.email : '';
      return detectProvider(email);
    },
  };
}
