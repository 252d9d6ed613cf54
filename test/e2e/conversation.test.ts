// The conversation in the reader, in Chromium against `releve serve`, the core and Dovecot: a client wrote to
// contact@, a colleague answered from sales@ (its Sent folder), the client answered that to sales@. Opening the
// client's reply shows the original and the colleague's answer above it, oldest first; a click on the original
// opens it, and the thread then marks it as the open one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMessage, newMessageId } from '../fixtures/dovecot.js';
import { screenshot } from './helpers/screenshots.js';
import { startE2E, type E2EStack } from './helpers/stack.js';

const CONTACT = { user: 'contact@example.test', password: 'contact-Pw-7h3' };
const SALES = { user: 'ventes@example.test', password: 'ventes-Pw-2q9' };
const SUBJECT = 'Devis pour un buffet de 40 couverts';
let s: E2EStack;

beforeAll(async () => {
  s = await startE2E({
    users: [CONTACT, SALES], locale: 'fr', idle: false,
    dovecot: { namespace: { separator: '/', mailboxes: [{ name: 'Envoyés', specialUse: '\\Sent' }] } },
  });
  const question = newMessageId('client.example.fr');
  const answer = newMessageId('example.test');
  const day = (d: number, h: number) => new Date(Date.UTC(2026, 10, d, h, 0, 0));
  await s.dovecot.append(CONTACT.user, makeMessage({
    subject: SUBJECT, from: 'Camille Rousseau <camille@client.example.fr>', to: CONTACT.user, messageId: question, date: day(10, 8),
    body: 'Bonjour,\n\nPourriez-vous nous faire un devis pour un buffet de 40 couverts le 14 juin ?\n\nCamille',
  }));
  await s.dovecot.append(SALES.user, makeMessage({
    subject: `Re: ${SUBJECT}`, from: `Léa Martin <${SALES.user}>`, to: 'camille@client.example.fr', messageId: answer, date: day(11, 14),
    headers: [`In-Reply-To: ${question}`, `References: ${question}`], body: 'Bonjour Camille,\n\nVoici notre devis : 22 € par personne.\n\nLéa',
  }), { folder: 'Envoyés', flags: ['\\Seen'] });
  await s.dovecot.append(SALES.user, makeMessage({
    subject: `RE: ${SUBJECT}`, from: 'Camille Rousseau <camille@client.example.fr>', to: SALES.user, date: day(12, 9),
    headers: [`In-Reply-To: ${answer}`, `References: ${question} ${answer}`], body: 'Parfait, nous confirmons pour le 14 juin.\n\nCamille',
  }));
  await s.addMailbox(CONTACT.user, { name: 'Contact', color: '#2563eb' });
  await s.addMailbox(SALES.user, { name: 'Ventes', color: '#dc2626' });
  await s.core.runOnce({ force: true });
  await s.open();
}, 180_000);

afterAll(async () => {
  await s?.stop();
});

describe('the conversation in the reader', () => {
  it('opens a reply, shows the original across mailboxes, opens the original by a click', async () => {
    const { page } = s;
    await page.getByTestId('nav-inbox').click();
    await page.getByTestId('msg-row').filter({ hasText: `RE: ${SUBJECT}` }).click();
    await expect.poll(() => page.getByTestId('reader-subject').textContent()).toBe(`RE: ${SUBJECT}`);

    const conversation = page.getByTestId('conversation');
    await conversation.waitFor();
    expect(await conversation.getByRole('heading').textContent()).toBe('Conversation (3 messages)');
    const items = conversation.getByTestId('conversation-item');
    expect(await items.locator('.conversation-who').allTextContents()).toEqual(['Camille Rousseau', 'Léa Martin', 'Camille Rousseau']);
    expect(await items.locator('.mailbox-chip-name').allTextContents()).toEqual(['Contact', 'Ventes', 'Ventes']);
    expect(await items.nth(0).locator('.conversation-first').textContent()).toContain('Pourriez-vous nous faire un devis');
    expect(await items.nth(2).getAttribute('aria-current')).toBe('true');
    // The colleague's answer unfolds in place.
    await items.nth(1).getByTestId('conversation-toggle').click();
    expect(await items.nth(1).getByTestId('conversation-more').textContent()).toContain('22 € par personne');
    await screenshot(page, 'conversation-thread');

    // A click on the original opens it; the thread now marks it.
    await items.nth(0).getByTestId('conversation-open').click();
    await expect.poll(() => page.getByTestId('reader-subject').textContent()).toBe(SUBJECT);
    expect(await page.getByTestId('reader-mailboxes').textContent()).toContain('Contact');
    await expect.poll(() => page.getByTestId('conversation-item').nth(0).getAttribute('aria-current')).toBe('true');
    expect(await page.getByTestId('conversation-item').nth(2).getAttribute('aria-current')).toBeNull();
  });
});
