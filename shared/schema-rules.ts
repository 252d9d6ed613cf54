// The field rules behind shared/schemas.ts: primitive readers and one rule per field, each with its French
// and English sentence. Split out so the parsers stay readable.
import { ReleveError } from './errors.js';
import { PROVIDER_PRESETS, getPreset } from './providers.js';
import type { AuthMethod, Locale } from './types.js';

export type Text = { fr: string; en: string };
export type Bad = (text?: Text) => never;

// ---- primitive readers: return the normalised value or call bad() ----

export function readInt(v: unknown, min: number, max: number, bad: Bad): number {
  let n: number | undefined;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && /^\s*[+-]?\d{1,16}\s*$/.test(v)) n = Number(v);
  if (n === undefined || !Number.isSafeInteger(n) || n < min || n > max) return bad();
  return n;
}

function readBool(v: unknown, bad: Bad): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (s === 'true') return true;
    if (s === 'false') return false;
  }
  return bad();
}

export function readText(v: unknown, min: number, max: number, bad: Bad): string {
  if (typeof v !== 'string') return bad();
  const s = v.trim();
  if (s.length < min || s.length > max) return bad();
  return s;
}

const HOST_LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

export function isIPv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255 && !/^0\d/.test(p));
}

export function isIPv6(s: string): boolean {
  if (!/^[0-9a-f:.]+$/i.test(s) || s.split('::').length > 2) return false;
  if (/^:[^:]/.test(s) || /[^:]:$/.test(s)) return false;
  let groups = s.split(':').filter((g) => g !== '');
  let expected = 8;
  const last = groups[groups.length - 1];
  if (last?.includes('.')) {
    if (!isIPv4(last)) return false;
    groups = groups.slice(0, -1);
    expected = 6;
  }
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return false;
  return s.includes('::') ? groups.length < expected : groups.length === expected;
}

function isHostName(s: string): boolean {
  const name = s.endsWith('.') ? s.slice(0, -1) : s;
  if (name.length === 0 || name.length > 253) return false;
  const labels = name.split('.');
  if (!labels.every((l) => HOST_LABEL.test(l))) return false;
  // All-numeric names are IP addresses or mistakes ("192.168.1"), never host names.
  return !labels.every((l) => /^\d+$/.test(l)) || isIPv4(name);
}

const EMAIL_LOCAL = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*$/u;
const EMAIL_DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;

function isEmailAddress(s: string): boolean {
  const at = s.lastIndexOf('@');
  if (at < 1 || s.length > 254) return false;
  const local = s.slice(0, at);
  const domain = s.slice(at + 1);
  return (
    local.length <= 64 &&
    EMAIL_LOCAL.test(local) &&
    domain.length <= 253 &&
    domain.split('.').every((l) => EMAIL_DOMAIN_LABEL.test(l))
  );
}

// ---- one rule per field, each with the sentence the user reads ----

export interface Rule<T> {
  text: Text;
  read: (v: unknown, bad: Bad) => T;
}
export const rule = <T>(text: Text, read: (v: unknown, bad: Bad) => T): Rule<T> => ({ text, read });

const SERVER_SCHEME: Text = {
  fr: 'Le serveur IMAP ne doit pas commencer par un protocole (imaps://) : indiquez seulement son nom, par exemple imap.orange.fr.',
  en: 'The IMAP server must not start with a protocol (imaps://): enter only its name, for example imap.gmail.com.',
};
const SERVER_PORT: Text = {
  fr: 'Le serveur IMAP ne doit pas contenir de port : indiquez le port dans le champ « Port IMAP ».',
  en: 'The IMAP server must not include a port: enter the port in the “IMAP port” field.',
};

const boolRule = (field: string) =>
  rule<boolean>(
    { fr: `Le champ « ${field} » doit valoir true ou false.`, en: `The field “${field}” must be true or false.` },
    readBool,
  );

