// Words of the desktop shell itself (tray, notifications, start-up failure, secrets warning), in French and
// English. The renderer has its own table; these are the few strings the main process shows outside the window.
import { defineMessages } from '../../shared/i18n/index.js';

export const SHELL = defineMessages({
  appName: { fr: 'Relève', en: 'Relève' },
  trayUpToDate: { fr: 'Tout est à jour', en: 'Everything is up to date' },
  trayNoMailbox: { fr: 'Aucune boîte configurée', en: 'No mailbox set up' },
  trayAllInactive: { fr: 'Toutes les boîtes sont en pause', en: 'All mailboxes are paused' },
  // One mailbox syncing needs no number: the tray says what is happening.
  traySyncing: {
    fr: { one: 'Synchronisation en cours…', other: 'Synchronisation de {count} boîtes…' },
    en: { one: 'Syncing…', other: 'Syncing {count} mailboxes…' },
  },
  trayErrors: {
    fr: { one: '{count} boîte en erreur', other: '{count} boîtes en erreur' },
    en: { one: '{count} mailbox has an error', other: '{count} mailboxes have errors' },
  },
  trayWarnings: {
    fr: {
      one: '{count} boîte à surveiller (connexion ou synchronisation en attente)',
      other: '{count} boîtes à surveiller (connexion ou synchronisation en attente)',
    },
    en: {
      one: '{count} mailbox needs attention (connection or sync pending)',
      other: '{count} mailboxes need attention (connection or sync pending)',
    },
  },
  traySyncNow: { fr: 'Synchroniser maintenant', en: 'Sync now' },
  trayOpen: { fr: 'Ouvrir Relève', en: 'Open Relève' },
  trayQuit: { fr: 'Quitter', en: 'Quit' },
  /** A notification's title for one mailbox. */
  newMailIn: {
    fr: { one: 'Nouveau message dans {mailbox}', other: '{count} nouveaux messages dans {mailbox}' },
    en: { one: 'New message in {mailbox}', other: '{count} new messages in {mailbox}' },
  },
  mailboxCount: { fr: '{mailbox} : {count}', en: '{mailbox}: {count}' },
  unknownMailbox: { fr: 'votre boîte', en: 'your mailbox' },
  andMore: {
    fr: { one: '… et {count} autre', other: '… et {count} autres' },
    en: { one: '… and {count} more', other: '… and {count} more' },
  },
  noSubject: { fr: '(sans objet)', en: '(no subject)' },
  startupFailedTitle: { fr: 'Relève ne peut pas démarrer', en: 'Relève cannot start' },
  startupFailed: {
    fr: 'Relève n’a pas pu ouvrir ses données.\n\n{detail}\n\nVérifiez l’espace disque et les droits sur le dossier de données, puis relancez Relève.',
    en: 'Relève could not open its data.\n\n{detail}\n\nCheck the free disk space and the rights on the data folder, then start Relève again.',
  },
  secretsWarning: {
    fr:
      'Aucun trousseau sécurisé du système n’est disponible : vos mots de passe sont chiffrés avec une clé ' +
      'enregistrée dans le dossier de données de Relève. Ils ne sont jamais stockés en clair, mais toute ' +
      'personne qui copie ce dossier peut les déchiffrer : protégez-le (accès, sauvegardes).',
    en:
      'No secure system keyring is available: your passwords are encrypted with a key kept in Relève’s data ' +
      'folder. They are never stored in clear text, but anyone who copies that folder can decrypt them: ' +
      'protect it (access rights, backups).',
  },
});
