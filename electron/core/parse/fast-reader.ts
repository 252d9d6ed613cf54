// The store needs a message's headers, its text and the name, type and size of its attachments — not
// the decoded attachments. postal-mime decodes everything line by line in JS, joins the pieces through Blobs,
// and spent ~4 s of worker CPU on the 10 000-message bench mailbox. This reader finds the MIME structure with
// native Buffer.indexOf jumps from one "--" line to the next, decodes only the text parts, and sizes the
// other parts without decoding them.
//
// It gives exactly postal-mime's fields (same header rules, same boundary rules, same text selection; tested
// message by message against it) on the shapes it knows. Any other shape — message/* parts, comments
// in content headers, charsets outside the common list, a text body that postal-mime would
// convert between HTML and plain text — throws Unusual and the caller uses postal-mime.
import { decodeWords } from 'postal-mime';
import { parseAddresses } from './address-fast.js';
import { decodeBody, decodedBodySize, decodeFlowedText, type TransferEncoding } from './mime-body.js';
import { textDecoderFor } from './mime-charset.js';
import { readHeaderBlock } from './header-fields.js';
import { parseStructured, transferEncoding, Unusual, type HeaderField } from './mime-headers.js';

export type ViewAddress = { name?: string; address?: string; group?: ViewAddress[] };

export interface ViewAttachment {
  filename: string | null;
  mimeType: string;
  disposition: string | null;
  related: boolean;
  contentId: string | undefined;
  size: number;
}

/** What parse-message.ts turns into stored fields; postal-mime's output is mapped to the same shape. */
export interface MailView {
  from?: ViewAddress;
  to?: ViewAddress[];
  cc?: ViewAddress[];
  replyTo?: ViewAddress[];
  subject?: string;
  messageId?: string;
  date?: string;
  /** Plain text, or the HTML when a message has no plain text (parse-message.ts converts it). */
  text: string;
  textIsHtml: boolean;
  attachments: ViewAttachment[];
}

interface Part {
  parent: Part | null;
  depth: number;
  type: string;
  params: Record<string, string>;
  multipart: string | false;
  boundary: Buffer | null;
  disposition: string;
  dispositionParams: Record<string, string>;
  contentId: string | undefined;
  encoding: TransferEncoding;
  /** -1 when the header block never ended (no body). */
  bodyStart: number;
  end: number;
  children: Part[];
  headers: HeaderField[];
}

const LF = 0x0a;
const CR = 0x0d;
const DASH = 0x2d;
const DASHES = Buffer.from('--', 'latin1');
const MAX_PARTS = 256;
const MAX_DEPTH = 12;
const MAX_HEADER_BYTES = 1024 * 1024;

interface Scan {
  buf: Buffer;
  stack: Part[];
  parts: number;
  headerBytes: number;
  /** Whether a line is a delimiter of an open multipart: one closure per message, not per part. */
  isDelimiter: (p: number, e: number) => boolean;
}

function lineEnd(buf: Buffer, p: number): { end: number; next: number } {
  const nl = buf.indexOf(LF, p);
  let end = nl < 0 ? buf.length : nl;
  while (end > p && buf[end - 1] === CR) end--;
  return { end, next: nl < 0 ? buf.length : nl + 1 };
}

/** Index in the stack of the multipart whose delimiter is the line [p, e), innermost first, as postal-mime. */
function delimiterOf(s: Scan, p: number, e: number): { index: number; close: boolean } | null {
  if (e - p < 3 || s.buf[p] !== DASH || s.buf[p + 1] !== DASH) return null;
  for (let k = s.stack.length - 1; k >= 0; k--) {
    const b = (s.stack[k] as Part).boundary as Buffer;
    if (e - p < b.length + 2 || s.buf.compare(b, 0, b.length, p + 2, p + 2 + b.length) !== 0) continue;
    let i = p + 2 + b.length;
    let close = false;
    if (e - p >= b.length + 4 && s.buf[i] === DASH && s.buf[i + 1] === DASH) {
      close = true;
      i += 2;
    }
    while (i < e && (s.buf[i] === 0x20 || s.buf[i] === 0x09)) i++;
    if (i === e) return { index: k, close };
  }
  return null;
}

function first(headers: HeaderField[], key: string): string | undefined {
  for (const h of headers) if (h.key === key) return h.value; // no closure per lookup, as find() would take
  return undefined;
}

