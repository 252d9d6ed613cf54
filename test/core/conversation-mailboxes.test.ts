// The conversation across the company's mailboxes (issue 15's "conversation view"): a client writes to contact@,
// a colleague answers from sales@ (the answer is in sales@'s Sent folder), the client answers that to sales@.
// A real Dovecot, a real sync into a real SQLite store: getThread, asked from any of the three, returns the
// three in date order, and not a mail that only shares the subject while answering another conversation.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/create-core.js';
import type { Core } from '../../electron/core/model.js';
import type { MessageSummary } from '../../shared/types.js';
import { makeMessage, newMessageId, startDovecot, type DovecotHandle } from '../fixtures/dovecot.js';

const CONTACT = { user: 'contact@example.test', password: 'contact-Pw-9k2' };
const SALES = { user: 'sales@example.test', password: 'sales-Pw-3m7' };
const SUBJECT = 'Devis pour 40 couverts';

let dovecot: DovecotHandle;
let dataDir: string;
let core: Core;
const question = newMessageId('client.example.fr');
const answer = newMessageId('example.test');
const followUp = newMessageId('client.example.fr');
const elsewhere = newMessageId('autre.example.fr');

async function listed(): Promise<MessageSummary[]> {
  const mailboxes = await core.api.listMailboxes();
  const all: MessageSummary[] = [];
  for (const mb of mailboxes) {
    for (const folder of ['inbox', 'sent'] as const) all.push(...(await core.api.listMessages({ mailbox_id: mb.id, folder, limit: 100 })).items);
  }
  return all;
}

beforeAll(async () => {
  dovecot = await startDovecot({
    users: [CONTACT, SALES],
    namespace: { separator: '/', mailboxes: [{ name: 'Envoyés', specialUse: '\\Sent' }] },
  });
  const day = (d: number, h: number) => new Date(Date.UTC(2026, 10, d, h, 0, 0));
  // Appended out of order on purpose: the conversation is ordered by date, not by arrival.
  await dovecot.append(SALES.user, makeMessage({
    subject: `RE: ${SUBJECT}`, from: 'Client <client@client.example.fr>', to: SALES.user, messageId: followUp, date: day(12, 9),
    headers: [`In-Reply-To: ${answer}`, `References: ${question} ${answer}`], body: 'Parfait, on confirme pour samedi.\n',
  }));
  await dovecot.append(CONTACT.user, makeMessage({
    subject: SUBJECT, from: 'Client <client@client.example.fr>', to: CONTACT.user, messageId: question, date: day(10, 8),
    body: 'Bonjour, pouvez-vous nous faire un devis ?\n',
  }));
  await dovecot.append(SALES.user, makeMessage({
    subject: `Re: ${SUBJECT}`, from: `Ventes <${SALES.user}>`, to: 'client@client.example.fr', messageId: answer, date: day(11, 14),
    headers: [`In-Reply-To: ${question}`, `References: ${question}`], body: 'Bonjour, voici notre devis.\n',
  }), { folder: 'Envoyés', flags: ['\\Seen'] });
  // Same subject, but answering another conversation: not part of this one.
  await dovecot.append(CONTACT.user, makeMessage({
    subject: `Re: ${SUBJECT}`, from: 'Autre <autre@autre.example.fr>', to: CONTACT.user, messageId: newMessageId('autre.example.fr'), date: day(11, 10),
    headers: [`In-Reply-To: ${elsewhere}`, `References: ${elsewhere}`],
  }));

  dataDir = mkdtempSync(path.join(os.tmpdir(), 'releve-conversation-'));
  core = createCore({ dataDir, tlsCa: [dovecot.caPem], locale: 'fr', idle: false });
  for (const u of [CONTACT, SALES]) {
    const mb = await core.api.createMailbox({
      name: u.user.split('@')[0]!, imap_server: '127.0.0.1', imap_port: dovecot.imapsPort!, email_address: u.user, email_password: u.password, use_ssl: true,
    });
    await core.api.listFolders({ id: mb.id });
    const r = await core.api.syncMailbox({ id: mb.id });
    expect(r.status, JSON.stringify(r.error)).toBe('success');
  }
}, 60_000);

afterAll(async () => {
  await core?.close();
  await dovecot?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('a conversation across two mailboxes', () => {
  it('returns the question (contact@), the answer (sales@ Sent) and the follow-up (sales@), in date order, from any of them', async () => {
    const rows = await listed();
    const byMid = (mid: string) => rows.find((m) => m.message_id === mid);
    expect(byMid(question)?.folder_role).toBe('inbox');
    expect(byMid(answer)?.folder_role).toBe('sent');
    expect(byMid(question)!.mailbox_id).not.toBe(byMid(answer)!.mailbox_id);
    for (const mid of [question, answer, followUp]) {
      const thread = await core.api.getThread({ id: byMid(mid)!.id });
      expect(thread.messages.map((m) => m.message_id)).toEqual([question, answer, followUp]);
      expect(thread.messages.map((m) => m.mailbox_id)).toEqual([byMid(question)!.mailbox_id, byMid(answer)!.mailbox_id, byMid(followUp)!.mailbox_id]);
      expect(thread.messages[1]!.snippet).toContain('voici notre devis');
      expect(thread.outbox).toEqual([]);
    }
  });
});
