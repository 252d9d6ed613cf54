// Team triage (issue 16): the keyword scheme is in triage.ts and docs/triage.md.
import type { TriageState, TriageView } from './triage.js';

export type { TriageState, TriageView } from './triage.js';

export interface TriageInfo {
  /** The effective state: the keyword's, or "todo" for a message in INBOX without one; null = not in triage. */
  state: TriageState | null;
  assignee: string | null;
  /** Who changed it last, when known. */
  by: string | null;
  /** When this install saw that change (ISO 8601; IMAP keeps no time for keywords); null = before it synced. */
  at: string | null;
  /** True when the message's folder refuses custom keywords: its triage stays in this install only. */
  local_only: boolean;
}

export interface TriageInput {
  ids: number[];
  state?: TriageState;
  /** A colleague's name, or null to unassign; absent keeps the assignee. */
  assignee?: string | null;
}

export interface TriageResult {
  updated: number;
  /** Of those, messages whose folder refuses custom keywords (kept in this install only). */
  local_only: number;
}

export interface TriageOverview {
  me: string | null;
  /** Colleagues' names seen in the keywords on the server, plus this install's. */
  people: string[];
  counts: Record<TriageView, number>;
  /** Mailboxes with a folder that refuses custom keywords (triage stays local there). */
  local_only_mailboxes: Array<{ id: number; name: string }>;
}
