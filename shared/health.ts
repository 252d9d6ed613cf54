// Words for a mailbox's live health (MailboxStatus.health_reason), in French and English. The rules that pick
// one live in electron/core/sync/health.ts; the texts are here so every client words them the same way.
import type { Locale } from './types.js';

export type HealthReasonKey = 'ok' | 'paused' | 'firstSync' | 'connectionLost' | 'stale' | 'partial';

const WORDS: Record<Locale, Record<HealthReasonKey, string>> = {
  fr: {
    ok: 'À jour.',
    paused: 'En pause : cette boîte n’est pas relevée.',
    firstSync: 'Première synchronisation pas encore terminée.',
    connectionLost: 'Connexion perdue, nouvel essai dans {seconds} s.',
    stale: 'Aucune synchronisation réussie depuis plus de deux intervalles.',
    partial: 'Dernière synchronisation incomplète : {reason}',
  },
  en: {
    ok: 'Up to date.',
    paused: 'Paused: this mailbox is not being collected.',
    firstSync: 'First sync not finished yet.',
    connectionLost: 'Connection lost, retrying in {seconds} s.',
    stale: 'No successful sync for more than two intervals.',
    partial: 'Last sync incomplete: {reason}',
  },
};

export function healthWords(key: HealthReasonKey, locale: Locale, vars: { seconds?: number; reason?: string } = {}): string {
  return WORDS[locale][key].replace('{seconds}', String(vars.seconds ?? '')).replace('{reason}', vars.reason ?? '');
}
