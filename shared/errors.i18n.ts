// What a non-technical user reads for each error code of shared/errors.ts, in French and English: the message,
// then the hint (what to do). Connection tests have their own hints for the codes whose usual hint promises an
// automatic retry (nothing is scheduled during a test).
import type { ErrorCode } from './errors.js';
import { defineMessages, type Entry } from './i18n/index.js';

export const ERROR_WORDS = defineMessages({
  'AUTH.message': {
    fr: 'Identifiant ou mot de passe refusé par le serveur.',
    en: 'The server refused the user name or password.',
  },
  'AUTH.hint': {
    fr: "Vérifiez l'adresse et le mot de passe. La plupart des fournisseurs (Gmail, Orange, Yahoo…) exigent un mot de passe d'application : suivez les étapes indiquées pour votre fournisseur.",
    en: 'Check the address and the password. Most providers (Gmail, Orange, Yahoo…) require an app password: follow the steps shown for your provider.',
  },
  'AUTH_OAUTH_ONLY.message': {
    fr: "Ce fournisseur n'accepte plus les mots de passe pour IMAP.",
    en: 'This provider no longer accepts passwords for IMAP.',
  },
  'AUTH_OAUTH_ONLY.hint': {
    fr: 'Outlook.com, Hotmail et Microsoft 365 exigent une connexion Microsoft (OAuth2) : un mot de passe, même d’application, ne fonctionnera pas.',
    en: 'Outlook.com, Hotmail and Microsoft 365 require a Microsoft sign-in (OAuth2): no password, not even an app password, will work.',
  },
  'AUTH_RECONNECT.message': {
    fr: 'La connexion au compte a expiré ou a été révoquée : reconnectez cette boîte.',
    en: 'The sign-in to this account expired or was revoked: reconnect this mailbox.',
  },
  'AUTH_RECONNECT.hint': {
    fr: 'Cliquez sur « Reconnecter » et connectez-vous à nouveau à votre compte : la synchronisation reprendra là où elle s’était arrêtée.',
    en: 'Click “Reconnect” and sign in to your account again: the sync will resume where it stopped.',
  },
  'OAUTH_NOT_CONFIGURED.message': {
    fr: 'La connexion avec ce fournisseur n’est pas disponible dans cette version de Relève.',
    en: 'Signing in with this provider is not available in this version of Relève.',
  },
  'OAUTH_NOT_CONFIGURED.hint': {
    fr: 'Contactez la personne qui a installé Relève dans l’entreprise : elle peut l’activer (documentation « Connexion OAuth2 »).',
    en: 'Contact whoever installed Relève in your company: they can turn it on (“OAuth2 sign-in” documentation).',
  },
  'OAUTH_DENIED.message': {
    fr: 'La connexion au compte n’a pas abouti.',
    en: 'The sign-in to the account did not complete.',
  },
  'OAUTH_DENIED.hint': {
    fr: 'L’accès a été refusé ou la page de connexion a été fermée. Recommencez et acceptez l’accès de Relève à votre messagerie.',
    en: 'Access was refused or the sign-in page was closed. Try again and allow Relève to access your mail.',
  },
  'INSECURE_AUTH_REFUSED.message': {
    fr: 'Connexion non chiffrée : le mot de passe circulerait en clair.',
    en: 'Unencrypted connection: the password would be sent in clear text.',
  },
  'INSECURE_AUTH_REFUSED.hint': {
    fr: 'Activez SSL/TLS (port 993) ou utilisez un serveur qui propose STARTTLS. Sur un réseau de confiance seulement, vous pouvez autoriser explicitement la connexion non chiffrée.',
    en: 'Turn on SSL/TLS (port 993) or use a server that offers STARTTLS. On a trusted network only, you may explicitly allow the unencrypted connection.',
  },
  'DNS.message': {
    fr: 'Serveur introuvable : ce nom de serveur n’existe pas.',
    en: 'Server not found: this server name does not exist.',
  },
  'DNS.hint': {
    fr: 'Vérifiez le nom du serveur IMAP (par exemple imap.orange.fr) et votre connexion Internet.',
    en: 'Check the IMAP server name (for example imap.gmail.com) and your Internet connection.',
  },
  'NETWORK.message': { fr: 'Impossible de joindre le serveur.', en: 'Could not reach the server.' },
  'NETWORK.hint': {
    fr: 'Vérifiez le serveur et le port (993 avec SSL, 143 sans), votre connexion Internet et votre pare-feu.',
    en: 'Check the server and the port (993 with SSL, 143 without), your Internet connection and your firewall.',
  },
  'TIMEOUT.message': { fr: 'Le serveur ne répond pas (délai dépassé).', en: 'The server did not answer in time.' },
  'TIMEOUT.hint': {
    fr: 'Nouvel essai automatique au prochain cycle. Si cela persiste, vérifiez le port et votre connexion.',
    en: 'Relève will retry on the next cycle. If it persists, check the port and your connection.',
  },
  'TLS_CERT.message': {
    fr: "Le certificat de sécurité du serveur n'est pas de confiance (auto-signé, expiré ou émis par une autorité inconnue).",
    en: "The server's security certificate is not trusted (self-signed, expired or issued by an unknown authority).",
  },
  'TLS_CERT.hint': {
    fr: "Le serveur a bien répondu, mais aucune autorité reconnue ne garantit son certificat. S'il s'agit de votre propre serveur ou de celui de votre hébergeur, vous pouvez faire confiance à ce certificat précis ; sinon, demandez à votre hébergeur.",
    en: 'The server answered, but no recognised authority vouches for its certificate. If this is your own or your host’s server, you can choose to trust this exact certificate; otherwise ask your host.',
  },
  'TLS.message': { fr: 'La connexion sécurisée a échoué.', en: 'The secure connection failed.' },
  'TLS.hint': {
    fr: 'Le port et l’option SSL ne correspondent peut-être pas : 993 avec SSL, 143 sans SSL (STARTTLS).',
    en: 'The port and the SSL option may not match: 993 with SSL, 143 without SSL (STARTTLS).',
  },
  'PROTOCOL.message': { fr: 'Le serveur a répondu de façon inattendue.', en: 'The server gave an unexpected answer.' },
  'PROTOCOL.hint': {
    fr: 'Nouvel essai automatique au prochain cycle. Vérifiez qu’il s’agit bien d’un serveur IMAP.',
    en: 'Relève will retry on the next cycle. Check that this is an IMAP server.',
  },
  'MAILBOX_NOT_FOUND.message': { fr: 'Dossier introuvable sur le serveur.', en: 'Folder not found on the server.' },
  'MAILBOX_NOT_FOUND.hint': {
    fr: 'Le dossier a peut-être été renommé ou supprimé.',
    en: 'The folder may have been renamed or deleted.',
  },
  'DISK_FULL.message': {
    fr: 'Le disque est plein : libérez de la place sur le disque des données de Relève ; Relève reprendra tout seul.',
    en: 'The disk is full: free some space on the disk holding Relève’s data; Relève will resume on its own.',
  },
  'DISK_FULL.hint': {
    fr: 'La synchronisation reprendra là où elle s’est arrêtée, sans rien perdre ni rien télécharger deux fois.',
    en: 'The sync will resume where it stopped, without losing anything or downloading anything twice.',
  },
  'STORAGE.message': { fr: 'Erreur de la base de données locale.', en: 'Local database error.' },
  'STORAGE.hint': {
    fr: 'Redémarrez Relève. Si cela persiste, contactez le support.',
    en: 'Restart Relève. If it persists, contact support.',
  },
  'PARSE.message': { fr: 'Certains messages sont mal formés.', en: 'Some messages are malformed.' },
  'PARSE.hint': {
    fr: 'Ils ont été conservés tels quels ; rien n’est perdu.',
    en: 'They were kept as they are; nothing is lost.',
  },
  'VALIDATION.message': { fr: 'Donnée invalide.', en: 'Invalid input.' },
  'VALIDATION.hint': { fr: 'Corrigez le champ indiqué.', en: 'Correct the field shown.' },
  'NOT_FOUND.message': { fr: 'Élément introuvable.', en: 'Not found.' },
  'NOT_FOUND.hint': { fr: 'Il a peut-être été supprimé.', en: 'It may have been deleted.' },
  'SECRETS_UNAVAILABLE.message': {
    fr: 'Impossible de déchiffrer le mot de passe enregistré.',
    en: 'The stored password cannot be decrypted.',
  },
  'SECRETS_UNAVAILABLE.hint': {
    fr: 'La clé de chiffrement a changé ou est absente : saisissez à nouveau le mot de passe de cette boîte.',
    en: 'The encryption key changed or is missing: enter this mailbox’s password again.',
  },
  'SECRET_REQUIRED.message': {
    fr: 'Le mot de passe est à saisir de nouveau pour ces réglages de connexion.',
    en: 'Enter the password again for these connection settings.',
  },
  'SECRET_REQUIRED.hint': {
    fr: "Le mot de passe enregistré n'est envoyé qu'au serveur, au port, au mode de sécurité et à l'identifiant pour lesquels il a été donné. Vous avez changé l'un d'eux : tapez le mot de passe (ou reconnectez le compte) pour le confirmer.",
    en: 'The stored password is only ever sent to the server, port, security mode and login it was given for. You changed one of them: type the password (or sign in again) to confirm.',
  },
  'CANCELLED.message': { fr: 'Synchronisation interrompue.', en: 'Sync interrupted.' },
  'CANCELLED.hint': {
    fr: 'Elle reprendra au prochain cycle, sans doublon.',
    en: 'It will resume on the next cycle, without duplicates.',
  },
  'SYNC_INCOMPLETE.message': {
    fr: 'Des messages du serveur ne sont pas encore dans Relève ; la prochaine synchronisation les récupère.',
    en: 'Some messages on the server are not in Relève yet; the next sync fetches them.',
  },
  'SYNC_INCOMPLETE.hint': {
    fr: 'Rien à faire : Relève les récupère tout seul.',
    en: 'Nothing to do: Relève fetches them on its own.',
  },
  'SMTP_NOT_CONFIGURED.message': {
    fr: 'Aucun serveur d’envoi (SMTP) n’est configuré pour cette boîte.',
    en: 'No outgoing (SMTP) server is set up for this mailbox.',
  },
  'SMTP_NOT_CONFIGURED.hint': {
    fr: 'Ouvrez les réglages de la boîte et indiquez le serveur SMTP de votre fournisseur (par exemple smtp.orange.fr, port 465, SSL/TLS).',
    en: 'Open the mailbox settings and enter your provider’s SMTP server (for example smtp.gmail.com, port 465, SSL/TLS).',
  },
  'SMTP_REJECTED.message': {
    fr: 'Le serveur d’envoi a refusé ce message.',
    en: 'The outgoing server refused this message.',
  },
  'SMTP_REJECTED.hint': {
    fr: 'Vérifiez les adresses des destinataires et l’adresse d’expédition (un alias doit être autorisé chez votre fournisseur), puis renvoyez-le. Le détail donne la réponse du serveur.',
    en: 'Check the recipients’ addresses and the From address (an alias must be allowed by your provider), then send it again. The detail gives the server’s answer.',
  },
  'SEND_UNCERTAIN.message': {
    fr: 'L’envoi a été interrompu au moment où le serveur l’acceptait : le message est peut-être parti.',
    en: 'Sending was interrupted while the server was accepting it: the message may have gone out.',
  },
  'SEND_UNCERTAIN.hint': {
    fr: 'Relève ne le renvoie pas tout seul, pour ne jamais l’envoyer deux fois. Vérifiez auprès du destinataire ou dans « Envoyés » de votre webmail, puis renvoyez-le si besoin.',
    en: 'Relève does not resend it by itself, so that it is never sent twice. Check with the recipient or in your webmail’s “Sent”, then send it again if needed.',
  },
  'PROVIDER_LIMIT.message': {
    fr: 'Le fournisseur limite le téléchargement ; la suite arrive automatiquement.',
    en: 'The provider limits downloads; the rest arrives automatically.',
  },
  'PROVIDER_LIMIT.hint': {
    fr: 'Rien à faire : Relève reprend plus tard, là où il s’est arrêté, sans doublon.',
    en: 'Nothing to do: Relève resumes later where it stopped, without duplicates.',
  },
  'UNKNOWN.message': { fr: 'Erreur inattendue.', en: 'Unexpected error.' },
  'UNKNOWN.hint': { fr: 'Nouvel essai automatique au prochain cycle.', en: 'Relève will retry on the next cycle.' },
  'OFFLINE.message': {
    fr: 'Pas de connexion au réseau : aucun serveur ne peut être joint.',
    en: 'No network connection: no server can be reached.',
  },
  'OFFLINE.hint': {
    fr: 'Vérifiez que l’ordinateur est connecté (Wi-Fi, câble, VPN). Les réglages de la boîte ne sont pas en cause ; Relève réessaie tout seul quand le réseau revient.',
    en: 'Check that the computer is connected (Wi-Fi, cable, VPN). The mailbox settings are not the problem; Relève retries on its own when the network is back.',
  },
  'TLS_PORT_NEEDS_SSL.message': {
    fr: 'Ce port attend une connexion SSL/TLS.',
    en: 'This port expects an SSL/TLS connection.',
  },
  'TLS_PORT_NEEDS_SSL.hint': {
    fr: 'Cochez « SSL/TLS » pour ce port (souvent 993), ou gardez SSL décoché et utilisez le port 143 (STARTTLS).',
    en: 'Tick “SSL/TLS” for this port (usually 993), or keep SSL unticked and use port 143 (STARTTLS).',
  },
  'TLS_CERT_NAME.message': {
    fr: 'Le certificat du serveur est établi pour un autre nom.',
    en: "The server's certificate is for another name.",
  },
  'TLS_CERT_NAME.hint': {
    fr: 'Vérifiez le nom du serveur : il doit correspondre à son certificat (par exemple imap.orange.fr et non mail.orange.fr).',
    en: 'Check the server name: it must match its certificate (for example imap.gmail.com, not mail.gmail.com).',
  },
  'DUPLICATE_MAILBOX.message': {
    fr: 'Cette boîte mail est déjà dans Relève (même identifiant sur le même serveur).',
    en: 'This mailbox is already in Relève (same login on the same server).',
  },
  'DUPLICATE_MAILBOX.hint': {
    fr: 'Modifiez la boîte existante plutôt que de l’ajouter une seconde fois : tout serait téléchargé en double.',
    en: 'Edit the existing mailbox instead of adding it again: everything would be downloaded twice.',
  },
}) satisfies Record<`${ErrorCode}.${'message' | 'hint'}`, Entry>;

