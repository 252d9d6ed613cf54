// What the API handlers share: the DB, secrets, events, scheduler. Built once by create-core.ts.
import { ReleveError, userError } from '../../shared/errors.js';
import type { Locale, Mailbox, MailboxStatus, SyncProgress } from '../../shared/types.js';
import type { EventHub } from './events.js';
import type { Redactor } from './logger.js';
import type { Logger, SecretBox } from './model.js';
import type { OAuthService } from './oauth/index.js';
import type { ParsePool } from './parse/parse-pool.js';
import { openBoundSecret, type SecretTarget } from './secrets/index.js';
import { legacyBinding, rowTarget } from './secrets/mailbox-binding.js';
import * as store from './store/index.js';
import type { DB, MailboxRow } from './store/index.js';
import { nextSyncAt, type Scheduler } from './sync/scheduler.js';
import { computeHealth, type Health, type LinkState } from './sync/health.js';

/** What mailbox health needs from the long-running parts (none in one-shot mode: no link is needed). */
export interface HealthContext {
  link(id: number): LinkState;
  graceMs: number;
}

const NO_LINK: LinkState = { watched: false, downSince: null, downForMs: null, retryMs: 0 };
import { sendSettingsDto } from './send/mailbox-send-settings.js';

export interface CoreContext {
  db: DB;
  /** The box new secrets are sealed with. */
  secrets: SecretBox;
  /** Every box that may open a stored secret (by kind). */
  boxes: SecretBox[];
  hub: EventHub;
  log: Logger;
  redactor: Redactor;
  pool: ParsePool;
  scheduler: Scheduler;
  now(): number;
  locale(): Locale;
  tlsCa: string[] | undefined;
  progress: Map<number, SyncProgress>;
  /** OAuth2 sign-ins in progress, provider settings, access tokens of OAuth2 mailboxes. */
  oauth: OAuthService;
  /** Live links for mailbox health (sync/health.ts); absent in contexts that keep none. */
  health?: HealthContext;
}

/**
 * The row's stored password, only for `target` (by default where the row's own settings send it): a password
 * is never opened for a server, port, TLS mode or login it was not given for (SECRET_REQUIRED).
 */
export async function decryptPassword(ctx: CoreContext, row: MailboxRow, target: SecretTarget = rowTarget(row)): Promise<string> {
  if (!row.password_enc || !row.secret_kind) {
    throw new ReleveError('SECRETS_UNAVAILABLE', userError('SECRETS_UNAVAILABLE', ctx.locale()).message, {
      detail: 'no stored password',
    });
  }
  const plain = await openBoundSecret(
    ctx.boxes,
    { enc: row.password_enc, kind: row.secret_kind },
    target,
    legacyBinding(ctx.db, row.id),
    ctx.locale(),
  );
  ctx.redactor.add(plain);
  return plain;
}

export function requireMailbox(ctx: CoreContext, id: number): MailboxRow {
  const row = store.getMailbox(ctx.db, id);
  if (!row) {
    const words = userError('NOT_FOUND', ctx.locale());
    throw new ReleveError('NOT_FOUND', words.message, { detail: `mailbox ${id}` });
  }
  return row;
}

export function toMailboxDto(row: MailboxRow, locale: Locale): Mailbox {
  const code = row.last_sync_error_code as Mailbox['last_sync_error_code'];
  const message = code ? userError(code, locale).message : null;
  return {
    id: row.id,
    integration_type: 'imap',
    name: row.name,
    imap_server: row.imap_server,
    imap_port: row.imap_port,
    email_address: row.email_address,
    username: row.username || row.email_address,
    has_password: row.password_enc !== null,
    auth_method: row.auth_method,
    oauth_provider: row.auth_method === 'oauth2' ? row.oauth_provider : null,
    use_ssl: row.use_ssl,
    allow_insecure_auth: row.allow_insecure_auth,
    sync_interval_minutes: row.sync_interval_minutes,
    active: row.active,
    color: row.color,
    sync_window_days: row.sync_window_days,
    sync_window_count: row.sync_window_count,
    tls_fingerprint: row.tls_fingerprint,
    preset_id: row.preset_id,
    ...sendSettingsDto(row),
    last_sync_at: row.last_sync_at,
    last_sync_status: row.last_sync_status,
    last_sync_error: message ? (row.last_sync_error_detail ? `${message} (${row.last_sync_error_detail})` : message) : null,
    last_sync_error_code: code,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export function healthOf(ctx: CoreContext, row: MailboxRow, lastSuccessAt = store.lastSuccessAt(ctx.db, row.id)): Health {
  return computeHealth({
    row,
    running: ctx.scheduler.isRunning(row.id),
    lastSuccessAt,
    link: ctx.health?.link(row.id) ?? NO_LINK,
    now: ctx.now(),
    graceMs: ctx.health?.graceMs ?? 0,
    locale: ctx.locale(),
  });
}

export function mailboxStatus(ctx: CoreContext, row: MailboxRow, counts?: Map<number, store.MailboxCounts>): MailboxStatus {
  const c = counts ? (counts.get(row.id) ?? { total: 0, unread: 0, primary: 0, inbox_unread: 0 }) : store.mailboxCountsOf(ctx.db, row.id);
  const running = ctx.scheduler.isRunning(row.id);
  const lastSuccessAt = store.lastSuccessAt(ctx.db, row.id);
  return {
    ...healthOf(ctx, row, lastSuccessAt),
    last_success_at: lastSuccessAt,
    last_new: store.lastNewMessages(ctx.db, row.id),
    duplicate_count: c.total - c.primary,
    inbox_unread_count: c.inbox_unread,
    mailbox: toMailboxDto(row, ctx.locale()),
    running,
    progress: running ? (ctx.progress.get(row.id) ?? null) : null,
    next_sync_at: row.active ? new Date(nextSyncAt(row, ctx.now())).toISOString() : null,
    message_count: c.total,
    unread_count: c.unread,
    last_run: store.lastRun(ctx.db, row.id) ?? null,
    failures: row.failures,
  };
}

export function emitStatus(ctx: CoreContext, id: number): void {
  const row = store.getMailbox(ctx.db, id);
  if (row) ctx.hub.emit('statusChanged', mailboxStatus(ctx, row));
}
