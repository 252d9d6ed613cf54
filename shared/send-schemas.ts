// Validation of the sending fields: a mailbox's SMTP settings, signature and aliases, and the compose inputs
// (new message, reply, forward). Same style as schemas.ts: each rule names the field in French and English.
import { RULES, asObject, check, checkBool, fail, given, readInt, readText, type Text } from './schema-rules.js';
import type {
  Address,
  ComposeCommon,
  ForwardInput,
  Locale,
  NewMessageInput,
  OutgoingAttachment,
  ReplyInput,
  SmtpTestInput,
} from './types.js';

export interface SendFields {
  smtp_server?: string | null;
  smtp_port?: number | null;
  smtp_use_ssl?: boolean;
  /** null: the IMAP login. */
  smtp_username?: string | null;
  /** null: forget the separate SMTP password (back to the IMAP one). */
  smtp_password?: string | null;
  sender_name?: string;
  signature?: string;
  aliases?: Address[];
}

const SMTP_SERVER: Text = {
  fr: 'Le serveur SMTP (envoi) doit être un nom de serveur ou une adresse IP, sans protocole ni port, par exemple smtp.orange.fr.',
  en: 'The SMTP (outgoing) server must be a host name or an IP address, without protocol or port, for example smtp.gmail.com.',
};
const SMTP_PORT: Text = { fr: 'Le port SMTP doit être un nombre entre 1 et 65535 (465 ou 587 en général).', en: 'The SMTP port must be a number between 1 and 65535 (usually 465 or 587).' };
const SMTP_USERNAME: Text = { fr: 'L’identifiant SMTP doit contenir de 1 à 320 caractères.', en: 'The SMTP login must be 1 to 320 characters long.' };
const SMTP_PASSWORD: Text = { fr: 'Le mot de passe SMTP doit contenir 1000 caractères au maximum.', en: 'The SMTP password must be at most 1000 characters long.' };
const SENDER_NAME: Text = { fr: 'Le nom d’expéditeur doit contenir 200 caractères au maximum, sans retour à la ligne.', en: 'The sender name must be at most 200 characters, without line breaks.' };
const SIGNATURE: Text = { fr: 'La signature doit contenir 5000 caractères au maximum.', en: 'The signature must be at most 5000 characters long.' };
const ADDRESSES: Text = {
  fr: 'Chaque destinataire doit être une adresse e-mail valide (« nom@domaine.fr » ou « Nom <nom@domaine.fr> »), 100 au plus.',
  en: 'Each recipient must be a valid e-mail address (“name@domain.com” or “Name <name@domain.com>”), at most 100.',
};
const ATTACHMENTS: Text = {
  fr: 'Chaque pièce jointe doit avoir un nom de fichier et un contenu en base64 ; 25 Mo au total au maximum.',
  en: 'Each attachment needs a file name and base64 content; 25 MB in total at most.',
};
const BODY: Text = { fr: 'Le texte du message doit être une chaîne de 5 Mo au maximum.', en: 'The message text must be a string of at most 5 MB.' };
const SUBJECT: Text = { fr: 'L’objet doit contenir 998 caractères au maximum, sans retour à la ligne.', en: 'The subject must be at most 998 characters, without line breaks.' };
const UNDO: Text = { fr: 'Le délai d’annulation « undo_seconds » doit être compris entre 0 et 60 secondes.', en: 'The undo delay “undo_seconds” must be between 0 and 60 seconds.' };

const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

/** "Name <a@b>" or "a@b" or {name, address}: one checked address. */
function readAddress(v: unknown, field: string, locale: Locale): Address {
  let name = '';
  let address = '';
  if (typeof v === 'string') {
    const m = /^\s*(?:"?([^"<]*?)"?\s*)?<([^>]+)>\s*$/.exec(v);
    if (m) {
      name = (m[1] ?? '').trim();
      address = (m[2] ?? '').trim();
    } else address = v.trim();
  } else if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    name = typeof o.name === 'string' ? o.name.trim() : '';
    address = typeof o.address === 'string' ? o.address.trim() : '';
  }
  if (/[\r\n]/.test(name) || name.length > 200) fail(field, ADDRESSES, locale);
  RULES.email_address.read(address, () => fail(field, ADDRESSES, locale));
  return { name, address };
}

