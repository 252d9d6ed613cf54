// Test helpers shared by the shell tests: an in-memory event source with the core's `on` signature, and
// MailboxStatus builders.
import type { EventName, MailEvents } from '../../shared/api.js';
import type { Mailbox, MailboxStatus } from '../../shared/types.js';

export function eventHub() {
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  const on = <E extends EventName>(event: E, l: (payload: MailEvents[E]) => void) => {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(l as (p: unknown) => void);
    return () => void set.delete(l as (p: unknown) => void);
  };
  const emit = <E extends EventName>(event: E, payload: MailEvents[E]) => {
    for (const l of listeners.get(event) ?? []) l(payload);
  };
  const count = () => [...listeners.values()].reduce((n, s) => n + s.size, 0);
  return { on, emit, count };
}

export function mailboxStatus(
  id: number,
  over: { running?: boolean; active?: boolean; last?: Mailbox['last_sync_status']; name?: string; health?: MailboxStatus['health'] } = {},
): MailboxStatus {
  const mailbox = {
    id,
    name: over.name ?? `Boîte ${id}`,
    active: over.active ?? true,
    last_sync_status: over.last ?? 'success',
  } as Mailbox;
  return {
    mailbox,
    running: over.running ?? false,
    progress: null,
    next_sync_at: null,
    message_count: 0,
    unread_count: 0,
    last_run: null,
    failures: 0,
    health: over.health ?? (mailbox.last_sync_status === 'error' ? 'error' : mailbox.last_sync_status === 'success' ? 'ok' : 'warning'),
    health_reason: '',
    health_code: null,
    last_success_at: null,
    last_new: null,
    duplicate_count: 0,
    inbox_unread_count: 0,
  };
}
