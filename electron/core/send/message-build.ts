// Turns a message description into its final bytes, once: nodemailer's MailComposer writes the MIME (UTF-8
// subjects and names as encoded-words, quoted-printable or base64 bodies, attachments), we only choose the
// headers. The Message-ID is on the sender's domain so replies thread and servers do not flag it.
import { randomBytes } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Address } from '../../../shared/types.js';

export interface MessageSpec {
  from: Address;
  to: Address[];
  cc: Address[];
  bcc: Address[];
  subject: string;
  text: string;
  html: string | null;
  attachments: Array<{ filename: string; content: Buffer; contentType?: string }>;
  inReplyTo: string | null;
  references: string[];
  date: Date;
}

export interface BuiltMessage {
  raw: Buffer;
  /** With angle brackets, as in the header. */
  messageId: string;
  envelope: { from: string; to: string[] };
}

/** "<random@domain>" on the domain of the sending address. */
function newMessageId(fromAddress: string): string {
  const domain = fromAddress.slice(fromAddress.lastIndexOf('@') + 1).toLowerCase() || 'releve.invalid';
  return `<${randomBytes(12).toString('hex')}.${Date.now().toString(36)}@${domain}>`;
}

const nm = (a: Address) => (a.name ? { name: a.name, address: a.address } : a.address);

export async function buildMessage(spec: MessageSpec): Promise<BuiltMessage> {
  const messageId = newMessageId(spec.from.address);
  const composer = new MailComposer({
    from: nm(spec.from),
    to: spec.to.map(nm),
    cc: spec.cc.map(nm),
    // Bcc is kept out of the headers (only in the envelope).
    subject: spec.subject,
    text: spec.text,
    ...(spec.html !== null ? { html: spec.html } : {}),
    attachments: spec.attachments.map((a) => ({
      filename: a.filename,
      content: a.content,
      ...(a.contentType ? { contentType: a.contentType } : {}),
    })),
    messageId,
    date: spec.date,
    ...(spec.inReplyTo ? { inReplyTo: spec.inReplyTo } : {}),
    ...(spec.references.length > 0 ? { references: spec.references.join(' ') } : {}),
    headers: { 'X-Mailer': 'Releve' },
  });
  const raw = await composer.compile().build();
  const to = [...new Set([...spec.to, ...spec.cc, ...spec.bcc].map((a) => a.address.toLowerCase()))];
  return { raw, messageId, envelope: { from: spec.from.address, to } };
}
