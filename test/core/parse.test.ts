// The MIME parser on real message shapes: charsets, HTML-only, attachments, garbage.
import { expect, it } from 'vitest';
import { extractAttachment, parseForReader, parseMessage } from '../../electron/core/parse/parse-message.js';
import { ParsePool } from '../../electron/core/parse/parse-pool.js';
import { makeFrenchMessage, makeMessage } from '../fixtures/dovecot.js';

const enc = (s: string) => Buffer.from(s, 'latin1');

it('decodes encoded headers and quoted-printable ISO-8859-1 bodies', async () => {
  const f = await parseMessage(Buffer.from(makeFrenchMessage({ charset: 'iso-8859-1', messageId: '<fr@x>' })));
  expect(f.subject).toMatch(/^Réunion/);
  expect(f.from).toEqual({ name: 'Hélène Dupré', address: 'helene.dupre@example.test' });
  expect(f.message_id).toBe('<fr@x>');
  expect(f.body_text).toMatch(/é/);
  expect(f.parse_error).toBeNull();
  expect(f.content_key).toHaveLength(32);
});

it('makes a snippet and search text from an HTML-only body', async () => {
  const raw = 'Subject: promo\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><head><style>p{}</style></head><body><p>Bonjour &eacute;quipe</p><script>x()</script></body></html>\r\n';
  const f = await parseMessage(Buffer.from(raw));
  expect(f.snippet).toBe('Bonjour équipe');
  expect(f.body_text).not.toContain('x()');
  const r = await parseForReader(Buffer.from(raw));
  expect(r.html).toContain('<p>');
});

it('lists attachments and extracts their bytes', async () => {
  const content = Buffer.from('%PDF-1.4 fake pdf bytes');
  const raw = makeMessage({ attachment: { filename: 'facture.pdf', content, type: 'application/pdf' } });
  const f = await parseMessage(Buffer.from(raw));
  expect(f.has_attachments).toBe(true);
  expect(f.attachments).toEqual([
    expect.objectContaining({ index: 0, filename: 'facture.pdf', content_type: 'application/pdf', size: content.length, inline: false }),
  ]);
  const a = await extractAttachment(Buffer.from(raw), 0);
  expect(Buffer.from(a!.content).equals(content)).toBe(true);
  expect(await extractAttachment(Buffer.from(raw), 5)).toBeNull();
});

it('never throws on garbage and keeps what it can', async () => {
  for (const raw of ['', '\x00\xff\xfe', 'no header at all', 'Subject: =?x?Q?broken\r\n\r\n\xff\xff']) {
    const f = await parseMessage(enc(raw));
    expect(typeof f.subject).toBe('string');
    expect(f.content_key).toHaveLength(32);
  }
});

it('the same header block gives the same content key as the full message (UIDVALIDITY re-link)', async () => {
  const raw = makeMessage({ subject: 'Clé', messageId: '<k@x>', cc: 'c@x.test' });
  const headerEnd = raw.indexOf('\r\n\r\n');
  const headersOnly = raw.slice(0, headerEnd) + '\r\n\r\n';
  const a = await parseMessage(Buffer.from(raw));
  const b = await parseMessage(Buffer.from(headersOnly));
  expect(b.content_key).toBe(a.content_key);
});

it('parses in worker threads with the same result as in-process', async () => {
  const pool = new ParsePool(1);
  try {
    expect(pool.workerCount).toBe(1);
    const raw = Buffer.from(makeFrenchMessage({ messageId: '<w@x>' }));
    const [viaWorker, inline] = await Promise.all([pool.parse(raw), parseMessage(raw)]);
    expect(viaWorker).toEqual(inline);
  } finally {
    await pool.close();
  }
});