/** Reads the header block of a part starting at `start`; it ends at an empty line or at a delimiter line. */
function openPart(s: Scan, parent: Part | null, start: number): Part {
  if (++s.parts > MAX_PARTS) throw new Unusual('too many parts');
  const depth = parent ? parent.depth + 1 : 0;
  if (depth > MAX_DEPTH) throw new Unusual('too deep');
  if (parent?.multipart === 'digest') throw new Unusual('multipart/digest');
  const block = readHeaderBlock(s.buf, start, s.stack.length > 0 ? s.isDelimiter : null, MAX_HEADER_BYTES - s.headerBytes);
  const headerEnd = block.end;
  const bodyStart = block.bodyStart;
  s.headerBytes += headerEnd - start;
  if (s.headerBytes > MAX_HEADER_BYTES) throw new Unusual('huge headers');
  const headers = block.fields;
  const ct = parseStructured(first(headers, 'content-type') ?? 'text/plain');
  const multipart = /^multipart\//i.test(ct.value) ? ct.value.slice(ct.value.indexOf('/') + 1) : false;
  const disposition = parseStructured(first(headers, 'content-disposition') ?? '');
  return {
    parent,
    depth,
    type: ct.value,
    params: ct.params,
    multipart,
    boundary: multipart && ct.params.boundary ? Buffer.from(ct.params.boundary, 'utf8') : null,
    disposition: disposition.value,
    dispositionParams: disposition.params,
    contentId: first(headers, 'content-id'),
    encoding: transferEncoding(first(headers, 'content-transfer-encoding') ?? '8bit'),
    bodyStart,
    end: bodyStart < 0 ? headerEnd : -1,
    children: [],
    headers,
  };
}

/**
 * The first line starting with "--" at or after `pos` (itself a line start), or -1. Searching for "--" rather
 * than "\n--" lets memchr run over base64 bodies (no "-" in them) instead of stopping at every line feed:
 * 2-3x less time in this search, which was a quarter of the reader's CPU. A "--" inside a line means no
 * line starts with it before that line's end, so the search goes on from the next line.
 */
export function nextDashLine(buf: Buffer, pos: number): number {
  let from = pos;
  for (;;) {
    const k = buf.indexOf(DASHES, from);
    if (k < 0) return -1;
    if (k === pos || buf[k - 1] === LF) return k;
    const nl = buf.indexOf(LF, k);
    if (nl < 0) return -1;
    from = nl + 1;
  }
}

/** The part tree, with each leaf's body as a byte range of the source. */
function scan(buf: Buffer): Part {
  const s: Scan = { buf, stack: [], parts: 0, headerBytes: 0, isDelimiter: (p, e) => delimiterOf(s, p, e) !== null };
  const root = openPart(s, null, 0);
  let current = root;
  if (root.bodyStart < 0) return root;
  if (root.boundary) s.stack.push(root);
  let pos = root.bodyStart;
  while (s.stack.length > 0 && pos < buf.length) {
    const p = nextDashLine(buf, pos);
    if (p < 0) break;
    const { end, next } = lineEnd(buf, p);
    const hit = delimiterOf(s, p, end);
    if (!hit) {
      pos = next;
      continue;
    }
    if (!current.multipart && current.end < 0) current.end = p;
    const owner = s.stack[hit.index] as Part;
    s.stack.length = hit.index + 1;
    if (hit.close) {
      s.stack.pop();
      current = owner.parent ?? root;
      pos = next;
      continue;
    }
    const child = openPart(s, owner, next);
    owner.children.push(child);
    current = child;
    if (child.bodyStart < 0) {
      pos = child.end; // the header was cut by a delimiter line (or ran to the end)
      continue;
    }
    if (child.boundary) s.stack.push(child);
    pos = child.bodyStart;
  }
  // A leaf root is `current` here too (nothing else was opened).
  if (!current.multipart && current.end < 0) current.end = buf.length;
  return root;
}

interface TextEntry {
  plain: Part[];
  html: Part[];
}

function decodeText(buf: Buffer, part: Part): string {
  const decoder = textDecoderFor(part.params.charset);
  if (part.bodyStart < 0) return '';
  const text = decoder.decode(decodeBody(buf, part.bodyStart, part.end, part.encoding));
  return /^flowed$/i.test(part.params.format ?? '') ? decodeFlowedText(text, /^yes$/i.test(part.params.delsp ?? '')) : text;
}

