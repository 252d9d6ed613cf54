// The sentences of shared/schema-rules.ts, in French and English: one per field rule (same keys as RULES), and
// those several parsers share (a yes/no field, an identifier, the request body).
import { defineMessages } from './i18n/index.js';

export const RULE_TEXT = defineMessages({
  integration_type: { fr: 'Type d’intégration inconnu : seul « imap » est pris en charge.', en: 'Unknown integration type: only “imap” is supported.' },
  name: { fr: 'Le nom de la boîte mail doit contenir de 1 à 100 caractères.', en: 'The mailbox name must be 1 to 100 characters long.' },
  imap_server: {
    fr: 'Le serveur IMAP doit être un nom de serveur ou une adresse IP, sans espace, par exemple imap.orange.fr.',
    en: 'The IMAP server must be a host name or an IP address, without spaces, for example imap.gmail.com.',
  },
  imap_server_scheme: {
    fr: 'Le serveur IMAP ne doit pas commencer par un protocole (imaps://) : indiquez seulement son nom, par exemple imap.orange.fr.',
    en: 'The IMAP server must not start with a protocol (imaps://): enter only its name, for example imap.gmail.com.',
  },
  imap_server_port: {
    fr: 'Le serveur IMAP ne doit pas contenir de port : indiquez le port dans le champ « Port IMAP ».',
    en: 'The IMAP server must not include a port: enter the port in the “IMAP port” field.',
  },
  imap_port: { fr: 'Le port IMAP doit être un nombre entre 1 et 65535.', en: 'The IMAP port must be a number between 1 and 65535.' },
  email_address: {
    fr: 'L’adresse e-mail n’est pas valide (exemple : contact@entreprise.fr).',
    en: 'The e-mail address is not valid (example: contact@company.com).',
  },
  email_password: { fr: 'Le mot de passe est obligatoire (1000 caractères au maximum).', en: 'The password is required (at most 1000 characters).' },
  username: {
    fr: 'L’identifiant de connexion doit contenir de 1 à 320 caractères, sans caractère de contrôle.',
    en: 'The login must be 1 to 320 characters long, without control characters.',
  },
  sync_interval_minutes: {
    fr: 'L’intervalle de synchronisation doit être un nombre entier de minutes entre 1 et 1440 (24 h).',
    en: 'The sync interval must be a whole number of minutes between 1 and 1440 (24 h).',
  },
  color: { fr: 'La couleur doit être au format #rrggbb, par exemple #2563eb.', en: 'The colour must be in the #rrggbb format, for example #2563eb.' },
  sync_window_days: {
    fr: 'La période de première synchronisation doit être un nombre de jours entre 1 et 36500, ou vide pour tout récupérer.',
    en: 'The first-sync period must be a number of days between 1 and 36500, or empty to fetch everything.',
  },
  sync_window_count: {
    fr: 'Le nombre de messages de la première synchronisation doit être compris entre 1 et 10 000 000, ou vide pour tout récupérer.',
    en: 'The first-sync message count must be between 1 and 10,000,000, or empty to fetch everything.',
  },
  tls_fingerprint: {
    fr: 'L’empreinte du certificat doit être une empreinte SHA-256 en hexadécimal (AB:CD:…, 32 octets).',
    en: 'The certificate fingerprint must be a SHA-256 fingerprint in hexadecimal (AB:CD:…, 32 bytes).',
  },
  preset_id: { fr: 'Fournisseur inconnu. Valeurs possibles : {values}.', en: 'Unknown provider. Possible values: {values}.' },
  auth_method: {
    fr: 'La méthode de connexion « auth_method » doit valoir « password » ou « oauth2 ».',
    en: 'The sign-in method “auth_method” must be “password” or “oauth2”.',
  },
  oauth_flow_id: {
    fr: 'Connectez-vous d’abord au compte : « oauth_flow_id » doit désigner une connexion OAuth2 terminée.',
    en: 'Sign in to the account first: “oauth_flow_id” must name a finished OAuth2 sign-in.',
  },
  oauth_provider: {
    fr: 'Le fournisseur de connexion « provider » doit être un nom court (lettres, chiffres, - ou _), par exemple microsoft ou google.',
    en: 'The sign-in provider “provider” must be a short name (letters, digits, - or _), for example microsoft or google.',
  },
  // Shared by several parsers.
  bool: { fr: 'Le champ « {field} » doit valoir true ou false.', en: 'The field “{field}” must be true or false.' },
  id: { fr: 'L’identifiant « {field} » doit être un entier positif.', en: 'The identifier “{field}” must be a positive integer.' },
  notObject: { fr: 'Les données envoyées doivent être un objet JSON.', en: 'The data sent must be a JSON object.' },
});
