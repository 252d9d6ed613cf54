// What Relève writes into a reply or a forward (quote header, forwarded block) and its refusal of a sender,
// in French and English: the language is the user's, not the original mail's.
import { defineMessages } from '../../../shared/i18n/index.js';

export const COMPOSE_TEXT = defineMessages({
  wrote: { fr: 'Le {date}, {who} a écrit :', en: 'On {date}, {who} wrote:' },
  forwarded: { fr: '---------- Message transféré ----------', en: '---------- Forwarded message ----------' },
  // Labels of the forwarded block, written "Label: value" in both languages as mail headers are.
  from: { fr: 'De', en: 'From' },
  date: { fr: 'Date', en: 'Date' },
  subject: { fr: 'Objet', en: 'Subject' },
  to: { fr: 'À', en: 'To' },
  cc: { fr: 'Cc', en: 'Cc' },
  badFrom: {
    fr: 'L’expéditeur « from » doit être l’adresse d’une de vos boîtes ou un de leurs alias déclarés.',
    en: 'The sender “from” must be the address of one of your mailboxes or one of their declared aliases.',
  },
});
