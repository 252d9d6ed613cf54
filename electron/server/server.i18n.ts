// Words of the HTTP layer itself (auth, body, routing, pages), in French and English. Errors raised by the core
// are translated through ERROR_TABLE instead (see error-response.ts).
import { defineMessages, defineText } from '../../shared/i18n/index.js';

export const SERVER_TEXT = defineMessages({
  unauthorized: {
    fr: 'Jeton d’accès absent ou invalide (en-tête Authorization: Bearer <jeton>).',
    en: 'Missing or invalid access token (header Authorization: Bearer <token>).',
  },
  forbiddenHost: {
    fr: 'Hôte refusé : ce serveur ne répond qu’à localhost (protection contre le « DNS rebinding »).',
    en: 'Host refused: this server only answers to localhost (protection against DNS rebinding).',
  },
  forbiddenOrigin: {
    fr: 'Origine refusée : seule l’interface servie par ce serveur peut s’y connecter.',
    en: 'Origin refused: only the interface served by this server may connect.',
  },
  invalidJson: {
    fr: 'Le corps de la requête n’est pas du JSON valide.',
    en: 'The request body is not valid JSON.',
  },
  wrongContentType: {
    fr: 'Le corps de la requête doit être du JSON (Content-Type: application/json).',
    en: 'The request body must be JSON (Content-Type: application/json).',
  },
  bodyNotObject: {
    fr: 'Le corps de la requête doit être un objet JSON.',
    en: 'The request body must be a JSON object.',
  },
  tooLarge: {
    fr: 'Corps de requête trop volumineux (1 Mo au maximum).',
    en: 'Request body too large (1 MB at most).',
  },
  unknownRoute: {
    fr: 'Adresse inconnue.',
    en: 'Unknown route.',
  },
  methodNotAllowed: {
    fr: 'Méthode non autorisée pour cette adresse.',
    en: 'Method not allowed for this route.',
  },
  badQuery: {
    fr: 'Paramètre invalide',
    en: 'Invalid parameter',
  },
  internal: {
    // The seed's clients match on this exact English text; it is never translated.
    fr: 'Internal error',
    en: 'Internal error',
  },
  loginExpiredTitle: { fr: 'Lien de connexion expiré', en: 'Login link expired' },
  loginExpired: {
    fr: 'Ce lien de connexion a déjà servi ou a expiré (il vaut 10 minutes, une seule fois). Relancez « releve serve » pour en obtenir un nouveau, ou demandez-en un avec « releve web-link ».',
    en: 'This login link was already used or has expired (it is valid once, for 10 minutes). Restart `releve serve` to get a new one, or ask for one with `releve web-link`.',
  },
  notBuilt: {
    fr: 'L’interface de Relève n’est pas encore construite : lancez « npm run build », puis rechargez cette page.',
    en: 'The Relève interface is not built yet: run “npm run build”, then reload this page.',
  },
});

export type ServerTextKey = keyof typeof SERVER_TEXT;

/** A text of the table followed by what exactly was wrong (French puts a space before the colon). */
export const WITH_DETAIL = defineText({ fr: '{text} : {detail}', en: '{text}: {detail}' });
