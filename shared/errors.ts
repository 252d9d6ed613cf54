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
  'CANCELLED', // sync stopped (app quitting)
  'SYNC_INCOMPLETE', // the self-check found server messages that are not in the store yet
  'PROVIDER_LIMIT', // the provider limits downloads (daily bandwidth quota, throttling): the run ends partial
  'UNKNOWN',
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
      message: 'La connexion avec ce fournisseur n’est pas configurée sur cet ordinateur.',
      hint: 'Il manque l’identifiant d’application (client ID) OAuth2 de ce fournisseur : la personne qui gère Relève le saisit dans Réglages › « Connexion Microsoft / Google (administrateur) » (voir la documentation « Connexion OAuth2 »).',
    },
    en: {
      message: 'Signing in with this provider is not set up on this computer.',
      hint: 'The provider’s OAuth2 application (client) ID is missing: whoever looks after Relève enters it in Settings › “Microsoft / Google sign-in (administrator)” (see the “OAuth2 sign-in” documentation).',
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
      message: "Le certificat de sécurité du serveur n'est pas reconnu.",
      hint: "Vérifiez le nom du serveur : il doit correspondre à son certificat. S'il s'agit de votre propre serveur, vous pouvez faire confiance à ce certificat précis.",
    },
    en: {
      message: "The server's security certificate is not trusted.",
      hint: 'Check the server name: it must match its certificate. If this is your own server, you can choose to trust this exact certificate.',
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
};

export function userError(
  code: ErrorCode,
  locale: Locale,
  extra: { detail?: string; cert_fingerprint?: string; message?: string } = {},
): UserError {
  const words = ERROR_TABLE[code][locale];
  const out: UserError = { code, message: extra.message ?? words.message, hint: words.hint };
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
