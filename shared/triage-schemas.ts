// Validation of the triage arguments (issue 16), with messages naming the field (triage-schemas.i18n.ts).
import { fail, readText } from './schema-rules.js';
import { TRIAGE_TEXT as T } from './triage-schemas.i18n.js';
import { nameProblem, TRIAGE_STATES, TRIAGE_VIEWS, MAX_ENCODED_NAME, type TriageState, type TriageView } from './triage.js';
import type { Locale, TriageInput } from './types.js';

/** A colleague's name: it must fit in one IMAP keyword once encoded (shared/triage.ts). */
export function parsePersonName(v: unknown, field: string, locale: Locale): string {
  const s = readText(v, 1, 200, () => fail(field, T.name, locale));
  if (nameProblem(s) !== null) return fail(field, T.nameTooLong, locale, { max: MAX_ENCODED_NAME });
  return s;
}

export function parseTriageState(v: unknown, locale: Locale): TriageState {
  const s = typeof v === 'string' ? v.trim().toLowerCase() : '';
  if ((TRIAGE_STATES as readonly string[]).includes(s)) return s as TriageState;
  return fail('state', T.state, locale, { values: TRIAGE_STATES.join(', ') });
}

export function parseTriageView(v: unknown, locale: Locale): TriageView {
  const s = typeof v === 'string' ? v.trim().toLowerCase() : '';
  if ((TRIAGE_VIEWS as readonly string[]).includes(s)) return s as TriageView;
  return fail('triage', T.view, locale, { values: TRIAGE_VIEWS.join(', ') });
}

/** setTriage: at least a state or an assignee (null or "" unassigns). */
export function parseTriageInput(o: Record<string, unknown>, ids: number[], locale: Locale): TriageInput {
  const out: TriageInput = { ids };
  if (o.state !== undefined && o.state !== null) out.state = parseTriageState(o.state, locale);
  if (o.assignee === null || o.assignee === '') out.assignee = null;
  else if (o.assignee !== undefined) out.assignee = parsePersonName(o.assignee, 'assignee', locale);
  if (out.state === undefined && out.assignee === undefined) {
    return fail('state', T.stateOrAssignee, locale);
  }
  return out;
}

/** Settings' "who am I": null or "" clears it. */
export function parseTriageNamePatch(v: unknown, locale: Locale): string | null {
  return v === null || v === '' ? null : parsePersonName(v, 'triage_name', locale);
}
