// Words of the desktop shell itself (tray, notifications, secrets warning), in French and English.
// The renderer has its own catalogue; these are the few strings the main process shows outside the window.
import type { Locale } from '../../shared/types.js';

/** OS locale ("fr-FR", "fr", "en-US" …) → one of ours; French for every French variant, English otherwise. */
export function localeFromOs(osLocale: string | undefined | null): Locale {
  return typeof osLocale === 'string' && osLocale.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

const fr = {
  appName: 'Relève',
  trayUpToDate: 'Tout est à jour',
  trayNoMailbox: 'Aucune boîte configurée',
  trayAllInactive: 'Toutes les boîtes sont en pause',
  traySyncing: (n: number) => (n <= 1 ? 'Synchronisation en cours…' : `Synchronisation de ${n} boîtes…`),
  trayErrors: (n: number) => (n <= 1 ? '1 boîte en erreur' : `${n} boîtes en erreur`),
  trayWarnings: (n: number) => (n <= 1 ? '1 boîte à surveiller (connexion ou synchronisation en attente)' : `${n} boîtes à surveiller (connexion ou synchronisation en attente)`),
  traySyncNow: 'Synchroniser maintenant',
  trayOpen: 'Ouvrir Relève',
  trayQuit: 'Quitter',
  newMailTitleOne: (mailbox: string) => `Nouveau message dans ${mailbox}`,
  newMailTitleMany: (n: number, mailbox: string) => `${n} nouveaux messages dans ${mailbox}`,
  newMailTitleSeveral: (n: number) => `${n} nouveaux messages`,
  mailboxCount: (mailbox: string, n: number) => `${mailbox} : ${n}`,
  unknownMailbox: 'votre boîte',
  andMore: (n: number) => `… et ${n} autre${n > 1 ? 's' : ''}`,
  noSubject: '(sans objet)',
  startupFailedTitle: 'Relève ne peut pas démarrer',
  startupFailed: (detail: string) =>
    `Relève n’a pas pu ouvrir ses données.\n\n${detail}\n\nVérifiez l’espace disque et les droits sur le dossier de données, puis relancez Relève.`,
  secretsWarning:
    'Aucun trousseau sécurisé du système n’est disponible : vos mots de passe sont chiffrés avec une clé ' +
    'enregistrée dans le dossier de données de Relève. Ils ne sont jamais stockés en clair, mais toute ' +
    'personne qui copie ce dossier peut les déchiffrer : protégez-le (accès, sauvegardes).',
};

type Words = typeof fr;

const en: Words = {
  appName: 'Relève',
  trayUpToDate: 'Everything is up to date',
  trayNoMailbox: 'No mailbox set up',
  trayAllInactive: 'All mailboxes are paused',
  traySyncing: (n) => (n <= 1 ? 'Syncing…' : `Syncing ${n} mailboxes…`),
  trayErrors: (n) => (n <= 1 ? '1 mailbox has an error' : `${n} mailboxes have errors`),
  trayWarnings: (n) => (n <= 1 ? '1 mailbox needs attention (connection or sync pending)' : `${n} mailboxes need attention (connection or sync pending)`),
  traySyncNow: 'Sync now',
  trayOpen: 'Open Relève',
  trayQuit: 'Quit',
  newMailTitleOne: (mailbox) => `New message in ${mailbox}`,
  newMailTitleMany: (n, mailbox) => `${n} new messages in ${mailbox}`,
  newMailTitleSeveral: (n) => `${n} new messages`,
  mailboxCount: (mailbox, n) => `${mailbox}: ${n}`,
  unknownMailbox: 'your mailbox',
  andMore: (n) => `… and ${n} more`,
  noSubject: '(no subject)',
  startupFailedTitle: 'Relève cannot start',
  startupFailed: (detail) =>
    `Relève could not open its data.\n\n${detail}\n\nCheck the free disk space and the rights on the data folder, then start Relève again.`,
  secretsWarning:
    'No secure system keyring is available: your passwords are encrypted with a key kept in Relève’s data ' +
    'folder. They are never stored in clear text, but anyone who copies that folder can decrypt them: ' +
    'protect it (access rights, backups).',
};

const catalogues: Record<Locale, Words> = { fr, en };

export function words(locale: Locale): Words {
  return catalogues[locale];
}
