// Validation of the sending fields: a mailbox's SMTP settings, signature and aliases, and the compose inputs
// (new message, reply, forward). Same style as schemas.ts: each rule names the field (send-schemas.i18n.ts).
import { RULE_TEXT } from './schema-rules.i18n.js';
import { RULES, asObject, check, checkBool, fail, given, readInt, readText } from './schema-rules.js';
import { SEND_TEXT as T } from './send-schemas.i18n.js';
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
  if (/[\r\n]/.test(name) || name.length > 200) fail(field, T.addresses, locale);
  RULES.email_address.read(address, () => fail(field, T.addresses, locale));
  return { name, address };
}

function parseAddressList(v: unknown, field: string, locale: Locale, opts: { required: boolean }): Address[] {
  if (v === undefined || v === null) return opts.required ? fail(field, T.addresses, locale) : [];
  const list = typeof v === 'string' ? v.split(',').filter((s) => s.trim() !== '') : v;
  if (!Array.isArray(list) || list.length > 100 || (opts.required && list.length === 0)) return fail(field, T.addresses, locale);
  return list.map((a) => readAddress(a, field, locale));
}

/** The sending fields present in a mailbox input or patch ('' or null clears the optional ones). */
export function parseSendFields(o: Record<string, unknown>, locale: Locale): SendFields {
  const out: SendFields = {};
  if (o.smtp_server !== undefined) {
    out.smtp_server =
      o.smtp_server === null || o.smtp_server === ''
        ? null
        : RULES.imap_server.read(o.smtp_server, () => fail('smtp_server', T.smtp_server, locale));
  }
  if (o.smtp_port !== undefined) {
    out.smtp_port = o.smtp_port === null || o.smtp_port === '' ? null : readInt(o.smtp_port, 1, 65535, () => fail('smtp_port', T.smtp_port, locale));
  }
  if (given(o.smtp_use_ssl)) out.smtp_use_ssl = checkBool('smtp_use_ssl', o.smtp_use_ssl, locale);
  if (o.smtp_username !== undefined) {
    out.smtp_username =
      o.smtp_username === null || o.smtp_username === ''
        ? null
        : readText(o.smtp_username, 1, 320, () => fail('smtp_username', T.smtp_username, locale));
  }
  if (o.smtp_password === null) out.smtp_password = null;
  else if (given(o.smtp_password) && o.smtp_password !== '') {
    const p = o.smtp_password;
    out.smtp_password = typeof p === 'string' && p.length <= 1000 ? p : fail('smtp_password', T.smtp_password, locale);
  }
  if (o.sender_name !== undefined) {
    const n = o.sender_name === null ? '' : readText(o.sender_name, 0, 200, () => fail('sender_name', T.sender_name, locale));
    out.sender_name = /[\r\n]/.test(n) ? fail('sender_name', T.sender_name, locale) : n;
  }
  if (o.signature !== undefined) {
    const s = o.signature === null ? '' : o.signature;
    out.signature = typeof s === 'string' && s.length <= 5000 ? s.replace(/\r\n/g, '\n') : fail('signature', T.signature, locale);
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
    if (!out.smtp_server) fail('smtp_server', T.smtp_server, locale);
    if (!out.smtp_port) fail('smtp_port', T.smtp_port, locale);
    if (out.smtp_password === undefined) check('email_password', undefined, locale);
    if (!out.smtp_username && !out.email_address) check('email_address', undefined, locale);
  }
  return out;
}

function parseAttachments(v: unknown, locale: Locale): OutgoingAttachment[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.length > 100) return fail('attachments', T.attachments, locale);
  let total = 0;
  return v.map((a: unknown) => {
    const o = a && typeof a === 'object' ? (a as Record<string, unknown>) : {};
    const filename = typeof o.filename === 'string' ? o.filename.trim() : '';
    const data = typeof o.data_base64 === 'string' ? o.data_base64.replace(/\s+/g, '') : '';
    if (!filename || filename.length > 255 || /[\r\n]/.test(filename) || !/^[A-Za-z0-9+/]*={0,2}$/.test(data)) {
      return fail('attachments', T.attachments, locale);
    }
    total += Math.floor((data.length * 3) / 4);
    if (total > MAX_ATTACHMENT_BYTES) fail('attachments', T.attachments, locale);
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
    if (typeof v !== 'string' || v.length > 5 * 1024 * 1024) fail(field, T.body, locale);
    out[field] = v;
  }
  const attachments = parseAttachments(o.attachments, locale);
  if (attachments.length > 0) out.attachments = attachments;
  if (given(o.undo_seconds)) out.undo_seconds = readInt(o.undo_seconds, 0, 60, () => fail('undo_seconds', T.undo_seconds, locale));
  return out;
}

function messageId(v: unknown, locale: Locale): number {
  return readInt(v, 1, Number.MAX_SAFE_INTEGER, () =>
    fail('message_id', RULE_TEXT.id, locale, { field: 'message_id' }),
  );
}

function parseSubject(v: unknown, locale: Locale): string {
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string' || v.length > 998 || /[\r\n]/.test(v)) return fail('subject', T.subject, locale);
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
