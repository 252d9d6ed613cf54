// MailApi handlers for syncing and monitoring: sync now (one / all), status of every mailbox, settings.
import type { MailApi } from '../../../shared/api.js';
import { parseId, parseSettingsPatch } from '../../../shared/schemas.js';
import type { Locale, Settings } from '../../../shared/types.js';
import { mailboxStatus, requireMailbox, type CoreContext } from '../core-context.js';
import * as store from '../store/index.js';

type SyncHandlers = Pick<MailApi, 'syncMailbox' | 'syncAll' | 'getStatus' | 'getSettings' | 'updateSettings'>;

export function readSettings(ctx: Pick<CoreContext, 'db'>, fallbackLocale: Locale): Settings {
  const locale = store.getSetting(ctx.db, 'locale');
  const notifications = store.getSetting(ctx.db, 'notifications');
  return {
    locale: locale === 'fr' || locale === 'en' ? locale : fallbackLocale,
    notifications: notifications === undefined ? true : notifications === 'true',
  };
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
      return readSettings(ctx, ctx.locale());
    },

    async updateSettings(arg) {
      const patch = parseSettingsPatch(arg, ctx.locale());
      if (patch.locale) store.setSetting(ctx.db, 'locale', patch.locale);
      if (patch.notifications !== undefined) store.setSetting(ctx.db, 'notifications', String(patch.notifications));
      return readSettings(ctx, ctx.locale());
    },
  };
}
