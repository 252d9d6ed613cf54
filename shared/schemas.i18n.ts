// The sentences of shared/schemas.ts (API arguments beyond the one-field rules), in French and English.
import { defineMessages } from './i18n/index.js';

export const SCHEMA_TEXT = defineMessages({
  passwordOrOAuth: {
    fr: 'Donnez soit un mot de passe, soit une connexion OAuth2 (oauth_flow_id), pas les deux.',
    en: 'Give either a password or an OAuth2 sign-in (oauth_flow_id), not both.',
  },
  search: { fr: 'La recherche doit être un texte de 500 caractères au maximum.', en: 'The search must be a text of at most 500 characters.' },
  offset: { fr: 'Le décalage « offset » doit être un entier positif ou nul.', en: 'The “offset” must be a whole number, zero or more.' },
  limit: {
    fr: 'Le nombre de messages par page « limit » doit être compris entre 1 et {max}.',
    en: 'The page size “limit” must be between 1 and {max}.',
  },
  locale: { fr: 'La langue doit être « fr » ou « en ».', en: 'The language must be “fr” or “en”.' },
  test_id: {
    fr: '« test_id » doit faire de 1 à 64 caractères : lettres, chiffres, - et _.',
    en: '“test_id” must be 1 to 64 characters: letters, digits, - and _.',
  },
  idList: {
    fr: '« {field} » doit être une liste non vide d’identifiants (entiers positifs, {max} au plus).',
    en: '“{field}” must be a non-empty list of identifiers (positive integers, at most {max}).',
  },
});
