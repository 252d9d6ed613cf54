// The field rules behind shared/schemas.ts: primitive readers and one rule per field, each with the sentence
// the user reads (schema-rules.i18n.ts). Split out so the parsers stay readable.
import { ReleveError } from './errors.js';
import { say, type ArgsOf, type Entry } from './i18n/index.js';
import { PROVIDER_PRESETS, getPreset } from './providers.js';
import { RULE_TEXT as T } from './schema-rules.i18n.js';
import type { AuthMethod, Locale } from './types.js';

/** A sentence from a `*.i18n.ts` table with its parameters, said in the caller's language when a rule fails. */
export type Sentence = (locale: Locale) => string;
/** `sentence(T.bool, { field })`: the compiler checks the parameters against the entry's placeholders. */
function sentence<E extends Entry>(entry: E, ...args: ArgsOf<E>): Sentence {
  return (locale) => say(locale, entry, ...args);
}
export type Bad = (text?: Sentence) => never;

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
  text: Sentence;
  read: (v: unknown, bad: Bad) => T;
}
export const rule = <T>(text: Sentence, read: (v: unknown, bad: Bad) => T): Rule<T> => ({ text, read });

const boolRule = (field: string) => rule<boolean>(sentence(T.bool, { field }), readBool);

export const RULES = {
  integration_type: rule(
    sentence(T.integration_type),
    (v, bad): 'imap' => (typeof v === 'string' && v.trim().toLowerCase() === 'imap' ? 'imap' : bad()),
  ),
  name: rule(sentence(T.name), (v, bad) => readText(v, 1, 100, bad)),
  imap_server: rule(
    sentence(T.imap_server),
    (v, bad) => {
      const s = readText(v, 1, 253, bad).toLowerCase();
      if (/^[a-z][a-z0-9+.-]*:\/\//.test(s)) return bad(sentence(T.imap_server_scheme));
      const bracketed = /^\[([^\]]+)\](:\d+)?$/.exec(s);
      if (bracketed) return bracketed[2] ? bad(sentence(T.imap_server_port)) : isIPv6(bracketed[1]!) ? bracketed[1]! : bad();
      if (s.includes(':')) return isIPv6(s) ? s : /^[^:]+:\d+$/.test(s) ? bad(sentence(T.imap_server_port)) : bad();
      return isHostName(s) ? s.replace(/\.$/, '') : bad();
    },
  ),
  imap_port: rule(sentence(T.imap_port), (v, bad) => readInt(v, 1, 65535, bad)),
  email_address: rule(
    sentence(T.email_address),
    (v, bad) => {
      const s = readText(v, 3, 254, bad);
      return isEmailAddress(s) ? s : bad();
    },
  ),
  // Never trimmed: spaces may belong to the password.
  email_password: rule(
    sentence(T.email_password),
    (v, bad) => (typeof v === 'string' && v.trim().length > 0 && v.length <= 1000 ? v : bad()),
  ),
  username: rule(
    sentence(T.username),
    (v, bad) => {
      const s = readText(v, 1, 320, bad);
      return /[\u0000-\u001f\u007f]/.test(s) ? bad() : s;
    },
  ),
  use_ssl: boolRule('use_ssl'),
  active: boolRule('active'),
  allow_insecure_auth: boolRule('allow_insecure_auth'),
  sync_interval_minutes: rule(sentence(T.sync_interval_minutes), (v, bad) => readInt(v, 1, 1440, bad)),
  color: rule(
    sentence(T.color),
    (v, bad) => (typeof v === 'string' && /^#[0-9a-f]{6}$/i.test(v.trim()) ? v.trim().toLowerCase() : bad()),
  ),
  sync_window_days: rule(
    sentence(T.sync_window_days),
    (v, bad): number | null => (v === null || v === '' ? null : readInt(v, 1, 36_500, bad)),
  ),
  sync_window_count: rule(
    sentence(T.sync_window_count),
    (v, bad): number | null => (v === null || v === '' ? null : readInt(v, 1, 10_000_000, bad)),
  ),
  tls_fingerprint: rule(
    sentence(T.tls_fingerprint),
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
    sentence(T.preset_id, { values: PROVIDER_PRESETS.map((p) => p.id).join(', ') }),
    (v, bad): string | null => {
      if (v === null || v === '') return null;
      return typeof v === 'string' && getPreset(v.trim()) ? v.trim() : bad();
    },
  ),
  mailbox_id: rule(sentence(T.id, { field: 'mailbox_id' }), (v, bad) => readInt(v, 1, Number.MAX_SAFE_INTEGER, bad)),
  auth_method: rule(
    sentence(T.auth_method),
    (v, bad): AuthMethod => {
      const s = typeof v === 'string' ? v.trim().toLowerCase() : '';
      return s === 'password' || s === 'oauth2' ? s : bad();
    },
  ),
  oauth_flow_id: rule(
    sentence(T.oauth_flow_id),
    (v, bad) => (typeof v === 'string' && /^[A-Za-z0-9_-]{16,64}$/.test(v.trim()) ? v.trim() : bad()),
  ),
  oauth_provider: rule(
    sentence(T.oauth_provider),
    (v, bad) => (typeof v === 'string' && /^[a-z0-9_-]{1,40}$/i.test(v.trim()) ? v.trim().toLowerCase() : bad()),
  ),
} satisfies Record<string, Rule<unknown>>;

export type RuleName = keyof typeof RULES;
export type RuleValue<K extends RuleName> = ReturnType<(typeof RULES)[K]['read']>;

function refuse(field: string, text: Sentence, locale: Locale): never {
  throw new ReleveError('VALIDATION', text(locale), { field });
}

/** Refuses `field` with a sentence of a `*.i18n.ts` table: `fail('limit', T.limit, locale, { max })`. */
export function fail<E extends Entry>(field: string, entry: E, locale: Locale, ...args: ArgsOf<E>): never {
  return refuse(field, sentence(entry, ...args), locale);
}

/** Reads `value` with the rule `name`; a refusal names `field` (the rule's name unless the argument is called otherwise). */
export function check<K extends RuleName>(name: K, value: unknown, locale: Locale, field: string = name): RuleValue<K> {
  const r = RULES[name] as Rule<RuleValue<K>>;
  return r.read(value, (text) => refuse(field, text ?? r.text, locale));
}

export function checkBool(field: string, v: unknown, locale: Locale): boolean {
  const r = boolRule(field);
  return r.read(v, () => refuse(field, r.text, locale));
}

export function asObject(input: unknown, locale: Locale): Record<string, unknown> {
  if (input && typeof input === 'object' && !Array.isArray(input)) return input as Record<string, unknown>;
  return fail('', T.notObject, locale);
}

/** undefined and null both mean "not given" for fields that are not nullable. */
export const given = (v: unknown): boolean => v !== undefined && v !== null;
