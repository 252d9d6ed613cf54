// FR/EN refusals of the export and backup arguments (shared/data-arg-checks.ts).
import { defineMessages } from './i18n/index.js';

export const DATA_ARG_TEXT = defineMessages({
  mailboxIds: {
    fr: '« mailbox_ids » doit être une liste d’identifiants de boîtes (entiers positifs), ou null pour toutes les boîtes.',
    en: '“mailbox_ids” must be a list of mailbox identifiers (positive integers), or null for every mailbox.',
  },
  format: { fr: '« format » doit valoir mbox ou eml.', en: '“format” must be mbox or eml.' },
  fullPath: {
    fr: '« {field} » doit être un chemin complet sur l’ordinateur où tourne Relève (par exemple /home/marie/Releve ou C:\\Releve).',
    en: '“{field}” must be a full path on the computer running Relève (for example /home/marie/Releve or C:\\Releve).',
  },
});
