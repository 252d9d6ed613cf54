// Words for a mailbox's live health (MailboxStatus.health_reason), in French and English (shared/health.ts).
import { defineMessages } from './i18n/index.js';

export const HEALTH_WORDS = defineMessages({
  ok: { fr: 'À jour.', en: 'Up to date.' },
  paused: { fr: 'En pause : cette boîte n’est pas relevée.', en: 'Paused: this mailbox is not being collected.' },
  firstSync: { fr: 'Première synchronisation pas encore terminée.', en: 'First sync not finished yet.' },
  connectionLost: { fr: 'Connexion perdue, nouvel essai dans {seconds} s.', en: 'Connection lost, retrying in {seconds} s.' },
  stale: { fr: 'Aucune synchronisation réussie depuis plus de deux intervalles.', en: 'No successful sync for more than two intervals.' },
  partial: { fr: 'Dernière synchronisation incomplète : {reason}', en: 'Last sync incomplete: {reason}' },
});
