// A very long message (issue 10): GET /inbox/messages/{id} sends its text and HTML cut cleanly at
// BODY_LIMIT_CHARS with body_truncated/body_length, GET /inbox/messages/{id}/body the whole; search (FTS) and
// the snippet are those of the whole message, unaffected by the cut. Real Dovecot, real core, real server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT_CHARS } from '../../shared/body-cut.js';
import type { MessageBody, MessageDetail, MessagePage } from '../../shared/types.js';
import { makeMessage } from '../fixtures/messages.js';
import { ALICE, errorOf, request, seedBody, startStack, type Stack } from './server-harness.js';

let s: Stack;
const TEXT = `Début zanzibar du message.\n${Array.from({ length: 40_000 }, (_, i) => `ligne ${i}`).join('\n')}\nfin du texte.\n`;
const HTML = `<p>Début zanzibar du message.</p>${Array.from({ length: 30_000 }, (_, i) => `<p class="l">ligne &amp; ${i}</p>`).join('')}<p>fin du HTML.</p>`;

beforeAll(async () => {
  s = await startStack();
  await s.dovecot.append(ALICE, makeMessage({ subject: 'Très long', body: TEXT, html: HTML }));
  await s.dovecot.append(ALICE, makeMessage({ subject: 'Court', body: 'Un message court zanzibar.' }));
  const box = await s.core.api.createMailbox(seedBody(s.dovecot, ALICE));
  expect((await s.core.api.syncMailbox({ id: box.id })).status).toBe('success');
}, 120_000);
afterAll(async () => s?.stop());

async function bySubject(subject: string): Promise<MessageDetail> {
  const page = (await request(s.server, 'GET', '/inbox/messages?q=zanzibar')).body as MessagePage;
  const row = page.items.find((m) => m.subject === subject);
  if (!row) throw new Error(`${subject} not found by search`);
  const r = await request(s.server, 'GET', `/inbox/messages/${row.id}`);
  expect(r.status).toBe(200);
  const detail = r.body as MessageDetail;
  expect(detail.snippet).toBe(row.snippet);
  return detail;
}

describe('a bounded message body', () => {
  it('getMessage cuts a long body cleanly and says so; the body route gives the whole', async () => {
    expect(TEXT.length).toBeGreaterThan(BODY_LIMIT_CHARS);
    expect(HTML.length).toBeGreaterThan(BODY_LIMIT_CHARS);
    const detail = await bySubject('Très long');
    expect(detail.body_truncated).toBe(true);
    const whole = await request(s.server, 'GET', `/inbox/messages/${detail.id}/body`);
    expect(whole.status).toBe(200);
    const body = whole.body as MessageBody;
    expect(body.html?.trimEnd()).toBe(HTML); // the parser keeps the part's final line break
    expect(body.text).toContain('fin du texte.');
    expect(body.text.length).toBeGreaterThan(BODY_LIMIT_CHARS);
    expect(detail.body_length).toBe(body.html?.length);
    expect(detail.text.length).toBeLessThanOrEqual(BODY_LIMIT_CHARS);
    expect(TEXT.replace(/\r\n/g, '\n').startsWith(detail.text.replace(/\r\n/g, '\n'))).toBe(true);
    expect(detail.text).not.toContain('fin du texte');
    const html = detail.html ?? '';
    expect(html.length).toBeLessThanOrEqual(BODY_LIMIT_CHARS);
    expect(html.length).toBeGreaterThan(BODY_LIMIT_CHARS - 40);
    expect(HTML.startsWith(html)).toBe(true);
    expect(html).toMatch(/<\/p>$|>[^<>&]*$/); // ends in text, never inside a tag or an entity
    expect(html).not.toContain('fin du HTML');
  });

  it('a short message is whole at once; search and snippets are those of the whole message', async () => {
    const short = await bySubject('Court');
    expect(short.body_truncated).toBe(false);
    expect(short.body_length).toBe(short.text.length);
    expect((await request(s.server, 'GET', `/inbox/messages/${short.id}/body`)).body).toEqual({ text: short.text, html: null });
    const long = await bySubject('Très long');
    expect(long.snippet).toMatch(/^Début zanzibar du message\. ligne 0 ligne 1/);
    // A word the cut body no longer holds but the stored search text does (the first 64 KiB of text).
    const page = (await request(s.server, 'GET', '/inbox/messages?q=ligne')).body as MessagePage;
    expect(page.items.map((m) => m.subject)).toEqual(['Très long']);
  });

  it('the body of an unknown message is a 404 with the usual error', async () => {
    const r = await request(s.server, 'GET', '/inbox/messages/999999/body');
    expect(r.status).toBe(404);
    expect(errorOf(r).code).toBe('NOT_FOUND');
  });
});