function parseAddressList(v: unknown, field: string, locale: Locale, opts: { required: boolean }): Address[] {
  if (v === undefined || v === null) return opts.required ? fail(field, ADDRESSES, locale) : [];
  const list = typeof v === 'string' ? v.split(',').filter((s) => s.trim() !== '') : v;
  if (!Array.isArray(list) || list.length > 100 || (opts.required && list.length === 0)) return fail(field, ADDRESSES, locale);
  return list.map((a) => readAddress(a, field, locale));
}

/** The sending fields present in a mailbox input or patch ('' or null clears the optional ones). */
export function parseSendFields(o: Record<string, unknown>, locale: Locale): SendFields {
  const out: SendFields = {};
  if (o.smtp_server !== undefined) {
    out.smtp_server =
      o.smtp_server === null || o.smtp_server === ''
        ? null
        : RULES.imap_server.read(o.smtp_server, () => fail('smtp_server', SMTP_SERVER, locale));
  }
  if (o.smtp_port !== undefined) {
    out.smtp_port = o.smtp_port === null || o.smtp_port === '' ? null : readInt(o.smtp_port, 1, 65535, () => fail('smtp_port', SMTP_PORT, locale));
  }
  if (given(o.smtp_use_ssl)) out.smtp_use_ssl = checkBool('smtp_use_ssl', o.smtp_use_ssl, locale);
  if (o.smtp_username !== undefined) {
    out.smtp_username =
      o.smtp_username === null || o.smtp_username === ''
        ? null
        : readText(o.smtp_username, 1, 320, () => fail('smtp_username', SMTP_USERNAME, locale));
  }
  if (o.smtp_password === null) out.smtp_password = null;
  else if (given(o.smtp_password) && o.smtp_password !== '') {
    const p = o.smtp_password;
    out.smtp_password = typeof p === 'string' && p.length <= 1000 ? p : fail('smtp_password', SMTP_PASSWORD, locale);
  }
  if (o.sender_name !== undefined) {
    const n = o.sender_name === null ? '' : readText(o.sender_name, 0, 200, () => fail('sender_name', SENDER_NAME, locale));
    out.sender_name = /[\r\n]/.test(n) ? fail('sender_name', SENDER_NAME, locale) : n;
  }
  if (o.signature !== undefined) {
    const s = o.signature === null ? '' : o.signature;
    out.signature = typeof s === 'string' && s.length <= 5000 ? s.replace(/\r\n/g, '\n') : fail('signature', SIGNATURE, locale);
  }
  if (o.aliases !== undefined) out.aliases = parseAddressList(o.aliases, 'aliases', locale, { required: false });
  return out;
}

export function parseSmtpTestInput(input: unknown, locale: Locale): SmtpTestInput {
  const o = asObject(input, locale);
  const f = parseSendFields(o, locale);
  const out: SmtpTestInput = {};
  if (given(o.mailbox_id)) out.mailbox_id = check('mailbox_id', o.mailbox_id, locale);
  if (f.smtp_server) out.smtp_server = f.smtp_server;
  if (f.smtp_port) out.smtp_port = f.smtp_port;
  if (f.smtp_use_ssl !== undefined) out.smtp_use_ssl = f.smtp_use_ssl;
  if (f.smtp_username) out.smtp_username = f.smtp_username;
  if (f.smtp_password) out.smtp_password = f.smtp_password;
  if (given(o.email_password) && out.smtp_password === undefined) out.smtp_password = check('email_password', o.email_password, locale);
  if (given(o.email_address)) out.email_address = check('email_address', o.email_address, locale);
  if (given(o.allow_insecure_auth)) out.allow_insecure_auth = check('allow_insecure_auth', o.allow_insecure_auth, locale);
  if (out.mailbox_id === undefined) {
    // Without a stored mailbox everything must be given.
    if (!out.smtp_server) fail('smtp_server', SMTP_SERVER, locale);
    if (!out.smtp_port) fail('smtp_port', SMTP_PORT, locale);
    if (out.smtp_password === undefined) check('email_password', undefined, locale);
    if (!out.smtp_username && !out.email_address) check('email_address', undefined, locale);
  }
  return out;
}

