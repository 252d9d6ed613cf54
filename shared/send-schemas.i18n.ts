// The sentences of shared/send-schemas.ts (SMTP settings, compose inputs), in French and English.
import { defineMessages } from './i18n/index.js';

export const SEND_TEXT = defineMessages({
  smtp_server: {
    fr: 'Le serveur SMTP (envoi) doit être un nom de serveur ou une adresse IP, sans protocole ni port, par exemple smtp.orange.fr.',
    en: 'The SMTP (outgoing) server must be a host name or an IP address, without protocol or port, for example smtp.gmail.com.',
  },
  smtp_port: {
    fr: 'Le port SMTP doit être un nombre entre 1 et 65535 (465 ou 587 en général).',
    en: 'The SMTP port must be a number between 1 and 65535 (usually 465 or 587).',
  },
  smtp_username: { fr: 'L’identifiant SMTP doit contenir de 1 à 320 caractères.', en: 'The SMTP login must be 1 to 320 characters long.' },
  smtp_password: {
    fr: 'Le mot de passe SMTP doit contenir 1000 caractères au maximum.',
    en: 'The SMTP password must be at most 1000 characters long.',
  },
  sender_name: {
    fr: 'Le nom d’expéditeur doit contenir 200 caractères au maximum, sans retour à la ligne.',
    en: 'The sender name must be at most 200 characters, without line breaks.',
  },
  signature: { fr: 'La signature doit contenir 5000 caractères au maximum.', en: 'The signature must be at most 5000 characters long.' },
  addresses: {
    fr: 'Chaque destinataire doit être une adresse e-mail valide (« nom@domaine.fr » ou « Nom <nom@domaine.fr> »), 100 au plus.',
    en: 'Each recipient must be a valid e-mail address (“name@domain.com” or “Name <name@domain.com>”), at most 100.',
  },
  attachments: {
    fr: 'Chaque pièce jointe doit avoir un nom de fichier et un contenu en base64 ; 25 Mo au total au maximum.',
    en: 'Each attachment needs a file name and base64 content; 25 MB in total at most.',
  },
  body: { fr: 'Le texte du message doit être une chaîne de 5 Mo au maximum.', en: 'The message text must be a string of at most 5 MB.' },
  subject: {
    fr: 'L’objet doit contenir 998 caractères au maximum, sans retour à la ligne.',
    en: 'The subject must be at most 998 characters, without line breaks.',
  },
  undo_seconds: {
    fr: 'Le délai d’annulation « undo_seconds » doit être compris entre 0 et 60 secondes.',
    en: 'The undo delay “undo_seconds” must be between 0 and 60 seconds.',
  },
});
