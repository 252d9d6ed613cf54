// MailApi handlers for syncing and monitoring: sync now (one / all), status of every mailbox, settings
// (language, notifications, and the OAuth2 clients an administrator sets).
import type { MailApi } from '../../../shared/api.js';
import { isLocale } from '../../../shared/i18n/index.js';
import { parseId, parseSettingsPatch } from '../../../shared/schemas.js';
import type { Locale, Settings } from '../../../shared/types.js';
import { mailboxStatus, requireMailbox, type CoreContext } from '../core-context.js';
import { applyOAuthClientPatch, oauthClientReport } from '../oauth/index.js';
import * as store from '../store/index.js';
import { TRIAGE_NAME_SETTING, triageName } from '../store/triage.js';

type SyncHandlers = Pick<MailApi, 'syncMailbox' | 'syncAll' | 'getStatus' | 'getSettings' | 'updateSettings'>;

/** The plain preferences (create-core reads the locale through this before the OAuth2 service exists). */
export function readSettings(ctx: Pick<CoreContext, 'db'>, fallbackLocale: Locale): Omit<Settings, 'oauth'> {
  const locale = store.getSetting(ctx.db, 'locale');
  const notifications = store.getSetting(ctx.db, 'notifications');
  return {
    locale: isLocale(locale) ? locale : fallbackLocale,
    locale_chosen: isLocale(locale),
    notifications: notifications === undefined ? true : notifications === 'true',
    triage_name: triageName(ctx.db),
  };
}

function allSettings(ctx: CoreContext): Settings {
  return { ...readSettings(ctx, ctx.locale()), oauth: oauthClientReport(ctx.oauth.registry) };
}

export function syncHandlers(ctx: CoreContext): SyncHandlers {
  return {
    async syncMailbox(arg) {
      const id = parseId(arg?.id, 'id', ctx.locale());
      requireMailbox(ctx, id);
      return ctx.scheduler.syncNow(id);
    },

    async syncAll() {
      return ctx.scheduler.runPass({ force: true });
    },

    async getStatus() {
      const counts = store.mailboxCounts(ctx.db);
      return store.listMailboxes(ctx.db).map((row) => mailboxStatus(ctx, row, counts));
    },

    async getSettings() {
      await ctx.oauth.ready;
      return allSettings(ctx);
    },

    async updateSettings(arg) {
      const patch = parseSettingsPatch(arg, ctx.locale());
      // OAuth2 first: sealing the client secret is the one step that can fail, and then nothing changed.
      await ctx.oauth.ready;
      if (patch.oauth) await applyOAuthClientPatch({ ...ctx, opened: ctx.oauth.openedSettings }, patch.oauth);
      if (patch.locale) store.setSetting(ctx.db, 'locale', patch.locale);
      if (patch.notifications !== undefined) store.setSetting(ctx.db, 'notifications', String(patch.notifications));
      if (patch.triage_name !== undefined) store.setSetting(ctx.db, TRIAGE_NAME_SETTING, patch.triage_name ?? '');
      return allSettings(ctx);
    },
  };
}
