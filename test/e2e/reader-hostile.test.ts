// The reader stays responsive on any message, measured in real Chromium against `releve serve`: one unbroken
// 5 MB line (text and HTML), megabytes of HTML, deep nesting, thousands of attachments, broken multipart.
// Each body must be visible within a bound (the goal is 2 s; the bound leaves room for a shared, loaded machine;
// the times are printed), the "show the whole message" path too, and a damaged message says so (FR) with what
// could be read. What reaches the browser when opening is bounded too: the core sends the body cut (issue 10).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame } from 'playwright-core';
import { startE2E, type E2EStack } from './helpers/stack.js';

const ALICE = { user: 'alice@example.test', password: 'alice-Secret-1' };
/** Opening one message: 4× the 2 s goal, so a shared 2-core machine under load does not make this flaky. */
const OPEN_BOUND_MS = 8_000;
/** "Show the whole message" renders megabytes on purpose: only a generous bound. */
const BOUND_MS = 20_000;
/** The body getMessage sends is cut at 300 000 characters: no WebSocket frame near the message's megabytes. */
const MAX_FRAME_CHARS = 1_000_000;
let s: E2EStack;
const timings: Record<string, number> = {};
const frames: Record<string, number> = {};
/** Characters of the largest WebSocket frame the page received since `open` last reset it. */
let largestFrame = 0;

function mail(subject: string, contentType: string, body: string, extraHeaders: string[] = []): string {
  return [
    'From: Expéditeur <sender@example.test>',
    `To: ${ALICE.user}`,
    `Subject: ${subject}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <${subject.replace(/\W/g, '')}@example.test>`,
    'MIME-Version: 1.0',
    `Content-Type: ${contentType}`,
    ...extraHeaders,
    '',
    body,
  ].join('\r\n');
}
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64').replace(/.{1,76}/g, '$&\r\n');

const LONG_TEXT = 'Ligne sans fin';
const LONG_HTML = 'Mot HTML sans fin';
const BIG_HTML = 'HTML de plusieurs mégaoctets';
const DEEP = 'Imbrication profonde';
const MANY = 'Trois mille pièces jointes';
const NO_BOUNDARY = 'Multipart sans frontière';
const LOST_BOUNDARY = 'Multipart à la frontière perdue';

function messages(): string[] {
  const many = Array.from({ length: 3000 }, (_, i) =>
    [`--mb`, `Content-Type: text/plain; name="f${i}.txt"`, `Content-Disposition: attachment; filename="f${i}.txt"`, '', `pièce ${i}`].join('\r\n'),
  ).join('\r\n');
  return [
    mail(LONG_TEXT, 'text/plain; charset=utf-8', b64(`Début. ${'x'.repeat(5_000_000)} fin.`), ['Content-Transfer-Encoding: base64']),
    mail(LONG_HTML, 'text/html; charset=utf-8', b64(`<p>Début.</p><p>${'y'.repeat(5_000_000)}</p>`), ['Content-Transfer-Encoding: base64']),
    mail(BIG_HTML, 'text/html; charset=utf-8', b64(`<h1>Grand</h1>${'<p>Un paragraphe ordinaire de lettre commerciale, avec des mots. </p>'.repeat(60_000)}`), ['Content-Transfer-Encoding: base64']),
    mail(DEEP, 'text/html; charset=utf-8', b64(`<p>Profond</p>${'<div><table><tr><td>'.repeat(3000)}fond${'</td></tr></table></div>'.repeat(3000)}`), ['Content-Transfer-Encoding: base64']),
    mail(MANY, 'multipart/mixed; boundary="mb"', `--mb\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nVoici les fichiers.\r\n${many}\r\n--mb--\r\n`),
    mail(NO_BOUNDARY, 'multipart/mixed', 'Bonjour, ce texte reste lisible.\r\n--zz\r\nContent-Type: text/plain\r\n\r\npartie\r\n--zz--\r\n'),
    mail(LOST_BOUNDARY, 'multipart/mixed; boundary="abc"', 'Texte encore lisible malgré tout.\r\n--zzz\r\nContent-Type: text/plain\r\n\r\nautre\r\n'),
  ];
}

