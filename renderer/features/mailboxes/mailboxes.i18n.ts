// The mailboxes screen, its editor and the folder choice.
import { defineMessages } from '../../../shared/i18n/index.js';

export const MAILBOXES_MESSAGES = defineMessages({
  'mailboxes.edit.testFirst': {
    fr: 'Les réglages de connexion ont changé : Relève les teste avant d’enregistrer.',
    en: 'The connection settings changed: Relève tests them before saving.',
  },
  'mailboxes.title': { fr: 'Boîtes mail', en: 'Mailboxes' },
  'mailboxes.none': { fr: 'Aucune boîte mail pour l’instant.', en: 'No mailbox yet.' },
  'mailboxes.active': { fr: 'Active', en: 'Active' },
  'mailboxes.paused': { fr: 'En pause', en: 'Paused' },
  'mailboxes.pause': { fr: 'Mettre en pause', en: 'Pause' },
  'mailboxes.resume': { fr: 'Reprendre', en: 'Resume' },
  'mailboxes.edit.button': { fr: 'Modifier', en: 'Edit' },
  'mailboxes.edit.title': { fr: 'Modifier « {name} »', en: 'Edit “{name}”' },
  'mailboxes.edit.password': { fr: 'Nouveau mot de passe', en: 'New password' },
  'mailboxes.edit.passwordHelp': {
    fr: 'Laissez vide pour garder le mot de passe enregistré.',
    en: 'Leave empty to keep the stored password.',
  },
  'mailboxes.edit.passwordRequired': {
    fr: "Vous avez changé le serveur, le port, la sécurité ou l'identifiant : tapez le mot de passe de cette boîte. Par sécurité, le mot de passe enregistré n'est envoyé qu'aux réglages pour lesquels il a été donné.",
    en: "You changed the server, port, security or login: type this mailbox's password. For your safety, the stored password is only ever sent to the settings it was given for.",
  },
  'mailboxes.edit.passwordAgainHelp': {
    fr: 'Nouveaux réglages de connexion : le mot de passe est à saisir de nouveau.',
    en: 'New connection settings: enter the password again.',
  },
  'mailboxes.edit.signInRequired': {
    fr: "Vous avez changé le serveur, le port, la sécurité ou l'identifiant : reconnectez le compte pour ces réglages (la connexion enregistrée ne sert qu'aux réglages pour lesquels elle a été faite).",
    en: 'You changed the server, port, security or login: sign in to the account again for these settings (the stored sign-in only works with the settings it was made for).',
  },
  'mailboxes.edit.active': { fr: 'Synchronisation active', en: 'Sync active' },
  'mailboxes.delete.button': { fr: 'Supprimer', en: 'Remove' },
  'mailboxes.delete.title': { fr: 'Supprimer « {name} » ?', en: 'Remove “{name}”?' },
  'mailboxes.delete.question': {
    fr: 'Relève cessera de relever {email}. Que faire des messages déjà enregistrés ?',
    en: 'Relève will stop collecting {email}. What should happen to the messages already stored?',
  },
  'mailboxes.delete.keep': { fr: 'Les garder', en: 'Keep them' },
  'mailboxes.delete.keepHelp': {
    fr: 'Ils restent lisibles et consultables dans la boîte unifiée.',
    en: 'They stay readable and searchable in the unified inbox.',
  },
  'mailboxes.delete.purge': { fr: 'Les supprimer de Relève', en: 'Delete them from Relève' },
  'mailboxes.delete.purgeHelp': { fr: 'Les copies locales sont effacées définitivement.', en: 'The local copies are erased for good.' },
  'mailboxes.delete.serverUntouched': {
    fr: 'Dans tous les cas, rien n’est supprimé sur le serveur de messagerie.',
    en: 'In any case, nothing is deleted on the mail server.',
  },
  'mailboxes.delete.confirm': { fr: 'Supprimer la boîte', en: 'Remove the mailbox' },
  'mailboxes.edit.oauthAccount': {
    fr: 'Connexion par compte {provider} (OAuth2) : aucun mot de passe n’est enregistré.',
    en: 'Signed in with a {provider} account (OAuth2): no password is stored.',
  },
  'folders.title': { fr: 'Dossiers synchronisés', en: 'Synced folders' },
  'folders.help': {
    fr: 'La réception est toujours synchronisée. « Tous les messages » de Gmail ne l’est jamais : chaque message y est en double.',
    en: 'The inbox is always synced. Gmail’s « All Mail » never is: every message would be there twice.',
  },
  'folders.loading': { fr: 'Lecture des dossiers du serveur…', en: 'Reading the server’s folders…' },
  'folders.saved': {
    fr: 'Choix enregistré : il s’applique dès la prochaine synchronisation.',
    en: 'Choice saved: it applies from the next sync.',
  },
  'folders.unavailable': { fr: 'La liste des dossiers n’a pas pu être lue : {error}', en: 'The folder list could not be read: {error}' },
  'folders.refresh': { fr: 'Relire les dossiers du serveur', en: 'Read the server’s folders again' },
  'folders.count': { fr: { one: '{count} message', other: '{count} messages' }, en: { one: '{count} message', other: '{count} messages' } },
});
