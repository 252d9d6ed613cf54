// The conversation under the message being read (issue 15's "conversation view"): its other messages, one line each.
import { defineMessages } from '../../../shared/i18n/index.js';

export const CONVERSATION_MESSAGES = defineMessages({
  'conversation.title': {
    fr: { one: 'Conversation ({count} message)', other: 'Conversation ({count} messages)' },
    en: { one: 'Conversation ({count} message)', other: 'Conversation ({count} messages)' },
  },
  'conversation.you': { fr: 'Vous (envoyé depuis Relève)', en: 'You (sent from Relève)' },
  'conversation.current': { fr: 'ouvert', en: 'open' },
  'conversation.open': { fr: 'Ouvrir ce message', en: 'Open this message' },
  'conversation.expand': { fr: 'Déplier le message de {who}', en: 'Expand the message from {who}' },
  'conversation.collapse': { fr: 'Replier le message de {who}', en: 'Collapse the message from {who}' },
  'conversation.to': { fr: 'À : {to}', en: 'To: {to}' },
  'conversation.noText': { fr: '(sans texte)', en: '(no text)' },
});
