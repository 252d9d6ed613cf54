// `releve --help` and `releve <command> --help`, in French and English: one page per command (help.ts picks it),
// then the account options where they apply, then the global options.
import { defineMessages } from '../../shared/i18n/index.js';

export const HELP = defineMessages({
  /** The end of every page: options every command takes, and the exit codes. */
  global: {
    fr: `Options générales :
  --data-dir DOSSIER   dossier des données (sinon RELEVE_DATA_DIR, sinon le dossier par défaut du système)
  --lang fr|en         langue des messages (sinon LC_ALL / LC_MESSAGES / LANG)
  -h, --help           aide ; --version : version
Codes de sortie : 0 tout va bien, 1 une boîte au moins a échoué, 2 erreur d’utilisation ou donnée invalide, 3 erreur inattendue.`,
    en: `Global options:
  --data-dir DIR       data directory (else RELEVE_DATA_DIR, else the system's default)
  --lang fr|en         language of messages (else LC_ALL / LC_MESSAGES / LANG)
  -h, --help           help; --version: version
Exit codes: 0 all good, 1 at least one mailbox failed, 2 usage error or invalid input, 3 unexpected error.`,
  },
  /** The options of `accounts add` and `accounts edit`, after their own page. */
  accountFlags: {
    fr: `  --preset ID              fournisseur (gmail, orange, yahoo, ovh, ionos, free, sfr, laposte, icloud, gmx, zoho…) :
                           serveur, port et SSL viennent du fournisseur
  --server HÔTE --port N   serveur IMAP (port par défaut : 993 avec SSL, 143 sans)
  --ssl | --no-ssl         SSL/TLS direct (par défaut) ou STARTTLS
  --email ADRESSE          adresse de la boîte ; --username IDENTIFIANT si la connexion en utilise un autre
  --name NOM               nom affiché (par défaut : l’adresse)
  --interval MINUTES       intervalle de synchronisation (par défaut 5)
  --window-days N | --window-count N   première synchro limitée aux N derniers jours / messages
  --trust-fingerprint AA:BB:…          faire confiance à ce certificat auto-signé précis
  --allow-insecure         autoriser la connexion sans chiffrement (réseau de confiance seulement)
  --password-stdin         lire le mot de passe sur l’entrée standard ; sinon saisie masquée dans un terminal,
                           sinon la variable RELEVE_PASSWORD. Jamais en argument (visible avec ps).
  --oauth microsoft|google  (add) se connecter au compte (OAuth2) au lieu d’un mot de passe : affiche l’adresse
                           à ouvrir dans un navigateur de cette machine et attend la connexion
  --smtp-server HÔTE --smtp-port N   serveur d’envoi (par défaut : celui du fournisseur avec --preset)
  --smtp-ssl | --no-smtp-ssl        SSL/TLS direct (465, par défaut) ou STARTTLS obligatoire (587)
  --smtp-username IDENTIFIANT       si l’envoi utilise un autre identifiant (par défaut : celui d’IMAP ;
                                    le mot de passe est celui d’IMAP)
  --json                   sortie JSON`,
    en: `  --preset ID              provider (gmail, orange, yahoo, ovh, ionos, free, sfr, laposte, icloud, gmx, zoho…):
                           server, port and SSL come from the provider
  --server HOST --port N   IMAP server (default port: 993 with SSL, 143 without)
  --ssl | --no-ssl         direct SSL/TLS (default) or STARTTLS
  --email ADDRESS          the mailbox's address; --username LOGIN if the login differs
  --name NAME              display name (default: the address)
  --interval MINUTES       sync interval (default 5)
  --window-days N | --window-count N   first sync limited to the last N days / messages
  --trust-fingerprint AA:BB:…          trust this exact self-signed certificate
  --allow-insecure         allow an unencrypted connection (trusted network only)
  --password-stdin         read the password from standard input; else a hidden prompt in a terminal,
                           else the RELEVE_PASSWORD variable. Never as an argument (visible with ps).
  --oauth microsoft|google  (add) sign in to the account (OAuth2) instead of a password: prints the address
                           to open in a browser on this computer and waits for the sign-in
  --smtp-server HOST --smtp-port N   outgoing server (default: the provider's with --preset)
  --smtp-ssl | --no-smtp-ssl        direct SSL/TLS (465, default) or required STARTTLS (587)
  --smtp-username LOGIN             if sending uses another login (default: the IMAP one; the password is
                                    the IMAP one)
  --json                   JSON output`,
  },
  overview: {
    fr: `Relève — toutes les boîtes mail de l’entreprise au même endroit.

Utilisation : releve <commande> [options]

  accounts add|list|test|edit|pause|resume|remove   gérer les boîtes mail
  sync [--all] [--force] [--id N] [--json]          une passe de synchronisation (pour cron / systemd)
  status [--json]                                   état de chaque boîte
  messages [--folder VUE] [--search T] [--mailbox N] [--unread] [--limit N] [--json]
  messages read|unread|flag|unflag|archive|delete|not-spam N… | move N… --to CHEMIN
  triage [N…] [--state todo|doing|done] [--assignee NOM | --unassign] [--me NOM]   tri en équipe
  serve [--port 8765] [--host 127.0.0.1]            API REST + interface web sur cette machine
  web-link                                          nouveau lien de connexion à l’interface web
  export --all --format mbox|eml --out DOSSIER      exporter les e-mails (mbox, .eml)
  backup FICHIER | restore FICHIER                  sauvegarder / restaurer toutes les données
  schedule install|remove|status [--every 5m]       planifier la synchronisation avec le système
  send --mailbox N --to A --subject S …             envoyer, répondre (--reply N) ou transférer (--forward N)

«releve <commande> --help» pour le détail d’une commande.`,
    en: `Relève — all of a company's mailboxes in one place.

Usage: releve <command> [options]

  accounts add|list|test|edit|pause|resume|remove   manage mailboxes
  sync [--all] [--force] [--id N] [--json]          one sync pass (for cron / systemd)
  status [--json]                                   status of each mailbox
  messages [--folder VIEW] [--search T] [--mailbox N] [--unread] [--limit N] [--json]
  messages read|unread|flag|unflag|archive|delete|not-spam N… | move N… --to PATH
  triage [N…] [--state todo|doing|done] [--assignee NAME | --unassign] [--me NAME]   team triage
  serve [--port 8765] [--host 127.0.0.1]            REST API + web interface on this machine
  web-link                                          a new login link to the web interface
  export --all --format mbox|eml --out DIR          export the e-mail (mbox, .eml)
  backup FILE | restore FILE                        back up / restore all data
  schedule install|remove|status [--every 5m]       schedule syncing with the system
  send --mailbox N --to A --subject S …             send, reply (--reply N) or forward (--forward N)

\`releve <command> --help\` for the details of a command.`,
  },
  accounts: {
    fr: `releve accounts add [options]        ajouter une boîte (aucune connexion, sauf avec --test)
releve accounts list [--json]        lister les boîtes (les mots de passe ne sont jamais affichés)
releve accounts test N [--json]      se connecter et compter les messages de INBOX
releve accounts edit N [options]     modifier ; --password-stdin ou --change-password pour le mot de passe
releve accounts pause N | resume N   suspendre / reprendre la synchronisation
releve accounts remove N [--keep-messages]   supprimer (avec ses messages, sauf --keep-messages)
releve accounts reconnect N [--oauth ID]     se reconnecter au compte (OAuth2) quand la connexion a expiré
releve accounts folders N [--set CHEMIN …] [--refresh] [--json]
                                     dossiers de la boîte (rôle, synchronisé ou non) ; --set : synchroniser
                                     exactement ceux-là (INBOX toujours), par ex. --set Sent --set Junk`,
    en: `releve accounts add [options]        add a mailbox (no connection, unless --test)
releve accounts list [--json]        list mailboxes (passwords are never shown)
releve accounts test N [--json]      log in and count the messages in INBOX
releve accounts edit N [options]     change settings; --password-stdin or --change-password for the password
releve accounts pause N | resume N   suspend / resume syncing
releve accounts remove N [--keep-messages]   remove (with its messages, unless --keep-messages)
releve accounts reconnect N [--oauth ID]     sign in to the account again (OAuth2) when its sign-in expired
releve accounts folders N [--set PATH …] [--refresh] [--json]
                                     the mailbox's folders (role, synced or not); --set: sync exactly
                                     these (INBOX always), e.g. --set Sent --set Junk`,
  },
  accountsAdd: {
    fr: `releve accounts add (--preset ID | --server HÔTE) --email ADRESSE [options] [--test]

Exemples :
  releve accounts add --preset orange --name "Support" --email support@orange.fr --password-stdin
  printf %s "$MDP" | releve accounts add --server mail.exemple.fr --email contact@exemple.fr --password-stdin
  releve accounts add --oauth microsoft --email contact@entreprise.fr      (Outlook, Hotmail, Microsoft 365)

`,
    en: `releve accounts add (--preset ID | --server HOST) --email ADDRESS [options] [--test]

Examples:
  releve accounts add --preset gmail --name "Support" --email support@gmail.com --password-stdin
  printf %s "$PASS" | releve accounts add --server mail.example.com --email contact@example.com --password-stdin
  releve accounts add --oauth microsoft --email contact@company.com      (Outlook, Hotmail, Microsoft 365)

`,
  },
  accountsEdit: {
    fr: `releve accounts edit N [options]   (seules les options données changent)
  --change-password        saisir un nouveau mot de passe (terminal ou RELEVE_PASSWORD)
  --no-allow-insecure      refuser à nouveau les connexions non chiffrées

`,
    en: `releve accounts edit N [options]   (only the options given change)
  --change-password        enter a new password (terminal or RELEVE_PASSWORD)
  --no-allow-insecure      refuse unencrypted connections again

`,
  },
  sync: {
    fr: `releve sync [--all | --id N …] [--force] [--json]
Une passe : les boîtes actives dont l’intervalle est écoulé, puis fin du programme (cron, Planificateur de tâches, systemd).
  --all     toutes les boîtes actives (par défaut) ; --id N : seulement celle-ci (répétable)
  --force   ignorer les intervalles et l’attente après échec
Code de sortie 1 si une boîte a échoué (erreur ou synchro partielle).
Exemple cron : */5 * * * * releve sync >> ~/releve-sync.log 2>&1`,
    en: `releve sync [--all | --id N …] [--force] [--json]
One pass: active mailboxes whose interval elapsed, then exit (cron, Task Scheduler, systemd).
  --all     every active mailbox (the default); --id N: only this one (repeatable)
  --force   ignore intervals and the wait after failures
Exit code 1 when a mailbox failed (error or partial sync).
Cron example: */5 * * * * releve sync >> ~/releve-sync.log 2>&1`,
  },
  status: {
    fr: `releve status [--json]
Par boîte : dernière synchro (succès / erreur / partielle), dernière erreur et que faire, nombre de messages, prochaine synchro.
Code de sortie 1 si la dernière synchro d’une boîte active a échoué.`,
    en: `releve status [--json]
Per mailbox: last sync (success / error / partial), last error and what to do, message counts, next sync.
Exit code 1 when an active mailbox's last sync failed.`,
  },
  messages: {
    fr: `releve messages [--folder inbox|sent|junk|archive|trash|all] [--search TEXTE] [--mailbox N] [--unread] [--limit N (20)] [--offset N] [--json]
Une vue unifiée (toutes les boîtes), du plus récent au plus ancien ; • = non lu. Par défaut : la réception (inbox).

releve messages ACTION N… [--yes] [--json]
  read | unread          marquer lu / non lu
  flag | unflag          suivre (étoile, \\Flagged) / ne plus suivre
  archive                vers le dossier Archives de sa boîte
  delete                 vers la Corbeille ; depuis la Corbeille : suppression définitive (--yes obligatoire)
  not-spam               du dossier Indésirables vers la réception
  move N… --to CHEMIN    vers un dossier de sa boîte (voir « releve accounts folders N »)
Appliqué tout de suite dans Relève puis envoyé au serveur ; hors connexion, mis en attente jusqu’à la prochaine synchro.

Tri en équipe : --triage todo|mine|unassigned|doing|done [--assignee NOM] affiche cette vue, tous dossiers confondus.`,
    en: `releve messages [--folder inbox|sent|junk|archive|trash|all] [--search TEXT] [--mailbox N] [--unread] [--limit N (20)] [--offset N] [--json]
One unified view (every mailbox), newest first; • = unread. Default: the inbox.

releve messages ACTION N… [--yes] [--json]
  read | unread          mark read / unread
  flag | unflag          star (\\Flagged) / unstar
  archive                to its mailbox's Archive folder
  delete                 to the Trash; from the Trash: deleted for good (--yes required)
  not-spam               from Junk back to the inbox
  move N… --to PATH      to a folder of its mailbox (see \`releve accounts folders N\`)
Applied in Relève at once, then sent to the server; offline, queued until the next sync.

Team triage: --triage todo|mine|unassigned|doing|done [--assignee NAME] lists that view across every folder.`,
  },
  // Team triage (issue 16).
  triage: {
    fr: `releve triage N… [--state todo|doing|done] [--assignee NOM | --unassign] [--me NOM] [--json]
  Change l’état (à traiter, en cours, traité) et/ou la personne chargée des messages N… ; enregistré sur le
  serveur en mots-clés IMAP ($Releve_Done, $Releve_To_Marie …, voir docs/triage.md) : les collègues le voient.
releve triage [--me NOM] [--json]
  Qui vous êtes (--me : le changer), les collègues vus sur le serveur et le nombre de messages par vue.
Voir aussi : releve messages --triage todo|mine|unassigned|doing|done [--assignee NOM]`,
    en: `releve triage N… [--state todo|doing|done] [--assignee NAME | --unassign] [--me NAME] [--json]
  Sets the state (to do, doing, done) and/or who handles messages N…; stored on the server as IMAP keywords
  ($Releve_Done, $Releve_To_Marie …, see docs/triage.md), so colleagues see it.
releve triage [--me NAME] [--json]
  Who you are (--me: change it), the colleagues seen on the server and the number of messages per view.
See also: releve messages --triage todo|mine|unassigned|doing|done [--assignee NAME]`,
  },
  send: {
    fr: `releve send --mailbox N --to ADRESSE [--cc A] [--bcc A] --subject OBJET [--from ALIAS] [texte]
releve send --reply N | --reply-all N | --forward N [--to A] [texte]
releve send --flush              envoyer maintenant ce qui attend dans la file
  texte : --text TEXTE, --text-file FICHIER, ou l’entrée standard (--text-stdin) ; --html-file FICHIER
  --attach FICHIER (répétable)   pièce jointe ; un transfert garde celles de l’original
  --to/--cc/--bcc sont répétables. Le message part aussitôt (pas de délai d’annulation) ; s’il ne peut pas
  partir (hors ligne), il reste en file d’attente et l’application ou « releve send --flush » le renverront.
Code de sortie : 0 envoyé (ou en file d’attente), 1 échec, 2 donnée invalide.`,
    en: `releve send --mailbox N --to ADDRESS [--cc A] [--bcc A] --subject SUBJECT [--from ALIAS] [text]
releve send --reply N | --reply-all N | --forward N [--to A] [text]
releve send --flush              send now what waits in the queue
  text: --text TEXT, --text-file FILE, or standard input (--text-stdin); --html-file FILE
  --attach FILE (repeatable)     attachment; a forward keeps the original's
  --to/--cc/--bcc are repeatable. The message leaves at once (no undo delay); if it cannot (offline), it stays
  queued and the app or \`releve send --flush\` sends it later.
Exit code: 0 sent (or queued), 1 failed, 2 invalid input.`,
  },
  serve: {
    fr: `releve serve [--port 8765] [--host 127.0.0.1] [--allow-remote] [--print-token]
API REST (/inbox/…, jeton Bearer), RPC WebSocket (/rpc) et interface web, plus la synchronisation en arrière-plan.
Jeton : RELEVE_API_TOKEN (24 caractères au moins), sinon créé au premier lancement dans le fichier api-token
du dossier des données. Le lien avec le jeton n’est affiché que dans un terminal (ou avec --print-token),
jamais pour RELEVE_API_TOKEN. Les jetons refusés sont ralentis.
N’écoute que sur cette machine, sauf --host … --allow-remote. Ctrl-C pour arrêter.`,
    en: `releve serve [--port 8765] [--host 127.0.0.1] [--allow-remote] [--print-token]
REST API (/inbox/…, Bearer token), WebSocket RPC (/rpc) and web interface, plus background syncing.
Token: RELEVE_API_TOKEN (at least 24 characters), else created on first run in the api-token file of the
data directory. The link with the token is only printed to a terminal (or with --print-token), never for
RELEVE_API_TOKEN. Refused tokens are slowed down.
Listens on this machine only, unless --host … --allow-remote. Ctrl-C to stop.`,
  },
  webLink: {
    fr: `releve web-link [--port 8765] [--host 127.0.0.1] [--json]
Demande au « releve serve » en marche un nouveau lien de connexion à l’interface web (valable une fois, 10 minutes).`,
    en: `releve web-link [--port 8765] [--host 127.0.0.1] [--json]
Asks the running \`releve serve\` for a new login link to the web interface (valid once, for 10 minutes).`,
  },
  export: {
    fr: `releve export (--mailbox N | --all) [--format mbox|eml] --out DOSSIER [--json]
Écrit les e-mails stockés : mbox (un fichier par dossier, lisible par Thunderbird, mutt, Python) ou .eml (un
fichier par message, identique octet pour octet à ce que le serveur a envoyé), dans DOSSIER/<boîte>/<dossier>.
Peut tourner pendant que l’application ou « releve serve » synchronise.`,
    en: `releve export (--mailbox N | --all) [--format mbox|eml] --out DIR [--json]
Writes the stored e-mail: mbox (one file per folder, readable by Thunderbird, mutt, Python) or .eml (one file
per message, byte-identical to what the server sent), in DIR/<mailbox>/<folder>.
Can run while the app or \`releve serve\` is syncing.`,
  },
  backup: {
    fr: `releve backup FICHIER [--json]
Copie cohérente de toutes les données (boîtes, messages, réglages) en un seul fichier, même pendant une
synchronisation. Les mots de passe y restent chiffrés par cet ordinateur.`,
    en: `releve backup FILE [--json]
A consistent copy of all data (mailboxes, messages, settings) in one file, even during a sync. Passwords stay
encrypted by this computer.`,
  },
  restore: {
    fr: `releve restore FICHIER [--json]
Remplace les données par une sauvegarde (l’application et « releve serve » doivent être arrêtés) ; les données
remplacées sont gardées à côté. Après une restauration sur un autre ordinateur, les mots de passe sont à ressaisir.`,
    en: `releve restore FILE [--json]
Replaces the data with a backup (the app and \`releve serve\` must be stopped); the replaced data is kept beside
it. After a restore on another computer, the passwords must be entered again.`,
  },
  schedule: {
    fr: `releve schedule install [--every 5m] [--dry-run]   planifier « releve sync » avec le système
releve schedule remove [--dry-run]                supprimer la planification
releve schedule status [--json]                   planification en place ?
Linux : minuterie systemd de l’utilisateur (~/.config/systemd/user) ; macOS : agent launchd
(~/Library/LaunchAgents) ; Windows : tâche du Planificateur de tâches (\\Releve\\Sync).
--dry-run affiche les fichiers et commandes sans rien écrire.`,
    en: `releve schedule install [--every 5m] [--dry-run]   schedule \`releve sync\` with the system
releve schedule remove [--dry-run]                remove the schedule
releve schedule status [--json]                   is a schedule in place?
Linux: a systemd user timer (~/.config/systemd/user); macOS: a launchd agent (~/Library/LaunchAgents);
Windows: a Task Scheduler task (\\Releve\\Sync). --dry-run prints the files and commands without writing.`,
  },
});
