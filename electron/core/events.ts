// Typed event hub for the contract's events (shared/api.ts MailEvents). Listener errors never break a sync.
import type { EventName, MailEvents } from '../../shared/api.js';
import type { EventSource } from '../../shared/rpc.js';

export class EventHub {
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>();

  readonly on: EventSource = (event, listener) => {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => {
      set.delete(listener as (payload: never) => void);
    };
  };

  emit<E extends EventName>(event: E, payload: MailEvents[E]): void {
    for (const l of this.listeners.get(event) ?? []) {
      try {
        (l as (p: MailEvents[E]) => void)(payload);
      } catch {
        // a faulty subscriber must not stop the core
      }
    }
  }
}
