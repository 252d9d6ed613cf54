// The settings screen (data export, OAuth clients…).
import { defineMessages } from '../../../shared/i18n/index.js';

export const SETTINGS_MESSAGES = defineMessages({
  'settings.title': { fr: 'Réglages', en: 'Settings' },
  'settings.language': { fr: 'Langue', en: 'Language' },
  'settings.notifications': { fr: 'Notifications de nouveaux messages', en: 'New mail notifications' },
  'settings.notificationsHelp': {
    fr: 'Une notification groupée par synchronisation, jamais une par message.',
    en: 'One grouped notification per sync, never one per message.',
  },
  'settings.startAtLogin': { fr: 'Lancer au démarrage', en: 'Start at login' },
  'settings.startAtLoginHelp': {
    fr: 'Relève démarre discrètement dans la barre des tâches et relève le courrier en arrière-plan.',
    en: 'Relève starts quietly in the tray and collects mail in the background.',
  },
  'settings.secretsWarningTitle': { fr: 'Protection des mots de passe', en: 'Password protection' },
  'settings.oauth.title': { fr: 'Connexion Microsoft / Google (administrateur)', en: 'Microsoft / Google sign-in (administrator)' },
  'settings.oauth.intro': {
    fr: 'Pour que les boîtes Outlook, Hotmail, Microsoft 365 ou Gmail se connectent sans mot de passe, Relève a besoin de l’identifiant de l’application que votre entreprise a enregistrée chez Microsoft ou Google. C’est à faire une seule fois, par la personne qui gère l’informatique.',
    en: 'For Outlook, Hotmail, Microsoft 365 or Gmail mailboxes to connect without a password, Relève needs the ID of the application your business registered with Microsoft or Google. This is done once, by whoever looks after IT.',
  },
  'settings.oauth.docs': {
    fr: 'Étapes détaillées : documentation « Connexion OAuth2 » (docs/oauth.md, fournie avec Relève).',
    en: 'Detailed steps: the “OAuth2 sign-in” documentation (docs/oauth.md, shipped with Relève).',
  },
  'settings.oauth.microsoft.title': {
    fr: 'Microsoft (Outlook, Hotmail, Microsoft 365)',
    en: 'Microsoft (Outlook, Hotmail, Microsoft 365)',
  },
  'settings.oauth.microsoft.steps': {
    fr: 'Centre d’administration Microsoft Entra › Inscriptions d’applications : comptes de tout annuaire et comptes Microsoft personnels, plateforme « Applications mobiles et de bureau » (http://localhost), flux de clients publics autorisés, autorisation déléguée IMAP.AccessAsUser.All.',
    en: 'Microsoft Entra admin center › App registrations: accounts in any directory and personal Microsoft accounts, “Mobile and desktop applications” platform (http://localhost), public client flows allowed, delegated permission IMAP.AccessAsUser.All.',
  },
  'settings.oauth.microsoft.portal': {
    fr: 'Ouvrir le centre d’administration Microsoft Entra',
    en: 'Open the Microsoft Entra admin center',
  },
  'settings.oauth.google.title': { fr: 'Google (Gmail, Google Workspace)', en: 'Google (Gmail, Google Workspace)' },
  'settings.oauth.google.steps': {
    fr: 'Google Cloud › API et services › Identifiants : un ID client OAuth de type « Application de bureau », et l’écran de consentement avec la portée https://mail.google.com/.',
    en: 'Google Cloud › APIs & Services › Credentials: an OAuth client ID of type “Desktop app”, and the consent screen with the https://mail.google.com/ scope.',
  },
  'settings.oauth.google.portal': { fr: 'Ouvrir la console Google Cloud', en: 'Open the Google Cloud console' },
  'settings.oauth.clientId': { fr: 'Identifiant d’application (client ID)', en: 'Application (client) ID' },
  'settings.oauth.tenant': { fr: 'Locataire (tenant)', en: 'Tenant' },
  'settings.oauth.tenantHelp': {
    fr: '« common » (par défaut) pour les comptes personnels et professionnels ; sinon « organizations », « consumers », ou l’identifiant ou le domaine de votre annuaire.',
    en: '“common” (the default) for personal and work accounts; otherwise “organizations”, “consumers”, or your directory’s ID or domain.',
  },
  'settings.oauth.clientSecret': { fr: 'Code secret du client', en: 'Client secret' },
  'settings.oauth.clientSecretHelp': {
    fr: 'Écriture seule : Relève le garde chiffré et ne l’affiche jamais.',
    en: 'Write-only: Relève keeps it encrypted and never shows it.',
  },
  'settings.oauth.secretStored': {
    fr: 'Un code secret est enregistré : laissez ce champ vide pour le garder.',
    en: 'A secret is stored: leave this field empty to keep it.',
  },
  'settings.oauth.save': { fr: 'Enregistrer', en: 'Save' },
  'settings.oauth.clear': { fr: 'Effacer ces réglages', en: 'Remove these settings' },
  'settings.oauth.saved': { fr: 'Enregistré.', en: 'Saved.' },
  'settings.oauth.status.settings': { fr: 'Configuré sur cet ordinateur.', en: 'Configured on this computer.' },
  'settings.oauth.status.env': {
    fr: 'Configuré par la variable d’environnement {variable}.',
    en: 'Configured by the environment variable {variable}.',
  },
  'settings.oauth.status.build': {
    fr: 'Intégré à cette version de Relève : rien à configurer (un identifiant saisi ci-dessous le remplacerait).',
    en: 'Built into this version of Relève: nothing to set up (an ID entered below would replace it).',
  },
  'settings.oauth.status.none': {
    fr: 'Non configuré : saisissez l’identifiant ci-dessous (ou définissez la variable d’environnement {variable}).',
    en: 'Not configured: enter the ID below (or set the environment variable {variable}).',
  },
  'settings.oauth.reconnectNote': {
    fr: 'Changer d’application oblige à reconnecter les boîtes déjà connectées avec ce fournisseur.',
    en: 'Changing the application means reconnecting the mailboxes already signed in with this provider.',
  },
  'oauth.reconnect': { fr: 'Reconnecter', en: 'Reconnect' },
  'settings.data.title': { fr: 'Données et sauvegarde', en: 'Data and backup' },
  'settings.data.version': { fr: 'Version', en: 'Version' },
  'settings.data.folder': { fr: 'Dossier des données', en: 'Data folder' },
  'settings.data.size': { fr: 'Taille des données', en: 'Data size' },
  'settings.data.log': { fr: 'Journal', en: 'Log' },
  'settings.data.lastBackup': { fr: 'Dernière sauvegarde', en: 'Last backup' },
  'settings.data.lastBackupWhen': { fr: '{when} — {file}', en: '{when} — {file}' },
  'settings.data.never': { fr: 'jamais', en: 'never' },
  'settings.data.exportTitle': { fr: 'Exporter les e-mails', en: 'Export the e-mail' },
  'settings.data.exportIntro': {
    fr: 'Vos e-mails vous appartiennent : exportez-les en mbox (lisible par Thunderbird et la plupart des logiciels de messagerie) ou en fichiers .eml identiques à ceux du serveur, rangés par boîte et par dossier.',
    en: "Your e-mail is yours: export it as mbox (read by Thunderbird and most mail programs) or as .eml files identical to the server's, arranged by mailbox and folder.",
  },
  'settings.data.exportWhich': { fr: 'Boîtes à exporter', en: 'Mailboxes to export' },
  'settings.data.allMailboxes': { fr: 'Toutes les boîtes', en: 'All mailboxes' },
  'settings.data.format': { fr: 'Format', en: 'Format' },
  'settings.data.formatMbox': { fr: 'mbox (un fichier par dossier)', en: 'mbox (one file per folder)' },
  'settings.data.formatEml': { fr: '.eml (un fichier par message)', en: '.eml (one file per message)' },
  'settings.data.exportTo': { fr: 'Dossier de destination (sur cet ordinateur)', en: 'Destination folder (on this computer)' },
  'settings.data.exportRun': { fr: 'Exporter', en: 'Export' },
  'settings.data.exportProgress': { fr: 'Export en cours : {done} / {total} messages…', en: 'Exporting: {done} / {total} messages…' },
  'settings.data.working': { fr: 'En cours…', en: 'Working…' },
  'settings.data.exportDone': {
    fr: { one: '{n} message exporté dans {out}.', other: '{n} messages exportés dans {out}.' },
    en: { one: '{n} message exported to {out}.', other: '{n} messages exported to {out}.' },
  },
  'settings.data.backupTitle': { fr: 'Sauvegarder toutes les données', en: 'Back up all data' },
  'settings.data.backupIntro': {
    fr: 'Une copie complète et cohérente (boîtes, messages, réglages) en un seul fichier, même pendant une synchronisation. Gardez-la en lieu sûr : elle contient vos e-mails en clair. Les mots de passe y restent chiffrés par cet ordinateur : après une restauration sur un autre ordinateur, il faudra les saisir à nouveau.',
    en: 'A complete, consistent copy (mailboxes, messages, settings) in one file, even during a sync. Keep it somewhere safe: it holds your e-mail in clear. Passwords stay encrypted by this computer: after a restore on another computer they must be entered again.',
  },
  'settings.data.backupTo': { fr: 'Fichier de sauvegarde (sur cet ordinateur)', en: 'Backup file (on this computer)' },
  'settings.data.backupRun': { fr: 'Sauvegarder maintenant', en: 'Back up now' },
  'settings.data.backupDone': { fr: 'Sauvegarde écrite : {file} ({size}).', en: 'Backup written: {file} ({size}).' },
  'settings.data.restoreHint': {
    fr: 'Pour restaurer : fermez Relève, puis lancez « releve restore FICHIER » ; les données remplacées sont gardées à côté.',
    en: 'To restore: close Relève, then run `releve restore FILE`; the replaced data is kept beside it.',
  },
});
