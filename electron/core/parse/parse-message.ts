// MIME → the fields the store keeps. Runs in a worker thread (parse-worker.ts); pure apart from that.
import PostalMime, { decodeWords } from 'postal-mime';
import type { Address, AttachmentMeta } from '../../../shared/types.js';
import type { ParsedMessage } from '../model.js';
import { contentKey } from './content-key.js';
import { multipartDamage, rawBodyText } from './damaged-mime.js';
import { htmlToText, makeSnippet } from './html-text.js';
import { readMessage, type MailView, type ViewAddress } from './fast-reader.js';
import { mimeSkeleton, strippedToken } from './mime-skeleton.js';
import { decodeWindows1252, installTextDecoderFix } from './text-decoder-fix.js';

installTextDecoderFix();

export type ParsedFields = Omit<ParsedMessage, 'uid' | 'flags' | 'size' | 'internal_date' | 'modseq' | 'raw'>;

const BODY_TEXT_MAX = 64 * 1024;

type PmEmail = Awaited<ReturnType<typeof PostalMime.parse>>;

function flatten(list: ViewAddress[] | undefined): Address[] {
  const out: Address[] = [];
  for (const a of list ?? []) {
    if (a.group) out.push(...flatten(a.group));
    else if (a.address || a.name) out.push({ name: a.name ?? '', address: a.address ?? '' });
  }
  return out;
}

function isoDate(v: string | undefined): string | null {
  if (!v) return null;
  const t = Date.parse(v);
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}

function attachmentSize(content: ArrayBuffer | Uint8Array | string, strippedSizes?: Map<string, number>): number {
  const token = strippedSizes ? strippedToken(content) : null;
  if (token !== null) return strippedSizes?.get(token) ?? 0;
  return typeof content === 'string' ? content.length : content.byteLength;
}

/** postal-mime's output in the reader's shape. `strippedSizes`: real sizes of the parts mimeSkeleton cut. */
function viewOfEmail(email: PmEmail, strippedSizes?: Map<string, number>): MailView {
  const text = email.text ?? email.html ?? '';
  return {
    from: email.from,
    to: email.to,
    cc: email.cc,
    replyTo: email.replyTo,
    subject: email.subject,
    messageId: email.messageId,
    date: email.date,
    text,
    textIsHtml: email.text === undefined && !!email.html,
    attachments: email.attachments.map((a) => ({
      filename: a.filename ?? null,
      mimeType: a.mimeType,
      disposition: a.disposition ?? null,
      related: a.related === true,
      contentId: a.contentId,
      size: attachmentSize(a.content, strippedSizes),
    })),
  };
}

function attachmentMeta(view: MailView): AttachmentMeta[] {
  return view.attachments.map((a, index) => ({
    index,
    filename: a.filename ?? `attachment-${index + 1}`,
    content_type: a.mimeType || 'application/octet-stream',
    size: a.size,
    inline: a.disposition === 'inline' || (a.related && !!a.contentId),
    content_id: a.contentId ? a.contentId.replace(/^<|>$/g, '') : null,
  }));
}

function fieldsFromView(view: MailView): ParsedFields {
  const from = flatten(view.from ? [view.from] : [])[0] ?? null;
  const to = flatten(view.to);
  const text = view.textIsHtml ? htmlToText(view.text) : view.text;
  const subject = (view.subject ?? '').replace(/\s+/g, ' ').trim();
  const message_id = view.messageId?.trim() || null;
  const date = isoDate(view.date);
  const attachments = attachmentMeta(view);
  return {
    message_id,
    subject,
    from,
    to,
    cc: flatten(view.cc),
    reply_to: flatten(view.replyTo),
    date,
    snippet: makeSnippet(text),
    body_text: text.length > BODY_TEXT_MAX ? text.slice(0, BODY_TEXT_MAX) : text,
    has_attachments: attachments.some((a) => !a.inline),
    attachments,
    content_key: contentKey({ message_id, date, subject, from: from?.address ?? null, to: to.map((a) => a.address) }),
    parse_error: null,
  };
}

/** UTF-8 when the bytes are valid UTF-8 (RFC 6532 headers, most bodies), else windows-1252. */
function bestEffortText(raw: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return decodeWindows1252(raw);
  }
}

