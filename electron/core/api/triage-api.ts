// MailApi handlers for team triage (issue 16): set state/assignee (applied to the store at once, pushed as
// IMAP keywords by the mailbox's next sync, started right away) and the overview the sidebar shows.
import type { MailApi } from '../../../shared/api.js';
import { ReleveError, userError } from '../../../shared/errors.js';
import { parseIdList } from '../../../shared/schemas.js';
import { parseTriageInput } from '../../../shared/triage-schemas.js';
import type { CoreContext } from '../core-context.js';
import { applyTriage, localOnlyMailboxes, triageCounts, triageName, triagePeople } from '../store/triage.js';

type TriageHandlers = Pick<MailApi, 'setTriage' | 'getTriageOverview'>;

/**
 * Colleagues see the change once it is on the server: push soon, but let a burst of clicks (multi-select,
 * keyboard) go out in one sync.
 */
const PUSH_DELAY_MS = 300;

export function triageHandlers(ctx: CoreContext): TriageHandlers {
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
    async setTriage(arg) {
      const locale = ctx.locale();
      const o = arg !== null && typeof arg === 'object' ? (arg as unknown as Record<string, unknown>) : {};
      const input = parseTriageInput(o, parseIdList(o.ids, 'ids', locale), locale);
      const ask = { ...(input.state !== undefined ? { state: input.state } : {}), ...(input.assignee !== undefined ? { assignee: input.assignee } : {}) };
      const r = applyTriage(ctx.db, input.ids, ask, triageName(ctx.db));
      if (r.updated === 0 && input.ids.length === 1) {
        const exists = ctx.db.prepare('SELECT 1 FROM messages WHERE id = ?').get(input.ids[0]);
        if (!exists) throw new ReleveError('NOT_FOUND', userError('NOT_FOUND', locale).message, { detail: `message ${input.ids[0]}` });
      }
      for (const m of r.mailboxes) {
        schedulePush(m);
        ctx.hub.emit('messagesChanged', { mailbox_id: m });
      }
      return { updated: r.updated, local_only: r.localOnly };
    },

    async getTriageOverview() {
      const me = triageName(ctx.db);
      return { me, people: triagePeople(ctx.db, me), counts: triageCounts(ctx.db), local_only_mailboxes: localOnlyMailboxes(ctx.db) };
    },
  };
}
