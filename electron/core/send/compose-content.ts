// What a new message, a reply, a reply-all or a forward says and to whom: the sender (the mailbox that
// received the mail, or the alias it was addressed to), recipients, subject prefix, the quoted original,
// the signature, threading headers, and the original's attachments for a forward.
import PostalMime from 'postal-mime';
import { ReleveError } from '../../../shared/errors.js';
import { defaultIntlTag, translator } from '../../../shared/i18n/index.js';
import type { Address, ComposeCommon, Locale } from '../../../shared/types.js';
import type { MailboxRow } from '../store/index.js';
import { COMPOSE_TEXT } from './compose.i18n.js';
import type { MessageSpec } from './message-build.js';
import { parseAliases } from './mailbox-send-settings.js';

export interface Original {
  mailbox_id: number;
  message_id: string | null;
  subject: string;
  from: Address | null;
  to: Address[];
  cc: Address[];
  reply_to: Address[];
  date: string | null;
  raw: Buffer;
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
const show = (a: Address) => (a.name ? `${a.name} <${a.address}>` : a.address);

/** The addresses a mailbox may send as, its own first, each with the display name to use. */
export function senderIdentities(row: MailboxRow): Address[] {
  const own = { name: row.sender_name ?? '', address: row.email_address };
  return [own, ...parseAliases(row.aliases_json).map((a) => ({ name: a.name || own.name, address: a.address }))];
}

/**
 * The mailbox and identity to send from: `requested` must be an address (or alias) of one of the mailboxes,
 * the preferred mailbox first; without it, the preferred mailbox's identity the original was addressed to.
 */
export function chooseSender(
  mailboxes: MailboxRow[],
  preferredId: number,
  requested: string | undefined,
  addressedTo: Address[],
  locale: Locale,
): { mailbox: MailboxRow; from: Address } {
  const ordered = [...mailboxes.filter((m) => m.id === preferredId), ...mailboxes.filter((m) => m.id !== preferredId)];
  if (requested) {
    for (const m of ordered) {
      const id = senderIdentities(m).find((i) => same(i.address, requested));
      if (id) return { mailbox: m, from: id };
    }
    throw new ReleveError('VALIDATION', translator(COMPOSE_TEXT, locale)('badFrom'), { field: 'from' });
  }
  const mailbox = ordered[0];
  if (!mailbox || mailbox.id !== preferredId) {
    throw new ReleveError('NOT_FOUND', 'mailbox not found', { detail: `mailbox ${preferredId}` });
  }
  const ids = senderIdentities(mailbox);
  const hit = ids.find((i) => addressedTo.some((a) => same(a.address, i.address)));
  return { mailbox, from: hit ?? ids[0]! };
}

export function prefixed(subject: string, prefix: 'Re' | 'Fwd'): string {
  const re = prefix === 'Re' ? /^\s*(re|aw|sv|réf|ref)\s*:/i : /^\s*(fwd?|tr|wg)\s*:/i;
  return re.test(subject) ? subject.trim() : `${prefix}: ${subject.trim()}`;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function textToHtml(s: string): string {
  return escapeHtml(s).replace(/\r?\n/g, '<br>\n');
}

function formatDate(iso: string | null, locale: Locale): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString(defaultIntlTag(locale), { dateStyle: 'full', timeStyle: 'short' });
}

interface Parts {
  text: string;
  html: string;
}

/** The user's text (or HTML), then the signature, then what is quoted or forwarded. */
function body(input: ComposeCommon, signature: string, tail: Parts | null): Parts {
  const userText = (input.text ?? '').replace(/\r\n/g, '\n');
  const sigText = signature ? `\n\n-- \n${signature}` : '';
  const userHtml = input.html ?? `<div>${textToHtml(userText)}</div>`;
  const sigHtml = signature ? `<div class="releve-signature">-- <br>${textToHtml(signature)}</div>` : '';
  return {
    text: `${userText}${sigText}${tail ? `\n\n${tail.text}` : ''}\n`,
    html: `<!doctype html><html><head><meta charset="utf-8"></head><body>${userHtml}${sigHtml}${tail ? tail.html : ''}</body></html>`,
  };
}

interface ParsedOriginal {
  text: string;
  references: string[];
  attachments: Array<{ filename: string; content: Buffer; contentType?: string }>;
}

async function readOriginal(raw: Buffer): Promise<ParsedOriginal> {
  const email = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer' });
  const refs = `${email.references ?? ''}`.match(/<[^<>\s]+>/g) ?? [];
  return {
    text: email.text ?? '',
    references: refs,
    attachments: email.attachments.map((a, i) => ({
      filename: a.filename || `attachment-${i + 1}`,
      content: Buffer.from(a.content as ArrayBuffer),
      contentType: a.mimeType,
    })),
  };
}

function decodeAttachments(input: ComposeCommon): MessageSpec['attachments'] {
  return (input.attachments ?? []).map((a) => ({
    filename: a.filename,
    content: Buffer.from(a.data_base64, 'base64'),
    ...(a.content_type ? { contentType: a.content_type } : {}),
  }));
}

function normalise(list: Array<string | Address> | undefined): Address[] {
  return (list ?? []).map((a) => (typeof a === 'string' ? { name: '', address: a } : a));
}

export function newMessageSpec(input: ComposeCommon & { to: Array<string | Address>; subject: string }, from: Address, signature: string, date: Date): MessageSpec {
  const b = body(input, signature, null);
  return {
    from, to: normalise(input.to), cc: normalise(input.cc), bcc: normalise(input.bcc), subject: input.subject,
    text: b.text, html: b.html, attachments: decodeAttachments(input), inReplyTo: null, references: [], date,
  };
}

/** Reply-all: everyone but ourselves, the original's sender (or Reply-To) in To, the rest in Cc. */
export function replyRecipients(o: Original, own: Address[], all: boolean): { to: Address[]; cc: Address[] } {
  const mine = (a: Address) => own.some((i) => same(i.address, a.address));
  let to = o.reply_to.length > 0 ? o.reply_to : o.from ? [o.from] : [];
  // Replying to our own sent message: to its recipients.
  if (to.every(mine)) to = o.to.filter((a) => !mine(a));
  if (!all) return { to, cc: [] };
  const seen = new Set(to.map((a) => a.address.toLowerCase()));
  const cc: Address[] = [];
  for (const a of [...o.to, ...o.cc]) {
    const key = a.address.toLowerCase();
    if (mine(a) || seen.has(key)) continue;
    seen.add(key);
    cc.push(a);
  }
  return { to, cc };
}

export async function replySpec(
  o: Original, input: ComposeCommon & { all?: boolean }, from: Address, own: Address[], signature: string, date: Date, locale: Locale,
): Promise<MessageSpec> {
  const parsed = await readOriginal(o.raw);
  const { to, cc } = replyRecipients(o, own, input.all === true);
  const who = o.from ? show(o.from) : '';
  const header = translator(COMPOSE_TEXT, locale)('wrote', { date: formatDate(o.date, locale), who });
  const quoted = parsed.text.replace(/\r\n/g, '\n').replace(/\n+$/, '').split('\n').map((l) => (l.startsWith('>') ? `>${l}` : `> ${l}`)).join('\n');
  const tail: Parts = {
    text: `${header}\n${quoted}`,
    html: `<div class="releve-quote-header">${escapeHtml(header)}</div><blockquote type="cite" style="margin:0 0 0 .8ex;border-left:1px solid #ccc;padding-left:1ex">${textToHtml(parsed.text)}</blockquote>`,
  };
  const b = body(input, signature, tail);
  const references = [...parsed.references, ...(o.message_id ? [o.message_id] : [])].filter((v, i, a) => a.indexOf(v) === i).slice(-20);
  return {
    from, to, cc: [...cc, ...normalise(input.cc)], bcc: normalise(input.bcc), subject: prefixed(o.subject, 'Re'),
    text: b.text, html: b.html, attachments: decodeAttachments(input), inReplyTo: o.message_id, references, date,
  };
}

export async function forwardSpec(
  o: Original, input: ComposeCommon & { to: Array<string | Address>; subject?: string }, from: Address, signature: string, date: Date, locale: Locale,
): Promise<MessageSpec> {
  const parsed = await readOriginal(o.raw);
  const t = translator(COMPOSE_TEXT, locale);
  const lines = [
    t('forwarded'),
    `${t('from')}: ${o.from ? show(o.from) : ''}`,
    `${t('date')}: ${formatDate(o.date, locale)}`,
    `${t('subject')}: ${o.subject}`,
    `${t('to')}: ${o.to.map(show).join(', ')}`,
    ...(o.cc.length > 0 ? [`${t('cc')}: ${o.cc.map(show).join(', ')}`] : []),
  ];
  const tail: Parts = {
    text: `${lines.join('\n')}\n\n${parsed.text}`,
    html: `<div class="releve-forward">${lines.map(escapeHtml).join('<br>')}<br><br>${textToHtml(parsed.text)}</div>`,
  };
  const b = body(input, signature, tail);
  return {
    from, to: normalise(input.to), cc: normalise(input.cc), bcc: normalise(input.bcc),
    subject: input.subject || prefixed(o.subject, 'Fwd'), text: b.text, html: b.html,
    attachments: [...parsed.attachments, ...decodeAttachments(input)],
    inReplyTo: null, references: o.message_id ? [...parsed.references, o.message_id].slice(-20) : [], date,
  };
}
