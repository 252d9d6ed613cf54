// The CLI's words for releve serve / web-link, export, backup and restore, schedule and send.
import { defineMessages } from '../../../shared/i18n/index.js';

export const SERVICES_TEXT = defineMessages({
  serveListening: { fr: 'Relève écoute sur {url}', en: 'Relève is listening on {url}' },
  serveOpenUi: { fr: 'Ouvrez l’interface : {url}', en: 'Open the interface: {url}' },
  webLinkNoServer: {
    fr: 'Aucun « releve serve » ne répond sur {host}:{port} : lancez-le (il affiche un lien de connexion), ou indiquez son --port.',
    en: 'No `releve serve` answers on {host}:{port}: start it (it prints a login link), or give its --port.',
  },
  webLinkRefused: {
    fr: 'Le serveur a refusé la demande (HTTP {status}) : il utilise un autre dossier de données ou un autre jeton (RELEVE_API_TOKEN).',
    en: 'The server refused the request (HTTP {status}): it uses another data folder or another token (RELEVE_API_TOKEN).',
  },
  serveLoginLinkNote: {
    fr: '(lien de connexion valable une fois, 10 minutes ; ensuite ce navigateur reste connecté, même dans un nouvel onglet ou un favori. Un nouveau lien : releve web-link)',
    en: '(a login link, valid once for 10 minutes; this browser then stays logged in, in new tabs and bookmarks too. A new link: releve web-link)',
  },
  serveTokenGenerated: {
    fr: 'Un jeton d’API a été créé et enregistré dans {path} (gardez-le secret) : {token}',
    en: 'An API token was created and saved in {path} (keep it secret): {token}',
  },
  serveTokenFile: { fr: 'Jeton d’API : enregistré dans {path}', en: 'API token: stored in {path}' },
  serveTokenEnv: { fr: 'Jeton d’API : variable RELEVE_API_TOKEN', en: 'API token: from RELEVE_API_TOKEN' },
  serveTokenEnvNotPrinted: {
    fr: 'Jeton d’API : variable RELEVE_API_TOKEN (jamais affiché, même avec --print-token)',
    en: 'API token: from RELEVE_API_TOKEN (never printed, not even with --print-token)',
  },
  serveTokenCreatedIn: {
    fr: 'Un jeton d’API a été créé et enregistré dans {path} (lisible par vous seul).',
    en: 'An API token was created and saved in {path} (readable by you only).',
  },
  serveTokenHint: {
    fr: 'Le jeton d’API (pour les scripts) n’est pas affiché hors d’un terminal : il est dans {path} ; ou relancez avec --print-token.',
    en: 'The API token (for scripts) is not shown when the output is not a terminal: it is in {path}; or run again with --print-token.',
  },
  serveTokenLink: { fr: 'Ou, avec le jeton : {url}', en: 'Or, with the token: {url}' },
  serveWeakToken: {
    fr: 'RELEVE_API_TOKEN est trop faible : il faut au moins {min} caractères variés (par exemple : openssl rand -base64 32). Ou retirez la variable : un jeton sûr sera créé.',
    en: 'RELEVE_API_TOKEN is too weak: it needs at least {min} varied characters (for example: openssl rand -base64 32). Or unset it: a strong token will be created.',
  },
  serveRemoteRefused: {
    fr: 'Refus d’écouter sur {host} : l’API serait accessible depuis le réseau. Ajoutez --allow-remote si c’est vraiment voulu.',
    en: 'Refusing to listen on {host}: the API would be reachable from the network. Add --allow-remote if that is really intended.',
  },
  serveRemoteWarning: {
    fr: 'Attention : écoute sur {host}, sans chiffrement ; toute personne du réseau qui a le jeton peut lire vos e-mails. Préférez 127.0.0.1 derrière un tunnel SSH ou un proxy HTTPS.',
    en: 'Warning: listening on {host}, unencrypted; anyone on the network who has the token can read your mail. Prefer 127.0.0.1 behind an SSH tunnel or an HTTPS proxy.',
  },
  serveStopping: { fr: 'Arrêt en cours…', en: 'Stopping…' },
  portInUse: { fr: 'Le port {port} est déjà utilisé : choisissez-en un autre avec --port.', en: 'Port {port} is already in use: choose another one with --port.' },
  badPort: { fr: '--port doit être un nombre entre 0 et 65535 (reçu : {v}).', en: '--port must be a number between 0 and 65535 (got: {v}).' },
  extraCaUnreadable: { fr: 'Impossible de lire le certificat RELEVE_EXTRA_CA ({path}) : {err}', en: 'Cannot read the RELEVE_EXTRA_CA certificate ({path}): {err}' },
  // export / backup / restore / schedule (issue 17)
  exportWhich: { fr: 'Indiquez --mailbox N ou --all (l’un ou l’autre).', en: 'Give --mailbox N or --all (one of them).' },
  exportFormat: { fr: '--format doit valoir mbox ou eml (reçu : {v}).', en: '--format must be mbox or eml (got: {v}).' },
  /** count: the total to export. */
  exportProgress: {
    fr: { one: 'Export : {done} / {count} message', other: 'Export : {done} / {count} messages' },
    en: { one: 'Export: {done} / {count} message', other: 'Export: {done} / {count} messages' },
  },
  /** {files}: exportFiles. */
  exportDone: {
    fr: { one: '{count} message exporté ({format}, {files}) dans {out}', other: '{count} messages exportés ({format}, {files}) dans {out}' },
    en: { one: '{count} message exported ({format}, {files}) to {out}', other: '{count} messages exported ({format}, {files}) to {out}' },
  },
  exportFiles: { fr: { one: '{count} fichier', other: '{count} fichiers' }, en: { one: '{count} file', other: '{count} files' } },
  backupNeedsFile: { fr: 'Indiquez le fichier de sauvegarde (par exemple : releve backup releve-2026-12-03.db).', en: 'Give the backup file (for example: releve backup releve-2026-12-03.db).' },
  /** {mailboxes}, {messages}: COMMON.mailboxes, COMMON.messages. */
  backupDone: {
    fr: 'Sauvegarde écrite : {file} ({mailboxes}, {messages}, {mb} Mo).',
    en: 'Backup written: {file} ({mailboxes}, {messages}, {mb} MB).',
  },
  backupKeyNote: {
    fr: 'Elle contient tous les e-mails en clair : gardez-la en lieu sûr. Les mots de passe y restent chiffrés par cet ordinateur : après une restauration sur un autre ordinateur, il faudra les saisir à nouveau.',
    en: 'It holds every e-mail in clear: keep it somewhere safe. Passwords stay encrypted by this computer: after a restore on another computer they must be entered again.',
  },
  backupUnreadable: { fr: 'Impossible de lire {file} ({detail}).', en: 'Cannot read {file} ({detail}).' },
  backupDamaged: { fr: '{file} est endommagé : rien n’a été restauré.', en: '{file} is damaged: nothing was restored.' },
  backupForeign: { fr: '{file} n’est pas une sauvegarde de Relève : rien n’a été restauré.', en: '{file} is not a Relève backup: nothing was restored.' },
  backupNewer: {
    fr: '{file} vient d’une version plus récente de Relève : mettez Relève à jour avant de la restaurer.',
    en: '{file} comes from a newer version of Relève: update Relève before restoring it.',
  },
  dataBusy: {
    fr: 'Relève est en cours d’utilisation sur ce dossier de données ({detail}) : fermez l’application ou arrêtez « releve serve », puis recommencez.',
    en: 'Relève is in use on this data folder ({detail}): close the app or stop `releve serve`, then try again.',
  },
  /** {mailboxes}, {messages}: COMMON.mailboxes, COMMON.messages. */
  restoreDone: { fr: 'Sauvegarde restaurée : {mailboxes}, {messages}.', en: 'Backup restored: {mailboxes}, {messages}.' },
  restorePrevious: { fr: 'Les données remplacées sont conservées dans {file}.', en: 'The replaced data is kept in {file}.' },
  restoreNeedsSecret: {
    fr: 'Boîte n° {id} « {name} » ({email}) : son mot de passe a été chiffré par un autre ordinateur ; saisissez-le à nouveau : releve accounts edit {id} --change-password',
    en: 'Mailbox #{id} “{name}” ({email}): its password was encrypted by another computer; enter it again: releve accounts edit {id} --change-password',
  },
  scheduleBadEvery: { fr: '--every attend une durée comme 5m, 15m ou 1h (reçu : {v}).', en: '--every expects a duration such as 5m, 15m or 1h (got: {v}).' },
  scheduleWouldWrite: { fr: 'écrirait', en: 'would write' },
  scheduleWouldDelete: { fr: 'supprimerait', en: 'would delete' },
  scheduleWouldRun: { fr: 'lancerait :', en: 'would run:' },
  scheduleWrote: { fr: 'Fichier : {path}', en: 'File: {path}' },
  scheduleInstalled: {
    fr: {
      one: 'Synchronisation planifiée toutes les minutes, même sans session ouverte dans Relève.',
      other: 'Synchronisation planifiée toutes les {count} min, même sans session ouverte dans Relève.',
    },
    en: { one: 'Sync scheduled every minute, without Relève having to be open.', other: 'Sync scheduled every {count} min, without Relève having to be open.' },
  },
  scheduleRemoved: { fr: 'Synchronisation planifiée supprimée.', en: 'Scheduled sync removed.' },
  scheduleNone: { fr: 'Aucune synchronisation planifiée (releve schedule install pour en créer une).', en: 'No scheduled sync (releve schedule install to create one).' },
  scheduleEvery: { fr: { one: 'Toutes les minutes.', other: 'Toutes les {count} min.' }, en: { one: 'Every minute.', other: 'Every {count} min.' } },
  scheduleOsUnknown: { fr: 'Le planificateur du système ne répond pas : {output}', en: 'The system scheduler does not answer: {output}' },
  scheduleCommandFailed: { fr: 'La commande « {cmd} » a échoué : {output}', en: 'The command `{cmd}` failed: {output}' },
  scheduleFilesKept: {
    fr: 'Les fichiers sont écrits ; activez-les à la main une fois le planificateur disponible, ou relancez « releve schedule install ».',
    en: 'The files are written; enable them by hand once the scheduler is available, or run `releve schedule install` again.',
  },
  scheduleSecretKeyEnv: {
    fr: 'Attention : RELEVE_SECRET_KEY est définie dans ce terminal, mais pas pour la tâche planifiée ; sans elle, la tâche ne pourra pas lire les mots de passe.',
    en: 'Warning: RELEVE_SECRET_KEY is set in this terminal but not for the scheduled task; without it the task cannot read the passwords.',
  },
  // sending (releve send, --smtp-*)
  sendOneKind: {
    fr: 'Choisissez un seul de --reply, --reply-all et --forward.',
    en: 'Choose only one of --reply, --reply-all and --forward.',
  },
  sendNeedsMailbox: { fr: 'Un nouveau message demande --mailbox N (la boîte d’envoi).', en: 'A new message needs --mailbox N (the mailbox to send from).' },
  sendFileUnreadable: { fr: 'Impossible de lire le fichier {path} : {err}', en: 'Cannot read the file {path}: {err}' },
  sendSent: { fr: 'Envoyé : {id} — {response}', en: 'Sent: {id} — {response}' },
  sendQueued: {
    fr: 'En file d’attente : {id} (nouvel essai automatique ; « releve send --flush » ou l’application l’enverront). {reason}',
    en: 'Queued: {id} (retried automatically; `releve send --flush` or the app will send it). {reason}',
  },
  sendFailed: { fr: 'Échec de l’envoi de {id} : {message} {hint}', en: 'Sending {id} failed: {message} {hint}' },
});
