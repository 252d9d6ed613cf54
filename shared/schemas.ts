// Runtime validation of every API argument, with messages in the user's language that name the field and
// the rule. Hand-written rather than zod so each rule carries its own French and English sentence.
// Lenient on form (numeric strings, "true"/"false", surrounding spaces: scripts send these), strict on meaning.
// Unknown keys are ignored; the result holds only the known, normalised fields.
import { ReleveError } from './errors.js';
import { parseOAuthClientPatch } from './oauth-client-schema.js';
import { PROVIDER_PRESETS, getPreset } from './providers.js';
import type {
  AuthMethod,
  ConnectionTestInput,
  Locale,
  MailboxInput,
  MailboxPatch,
  MessageQuery,
  OAuthBeginInput,
  SettingsPatch,
} from './types.js';

type Text = { fr: string; en: string };
type Bad = (text?: Text) => never;

/** Colours given to new mailboxes in turn; readable on light and dark backgrounds. */
export const MAILBOX_COLORS = [
  '#2563eb', '#16a34a', '#dc2626', '#9333ea', '#ea580c',
  '#0891b2', '#db2777', '#65a30d', '#ca8a04', '#4f46e5',
] as const;

export const DEFAULT_SYNC_INTERVAL_MINUTES = 5;
export const MESSAGE_PAGE_DEFAULT_LIMIT = 50;
export const MESSAGE_PAGE_MAX_LIMIT = 500;
const MAX_IDS = 10_000;

/** The first palette colour no mailbox uses yet; when all are taken, a stable pick from `seed`. */
export function pickMailboxColor(usedColors: readonly string[] = [], seed = ''): string {
  const used = new Set(usedColors.map((c) => c.toLowerCase()));
  const free = MAILBOX_COLORS.find((c) => !used.has(c));
  if (free) return free;
  let hash = 0;
  for (const ch of seed) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return MAILBOX_COLORS[hash % MAILBOX_COLORS.length]!;
}

// ---- primitive readers: return the normalised value or call bad() ----

function readInt(v: unknown, min: number, max: number, bad: Bad): number {
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

function readText(v: unknown, min: number, max: number, bad: Bad): string {
  if (typeof v !== 'string') return bad();
  const s = v.trim();
  if (s.length < min || s.length > max) return bad();
  return s;
}

const HOST_LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

function isIPv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255 && !/^0\d/.test(p));
}

