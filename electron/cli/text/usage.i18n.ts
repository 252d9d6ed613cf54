// The CLI's words about its own command line, passwords and unexpected failures (see text.ts).
import { defineMessages } from '../../../shared/i18n/index.js';

export const USAGE_TEXT = defineMessages({
  unknownCommand: { fr: 'Commande inconnue : {cmd}', en: 'Unknown command: {cmd}' },
  seeHelp: { fr: 'Voir « releve {cmd} --help ».', en: 'See `releve {cmd} --help`.' },
  unknownOption: { fr: 'Option inconnue : {opt}', en: 'Unknown option: {opt}' },
  optionNeedsValue: { fr: 'L’option {opt} attend une valeur.', en: 'Option {opt} needs a value.' },
  unexpectedArg: { fr: 'Argument inattendu : {arg}', en: 'Unexpected argument: {arg}' },
  badLang: { fr: '--lang doit valoir fr ou en.', en: '--lang must be fr or en.' },
  passwordArgRefused: {
    fr: 'Le mot de passe n’est jamais accepté en argument : les autres utilisateurs de la machine pourraient le lire (commande ps). Utilisez --password-stdin, la saisie interactive, ou la variable d’environnement RELEVE_PASSWORD.',
    en: 'The password is never accepted as an argument: other users of the machine could read it (ps command). Use --password-stdin, the interactive prompt, or the RELEVE_PASSWORD environment variable.',
  },
  noPassword: {
    fr: 'Aucun mot de passe : utilisez --password-stdin (par exemple printf %s "$MOT_DE_PASSE" | releve accounts add … --password-stdin), lancez la commande dans un terminal pour le saisir, ou définissez RELEVE_PASSWORD.',
    en: 'No password: use --password-stdin (for example printf %s "$PASSWORD" | releve accounts add … --password-stdin), run the command in a terminal to type it, or set RELEVE_PASSWORD.',
  },
  emptyPassword: { fr: 'Le mot de passe lu sur l’entrée standard est vide.', en: 'The password read from standard input is empty.' },
  passwordPrompt: { fr: 'Mot de passe de {email} : ', en: 'Password for {email}: ' },
  missingOption: { fr: 'Option manquante : {opt}', en: 'Missing option: {opt}' },
  missingId: { fr: 'Numéro de boîte mail manquant (par exemple : releve {cmd} 3).', en: 'Missing mailbox number (for example: releve {cmd} 3).' },
  badId: { fr: 'Numéro de boîte mail invalide : {v}', en: 'Invalid mailbox number: {v}' },
  badNumber: { fr: '{opt} attend un nombre entier (reçu : {v}).', en: '{opt} expects a whole number (got: {v}).' },
  hint: { fr: 'Que faire : {hint}', en: 'What to do: {hint}' },
  detail: { fr: 'Détail : {detail}', en: 'Detail: {detail}' },
  unexpected: { fr: 'Erreur inattendue : {message}', en: 'Unexpected error: {message}' },
  debugHint: { fr: '(RELEVE_DEBUG=1 pour plus de détails)', en: '(set RELEVE_DEBUG=1 for details)' },
  fieldFlag: { fr: '{message} (option {flag})', en: '{message} (option {flag})' },
});
