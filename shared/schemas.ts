// Runtime validation of every API argument, with messages in the user's language that name the field and
// the rule. Hand-written rather than zod so each rule carries its own sentence (schema-rules.i18n.ts, schemas.i18n.ts).
// Lenient on form (numeric strings, "true"/"false", surrounding spaces: scripts send these), strict on meaning.
// Unknown keys are ignored; the result holds only the known, normalised fields.
import { parseFolderList, parseFolderView } from './folder-schemas.js';
import { parseOAuthClientPatch } from './oauth-client-schema.js';
import { parseSendFields, type SendFields } from './send-schemas.js';
import { parsePersonName, parseTriageNamePatch, parseTriageView } from './triage-schemas.js';
import { RULE_TEXT } from './schema-rules.i18n.js';
import { type RuleName, asObject, check, checkBool, fail, given, readInt, readText } from './schema-rules.js';
import { SCHEMA_TEXT as T } from './schemas.i18n.js';
import type {
  ConnectionTestInput,
  Locale,
  MailboxInput,
  MailboxPatch,
  MessageQuery,
  OAuthBeginInput,
  SettingsPatch,
} from './types.js';

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

// ---- public parsers ----

type MailboxCommonInput = Required<Omit<MailboxInput, 'username' | 'email_password' | 'auth_method' | 'oauth_flow_id' | keyof SendFields>>;

/**
 * A validated MailboxInput with every default filled in (username stays absent when not given): a password
 * mailbox (auth_method absent) or an OAuth2 one, which carries the finished sign-in instead of a password.
 */
export type ParsedMailboxInput = MailboxCommonInput & { username?: string } & SendFields & (
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
  const out: ParsedMailboxInput = { ...common, ...parseSendFields(o, locale), ...credentials };
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
      fail('email_password', T.passwordOrOAuth, locale);
    }
    out.email_password = check('email_password', o.email_password, locale);
  }
  if (o.username === null || o.username === '') out.username = '';
  else if (o.username !== undefined) out.username = check('username', o.username, locale);
  if (o.folders !== undefined) out.folders = parseFolderList(o.folders, locale);
  Object.assign(out, parseSendFields(o, locale));
  return out;
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
  if (given(o.test_id)) out.test_id = parseTestId(o.test_id, locale);
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
    out.provider = check('oauth_provider', o.provider, locale, 'provider');
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
  if (given(o.mailbox_id)) out.mailbox_id = check('mailbox_id', o.mailbox_id, locale);
  if (given(o.folder)) out.folder = parseFolderView(o.folder, locale);
  if (given(o.triage)) out.triage = parseTriageView(o.triage, locale);
  if (given(o.assignee)) out.assignee = parsePersonName(o.assignee, 'assignee', locale);
  for (const field of ['unread_only', 'collapse_duplicates'] as const) {
    if (given(o[field])) out[field] = checkBool(field, o[field], locale);
  }
  if (given(o.search)) {
    const search = readText(o.search, 0, 500, () => fail('search', T.search, locale));
    if (search !== '') out.search = search;
  }
  if (given(o.offset)) {
    out.offset = readInt(o.offset, 0, Number.MAX_SAFE_INTEGER, () => fail('offset', T.offset, locale));
  }
  if (given(o.limit)) {
    out.limit = readInt(o.limit, 1, MESSAGE_PAGE_MAX_LIMIT, () => fail('limit', T.limit, locale, { max: MESSAGE_PAGE_MAX_LIMIT }));
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
      fail('locale', T.locale, locale);
    }
    out.locale = l;
  }
  if (o.notifications !== undefined) out.notifications = checkBool('notifications', o.notifications, locale);
  if (o.oauth !== undefined) out.oauth = parseOAuthClientPatch(o.oauth, locale);
  if (o.triage_name !== undefined) out.triage_name = parseTriageNamePatch(o.triage_name, locale);
  return out;
}

/** A connection test's id (testConnection's test_id, cancelConnectionTest). */
export function parseTestId(v: unknown, locale: Locale): string {
  if (typeof v === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(v)) return v;
  return fail('test_id', T.test_id, locale);
}

export function parseId(v: unknown, field: string, locale: Locale): number {
  return readInt(v, 1, Number.MAX_SAFE_INTEGER, () => fail(field, RULE_TEXT.id, locale, { field }));
}

/** A non-empty list of ids (at most 10,000), duplicates removed, order kept. */
export function parseIdList(v: unknown, field: string, locale: Locale): number[] {
  const bad = () => fail(field, T.idList, locale, { field, max: MAX_IDS });
  if (!Array.isArray(v) || v.length === 0 || v.length > MAX_IDS) return bad();
  return [...new Set(v.map((id) => readInt(id, 1, Number.MAX_SAFE_INTEGER, bad)))];
}
