// The CLI's words for sync passes, status, the message list, message actions and team triage.
import { defineMessages } from '../../../shared/i18n/index.js';

export const SYNC_TEXT = defineMessages({
  syncOk: {
    fr: { one: '✓ n° {id} {name} : {count} nouveau message', other: '✓ n° {id} {name} : {count} nouveaux messages' },
    en: { one: '✓ #{id} {name}: {count} new message', other: '✓ #{id} {name}: {count} new messages' },
  },
  syncPartial: {
    fr: {
      one: '! n° {id} {name} : synchronisation partielle, {count} nouveau message — {message}',
      other: '! n° {id} {name} : synchronisation partielle, {count} nouveaux messages — {message}',
    },
    en: { one: '! #{id} {name}: partial sync, {count} new message — {message}', other: '! #{id} {name}: partial sync, {count} new messages — {message}' },
  },
  syncFailed: { fr: '✗ n° {id} {name} : {message}', en: '✗ #{id} {name}: {message}' },
  syncSkipped: { fr: '– n° {id} {name} : ignorée ({reason})', en: '– #{id} {name}: skipped ({reason})' },
  skipNotDue: { fr: 'intervalle non écoulé, prochaine synchro {when}', en: 'interval not elapsed, next sync {when}' },
  skipNotDueNoDate: { fr: 'intervalle non écoulé', en: 'interval not elapsed' },
  skipRunning: { fr: 'déjà en cours de synchronisation', en: 'already syncing' },
  skipLocked: {
    fr: 'un autre processus Relève (l’application ou releve serve) synchronise déjà ce dossier de données',
    en: 'another Relève process (the app or releve serve) is already syncing this data folder',
  },
  skipInactive: { fr: 'en pause', en: 'paused' },
  // The pass in one line, built from counted pieces (COMMON.mailboxes, syncSucceeded, syncSkippedCount,
  // COMMON.newMessages) so each count takes its own singular or plural.
  syncSummary: {
    fr: '{mailboxes} : {succeeded}, {failed} en échec, {skipped} ; {news}.',
    en: '{mailboxes}: {succeeded}, {failed} failed, {skipped}; {news}.',
  },
  syncSucceeded: { fr: { one: '{count} réussie', other: '{count} réussies' }, en: { one: '{count} succeeded', other: '{count} succeeded' } },
  syncSkippedCount: { fr: { one: '{count} ignorée', other: '{count} ignorées' }, en: { one: '{count} skipped', other: '{count} skipped' } },
  noActiveMailbox: { fr: 'Aucune boîte mail active à synchroniser.', en: 'No active mailbox to sync.' },
  statusLast: { fr: 'Dernière synchro : {when} — {status}', en: 'Last sync: {when} — {status}' },
  statusNewInRun: { fr: { one: '{count} nouveau', other: '{count} nouveaux' }, en: { one: '{count} new', other: '{count} new' } },
  /** {unread}: COMMON.unread. */
  statusCounts: { fr: 'Messages : {total} ({unread})', en: 'Messages: {total} ({unread})' },
  statusNext: { fr: 'Prochaine synchro : {when}', en: 'Next sync: {when}' },
  statusRunning: { fr: 'Synchronisation en cours : {folder} {done}/{total}', en: 'Syncing now: {folder} {done}/{total}' },
  statusError: { fr: 'Dernière erreur : {message}', en: 'Last error: {message}' },
  statusFailures: { fr: 'Échecs consécutifs : {n}', en: 'Consecutive failures: {n}' },
  // Issue #11: live health and numbers that agree.
  statusHealth: { fr: 'Santé : {health} — {reason}', en: 'Health: {health} — {reason}' },
  health_ok: { fr: 'ok', en: 'ok' },
  health_warning: { fr: 'à surveiller', en: 'warning' },
  health_error: { fr: 'erreur', en: 'error' },
  statusLastSuccess: { fr: 'Dernière synchro réussie : {when}', en: 'Last successful sync: {when}' },
  statusLastNew: { fr: 'Derniers nouveaux messages : {n} ({when})', en: 'Last new messages: {n} ({when})' },
  statusDuplicates: {
    fr: {
      one: 'dont {count} copie d’un message reçu aussi par une autre boîte (la boîte unifiée ne le montre qu’une fois)',
      other: 'dont {count} copies de messages reçus aussi par une autre boîte (la boîte unifiée les montre une fois)',
    },
    en: {
      one: 'of which {count} copy of a message another mailbox also received (the unified inbox shows it once)',
      other: 'of which {count} copies of messages another mailbox also received (the unified inbox shows them once)',
    },
  },
  noMessages: { fr: 'Aucun message.', en: 'No message.' },
  messagesShown: {
    fr: { one: '{count} message affiché sur {total}.', other: '{count} messages affichés sur {total}.' },
    en: { one: '{count} message shown out of {total}.', other: '{count} messages shown out of {total}.' },
  },
  noSubject: { fr: '(sans objet)', en: '(no subject)' },
  missingMessageIds: {
    fr: 'Indiquez au moins un numéro de message (par exemple : releve messages {verb} 42).',
    en: 'Give at least one message number (for example: releve messages {verb} 42).',
  },
  badMessageId: { fr: 'Numéro de message invalide : {v}', en: 'Invalid message number: {v}' },
  moveNeedsTo: { fr: 'Indiquez le dossier de destination : --to CHEMIN (voir « releve accounts folders N »).', en: 'Give the destination folder: --to PATH (see `releve accounts folders N`).' },
  deleteForGood: {
    fr: 'Le message n° {id} est dans la Corbeille : il serait supprimé définitivement du serveur. Ajoutez --yes pour confirmer.',
    en: 'Message #{id} is in the Trash: it would be deleted from the server for good. Add --yes to confirm.',
  },
  actionDone: {
    fr: { one: '{action} : {count} message modifié.', other: '{action} : {count} messages modifiés.' },
    en: { one: '{action}: {count} message changed.', other: '{action}: {count} messages changed.' },
  },
  actionSkipped: { fr: 'Message n° {id} non modifié : {reason}', en: 'Message #{id} not changed: {reason}' },
  actionPushed: { fr: 'Appliqué sur le serveur.', en: 'Applied on the server.' },
  actionQueued: {
    fr: 'Le serveur n’a pas pu être joint : la modification est en attente et sera envoyée à la prochaine synchronisation.',
    en: 'The server could not be reached: the change is queued and will be sent at the next sync.',
  },
  // Team triage (issue 16).
  colTriage: { fr: 'Tri', en: 'Triage' },
  triageMe: { fr: 'Vous êtes : {name}', en: 'You are: {name}' },
  triageNobody: { fr: '(non renseigné : releve triage --me NOM)', en: '(not set: releve triage --me NAME)' },
  triagePeople: { fr: 'Collègues vus sur le serveur : {list}', en: 'Colleagues seen on the server: {list}' },
  triageLocalOnly: {
    fr: 'La boîte « {name} » refuse les mots-clés personnalisés : son tri reste dans cette installation.',
    en: 'Mailbox “{name}” refuses custom keywords: its triage stays in this install.',
  },
  triageKeptLocal: {
    fr: {
      one: '{count} message dans un dossier qui refuse les mots-clés : son tri reste local (les collègues ne le voient pas).',
      other: '{count} messages dans un dossier qui refuse les mots-clés : leur tri reste local (les collègues ne le voient pas).',
    },
    en: {
      one: '{count} message in a folder that refuses keywords: its triage stays local (colleagues do not see it).',
      other: '{count} messages in a folder that refuses keywords: their triage stays local (colleagues do not see it).',
    },
  },
  triageUnassignConflict: { fr: '--assignee et --unassign sont incompatibles.', en: '--assignee and --unassign cannot be used together.' },
  triageMissingIds: {
    fr: 'Indiquez au moins un numéro de message (par exemple : releve triage 42 --state done).',
    en: 'Give at least one message number (for example: releve triage 42 --state done).',
  },
});
