// MIME → the fields the store keeps. Runs in a worker thread (parse-worker.ts); pure apart from that.
import PostalMime from 'postal-mime';
import type { Address, AttachmentMeta } from '../../../shared/types.js';
import type { ParsedMessage } from '../model.js';
import { contentKey } from './content-key.js';
import { htmlToText, makeSnippet } from './html-text.js';
import { mimeSkeleton, strippedToken } from './mime-skeleton.js';

export type ParsedFields = Omit<ParsedMessage, 'uid' | 'flags' | 'size' | 'internal_date' | 'modseq' | 'raw'>;

const BODY_TEXT_MAX = 64 * 1024;

type PmAddress = { name?: string; address?: string; group?: PmAddress[] };
type PmEmail = Awaited<ReturnType<typeof PostalMime.parse>>;

function flatten(list: PmAddress[] | undefined): Address[] {
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

/** `strippedSizes`: real sizes of the parts whose bodies mimeSkeleton replaced by a token. */
function attachmentMeta(email: PmEmail, strippedSizes?: Map<string, number>): AttachmentMeta[] {
  return email.attachments.map((a, index) => {
    const c = a.content as ArrayBuffer | string | Uint8Array;
    const token = strippedSizes ? strippedToken(c) : null;
    const size = token !== null ? (strippedSizes?.get(token) ?? 0) : typeof c === 'string' ? c.length : c.byteLength;
    return {
      index,
      filename: a.filename ?? `attachment-${index + 1}`,
      content_type: a.mimeType || 'application/octet-stream',
      size,
      inline: a.disposition === 'inline' || (a.related === true && !!a.contentId),
      content_id: a.contentId ? a.contentId.replace(/^<|>$/g, '') : null,
    };
  });
}

function fieldsFromEmail(email: PmEmail, strippedSizes?: Map<string, number>): ParsedFields {
  const from = flatten(email.from ? [email.from as PmAddress] : [])[0] ?? null;
  const to = flatten(email.to as PmAddress[] | undefined);
  const text = email.text ?? (email.html ? htmlToText(email.html) : '');
  const subject = (email.subject ?? '').replace(/\s+/g, ' ').trim();
  const message_id = email.messageId?.trim() || null;
  const date = isoDate(email.date);
  const attachments = attachmentMeta(email, strippedSizes);
  return {
    message_id,
    subject,
    from,
    to,
    cc: flatten(email.cc as PmAddress[] | undefined),
    reply_to: flatten(email.replyTo as PmAddress[] | undefined),
    date,
    snippet: makeSnippet(text),
    body_text: text.length > BODY_TEXT_MAX ? text.slice(0, BODY_TEXT_MAX) : text,
    has_attachments: attachments.some((a) => !a.inline),
    attachments,
    content_key: contentKey({ message_id, date, subject, from: from?.address ?? null, to: to.map((a) => a.address) }),
    parse_error: null,
  };
}

/** Best-effort fields straight from the raw header block, for a message the MIME parser rejects. */
function fallbackFields(raw: Uint8Array, error: unknown): ParsedFields {
  const textAll = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('latin1');
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
  const subject = header('Subject') ?? '';
  const from = fromRaw ? { name: fromRaw.replace(/<[^>]*>/, '').replace(/"/g, '').trim(), address: addr } : null;
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
  let skeleton: ReturnType<typeof mimeSkeleton> = null;
  try {
    skeleton = mimeSkeleton(raw);
  } catch {
    skeleton = null;
  }
  if (skeleton) {
    try {
      const email = await PostalMime.parse(skeleton.bytes, { attachmentEncoding: 'arraybuffer' });
      return fieldsFromEmail(email, skeleton.sizes);
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
    return fieldsFromEmail(email);
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
    return {
      text: email.text ?? (email.html ? htmlToText(email.html) : ''),
      html: email.html ?? null,
      attachments: attachmentMeta(email),
      parse_error: null,
    };
  } catch (err) {
    const f = fallbackFields(raw, err);
    return { text: f.body_text, html: null, attachments: [], parse_error: f.parse_error };
  }
}

export async function extractAttachment(
  raw: Uint8Array,
  index: number,
): Promise<{ filename: string; content_type: string; content: Uint8Array } | null> {
  const email = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer' });
  const a = email.attachments[index];
  if (!a) return null;
  const c = a.content as ArrayBuffer | string;
  return {
    filename: a.filename ?? `attachment-${index + 1}`,
    content_type: a.mimeType || 'application/octet-stream',
    content: typeof c === 'string' ? Buffer.from(c) : new Uint8Array(c),
  };
}
