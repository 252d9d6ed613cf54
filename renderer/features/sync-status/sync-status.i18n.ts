// The sync-status panel.
import { defineMessages } from '../../../shared/i18n/index.js';

export const STATUS_MESSAGES = defineMessages({
  'status.title': { fr: 'État des synchronisations', en: 'Sync status' },
  'status.syncAll': { fr: 'Tout synchroniser', en: 'Sync all' },
  'status.syncNow': { fr: 'Synchroniser maintenant', en: 'Sync now' },
  'status.syncing': { fr: 'Synchronisation…', en: 'Syncing…' },
  'status.summary.none': { fr: 'Aucune boîte mail configurée.', en: 'No mailbox set up.' },
  'status.summary.ok': { fr: 'Toutes les boîtes sont à jour.', en: 'All mailboxes are up to date.' },
  'status.summary.error': {
    fr: {
      one: '{count} boîte en erreur : voir ci-dessous ce qu’il faut faire.',
      other: '{count} boîtes en erreur : voir ci-dessous ce qu’il faut faire.',
    },
    en: { one: '{count} mailbox in error: see below what to do.', other: '{count} mailboxes in error: see below what to do.' },
  },
  'status.summary.partial': {
    fr: { one: '{count} boîte synchronisée partiellement.', other: '{count} boîtes synchronisées partiellement.' },
    en: { one: '{count} mailbox partly synced.', other: '{count} mailboxes partly synced.' },
  },
  'status.summary.syncing': {
    fr: { one: 'Synchronisation en cours ({count} boîte)…', other: 'Synchronisation en cours ({count} boîtes)…' },
    en: { one: 'Sync in progress ({count} mailbox)…', other: 'Sync in progress ({count} mailboxes)…' },
  },
  'status.badge.syncing': { fr: 'En cours', en: 'Syncing' },
  'status.badge.success': { fr: 'Réussie', en: 'Success' },
  'status.badge.error': { fr: 'Erreur', en: 'Error' },
  'status.badge.partial': { fr: 'Partielle', en: 'Partial' },
  'status.badge.never': { fr: 'Jamais synchronisée', en: 'Never synced' },
  'status.paused': { fr: 'En pause', en: 'Paused' },
  'status.pausedShort': { fr: 'en pause', en: 'paused' },
  'status.lastSync': { fr: 'Dernière tentative', en: 'Last attempt' },
  'status.neverSynced': { fr: 'jamais', en: 'never' },
  'status.newLastRun': { fr: 'Nouveaux (dernière synchro)', en: 'New (last sync)' },
  'status.nextSync': { fr: 'Prochaine synchro', en: 'Next sync' },
  'status.messages': { fr: 'Messages', en: 'Messages' },
  'status.unread': { fr: { one: '{n} non lu', other: '{n} non lus' }, en: { one: '{n} unread', other: '{n} unread' } },
  'status.progress': { fr: '{done} / {total} messages ({folder})', en: '{done} / {total} messages ({folder})' },
  'status.starting': { fr: 'Connexion au serveur…', en: 'Connecting to the server…' },
  'status.fixSettings': { fr: 'Corriger les réglages', en: 'Fix the settings' },
  'status.failures': {
    fr: { one: '{count} échec consécutif.', other: '{count} échecs consécutifs : les nouvelles tentatives sont espacées.' },
    en: { one: '{count} failure in a row.', other: '{count} failures in a row: retries are spaced out.' },
  },
  'status.outageHint': {
    fr: 'Cette boîte fonctionnait : le serveur ou le réseau est injoignable pour l’instant. Relève réessaie tout seul ; il n’y a rien à corriger dans les réglages.',
    en: 'This mailbox was working: the server or the network cannot be reached for now. Relève retries on its own; there is nothing to fix in the settings.',
  },
  'status.lastSuccess': { fr: 'Dernière synchro réussie', en: 'Last successful sync' },
  'status.summary.warning': {
    fr: { one: '{count} boîte à surveiller : voir ci-dessous.', other: '{count} boîtes à surveiller : voir ci-dessous.' },
    en: { one: '{count} mailbox needs attention: see below.', other: '{count} mailboxes need attention: see below.' },
  },
  'status.health.ok': { fr: 'En bonne santé', en: 'Healthy' },
  'status.health.warning': { fr: 'À surveiller', en: 'Needs attention' },
  'status.health.error': { fr: 'En erreur', en: 'In error' },
  'status.duplicates': {
    fr: {
      one: 'dont {n} aussi reçu par une autre boîte : la boîte de réception unifiée ne l’affiche qu’une fois',
      other: 'dont {n} aussi reçus par une autre boîte : la boîte de réception unifiée ne les affiche qu’une fois',
    },
    en: {
      one: 'of which {n} also reached another mailbox: the unified inbox shows it once',
      other: 'of which {n} also reached another mailbox: the unified inbox shows them once',
    },
  },
});
