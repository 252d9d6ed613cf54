// MailApi handlers for folders and message actions (issue 14): the folder list and choice of each mailbox,
// the per-view counts, and user actions applied to the store at once then pushed by the mailbox's next sync.
import type { MailApi } from '../../../shared/api.js';
import { ReleveError } from '../../../shared/errors.js';
import { parseMessageActionInput } from '../../../shared/folder-schemas.js';
import { translator } from '../../../shared/i18n/index.js';
import { parseId, parseIdList } from '../../../shared/schemas.js';
import { FOLDER_VIEWS, type FolderCounts } from '../../../shared/types.js';
import { FOLDER_TEXT } from './api.i18n.js';
import { decryptPassword, emitStatus, requireMailbox, type CoreContext } from '../core-context.js';
import { discoverFolders } from '../imap/folder-discovery.js';
import { openMailboxImap } from '../oauth/index.js';
import { hasDiscoveredFolders, listMailboxFolders, recordDiscovery, setChosenFolders } from '../store/folder-choice.js';
import { applyMessageAction } from '../store/message-actions.js';
import { viewCounts } from '../store/view-counts.js';

type FolderHandlers = Pick<MailApi, 'listFolders' | 'getFolderCounts' | 'messageAction'>;

/** Actions reach the server with the next sync of that mailbox; this starts it soon after the click. */
const PUSH_DELAY_MS = 1_000;

/** LISTs the mailbox's server now and records the folders. */
async function refreshFolders(ctx: CoreContext, id: number): Promise<void> {
  const row = requireMailbox(ctx, id);
  const creds = {
    password: (r: typeof row) => decryptPassword(ctx, r),
    accessToken: (r: typeof row, o: { rejected?: string }) => ctx.oauth.tokens.get(r.id, o),
    locale: ctx.locale,
  };
  const client = await openMailboxImap(row, creds, { tlsCa: ctx.tlsCa, logger: ctx.log });
  try {
    recordDiscovery(ctx.db, id, await discoverFolders(client));
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** updateMailbox's `folders`: the folders must be known, so a never-synced mailbox is listed first. */
export async function applyFolderChoice(ctx: CoreContext, id: number, folders: string[]): Promise<void> {
  if (!hasDiscoveredFolders(ctx.db, id)) await refreshFolders(ctx, id);
  try {
    setChosenFolders(ctx.db, id, folders);
  } catch (err) {
    if (err instanceof ReleveError && err.code === 'VALIDATION') {
      const message = translator(FOLDER_TEXT, ctx.locale())('unknownChosenFolder', { folder: err.detail ?? '' });
      throw new ReleveError('VALIDATION', message, { field: 'folders', detail: err.detail });
    }
    throw err;
  }
}

export function folderHandlers(ctx: CoreContext): FolderHandlers {
  const timers = new Map<number, NodeJS.Timeout>();
  const schedulePush = (mailboxId: number) => {
    if (timers.has(mailboxId)) return;
    const t = setTimeout(() => {
      timers.delete(mailboxId);
      void ctx.scheduler.syncNow(mailboxId).catch(() => undefined);
    }, PUSH_DELAY_MS);
    t.unref?.();
    timers.set(mailboxId, t);
  };

  return {
    async listFolders(arg) {
      const id = parseId(arg?.id, 'id', ctx.locale());
      requireMailbox(ctx, id);
      if (arg?.refresh === true || !hasDiscoveredFolders(ctx.db, id)) {
        try {
          await refreshFolders(ctx, id);
        } catch (err) {
          // Offline: the folders known so far are still an answer; asked explicitly, the error is.
          if (arg?.refresh === true) throw err;
          ctx.log.log('warn', 'folder list failed', { mailbox: id, detail: (err as Error).message });
        }
      }
      return listMailboxFolders(ctx.db, id);
    },

    async getFolderCounts() {
      // Each view as its list shows it by default: copies of one message in two mailboxes counted once.
      const { byRole, all } = viewCounts(ctx.db);
      const out = {} as FolderCounts;
      for (const v of FOLDER_VIEWS) out[v] = v === 'all' ? all : (byRole.get(v) ?? { total: 0, unread: 0 });
      return out;
    },

    async messageAction(arg) {
      const locale = ctx.locale();
      const t = translator(FOLDER_TEXT, locale);
      const o = arg !== null && typeof arg === 'object' ? (arg as unknown as Record<string, unknown>) : {};
      const input = parseMessageActionInput(o, parseIdList(o.ids, 'ids', locale), locale);
      const r = applyMessageAction(ctx.db, input.ids, input.action, new Date(ctx.now()).toISOString(), input.folder);
      for (const m of r.mailboxes) {
        schedulePush(m);
        ctx.hub.emit('messagesChanged', { mailbox_id: m });
        emitStatus(ctx, m);
      }
      if (r.skipped.length > 0 && r.updated === 0 && input.ids.length === 1) {
        const reason = r.skipped[0]?.reason ?? 'not_found';
        const code = reason === 'not_found' ? 'NOT_FOUND' : 'VALIDATION';
        throw new ReleveError(code, t(reason), { detail: `message ${input.ids[0]}: ${reason}` });
      }
      return { updated: r.updated, skipped: r.skipped.map((s) => ({ id: s.id, reason: t(s.reason) })) };
    },
  };
}
