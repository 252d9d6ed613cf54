// The sentences of shared/folder-schemas.ts (folder views, folder paths, message actions), in French and English.
import { defineMessages } from './i18n/index.js';

export const FOLDER_TEXT = defineMessages({
  view: { fr: 'Le dossier doit être l’un de : {values}.', en: 'The folder must be one of: {values}.' },
  path: { fr: 'Le chemin du dossier doit être un texte non vide.', en: 'The folder path must be a non-empty text.' },
  list: {
    fr: '« folders » doit être une liste de chemins de dossiers ({max} au plus).',
    en: '“folders” must be a list of folder paths (at most {max}).',
  },
  action: { fr: 'L’action doit être l’une de : {values}.', en: 'The action must be one of: {values}.' },
});