function isIPv6(s: string): boolean {
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

interface Rule<T> {
  text: Text;
  read: (v: unknown, bad: Bad) => T;
}
const rule = <T>(text: Text, read: (v: unknown, bad: Bad) => T): Rule<T> => ({ text, read });

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

const RULES = {
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

type RuleName = keyof typeof RULES;
type RuleValue<K extends RuleName> = ReturnType<(typeof RULES)[K]['read']>;

function fail(field: string, text: Text, locale: Locale): never {
  throw new ReleveError('VALIDATION', text[locale], { field });
}

function check<K extends RuleName>(field: K, value: unknown, locale: Locale): RuleValue<K> {
  const r = RULES[field] as Rule<RuleValue<K>>;
  return r.read(value, (text) => fail(field, text ?? r.text, locale));
}

function checkBool(field: string, v: unknown, locale: Locale): boolean {
  const r = boolRule(field);
  return r.read(v, () => fail(field, r.text, locale));
}

function asObject(input: unknown, locale: Locale): Record<string, unknown> {
  if (input && typeof input === 'object' && !Array.isArray(input)) return input as Record<string, unknown>;
  return fail(
    '',
    { fr: 'Les données envoyées doivent être un objet JSON.', en: 'The data sent must be a JSON object.' },
    locale,
  );
}

/** undefined and null both mean "not given" for fields that are not nullable. */
const given = (v: unknown): boolean => v !== undefined && v !== null;

// ---- public parsers ----

type MailboxCommonInput = Required<Omit<MailboxInput, 'username' | 'email_password' | 'auth_method' | 'oauth_flow_id'>>;

/**
 * A validated MailboxInput with every default filled in (username stays absent when not given): a password
 * mailbox (auth_method absent) or an OAuth2 one, which carries the finished sign-in instead of a password.
 */
export type ParsedMailboxInput = MailboxCommonInput & { username?: string } & (
    | { auth_method?: undefined; email_password: string; oauth_flow_id?: undefined }
    | { auth_method: 'oauth2'; email_password?: undefined; oauth_flow_id: string }
  );

export function parseMailboxInput(
  input: unknown,
  locale: Locale,
  opts: { usedColors?: readonly string[] } = {},
): ParsedMailboxInput {
  const o = asObject(input, locale);
  const email = check('email_address', o.email_address, locale);
  const method = given(o.auth_method) ? check('auth_method', o.auth_method, locale) : 'password';
  const credentials =
    method === 'oauth2'
      ? { auth_method: 'oauth2' as const, oauth_flow_id: check('oauth_flow_id', o.oauth_flow_id, locale) }
      : { email_password: check('email_password', o.email_password, locale) };
  const common: MailboxCommonInput = {
    integration_type: given(o.integration_type) ? check('integration_type', o.integration_type, locale) : 'imap',
    name: check('name', o.name, locale),
    imap_server: check('imap_server', o.imap_server, locale),
    imap_port: check('imap_port', o.imap_port, locale),
    email_address: email,
    use_ssl: check('use_ssl', o.use_ssl, locale),
    sync_interval_minutes: given(o.sync_interval_minutes)
      ? check('sync_interval_minutes', o.sync_interval_minutes, locale)
      : DEFAULT_SYNC_INTERVAL_MINUTES,
    active: given(o.active) ? check('active', o.active, locale) : true,
    allow_insecure_auth: given(o.allow_insecure_auth) ? check('allow_insecure_auth', o.allow_insecure_auth, locale) : false,
    color: given(o.color) && o.color !== '' ? check('color', o.color, locale) : pickMailboxColor(opts.usedColors, email),
    sync_window_days: check('sync_window_days', o.sync_window_days ?? null, locale),
    sync_window_count: check('sync_window_count', o.sync_window_count ?? null, locale),
    tls_fingerprint: check('tls_fingerprint', o.tls_fingerprint ?? null, locale),
    preset_id: check('preset_id', o.preset_id ?? null, locale),
  };
  const out: ParsedMailboxInput = { ...common, ...credentials };
  if (given(o.username) && o.username !== '') out.username = check('username', o.username, locale);
  return out;
}

const PATCH_FIELDS = [
  'integration_type', 'name', 'imap_server', 'imap_port', 'email_address', 'use_ssl', 'sync_interval_minutes',
  'active', 'allow_insecure_auth', 'color', 'sync_window_days', 'sync_window_count', 'tls_fingerprint', 'preset_id',
] as const satisfies readonly (RuleName & keyof MailboxPatch)[];

/**
 * Only the fields present are validated and returned. An empty or null email_password keeps the stored one;
 * an empty or null username is returned as '' and means "log in with the e-mail address".
 * A new password switches the mailbox to password login; an oauth_flow_id switches it to (or renews) OAuth2.
 */
export function parseMailboxPatch(input: unknown, locale: Locale): MailboxPatch {
  const o = asObject(input, locale);
  const out: Record<string, unknown> = {};
  for (const field of PATCH_FIELDS) {
    if (o[field] !== undefined) out[field] = check(field, o[field], locale);
  }
  if (given(o.oauth_flow_id) && o.oauth_flow_id !== '') {
    out.oauth_flow_id = check('oauth_flow_id', o.oauth_flow_id, locale);
    out.auth_method = 'oauth2';
  }
  if (given(o.email_password) && o.email_password !== '') {
    if (out.oauth_flow_id) {
      fail('email_password', {
        fr: 'Donnez soit un mot de passe, soit une connexion OAuth2 (oauth_flow_id), pas les deux.',
        en: 'Give either a password or an OAuth2 sign-in (oauth_flow_id), not both.',
      }, locale);
    }
    out.email_password = check('email_password', o.email_password, locale);
  }
  if (o.username === null || o.username === '') out.username = '';
  else if (o.username !== undefined) out.username = check('username', o.username, locale);
  return out as MailboxPatch;
}

export function parseConnectionTestInput(input: unknown, locale: Locale): ConnectionTestInput {
  const o = asObject(input, locale);
  const out: ConnectionTestInput = {
    imap_server: check('imap_server', o.imap_server, locale),
    imap_port: check('imap_port', o.imap_port, locale),
    use_ssl: check('use_ssl', o.use_ssl, locale),
    email_address: check('email_address', o.email_address, locale),
    allow_insecure_auth: given(o.allow_insecure_auth) ? check('allow_insecure_auth', o.allow_insecure_auth, locale) : false,
    tls_fingerprint: check('tls_fingerprint', o.tls_fingerprint ?? null, locale),
  };
  if (given(o.username) && o.username !== '') out.username = check('username', o.username, locale);
  if (given(o.mailbox_id)) out.mailbox_id = check('mailbox_id', o.mailbox_id, locale);
  if (given(o.oauth_flow_id) && o.oauth_flow_id !== '') out.oauth_flow_id = check('oauth_flow_id', o.oauth_flow_id, locale);
  // Without a password the stored credentials of mailbox_id (or the sign-in) are used: one of them is required.
  if ((given(o.email_password) && o.email_password !== '') || (out.mailbox_id === undefined && out.oauth_flow_id === undefined)) {
    out.email_password = check('email_password', o.email_password, locale);
  }
  return out;
}

/** beginOAuth: a provider (unless reconnecting mailbox_id), an optional e-mail to pre-fill the sign-in page. */
export function parseOAuthBeginInput(input: unknown, locale: Locale): OAuthBeginInput {
  const o = input === undefined || input === null ? {} : asObject(input, locale);
  const out: OAuthBeginInput = {};
  if (given(o.mailbox_id)) out.mailbox_id = check('mailbox_id', o.mailbox_id, locale);
  if (given(o.provider) || out.mailbox_id === undefined) {
    const r = RULES.oauth_provider;
    out.provider = r.read(o.provider, (text) => fail('provider', text ?? r.text, locale));
  }
  if (given(o.email) && o.email !== '') out.email = check('email_address', o.email, locale);
  return out;
}

export function parseOAuthFlowId(input: unknown, locale: Locale): string {
  const o = input === undefined || input === null ? {} : asObject(input, locale);
  return check('oauth_flow_id', o.flow_id, locale);
}

/** Defaults: offset 0, limit 50, collapse_duplicates true. */
export function parseMessageQuery(input: unknown, locale: Locale): MessageQuery {
  const o = input === undefined || input === null ? {} : asObject(input, locale);
  const out: MessageQuery = { offset: 0, limit: MESSAGE_PAGE_DEFAULT_LIMIT, collapse_duplicates: true };
  const bad = (field: string, text: Text) => () => fail(field, text, locale);
  if (given(o.mailbox_id)) out.mailbox_id = check('mailbox_id', o.mailbox_id, locale);
  for (const field of ['unread_only', 'collapse_duplicates'] as const) {
    if (given(o[field])) out[field] = checkBool(field, o[field], locale);
  }
  if (given(o.search)) {
    const search = readText(o.search, 0, 500, bad('search', {
      fr: 'La recherche doit être un texte de 500 caractères au maximum.',
      en: 'The search must be a text of at most 500 characters.',
    }));
    if (search !== '') out.search = search;
  }
  if (given(o.offset)) {
    out.offset = readInt(o.offset, 0, Number.MAX_SAFE_INTEGER, bad('offset', {
      fr: 'Le décalage « offset » doit être un entier positif ou nul.',
      en: 'The “offset” must be a whole number, zero or more.',
    }));
  }
  if (given(o.limit)) {
    out.limit = readInt(o.limit, 1, MESSAGE_PAGE_MAX_LIMIT, bad('limit', {
      fr: `Le nombre de messages par page « limit » doit être compris entre 1 et ${MESSAGE_PAGE_MAX_LIMIT}.`,
      en: `The page size “limit” must be between 1 and ${MESSAGE_PAGE_MAX_LIMIT}.`,
    }));
  }
  return out;
}

/** Language, notifications, and the OAuth2 clients (shared/oauth-client-schema.ts). */
export function parseSettingsPatch(input: unknown, locale: Locale): SettingsPatch {
  const o = asObject(input, locale);
  const out: SettingsPatch = {};
  if (o.locale !== undefined) {
    const l = typeof o.locale === 'string' ? o.locale.trim().toLowerCase() : '';
    if (l !== 'fr' && l !== 'en') {
      fail('locale', { fr: 'La langue doit être « fr » ou « en ».', en: 'The language must be “fr” or “en”.' }, locale);
    }
    out.locale = l;
  }
  if (o.notifications !== undefined) out.notifications = checkBool('notifications', o.notifications, locale);
  if (o.oauth !== undefined) out.oauth = parseOAuthClientPatch(o.oauth, locale);
  return out;
}

export function parseId(v: unknown, field: string, locale: Locale): number {
  return readInt(v, 1, Number.MAX_SAFE_INTEGER, () =>
    fail(
      field,
      { fr: `L’identifiant « ${field} » doit être un entier positif.`, en: `The identifier “${field}” must be a positive integer.` },
      locale,
    ),
  );
}

/** A non-empty list of ids (at most 10,000), duplicates removed, order kept. */
export function parseIdList(v: unknown, field: string, locale: Locale): number[] {
  const bad = () =>
    fail(
      field,
      {
        fr: `« ${field} » doit être une liste non vide d’identifiants (entiers positifs, ${MAX_IDS} au plus).`,
        en: `“${field}” must be a non-empty list of identifiers (positive integers, at most ${MAX_IDS}).`,
      },
      locale,
    );
  if (!Array.isArray(v) || v.length === 0 || v.length > MAX_IDS) return bad();
  return [...new Set(v.map((id) => readInt(id, 1, Number.MAX_SAFE_INTEGER, bad)))];
}
