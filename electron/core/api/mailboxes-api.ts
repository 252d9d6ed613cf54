// MailApi handlers for mailboxes: create / edit / pause / delete, connection test, provider detection.
import type { MailApi } from '../../../shared/api.js';
import { getPreset, presetUsername } from '../../../shared/providers.js';
import { parseConnectionTestInput, parseId, parseMailboxInput, parseMailboxPatch } from '../../../shared/schemas.js';
import type { ConnectionTestResult } from '../../../shared/types.js';
import { decryptPassword, emitStatus, requireMailbox, toMailboxDto, type CoreContext } from '../core-context.js';
import { testConnection } from '../imap/test-connection.js';
import { detectProvider } from '../net/detect-provider.js';
import { sealSecret } from '../secrets/index.js';
import * as store from '../store/index.js';
import type { NewMailbox } from '../store/index.js';

type MailboxHandlers = Pick<
  MailApi,
  'listMailboxes' | 'getMailbox' | 'createMailbox' | 'updateMailbox' | 'deleteMailbox' | 'testConnection' | 'detectProvider'
>;

function nowIso(ctx: CoreContext): string {
  return new Date(ctx.now()).toISOString();
}

export function mailboxHandlers(ctx: CoreContext): MailboxHandlers {
  const changed = (ids: number[]) => ctx.hub.emit('mailboxesChanged', { ids });

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
      const sealed = sealSecret(ctx.secrets, input.email_password);
      ctx.redactor.add(input.email_password);
      const row: NewMailbox = {
        integration_type: 'imap',
        name: input.name,
        imap_server: input.imap_server,
        imap_port: input.imap_port,
        email_address: input.email_address,
        username: input.username ?? (preset ? presetUsername(preset, input.email_address) : input.email_address),
        password_enc: sealed.enc,
        secret_kind: sealed.kind,
        use_ssl: input.use_ssl,
        allow_insecure_auth: input.allow_insecure_auth,
        sync_interval_minutes: input.sync_interval_minutes,
        active: input.active,
        color: input.color,
        sync_window_days: input.sync_window_days,
        sync_window_count: input.sync_window_count,
        tls_fingerprint: input.tls_fingerprint,
        preset_id: input.preset_id,
      };
      const created = store.insertMailbox(ctx.db, row, nowIso(ctx));
      ctx.log.log('info', 'mailbox created', { mailbox: created.id, server: created.imap_server });
      changed([created.id]);
      emitStatus(ctx, created.id);
      return toMailboxDto(created, ctx.locale());
    },

    async updateMailbox(arg) {
      const id = parseId(arg?.id, 'id', ctx.locale());
      requireMailbox(ctx, id);
      const patch = parseMailboxPatch(arg?.patch, ctx.locale());
      const { email_password, ...rest } = patch;
      const fields: Partial<NewMailbox> = {};
      for (const [k, v] of Object.entries(rest)) if (v !== undefined) (fields as Record<string, unknown>)[k] = v;
      if (email_password) {
        const sealed = sealSecret(ctx.secrets, email_password);
        ctx.redactor.add(email_password);
        fields.password_enc = sealed.enc;
        fields.secret_kind = sealed.kind;
      }
      const updated = store.updateMailbox(ctx.db, id, fields, nowIso(ctx));
      // New credentials or settings deserve a prompt retry rather than waiting out a backoff.
      if (email_password || rest.imap_server || rest.imap_port || rest.use_ssl !== undefined || rest.tls_fingerprint !== undefined) {
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
      let password = input.email_password;
      if (!password && input.mailbox_id !== undefined) password = decryptPassword(ctx, requireMailbox(ctx, input.mailbox_id));
      ctx.redactor.add(password ?? '');
      return testConnection(
        {
          imap_server: input.imap_server,
          imap_port: input.imap_port,
          use_ssl: input.use_ssl,
          username: input.username || input.email_address,
          password: password ?? '',
          allow_insecure_auth: input.allow_insecure_auth ?? false,
          tls_fingerprint: input.tls_fingerprint ?? null,
        },
        { tlsCa: ctx.tlsCa, locale: ctx.locale(), logger: ctx.log },
      );
    },

    async detectProvider(arg) {
      const email = typeof arg?.email === 'string' ? arg.email : '';
      return detectProvider(email);
    },
  };
}
