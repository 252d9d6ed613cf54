// Error codes every layer speaks, and the words a non-technical user reads for each, in French and English.
// The table says which errors the user can fix (Mailspring's approach): those get an actionable hint.
import type { Locale, UserError } from './types.js';

export const ERROR_CODES = [
  'AUTH', // server refused the login
  'AUTH_OAUTH_ONLY', // provider no longer accepts passwords (Outlook.com, Microsoft 365)
  'AUTH_RECONNECT', // OAuth2 sign-in expired or was revoked: the user must sign in again
  'OAUTH_NOT_CONFIGURED', // no OAuth2 client id for this provider in settings or environment
  'OAUTH_DENIED', // the user (or the provider) refused the sign-in, or it could not be completed
  'INSECURE_AUTH_REFUSED', // would send the password in clear: refused by us
  'DNS', // host name does not resolve
  'NETWORK', // connection refused / reset / unreachable
  'TIMEOUT', // no answer in time
  'TLS_CERT', // certificate not trusted / expired / wrong host
  'TLS', // TLS handshake failed for another reason (wrong port for SSL, protocol)
  'PROTOCOL', // the server said something unexpected
  'MAILBOX_NOT_FOUND', // INBOX or folder missing
  'DISK_FULL', // local disk or database full
  'STORAGE', // other local database failure
  'PARSE', // a message could not be parsed (stored raw)
  'VALIDATION', // bad input
  'NOT_FOUND', // unknown id
  'SECRETS_UNAVAILABLE', // no way to decrypt the stored password
  'SECRET_REQUIRED', // other connection settings than the stored password (or sign-in) was given for: ask it again
  'CANCELLED', // sync stopped (app quitting)
  'SYNC_INCOMPLETE', // the self-check found server messages that are not in the store yet
  // sending (issue 15)
  'SMTP_NOT_CONFIGURED', // the mailbox has no outgoing server
  'SMTP_REJECTED', // the SMTP server refused the sender, a recipient or the message for good (5xx)
  'SEND_UNCERTAIN', // interrupted while the server was accepting: maybe sent, never resent automatically
  'PROVIDER_LIMIT', // the provider limits downloads (daily bandwidth quota, throttling): the run ends partial
  'UNKNOWN',
  // Issue #11 (diagnoses, duplicates): one block so merges stay easy.
  'OFFLINE', // no network at all (no interface up, or no name can be resolved): not a settings error
  'TLS_PORT_NEEDS_SSL', // the port speaks TLS straight away but SSL/TLS was unticked
  'TLS_CERT_NAME', // the certificate is valid but for another host name
  'DUPLICATE_MAILBOX', // the same login on the same server is already a mailbox
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export function isErrorCode(v: unknown): v is ErrorCode {
  return typeof v === 'string' && (ERROR_CODES as readonly string[]).includes(v);
}

interface Words {
  message: string;
  hint: string;
}

/** `userFixable`: the user can do something (password, host, port); otherwise it is a retry-later error. */
export const ERROR_TABLE: Record<ErrorCode, { userFixable: boolean; fr: Words; en: Words }> = {
  AUTH: {
    userFixable: true,
    fr: {
      message: 'Identifiant ou mot de passe refusé par le serveur.',
      hint: "Vérifiez l'adresse et le mot de passe. La plupart des fournisseurs (Gmail, Orange, Yahoo…) exigent un mot de passe d'application : suivez les étapes indiquées pour votre fournisseur.",
    },
    en: {
      message: 'The server refused the user name or password.',
      hint: 'Check the address and the password. Most providers (Gmail, Orange, Yahoo…) require an app password: follow the steps shown for your provider.',
    },
  },
  AUTH_OAUTH_ONLY: {
    userFixable: true,
    fr: {
      message: "Ce fournisseur n'accepte plus les mots de passe pour IMAP.",
      hint: 'Outlook.com, Hotmail et Microsoft 365 exigent une connexion Microsoft (OAuth2) : un mot de passe, même d’application, ne fonctionnera pas.',
    },
    en: {
      message: 'This provider no longer accepts passwords for IMAP.',
      hint: 'Outlook.com, Hotmail and Microsoft 365 require a Microsoft sign-in (OAuth2): no password, not even an app password, will work.',
    },
  },
  AUTH_RECONNECT: {
    userFixable: true,
    fr: {
      message: 'La connexion au compte a expiré ou a été révoquée : reconnectez cette boîte.',
      hint: 'Cliquez sur « Reconnecter » et connectez-vous à nouveau à votre compte : la synchronisation reprendra là où elle s’était arrêtée.',
    },
    en: {
      message: 'The sign-in to this account expired or was revoked: reconnect this mailbox.',
      hint: 'Click “Reconnect” and sign in to your account again: the sync will resume where it stopped.',
    },
  },
  OAUTH_NOT_CONFIGURED: {
    userFixable: true,
    fr: {
      message: 'La connexion avec ce fournisseur n’est pas disponible dans cette version de Relève.',
      hint: 'Contactez la personne qui a installé Relève dans l’entreprise : elle peut l’activer (documentation « Connexion OAuth2 »).',
    },
    en: {
      message: 'Signing in with this provider is not available in this version of Relève.',
      hint: 'Contact whoever installed Relève in your company: they can turn it on (“OAuth2 sign-in” documentation).',
    },
  },
  OAUTH_DENIED: {
    userFixable: true,
    fr: {
      message: 'La connexion au compte n’a pas abouti.',
      hint: 'L’accès a été refusé ou la page de connexion a été fermée. Recommencez et acceptez l’accès de Relève à votre messagerie.',
    },
    en: {
      message: 'The sign-in to the account did not complete.',
      hint: 'Access was refused or the sign-in page was closed. Try again and allow Relève to access your mail.',
    },
  },
  INSECURE_AUTH_REFUSED: {
    userFixable: true,
    fr: {
      message: 'Connexion non chiffrée : le mot de passe circulerait en clair.',
      hint: 'Activez SSL/TLS (port 993) ou utilisez un serveur qui propose STARTTLS. Sur un réseau de confiance seulement, vous pouvez autoriser explicitement la connexion non chiffrée.',
    },
    en: {
      message: 'Unencrypted connection: the password would be sent in clear text.',
      hint: 'Turn on SSL/TLS (port 993) or use a server that offers STARTTLS. On a trusted network only, you may explicitly allow the unencrypted connection.',
    },
  },
  DNS: {
    userFixable: true,
    fr: {
      message: 'Serveur introuvable : ce nom de serveur n’existe pas.',
      hint: 'Vérifiez le nom du serveur IMAP (par exemple imap.orange.fr) et votre connexion Internet.',
    },
    en: {
      message: 'Server not found: this server name does not exist.',
      hint: 'Check the IMAP server name (for example imap.gmail.com) and your Internet connection.',
    },
  },
  NETWORK: {
    userFixable: true,
    fr: {
      message: 'Impossible de joindre le serveur.',
      hint: 'Vérifiez le serveur et le port (993 avec SSL, 143 sans), votre connexion Internet et votre pare-feu.',
    },
    en: {
      message: 'Could not reach the server.',
      hint: 'Check the server and the port (993 with SSL, 143 without), your Internet connection and your firewall.',
    },
  },
  TIMEOUT: {
    userFixable: false,
    fr: {
      message: 'Le serveur ne répond pas (délai dépassé).',
      hint: 'Nouvel essai automatique au prochain cycle. Si cela persiste, vérifiez le port et votre connexion.',
    },
    en: {
      message: 'The server did not answer in time.',
      hint: 'Relève will retry on the next cycle. If it persists, check the port and your connection.',
    },
  },
  TLS_CERT: {
    userFixable: true,
    fr: {
      message: "Le certificat de sécurité du serveur n'est pas de confiance (auto-signé, expiré ou émis par une autorité inconnue).",
      hint: "Le serveur a bien répondu, mais aucune autorité reconnue ne garantit son certificat. S'il s'agit de votre propre serveur ou de celui de votre hébergeur, vous pouvez faire confiance à ce certificat précis ; sinon, demandez à votre hébergeur.",
    },
    en: {
      message: "The server's security certificate is not trusted (self-signed, expired or issued by an unknown authority).",
      hint: 'The server answered, but no recognised authority vouches for its certificate. If this is your own or your host’s server, you can choose to trust this exact certificate; otherwise ask your host.',
    },
  },
  TLS: {
    userFixable: true,
    fr: {
      message: 'La connexion sécurisée a échoué.',
      hint: 'Le port et l’option SSL ne correspondent peut-être pas : 993 avec SSL, 143 sans SSL (STARTTLS).',
    },
    en: {
      message: 'The secure connection failed.',
      hint: 'The port and the SSL option may not match: 993 with SSL, 143 without SSL (STARTTLS).',
    },
  },
  PROTOCOL: {
    userFixable: false,
    fr: {
      message: 'Le serveur a répondu de façon inattendue.',
      hint: 'Nouvel essai automatique au prochain cycle. Vérifiez qu’il s’agit bien d’un serveur IMAP.',
    },
    en: {
      message: 'The server gave an unexpected answer.',
      hint: 'Relève will retry on the next cycle. Check that this is an IMAP server.',
    },
  },
  MAILBOX_NOT_FOUND: {
    userFixable: false,
    fr: { message: 'Dossier introuvable sur le serveur.', hint: 'Le dossier a peut-être été renommé ou supprimé.' },
    en: { message: 'Folder not found on the server.', hint: 'The folder may have been renamed or deleted.' },
  },
  DISK_FULL: {
    userFixable: true,
    fr: {
      message: 'Le disque est plein : libérez de la place sur le disque des données de Relève ; Relève reprendra tout seul.',
      hint: 'La synchronisation reprendra là où elle s’est arrêtée, sans rien perdre ni rien télécharger deux fois.',
    },
    en: {
      message: 'The disk is full: free some space on the disk holding Relève’s data; Relève will resume on its own.',
      hint: 'The sync will resume where it stopped, without losing anything or downloading anything twice.',
    },
  },
  STORAGE: {
    userFixable: false,
    fr: { message: 'Erreur de la base de données locale.', hint: 'Redémarrez Relève. Si cela persiste, contactez le support.' },
    en: { message: 'Local database error.', hint: 'Restart Relève. If it persists, contact support.' },
  },
  PARSE: {
    userFixable: false,
    fr: {
      message: 'Certains messages sont mal formés.',
      hint: 'Ils ont été conservés tels quels ; rien n’est perdu.',
    },
    en: { message: 'Some messages are malformed.', hint: 'They were kept as they are; nothing is lost.' },
  },
  VALIDATION: {
    userFixable: true,
    fr: { message: 'Donnée invalide.', hint: 'Corrigez le champ indiqué.' },
    en: { message: 'Invalid input.', hint: 'Correct the field shown.' },
  },
  NOT_FOUND: {
    userFixable: false,
    fr: { message: 'Élément introuvable.', hint: 'Il a peut-être été supprimé.' },
    en: { message: 'Not found.', hint: 'It may have been deleted.' },
  },
  SECRET_REQUIRED: {
    userFixable: true,
    fr: {
      message: 'Le mot de passe est à saisir de nouveau pour ces réglages de connexion.',
      hint: "Le mot de passe enregistré n'est envoyé qu'au serveur, au port, au mode de sécurité et à l'identifiant pour lesquels il a été donné. Vous avez changé l'un d'eux : tapez le mot de passe (ou reconnectez le compte) pour le confirmer.",
    },
    en: {
      message: 'Enter the password again for these connection settings.',
      hint: 'The stored password is only ever sent to the server, port, security mode and login it was given for. You changed one of them: type the password (or sign in again) to confirm.',
    },
  },
  SECRETS_UNAVAILABLE: {
    userFixable: true,
    fr: {
      message: 'Impossible de déchiffrer le mot de passe enregistré.',
      hint: 'La clé de chiffrement a changé ou est absente : saisissez à nouveau le mot de passe de cette boîte.',
    },
    en: {
      message: 'The stored password cannot be decrypted.',
      hint: 'The encryption key changed or is missing: enter this mailbox’s password again.',
    },
  },
  CANCELLED: {
    userFixable: false,
    fr: { message: 'Synchronisation interrompue.', hint: 'Elle reprendra au prochain cycle, sans doublon.' },
    en: { message: 'Sync interrupted.', hint: 'It will resume on the next cycle, without duplicates.' },
  },
  SYNC_INCOMPLETE: {
    userFixable: false,
    fr: {
      message: 'Des messages du serveur ne sont pas encore dans Relève ; la prochaine synchronisation les récupère.',
      hint: 'Rien à faire : Relève les récupère tout seul.',
    },
    en: {
      message: 'Some messages on the server are not in Relève yet; the next sync fetches them.',
      hint: 'Nothing to do: Relève fetches them on its own.',
    },
  },
  SMTP_NOT_CONFIGURED: {
    userFixable: true,
    fr: {
      message: 'Aucun serveur d’envoi (SMTP) n’est configuré pour cette boîte.',
      hint: 'Ouvrez les réglages de la boîte et indiquez le serveur SMTP de votre fournisseur (par exemple smtp.orange.fr, port 465, SSL/TLS).',
    },
    en: {
      message: 'No outgoing (SMTP) server is set up for this mailbox.',
      hint: 'Open the mailbox settings and enter your provider’s SMTP server (for example smtp.gmail.com, port 465, SSL/TLS).',
    },
  },
  SMTP_REJECTED: {
    userFixable: true,
    fr: {
      message: 'Le serveur d’envoi a refusé ce message.',
      hint: 'Vérifiez les adresses des destinataires et l’adresse d’expédition (un alias doit être autorisé chez votre fournisseur), puis renvoyez-le. Le détail donne la réponse du serveur.',
    },
    en: {
      message: 'The outgoing server refused this message.',
      hint: 'Check the recipients’ addresses and the From address (an alias must be allowed by your provider), then send it again. The detail gives the server’s answer.',
    },
  },
  SEND_UNCERTAIN: {
    userFixable: true,
    fr: {
      message: 'L’envoi a été interrompu au moment où le serveur l’acceptait : le message est peut-être parti.',
      hint: 'Relève ne le renvoie pas tout seul, pour ne jamais l’envoyer deux fois. Vérifiez auprès du destinataire ou dans « Envoyés » de votre webmail, puis renvoyez-le si besoin.',
    },
    en: {
      message: 'Sending was interrupted while the server was accepting it: the message may have gone out.',
      hint: 'Relève does not resend it by itself, so that it is never sent twice. Check with the recipient or in your webmail’s “Sent”, then send it again if needed.',
    },
  },
  PROVIDER_LIMIT: {
    userFixable: false,
    fr: {
      message: 'Le fournisseur limite le téléchargement ; la suite arrive automatiquement.',
      hint: 'Rien à faire : Relève reprend plus tard, là où il s’est arrêté, sans doublon.',
    },
    en: {
      message: 'The provider limits downloads; the rest arrives automatically.',
      hint: 'Nothing to do: Relève resumes later where it stopped, without duplicates.',
    },
  },
  UNKNOWN: {
    userFixable: false,
    fr: { message: 'Erreur inattendue.', hint: 'Nouvel essai automatique au prochain cycle.' },
    en: { message: 'Unexpected error.', hint: 'Relève will retry on the next cycle.' },
  },
  OFFLINE: {
    userFixable: false,
    fr: {
      message: 'Pas de connexion au réseau : aucun serveur ne peut être joint.',
      hint: 'Vérifiez que l’ordinateur est connecté (Wi-Fi, câble, VPN). Les réglages de la boîte ne sont pas en cause ; Relève réessaie tout seul quand le réseau revient.',
    },
    en: {
      message: 'No network connection: no server can be reached.',
      hint: 'Check that the computer is connected (Wi-Fi, cable, VPN). The mailbox settings are not the problem; Relève retries on its own when the network is back.',
    },
  },
  TLS_PORT_NEEDS_SSL: {
    userFixable: true,
    fr: {
      message: 'Ce port attend une connexion SSL/TLS.',
      hint: 'Cochez « SSL/TLS » pour ce port (souvent 993), ou gardez SSL décoché et utilisez le port 143 (STARTTLS).',
    },
    en: {
      message: 'This port expects an SSL/TLS connection.',
      hint: 'Tick “SSL/TLS” for this port (usually 993), or keep SSL unticked and use port 143 (STARTTLS).',
    },
  },
  TLS_CERT_NAME: {
    userFixable: true,
    fr: {
      message: 'Le certificat du serveur est établi pour un autre nom.',
      hint: 'Vérifiez le nom du serveur : il doit correspondre à son certificat (par exemple imap.orange.fr et non mail.orange.fr).',
    },
    en: {
      message: "The server's certificate is for another name.",
      hint: 'Check the server name: it must match its certificate (for example imap.gmail.com, not mail.gmail.com).',
    },
  },
  DUPLICATE_MAILBOX: {
    userFixable: true,
    fr: {
      message: 'Cette boîte mail est déjà dans Relève (même identifiant sur le même serveur).',
      hint: 'Modifiez la boîte existante plutôt que de l’ajouter une seconde fois : tout serait téléchargé en double.',
    },
    en: {
      message: 'This mailbox is already in Relève (same login on the same server).',
      hint: 'Edit the existing mailbox instead of adding it again: everything would be downloaded twice.',
    },
  },
};

/**
 * Codes that "Fix the settings" can cure. A network outage, a timeout or a server hiccup is not one of them:
 * offering the settings then only invites the user to break working settings.
 */
export const SETTINGS_ERROR_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'AUTH', 'AUTH_OAUTH_ONLY', 'INSECURE_AUTH_REFUSED', 'DNS', 'TLS_CERT', 'TLS_CERT_NAME', 'TLS', 'TLS_PORT_NEEDS_SSL',
  'SECRETS_UNAVAILABLE', 'DUPLICATE_MAILBOX',
]);

