// Sentences the core's API handlers answer with (refusals, skipped messages), in French and English: they
// reach the user as they are, through the window, REST, WebSocket and the CLI.
import { defineMessages } from '../../../shared/i18n/index.js';

/** Why a message action left a message alone (keys are store/message-actions.ts's SkipReason), and folder choice. */
export const FOLDER_TEXT = defineMessages({
  not_found: { fr: 'Message introuvable.', en: 'Message not found.' },
  no_archive: { fr: 'Cette boîte n’a pas de dossier Archives.', en: 'This mailbox has no Archive folder.' },
  no_trash: { fr: 'Cette boîte n’a pas de dossier Corbeille.', en: 'This mailbox has no Trash folder.' },
  unknown_folder: { fr: 'Ce dossier n’existe pas dans cette boîte.', en: 'This folder does not exist in this mailbox.' },
  same_folder: { fr: 'Le message est déjà dans ce dossier.', en: 'The message is already in this folder.' },
  archived_mailbox: {
    fr: 'Cette boîte a été supprimée de Relève : plus de serveur à modifier.',
    en: 'This mailbox was removed from Relève: there is no server to change.',
  },
  unknownChosenFolder: {
    fr: 'Dossier inconnu ou jamais synchronisé : {folder}',
    en: 'Unknown folder, or one that is never synced: {folder}',
  },
});

export const SEND_TEXT = defineMessages({
  noRecipient: { fr: 'Indiquez au moins un destinataire.', en: 'Give at least one recipient.' },
  tooLateToCancel: { fr: 'Trop tard : l’envoi de ce message a déjà commencé.', en: 'Too late: this message is already being sent.' },
  onlyFailedRetried: { fr: 'Seul un message en échec peut être renvoyé.', en: 'Only a failed message can be sent again.' },
});

/** Export and backup from the UI and REST (`releve export` / `releve backup` have their own CLI wording). */
export const DATA_TEXT = defineMessages({
  absolutePath: {
    fr: '{field} : indiquez un chemin absolu sur cet ordinateur',
    en: '{field}: an absolute path on this computer is expected',
  },
});
