// Replying in Chromium against the real stack (`releve serve`'s server, the core, Dovecot) and a real SMTP
// server: the reply arrives once with the right threading headers, the outbox shows "Annuler l'envoi" then
// "Envoyé", the copy is in Sent, and the conversation holds both (\Answered: test/core/send.test.ts). Screenshots for the README.
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMessage } from '../fixtures/dovecot.js';
import { startSmtpServer, type SmtpHandle } from '../fixtures/smtp.js';
import { screenshot } from './helpers/screenshots.js';
import { startE2E, type E2EStack } from './helpers/stack.js';

const ALICE = { user: 'accueil@example.test', password: 'accueil-Pw-4k2' };
const ORIGINAL_ID = '<devis-88@client.example.fr>';
let smtp: SmtpHandle;
let s: E2EStack;

beforeAll(async () => {
  smtp = await startSmtpServer({ mode: 'tls', users: [ALICE] });
  s = await startE2E({ users: [ALICE], locale: 'fr', idle: false, extraCa: [smtp.caPem], outbox: { undoSeconds: 4, retryBaseMs: 500 } });
  await s.dovecot.append(ALICE.user, makeMessage({
    subject: 'Demande de devis — mariage en juin',
    from: 'Camille Rousseau <camille@client.example.fr>',
    to: ALICE.user,
    messageId: ORIGINAL_ID,
    body: 'Bonjour,\n\nPourriez-vous nous faire un devis pour 80 personnes le 14 juin ?\n\nCamille',
  }));
  await s.addMailbox(ALICE.user, {
    name: 'Accueil', color: '#2563eb', smtp_server: '127.0.0.1', smtp_port: smtp.port, smtp_use_ssl: true,
    sender_name: 'Traiteur Martin', signature: 'Traiteur Martin — 05 56 00 00 00',
  });
  await s.core.runOnce({ force: true });
  await s.open();
}, 180_000);

afterAll(async () => {
  await s?.stop();
  await smtp?.stop();
});

describe('reply from the unified inbox', () => {
  it('reply, undo window, sent once, filed in Sent, one conversation', async () => {
    const { page } = s;
    await page.getByTestId('nav-inbox').click();
    await page.getByTestId('msg-row').first().click();
    await page.getByTestId('reply').click();
    await page.getByTestId('compose-text').fill('Bonjour Camille,\n\nAvec plaisir : le devis suit d’ici demain.\n\nBien cordialement');
    await screenshot(page, 'compose-1-reply', { docs: 'compose-reply' });

    await page.getByTestId('compose-send').click();
    const item = page.getByTestId('outbox-item').first();
    await item.getByTestId('outbox-undo').waitFor();
    await screenshot(page, 'compose-2-outbox-undo', { docs: 'outbox-undo' });
    await page.locator('[data-testid="outbox-item"][data-state="sent"]').waitFor({ timeout: 20_000 });
    await screenshot(page, 'compose-3-outbox-sent', { docs: 'outbox-sent' });
    // The reader shows the conversation: the customer's message and the reply sent from Relève.
    const conversation = page.getByTestId('conversation');
    await conversation.locator('[data-testid="conversation-item"][data-sent="true"]').waitFor();
    expect(await conversation.getByTestId('conversation-item').count()).toBe(2);
    await screenshot(page, 'compose-4-conversation', { docs: 'conversation' });

    expect(smtp.received).toHaveLength(1);
    const mail = await PostalMime.parse(smtp.received[0]!.raw);
    expect(mail.from).toMatchObject({ name: 'Traiteur Martin', address: ALICE.user });
    expect(mail.to).toEqual([{ name: 'Camille Rousseau', address: 'camille@client.example.fr' }]);
    expect(mail.inReplyTo).toBe(ORIGINAL_ID);
    expect(mail.references).toBe(ORIGINAL_ID);
    expect(mail.text).toContain('Avec plaisir');
    expect(mail.text).toContain('> Pourriez-vous nous faire un devis');

    const [original] = (await s.core.api.listMessages({})).items;
    const outbox = await s.core.api.listOutbox();
    await expect.poll(async () => (await s.core.api.listOutbox())[0]?.sent_copy, { timeout: 20_000 }).toBe('done');
    expect(await s.dovecot.messageIds(ALICE.user, 'Sent')).toEqual([outbox[0]!.message_id]);
    const thread = await s.core.api.getThread({ id: original!.id });
    expect(thread.messages.map((m) => m.message_id)).toEqual([ORIGINAL_ID]);
    expect(thread.outbox.map((o) => o.message_id)).toEqual([outbox[0]!.message_id]);
  }, 120_000);
});