beforeAll(async () => {
  s = await startE2E({ users: [ALICE], locale: 'fr', idle: false });
  for (const m of messages()) await s.dovecot.append(ALICE.user, m);
  await s.addMailbox(ALICE.user, { name: 'Alice' });
  const results = await s.core.runOnce({ force: true });
  expect(results.map((r) => r.status)).toEqual(['success']);
  s.page.on('websocket', (ws) => ws.on('framereceived', (f) => {
    largestFrame = Math.max(largestFrame, f.payload.length);
  }));
  await s.open();
}, 180_000);

afterAll(async () => {
   
  console.log('reader: ms until each body was visible', timings);
  console.log('reader: largest WebSocket frame received while opening (characters)', frames);
  await s?.stop();
});

const row = (subject: string) =>
  s.page.getByTestId('msg-list').getByTestId('msg-row').filter({ has: s.page.locator('.msg-subject', { hasText: subject }) });

async function frame(): Promise<Frame> {
  const el = s.page.getByTestId('reader-frame');
  await el.waitFor();
  const f = await (await el.elementHandle())?.contentFrame();
  if (!f) throw new Error('reader frame has no document');
  return f;
}

/** Opens a message and waits until `visible` says its body is laid out on screen; returns the time taken. */
async function open(subject: string, visible: () => Promise<void>): Promise<number> {
  await row(subject).waitFor();
  largestFrame = 0;
  const start = Date.now();
  await row(subject).click();
  await s.page.locator(`[data-testid="reader-subject"]`, { hasText: subject }).waitFor({ timeout: OPEN_BOUND_MS });
  await visible();
  const ms = Date.now() - start;
  timings[subject] = ms;
  frames[subject] = largestFrame;
  expect(largestFrame).toBeLessThan(MAX_FRAME_CHARS);
  return ms;
}

const textVisible = (needle: string) => async () => {
  await s.page.getByTestId('reader-text').filter({ hasText: needle }).waitFor({ state: 'visible', timeout: OPEN_BOUND_MS });
};
const frameVisible = (selector: string, needle: string) => async () => {
  const f = await frame();
  await f.locator(selector, { hasText: needle }).first().waitFor({ state: 'visible', timeout: OPEN_BOUND_MS });
};

describe('the reader on hostile messages', () => {
  it('one unbroken 5 MB line of text: visible at once, capped, and the whole message on demand', async () => {
    expect(await open(LONG_TEXT, textVisible('Début.'))).toBeLessThan(OPEN_BOUND_MS);
    await s.page.getByTestId('reader-truncated').waitFor();
    const start = Date.now();
    await s.page.getByTestId('show-whole-message').click();
    await s.page.getByTestId('reader-text').filter({ hasText: 'fin.' }).waitFor({ timeout: BOUND_MS });
    timings[`${LONG_TEXT} (whole)`] = Date.now() - start;
    // The page still answers: the message list can be scrolled and another message opened.
    expect(await s.page.getByTestId('reader-truncated').count()).toBe(0);
  });

  it('one unbroken 5 MB word of HTML', async () => {
    expect(await open(LONG_HTML, frameVisible('p', 'Début.'))).toBeLessThan(OPEN_BOUND_MS);
    await s.page.getByTestId('show-whole-message').waitFor();
  });

  it('4 MB of ordinary HTML', async () => {
    expect(await open(BIG_HTML, frameVisible('h1', 'Grand'))).toBeLessThan(OPEN_BOUND_MS);
  });

  it('3000 levels of nested tables', async () => {
    expect(await open(DEEP, frameVisible('p', 'Profond'))).toBeLessThan(OPEN_BOUND_MS);
  });

  it('3000 attachments: the first 100 listed, all on demand', async () => {
    expect(await open(MANY, textVisible('Voici les fichiers.'))).toBeLessThan(OPEN_BOUND_MS);
    const list = s.page.getByTestId('reader-attachments').getByTestId('attachment');
    expect(await list.count()).toBe(100);
    await s.page.getByTestId('attachments-show-all').click();
    await expect.poll(() => list.count(), { timeout: BOUND_MS }).toBe(3000);
  });

  it('broken multipart: what could be read, and a notice that the message is damaged', async () => {
    for (const [subject, text] of [[NO_BOUNDARY, 'ce texte reste lisible'], [LOST_BOUNDARY, 'Texte encore lisible']] as const) {
      expect(await open(subject, textVisible(text))).toBeLessThan(OPEN_BOUND_MS);
      const notice = s.page.getByTestId('reader-parse-error');
      await notice.waitFor();
      expect(await notice.textContent()).toContain('Message endommagé');
    }
  });
});