export const TEST_HINTS = defineMessages({
  TIMEOUT: {
    fr: 'Le serveur n’a pas répondu à temps. Vérifiez le nom du serveur, le port et l’option SSL, puis relancez le test.',
    en: 'The server did not answer in time. Check the server name, the port and the SSL option, then run the test again.',
  },
  PROTOCOL: {
    fr: 'Vérifiez qu’il s’agit bien du serveur IMAP (et non SMTP ou POP) et du bon port, puis relancez le test.',
    en: 'Check that this is the IMAP server (not SMTP or POP) and the right port, then run the test again.',
  },
  UNKNOWN: { fr: 'Relancez le test ; si cela persiste, contactez le support.', en: 'Run the test again; if it persists, contact support.' },
  CANCELLED: { fr: 'Test annulé : relancez-le quand vous voulez.', en: 'Test cancelled: run it again whenever you like.' },
  OFFLINE: {
    fr: 'Vérifiez que l’ordinateur est connecté (Wi-Fi, câble, VPN), puis relancez le test.',
    en: 'Check that the computer is connected (Wi-Fi, cable, VPN), then run the test again.',
  },
}) satisfies Partial<Record<ErrorCode, Entry>>;

/** The run's own wording of two codes, with what only the run knows (how many messages, which folder). */
export const RUN_ERROR_TEXT = defineMessages({
  missingMessages: {
    fr: {
      one: '{count} message du serveur n’est pas encore dans Relève ; la prochaine synchronisation le récupère',
      other: '{count} messages du serveur ne sont pas encore dans Relève ; la prochaine synchronisation les récupère',
    },
    en: {
      one: '{count} message on the server is not in Relève yet; the next sync fetches it',
      other: '{count} messages on the server are not in Relève yet; the next sync fetches them',
    },
  },
  diskFull: {
    fr: 'Le disque est plein : libérez de la place sur {where} ; Relève reprendra tout seul',
    en: 'The disk is full: free some space on {where}; Relève will resume on its own',
  },
});