/** postal-mime re-encodes a calendar part (Outlook invitations) as UTF-8 text ending in exactly one LF. */
function calendarSize(buf: Buffer, part: Part): number {
  const text = decodeText(buf, part).replace(/\r?\n/g, '\n');
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x0a) end--;
  return Buffer.byteLength(text.slice(0, end) + '\n', 'utf8');
}

function attachmentOf(buf: Buffer, part: Part, related: boolean): ViewAttachment {
  const filename = part.dispositionParams.filename || part.params.name || null;
  const calendar = part.type === 'text/calendar' || part.type === 'application/ics';
  return {
    filename: filename ? decodeWords(filename) : null,
    mimeType: part.type,
    disposition: part.disposition || null,
    related: related && !!part.contentId,
    contentId: part.contentId || undefined,
    size: calendar ? calendarSize(buf, part) : part.bodyStart < 0 ? 0 : decodedBodySize(buf, part.bodyStart, part.end, part.encoding),
  };
}

/** postal-mime's collectNode + renderTextContent, for the shapes that need no HTML ⇄ text conversion. */
function collect(buf: Buffer, root: Part): { text: string; textIsHtml: boolean; attachments: ViewAttachment[] } {
  const texts = new Map<Part, TextEntry>();
  const attachments: ViewAttachment[] = [];
  let anyPlain = false;
  let anyHtml = false;
  const walk = (node: Part, alternative: Part | null, related: boolean) => {
    if (!node.multipart) {
      if (node.type.startsWith('message/')) throw new Unusual('message part');
      const isText = node.type === 'text/plain' || node.type === 'text/html';
      if (node.disposition !== 'attachment' && isText) {
        const selector = alternative ?? node;
        const entry = texts.get(selector) ?? { plain: [], html: [] };
        texts.set(selector, entry);
        if (node.type === 'text/html') {
          entry.html.push(node);
          anyHtml = true;
        } else {
          entry.plain.push(node);
          anyPlain = true;
        }
      } else attachments.push(attachmentOf(buf, node, related));
    } else if (node.multipart === 'alternative') alternative = node;
    else if (node.multipart === 'related') related = true;
    for (const child of node.children) walk(child, alternative, related);
  };
  walk(root, null, false);

  const entries = [...texts.values()];
  if (anyPlain) {
    if (entries.some((e) => e.plain.length === 0)) throw new Unusual('html part rendered as text');
    const text = entries.flatMap((e) => e.plain.map((p) => decodeText(buf, p))).join('\n');
    if (text === '' && anyHtml) throw new Unusual('empty plain text beside html');
    return { text, textIsHtml: false, attachments };
  }
  if (anyHtml) {
    const html = entries.flatMap((e) => e.html.map((p) => decodeText(buf, p))).join('\n');
    return { text: html, textIsHtml: true, attachments };
  }
  return { text: '', textIsHtml: false, attachments };
}

function addresses(headers: HeaderField[], key: string): ViewAddress[] | undefined {
  const out: ViewAddress[] = [];
  for (const h of headers) if (h.key === key && h.value) for (const a of parseAddresses(h.value)) out.push(a);
  return out.length ? out : undefined;
}

function decoded(headers: HeaderField[], key: string): string | undefined {
  const v = first(headers, key);
  return v ? decodeWords(v) : undefined;
}

/** The message's fields, or null when its shape needs postal-mime (see the header comment). */
export function readMessage(raw: Uint8Array): MailView | null {
  const r = readOrExplain(raw);
  return typeof r === 'string' ? null : r;
}

/** Like readMessage, but says why a message is left to postal-mime (bench/parse-corpus.ts reports it). */
export function readOrExplain(raw: Uint8Array): MailView | string {
  const buf = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  try {
    const root = scan(buf);
    const body = collect(buf, root);
    const h = root.headers;
    const fromValue = first(h, 'from');
    return {
      from: fromValue ? (parseAddresses(fromValue)[0]) : undefined,
      to: addresses(h, 'to'),
      cc: addresses(h, 'cc'),
      replyTo: addresses(h, 'reply-to'),
      subject: decoded(h, 'subject'),
      messageId: decoded(h, 'message-id'),
      date: first(h, 'date'),
      ...body,
    };
  } catch (err) {
    if (err instanceof Unusual) return err.message;
    throw err;
  }
}
