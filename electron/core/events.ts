// Typed event hub for the contract's events (shared/api.ts MailEvents). Listener errors never break a sync.
import { EventListeners } from '../../shared/listeners.js';

export class EventHub extends EventListeners {}