function parseAttachments(v: unknown, locale: Locale): OutgoingAttachment[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.length > 100) return fail('attachments', ATTACHMENTS, locale);
  let total = 0;
  return v.map((a: unknown) => {
    const o = a && typeof a === 'object' ? (a as Record<string, unknown>) : {};
    const filename = typeof o.filename === 'string' ? o.filename.trim() : '';
    const data = typeof o.data_base64 === 'string' ? o.data_base64.replace(/\s+/g, '') : '';
    if (!filename || filename.length > 255 || /[\r\n]/.test(filename) || !/^[A-Za-z0-9+/]*={0,2}$/.test(data)) {
      return fail('attachments', ATTACHMENTS, locale);
    }
    total += Math.floor((data.length * 3) / 4);
    if (total > MAX_ATTACHMENT_BYTES) fail('attachments', ATTACHMENTS, locale);
    const type = typeof o.content_type === 'string' && /^[\w.+-]+\/[\w.+-]+$/.test(o.content_type.trim()) ? o.content_type.trim() : undefined;
    return { filename, data_base64: data, ...(type ? { content_type: type } : {}) };
  });
}

function parseCommon(o: Record<string, unknown>, locale: Locale): ComposeCommon {
  const out: ComposeCommon = {};
  if (given(o.from) && o.from !== '') out.from = check('email_address', typeof o.from === 'object' ? (o.from as Address).address : o.from, locale);
  const cc = parseAddressList(o.cc, 'cc', locale, { required: false });
  if (cc.length > 0) out.cc = cc;
  const bcc = parseAddressList(o.bcc, 'bcc', locale, { required: false });
  if (bcc.length > 0) out.bcc = bcc;
  for (const field of ['text', 'html'] as const) {
    const v = o[field];
    if (!given(v)) continue;
    if (typeof v !== 'string' || v.length > 5 * 1024 * 1024) fail(field, BODY, locale);
    out[field] = v;
  }
  const attachments = parseAttachments(o.attachments, locale);
  if (attachments.length > 0) out.attachments = attachments;
  if (given(o.undo_seconds)) out.undo_seconds = readInt(o.undo_seconds, 0, 60, () => fail('undo_seconds', UNDO, locale));
  return out;
}

function messageId(v: unknown, locale: Locale): number {
  return readInt(v, 1, Number.MAX_SAFE_INTEGER, () =>
    fail('message_id', { fr: 'L’identifiant « message_id » doit être un entier positif.', en: 'The identifier “message_id” must be a positive integer.' }, locale),
  );
}

function parseSubject(v: unknown, locale: Locale): string {
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string' || v.length > 998 || /[\r\n]/.test(v)) return fail('subject', SUBJECT, locale);
  return v.trim();
}

export function parseNewMessageInput(input: unknown, locale: Locale): NewMessageInput {
  const o = asObject(input, locale);
  return {
    ...parseCommon(o, locale),
    mailbox_id: check('mailbox_id', o.mailbox_id, locale),
    to: parseAddressList(o.to, 'to', locale, { required: true }),
    subject: parseSubject(o.subject, locale),
  };
}

export function parseReplyInput(input: unknown, locale: Locale): ReplyInput {
  const o = asObject(input, locale);
  const out: ReplyInput = { ...parseCommon(o, locale), message_id: messageId(o.message_id, locale) };
  if (given(o.all)) out.all = checkBool('all', o.all, locale);
  return out;
}

export function parseForwardInput(input: unknown, locale: Locale): ForwardInput {
  const o = asObject(input, locale);
  const out: ForwardInput = {
    ...parseCommon(o, locale),
    message_id: messageId(o.message_id, locale),
    to: parseAddressList(o.to, 'to', locale, { required: true }),
  };
  if (given(o.subject)) out.subject = parseSubject(o.subject, locale);
  return out;
}