/**
 * Hints for a connection test (wizard, editor, `accounts test`): nothing is scheduled yet, so no promise of an
 * automatic retry on the next cycle.
 */
const TEST_HINTS: Partial<Record<ErrorCode, Record<Locale, string>>> = {
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
};

/** The hint for a code; `context: 'test'` when it answers a connection test rather than a scheduled sync. */
export function errorHint(code: ErrorCode, locale: Locale, context: 'sync' | 'test' = 'sync'): string {
  return (context === 'test' ? TEST_HINTS[code]?.[locale] : undefined) ?? ERROR_TABLE[code][locale].hint;
}

export function userError(
  code: ErrorCode,
  locale: Locale,
  extra: { detail?: string; cert_fingerprint?: string; message?: string; context?: 'sync' | 'test' } = {},
): UserError {
  const words = ERROR_TABLE[code][locale];
  const out: UserError = { code, message: extra.message ?? words.message, hint: errorHint(code, locale, extra.context) };
  if (extra.detail) out.detail = extra.detail;
  if (extra.cert_fingerprint) out.cert_fingerprint = extra.cert_fingerprint;
  return out;
}

/** SYNC_INCOMPLETE with its count, as the run and the API report it. */
export function missingMessagesText(count: number, locale: Locale): string {
  if (locale === 'fr') {
    return count === 1
      ? '1 message du serveur n’est pas encore dans Relève ; la prochaine synchronisation le récupère'
      : `${count} messages du serveur ne sont pas encore dans Relève ; la prochaine synchronisation les récupère`;
  }
  return count === 1
    ? '1 message on the server is not in Relève yet; the next sync fetches it'
    : `${count} messages on the server are not in Relève yet; the next sync fetches them`;
}

/** DISK_FULL naming the place to free (the data folder), as the run and the API report it. */
export function diskFullText(where: string, locale: Locale): string {
  return locale === 'fr'
    ? `Le disque est plein : libérez de la place sur ${where} ; Relève reprendra tout seul`
    : `The disk is full: free some space on ${where}; Relève will resume on its own`;
}

/** An error that carries a code across layers (core → API → UI). */
export class ReleveError extends Error {
  readonly code: ErrorCode;
  readonly detail: string | undefined;
  readonly field: string | undefined;
  readonly certFingerprint: string | undefined;
  constructor(
    code: ErrorCode,
    message: string,
    opts: { detail?: string; field?: string; certFingerprint?: string; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'ReleveError';
    this.code = code;
    this.detail = opts.detail;
    this.field = opts.field;
    this.certFingerprint = opts.certFingerprint;
  }
}
