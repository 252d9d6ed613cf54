// Validation of the triage arguments (issue 16), with FR/EN messages naming the field.
import { fail, readText } from './schema-rules.js';
import { nameProblem, TRIAGE_STATES, TRIAGE_VIEWS, MAX_ENCODED_NAME, type TriageState, type TriageView } from './triage.js';
import type { Locale, TriageInput } from './types.js';

/** A colleague's name: it must fit in one IMAP keyword once encoded (shared/triage.ts). */
export function parsePersonName(v: unknown, field: string, locale: Locale): string {
  const s = readText(v, 1, 200, () =>
    fail(field, { fr: 'Le nom doit être un texte non vide.', en: 'The name must be a non-empty text.' }, locale),
  );
  if (nameProblem(s) !== null) {
    return fail(field, {
      fr: `Ce nom est trop long pour un mot-clé IMAP (${MAX_ENCODED_NAME} caractères encodés au plus ; un accent en compte 6).`,
      en: `This name is too long for an IMAP keyword (at most ${MAX_ENCODED_NAME} encoded characters; an accented letter counts 6).`,
    }, locale);
  }
  return s;
}

export function parseTriageState(v: unknown, locale: Locale): TriageState {
  const s = typeof v === 'string' ? v.trim().toLowerCase() : '';
  if ((TRIAGE_STATES as readonly string[]).includes(s)) return s as TriageState;
  return fail('state', {
    fr: `L’état doit être l’un de : ${TRIAGE_STATES.join(', ')}.`,
    en: `The state must be one of: ${TRIAGE_STATES.join(', ')}.`,
  }, locale);
}

export function parseTriageView(v: unknown, locale: Locale): TriageView {
  const s = typeof v === 'string' ? v.trim().toLowerCase() : '';
  if ((TRIAGE_VIEWS as readonly string[]).includes(s)) return s as TriageView;
  return fail('triage', {
    fr: `Le tri doit être l’un de : ${TRIAGE_VIEWS.join(', ')}.`,
    en: `The triage view must be one of: ${TRIAGE_VIEWS.join(', ')}.`,
  }, locale);
}

/** setTriage: at least a state or an assignee (null or "" unassigns). */
export function parseTriageInput(o: Record<string, unknown>, ids: number[], locale: Locale): TriageInput {
  const out: TriageInput = { ids };
  if (o.state !== undefined && o.state !== null) out.state = parseTriageState(o.state, locale);
  if (o.assignee === null || o.assignee === '') out.assignee = null;
  else if (o.assignee !== undefined) out.assignee = parsePersonName(o.assignee, 'assignee', locale);
  if (out.state === undefined && out.assignee === undefined) {
    return fail('state', {
      fr: 'Indiquez un état (« state ») ou une personne (« assignee »).',
      en: 'Give a state (“state”) or a person (“assignee”).',
    }, locale);
  }
  return out;
}

/** Settings' "who am I": null or "" clears it. */
export function parseTriageNamePatch(v: unknown, locale: Locale): string | null {
  return v === null || v === '' ? null : parsePersonName(v, 'triage_name', locale);
}
