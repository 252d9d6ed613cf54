// One typed registry of contract-event listeners, shared by the core's event hub, the RPC client and the
// renderer's reconnecting client. A faulty listener never stops the others.
import type { EventName, MailEvents } from './api.js';

export class EventListeners {
  private readonly byEvent = new Map<EventName, Set<(payload: never) => void>>();

  readonly on = <E extends EventName>(event: E, listener: (payload: MailEvents[E]) => void): (() => void) => {
    let set = this.byEvent.get(event);
    if (!set) this.byEvent.set(event, (set = new Set()));
    const l = listener as (payload: never) => void;
    set.add(l);
    return () => {
      set.delete(l);
    };
  };

  /** Whether anyone listens: an event that is costly to build (a status row's counts) is skipped otherwise. */
  has(event: EventName): boolean {
    return (this.byEvent.get(event)?.size ?? 0) > 0;
  }

  emit<E extends EventName>(event: E, payload: MailEvents[E]): void {
    for (const l of this.byEvent.get(event) ?? []) {
      try {
        (l as (p: MailEvents[E]) => void)(payload);
      } catch {
        // one subscriber's bug must not silence the others
      }
    }
  }
}
