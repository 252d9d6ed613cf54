// The sentences of shared/oauth-client-schema.ts (the OAuth2 applications in the settings), in French and English.
import { defineMessages } from './i18n/index.js';

export const OAUTH_CLIENT_TEXT = defineMessages({
  clientId: {
    fr: 'L’identifiant d’application (client ID) {provider} doit contenir de 1 à 200 caractères, sans espace.',
    en: 'The {provider} application (client) ID must be 1 to 200 characters long, without spaces.',
  },
  tenant: {
    fr: 'Le locataire (tenant) Microsoft doit valoir « common », « organizations », « consumers », un identifiant d’annuaire (GUID) ou un domaine, par exemple entreprise.onmicrosoft.com.',
    en: 'The Microsoft tenant must be “common”, “organizations”, “consumers”, a directory (tenant) ID (GUID) or a domain, for example company.onmicrosoft.com.',
  },
  clientSecret: {
    fr: 'Le code secret du client Google doit contenir de 1 à 500 caractères, sans espace.',
    en: 'The Google client secret must be 1 to 500 characters long, without spaces.',
  },
  notObject: { fr: '« {field} » doit être un objet JSON.', en: '“{field}” must be a JSON object.' },
});