/** Best-effort fields straight from the raw header block, for a message the MIME parser rejects. */
function fallbackFields(raw: Uint8Array, error: unknown): ParsedFields {
  const textAll = bestEffortText(raw);
  const split = textAll.search(/\r?\n\r?\n/);
  const head = split >= 0 ? textAll.slice(0, split) : textAll;
  const body = split >= 0 ? textAll.slice(split).trim() : '';
  const header = (name: string) => {
    const m = new RegExp(`^${name}:[ \\t]*((?:.*)(?:\\r?\\n[ \\t].*)*)`, 'im').exec(head);
    return m?.[1]?.replace(/\r?\n[ \t]+/g, ' ').trim();
  };
  const fromRaw = header('From') ?? '';
  const addr = /<([^>]+)>/.exec(fromRaw)?.[1] ?? (fromRaw.includes('@') ? fromRaw : '');
  const message_id = header('Message-ID') ?? null;
  const date = isoDate(header('Date'));
  const subject = decodeWords(header('Subject') ?? '');
  const from = fromRaw ? { name: decodeWords(fromRaw.replace(/<[^>]*>/, '').replace(/"/g, '').trim()), address: addr } : null;
  const bodyText = body.slice(0, BODY_TEXT_MAX);
  return {
    message_id,
    subject,
    from,
    to: [],
    cc: [],
    reply_to: [],
    date,
    snippet: makeSnippet(bodyText),
    body_text: bodyText,
    has_attachments: false,
    attachments: [],
    content_key: contentKey({ message_id, date, subject, from: addr || null, to: [] }),
    parse_error: error instanceof Error ? error.message.slice(0, 500) : String(error).slice(0, 500),
  };
}

/**
 * Never throws: a malformed message still yields a row (with parse_error) so nothing is skipped silently.
 * Large base64 attachments are not decoded (see mime-skeleton.ts); the fields are the same as a full parse.
 */
export async function parseMessage(raw: Uint8Array): Promise<ParsedFields> {
  return parseMessageFast(raw) ?? parseWithPostalMime(raw);
}

/**
 * The fast reader alone, synchronous: null when the message needs postal-mime (parseMessage does both). Lets the
 * sync parse 10 000 messages without two promise round trips each (parse/worker-batch-writer.ts).
 */
export function parseMessageFast(raw: Uint8Array): ParsedFields | null {
  let view: MailView | null;
  try {
    view = readMessage(raw);
  } catch {
    view = null; // a reader bug must cost speed, never a message
  }
  return view ? fieldsFromView(view) : null;
}

/** postal-mime on the message skeleton (large base64 attachments not decoded); the fast reader's fallback. */
export async function parseWithPostalMime(raw: Uint8Array): Promise<ParsedFields> {
  let skeleton: ReturnType<typeof mimeSkeleton>;
  try {
    skeleton = mimeSkeleton(raw);
  } catch {
    skeleton = null;
  }
  if (skeleton) {
    try {
      const email = await PostalMime.parse(skeleton.bytes, { attachmentEncoding: 'arraybuffer' });
      return fieldsFromView(viewOfEmail(email, skeleton.sizes));
    } catch {
      // fall through: the full source decides, as if there had been no skeleton
    }
  }
  return parseMessageFully(raw);
}

/** The reference path: every part decoded. parseMessage must give the same fields (tested). */
export async function parseMessageFully(raw: Uint8Array): Promise<ParsedFields> {
  try {
    const email = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer' });
    return fieldsFromView(viewOfEmail(email));
  } catch (err) {
    return fallbackFields(raw, err);
  }
}

export interface ReaderContent {
  text: string;
  html: string | null;
  attachments: AttachmentMeta[];
  parse_error: string | null;
}

/** Full content for the reader pane, parsed on demand from the stored raw source. */
export async function parseForReader(raw: Uint8Array): Promise<ReaderContent> {
  try {
    const email = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer' });
    const damage = multipartDamage(raw);
    const empty = !email.text && !email.html && email.attachments.length === 0;
    return {
      // Nothing readable came out of a broken structure: the raw body is what can be read.
      text: email.text ?? (email.html ? htmlToText(email.html) : damage && empty ? rawBodyText(raw) : ''),
      html: email.html ?? null,
      attachments: attachmentMeta(viewOfEmail(email)),
      parse_error: damage ? `damaged message: ${damage}` : null,
    };
  } catch (err) {
    const f = fallbackFields(raw, err);
    return { text: f.body_text, html: null, attachments: [], parse_error: f.parse_error };
  }
}

export interface ExtractedAttachment {
  filename: string;
  content_type: string;
  content: Uint8Array;
}

/** Every attachment of a message in one parse (the API caches them: see api/attachment-cache.ts). */
export async function extractAttachments(raw: Uint8Array): Promise<ExtractedAttachment[]> {
  const email = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer' });
  return email.attachments.map((a, index) => {
    const c = a.content as ArrayBuffer | string;
    return {
      filename: a.filename ?? `attachment-${index + 1}`,
      content_type: a.mimeType || 'application/octet-stream',
      content: typeof c === 'string' ? new Uint8Array(Buffer.from(c)) : new Uint8Array(c),
    };
  });
}

export async function extractAttachment(raw: Uint8Array, index: number): Promise<ExtractedAttachment | null> {
  return (await extractAttachments(raw))[index] ?? null;
}
