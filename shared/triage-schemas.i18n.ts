// The sentences of shared/triage-schemas.ts (states, views, colleagues' names), in French and English.
import { defineMessages } from './i18n/index.js';

export const TRIAGE_TEXT = defineMessages({
  name: { fr: 'Le nom doit être un texte non vide.', en: 'The name must be a non-empty text.' },
  nameTooLong: {
    fr: 'Ce nom est trop long pour un mot-clé IMAP ({max} caractères encodés au plus ; un accent en compte 6).',
    en: 'This name is too long for an IMAP keyword (at most {max} encoded characters; an accented letter counts 6).',
  },
  state: { fr: 'L’état doit être l’un de : {values}.', en: 'The state must be one of: {values}.' },
  view: { fr: 'Le tri doit être l’un de : {values}.', en: 'The triage view must be one of: {values}.' },
  stateOrAssignee: { fr: 'Indiquez un état (« state ») ou une personne (« assignee »).', en: 'Give a state (“state”) or a person (“assignee”).' },
});
