// What OAuth2 sign-in says to the user, in French and English: the page the browser shows when it comes back
// to the loopback listener (loopback.ts), and the refusal of a sign-in with the wrong account (oauth-api.ts).
import { defineMessages } from '../../../shared/i18n/index.js';

/** Loopback pages: `<kind>Title` and `<kind>Text` for each outcome. */
export const LOOPBACK_PAGE = defineMessages({
  doneTitle: { fr: 'Retour à Relève', en: 'Back to Relève' },
  doneText: {
    fr: 'Relève a reçu la réponse de votre fournisseur. Vous pouvez fermer cette fenêtre et revenir à Relève.',
    en: 'Relève received your provider’s answer. You can close this window and go back to Relève.',
  },
  refusedTitle: { fr: 'Connexion non aboutie', en: 'Sign-in not completed' },
  refusedText: {
    fr: 'La connexion n’a pas abouti. Revenez à Relève pour réessayer.',
    en: 'The sign-in did not complete. Go back to Relève to try again.',
  },
  invalidTitle: { fr: 'Lien non valide', en: 'Invalid link' },
  invalidText: {
    fr: 'Ce lien de connexion n’est pas valide ou a déjà servi. Recommencez la connexion depuis Relève.',
    en: 'This sign-in link is not valid or was already used. Start the sign-in again from Relève.',
  },
});

export const OAUTH_TEXT = defineMessages({
  wrongAccount: {
    fr: 'Vous vous êtes connecté avec le compte {got}, mais cette boîte est {want} : recommencez avec le bon compte.',
    en: 'You signed in as {got}, but this mailbox is {want}: try again with the right account.',
  },
});