export const RULES = {
  integration_type: rule(
    { fr: 'Type d’intégration inconnu : seul « imap » est pris en charge.', en: 'Unknown integration type: only “imap” is supported.' },
    (v, bad): 'imap' => (typeof v === 'string' && v.trim().toLowerCase() === 'imap' ? 'imap' : bad()),
  ),
  name: rule(
    { fr: 'Le nom de la boîte mail doit contenir de 1 à 100 caractères.', en: 'The mailbox name must be 1 to 100 characters long.' },
    (v, bad) => readText(v, 1, 100, bad),
  ),
  imap_server: rule(
    {
      fr: 'Le serveur IMAP doit être un nom de serveur ou une adresse IP, sans espace, par exemple imap.orange.fr.',
      en: 'The IMAP server must be a host name or an IP address, without spaces, for example imap.gmail.com.',
    },
    (v, bad) => {
      const s = readText(v, 1, 253, bad).toLowerCase();
      if (/^[a-z][a-z0-9+.-]*:\/\//.test(s)) return bad(SERVER_SCHEME);
      const bracketed = /^\[([^\]]+)\](:\d+)?$/.exec(s);
      if (bracketed) return bracketed[2] ? bad(SERVER_PORT) : isIPv6(bracketed[1]!) ? bracketed[1]! : bad();
      if (s.includes(':')) return isIPv6(s) ? s : /^[^:]+:\d+$/.test(s) ? bad(SERVER_PORT) : bad();
      return isHostName(s) ? s.replace(/\.$/, '') : bad();
    },
  ),
  imap_port: rule(
    { fr: 'Le port IMAP doit être un nombre entre 1 et 65535.', en: 'The IMAP port must be a number between 1 and 65535.' },
    (v, bad) => readInt(v, 1, 65535, bad),
  ),
  email_address: rule(
    {
      fr: 'L’adresse e-mail n’est pas valide (exemple : contact@entreprise.fr).',
      en: 'The e-mail address is not valid (example: contact@company.com).',
    },
    (v, bad) => {
      const s = readText(v, 3, 254, bad);
      return isEmailAddress(s) ? s : bad();
    },
  ),
  // Never trimmed: spaces may belong to the password.
  email_password: rule(
    { fr: 'Le mot de passe est obligatoire (1000 caractères au maximum).', en: 'The password is required (at most 1000 characters).' },
    (v, bad) => (typeof v === 'string' && v.trim().length > 0 && v.length <= 1000 ? v : bad()),
  ),
  username: rule(
    {
      fr: 'L’identifiant de connexion doit contenir de 1 à 320 caractères, sans caractère de contrôle.',
      en: 'The login must be 1 to 320 characters long, without control characters.',
    },
    (v, bad) => {
      const s = readText(v, 1, 320, bad);
      return /[\u0000-\u001f\u007f]/.test(s) ? bad() : s;
    },
  ),
  use_ssl: boolRule('use_ssl'),
  active: boolRule('active'),
  allow_insecure_auth: boolRule('allow_insecure_auth'),
  sync_interval_minutes: rule(
    {
      fr: 'L’intervalle de synchronisation doit être un nombre entier de minutes entre 1 et 1440 (24 h).',
      en: 'The sync interval must be a whole number of minutes between 1 and 1440 (24 h).',
    },
    (v, bad) => readInt(v, 1, 1440, bad),
  ),
  color: rule(
    { fr: 'La couleur doit être au format #rrggbb, par exemple #2563eb.', en: 'The colour must be in the #rrggbb format, for example #2563eb.' },
    (v, bad) => (typeof v === 'string' && /^#[0-9a-f]{6}$/i.test(v.trim()) ? v.trim().toLowerCase() : bad()),
  ),
  sync_window_days: rule(
    {
      fr: 'La période de première synchronisation doit être un nombre de jours entre 1 et 36500, ou vide pour tout récupérer.',
      en: 'The first-sync period must be a number of days between 1 and 36500, or empty to fetch everything.',
    },
    (v, bad): number | null => (v === null || v === '' ? null : readInt(v, 1, 36_500, bad)),
  ),
  sync_window_count: rule(
    {
      fr: 'Le nombre de messages de la première synchronisation doit être compris entre 1 et 10 000 000, ou vide pour tout récupérer.',
      en: 'The first-sync message count must be between 1 and 10,000,000, or empty to fetch everything.',
    },
    (v, bad): number | null => (v === null || v === '' ? null : readInt(v, 1, 10_000_000, bad)),
  ),
  tls_fingerprint: rule(
    {
      fr: 'L’empreinte du certificat doit être une empreinte SHA-256 en hexadécimal (AB:CD:…, 32 octets).',
      en: 'The certificate fingerprint must be a SHA-256 fingerprint in hexadecimal (AB:CD:…, 32 bytes).',
    },
    (v, bad): string | null => {
      if (v === null || v === '') return null;
      if (typeof v !== 'string') return bad();
      const s = v.trim().toUpperCase();
      if (/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/.test(s)) return s;
      if (/^[0-9A-F]{64}$/.test(s)) return s.match(/../g)!.join(':');
      return bad();
    },
  ),
  preset_id: rule(
    {
      fr: `Fournisseur inconnu. Valeurs possibles : ${PROVIDER_PRESETS.map((p) => p.id).join(', ')}.`,
      en: `Unknown provider. Possible values: ${PROVIDER_PRESETS.map((p) => p.id).join(', ')}.`,
    },
    (v, bad): string | null => {
      if (v === null || v === '') return null;
      return typeof v === 'string' && getPreset(v.trim()) ? v.trim() : bad();
    },
  ),
  mailbox_id: rule(
    { fr: 'L’identifiant « mailbox_id » doit être un entier positif.', en: 'The identifier “mailbox_id” must be a positive integer.' },
    (v, bad) => readInt(v, 1, Number.MAX_SAFE_INTEGER, bad),
  ),
  auth_method: rule(
    {
      fr: 'La méthode de connexion « auth_method » doit valoir « password » ou « oauth2 ».',
      en: 'The sign-in method “auth_method” must be “password” or “oauth2”.',
    },
    (v, bad): AuthMethod => {
      const s = typeof v === 'string' ? v.trim().toLowerCase() : '';
      return s === 'password' || s === 'oauth2' ? s : bad();
    },
  ),
  oauth_flow_id: rule(
    {
      fr: 'Connectez-vous d’abord au compte : « oauth_flow_id » doit désigner une connexion OAuth2 terminée.',
      en: 'Sign in to the account first: “oauth_flow_id” must name a finished OAuth2 sign-in.',
    },
    (v, bad) => (typeof v === 'string' && /^[A-Za-z0-9_-]{16,64}$/.test(v.trim()) ? v.trim() : bad()),
  ),
  oauth_provider: rule(
    {
      fr: 'Le fournisseur de connexion « provider » doit être un nom court (lettres, chiffres, - ou _), par exemple microsoft ou google.',
      en: 'The sign-in provider “provider” must be a short name (letters, digits, - or _), for example microsoft or google.',
    },
    (v, bad) => (typeof v === 'string' && /^[a-z0-9_-]{1,40}$/i.test(v.trim()) ? v.trim().toLowerCase() : bad()),
  ),
} satisfies Record<string, Rule<unknown>>;

export type RuleName = keyof typeof RULES;
export type RuleValue<K extends RuleName> = ReturnType<(typeof RULES)[K]['read']>;

export function fail(field: string, text: Text, locale: Locale): never {
  throw new ReleveError('VALIDATION', text[locale], { field });
}

export function check<K extends RuleName>(field: K, value: unknown, locale: Locale): RuleValue<K> {
  const r = RULES[field] as Rule<RuleValue<K>>;
  return r.read(value, (text) => fail(field, text ?? r.text, locale));
}

export function checkBool(field: string, v: unknown, locale: Locale): boolean {
  const r = boolRule(field);
  return r.read(v, () => fail(field, r.text, locale));
}

export function asObject(input: unknown, locale: Locale): Record<string, unknown> {
  if (input && typeof input === 'object' && !Array.isArray(input)) return input as Record<string, unknown>;
  return fail(
    '',
    { fr: 'Les données envoyées doivent être un objet JSON.', en: 'The data sent must be a JSON object.' },
    locale,
  );
}

/** undefined and null both mean "not given" for fields that are not nullable. */
export const given = (v: unknown): boolean => v !== undefined && v !== null;
