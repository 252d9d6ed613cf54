// What a triage change does to a row on screen before the core answers (issue 16). Pure, unit-tested.
import type { MessageSummary } from '../../shared/types.js';
import type { TriageState } from '../../shared/triage.js';

export function withTriage<T extends MessageSummary>(m: T, ask: { state?: TriageState; assignee?: string | null }, me: string | null): T {
  return {
    ...m,
    triage: {
      ...m.triage,
      ...(ask.state !== undefined ? { state: ask.state } : {}),
      ...(ask.assignee !== undefined ? { assignee: ask.assignee } : {}),
      by: me,
      at: new Date().toISOString(),
    },
  };
}
