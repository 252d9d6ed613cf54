// Folder views and actions in real Chromium against `releve serve`, the real core and Dovecot (issue 14):
// the sidebar views, each message's folder, archive from the reader's button, star and delete by keyboard,
// the shortcuts help, multi-select — each action then read back from the server with a plain IMAP client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMessage } from '../fixtures/dovecot.js';
import { SPECIAL_USE_FOLDERS } from '../fixtures/dovecot-config.js';
import { peekFolder } from '../helpers/imap-peek.js';
import { screenshot } from './helpers/screenshots.js';
import { startE2E } from './helpers/stack.js';
import type { E2EStack } from './helpers/stack.js';

const ALICE = { user: 'alice@example.test', password: 'alice-Secret-1' };
const BOB = { user: 'bob@example.test', password: 'bob-Secret-2' };
const HOUR = 3_600_000;
let s: E2EStack;

beforeAll(async () => {
  s = await startE2E({
    users: [ALICE, BOB],
    locale: 'fr',
    idle: false,
    dovecot: {
      namespace: {
        separator: '/',
        mailboxes: [...SPECIAL_USE_FOLDERS],
      },
    },
  });
  const now = Date.now();
  const d = s.dovecot;
  await d.append(ALICE.user, makeMessage({ subject: 'Commande n° 1042 confirmée', from: 'Atelier Durand <commandes@durand.example>', date: new Date(now - 2 * HOUR) }));
  await d.append(ALICE.user, makeMessage({ subject: 'Rendez-vous comptable mardi', from: 'Cabinet Moreau <rdv@moreau.example>', date: new Date(now - 3 * HOUR) }));
  await d.append(ALICE.user, makeMessage({ subject: 'Devis peinture façade', from: 'Peintures Blanc <devis@blanc.example>', date: new Date(now - 5 * HOUR) }));
  await d.append(ALICE.user, makeMessage({ subject: 'Vous avez gagné un iPhone !!!', from: 'Loterie <win@spam.example>', date: new Date(now - 4 * HOUR) }), { folder: 'Junk' });
  await d.append(ALICE.user, makeMessage({ subject: 'Re: Devis peinture façade', from: 'Alice <alice@example.test>', date: new Date(now - 1 * HOUR) }), { folder: 'Sent', flags: ['\\Seen'] });
  await d.append(BOB.user, makeMessage({ subject: 'Facture fournisseur mars', from: 'Fournitures Martin <compta@martin.example>', date: new Date(now - 6 * HOUR) }));
  await d.append(BOB.user, makeMessage({ subject: 'Relevé trimestriel', from: 'Banque <releves@banque.example>', date: new Date(now - 30 * HOUR) }), { folder: 'Archive', flags: ['\\Seen'] });
  await s.addMailbox(ALICE.user, { name: 'Alice – Accueil', color: '#2563eb' });
  await s.addMailbox(BOB.user, { name: 'Bob – Compta', color: '#16a34a' });
  const results = await s.core.runOnce({ force: true });
  expect(results.map((r) => r.status)).toEqual(['success', 'success']);
  await s.open();
}, 120_000);

afterAll(async () => {
  await s?.stop();
});

const rows = () => s.page.getByTestId('msg-list').getByTestId('msg-row');
const row = (subject: string) => rows().filter({ has: s.page.locator('.msg-subject', { hasText: subject }) });
const subjects = () => rows().locator('.msg-subject').allTextContents();
const waitForTotal = (n: number) => s.page.locator(`[data-testid="msg-list"][data-total="${n}"]`).waitFor();

/** Polls the server (the push runs in the background shortly after the click). */
async function serverHas(user: string, folder: string, subject: string, present = true): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const found = (await peekFolder(s.dovecot, user, folder)).some((m) => m.subject === subject);
    if (found === present) return;
    if (Date.now() > deadline) throw new Error(`${subject} ${present ? 'never reached' : 'never left'} ${folder}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('folder views', () => {
  it('the sidebar offers Inbox, Sent, Spam, Archive, Trash and All, each across mailboxes', async () => {
    const { page } = s;
    await waitForTotal(4);
    expect((await subjects()).sort()).toEqual(['Commande n° 1042 confirmée', 'Devis peinture façade', 'Facture fournisseur mars', 'Rendez-vous comptable mardi']);
    expect(await page.getByTestId('view-count-junk').textContent()).toBe('1');

    await page.getByTestId('view-junk').click();
    await waitForTotal(1);
    expect(await page.getByTestId('inbox-title').textContent()).toBe('Indésirables');
    expect(await row('Vous avez gagné').getByTestId('msg-folder').textContent()).toBe('Indésirables');
    await screenshot(page, 'folders-1-spam', { docs: 'folders-spam' });

    await page.getByTestId('view-archive').click();
    await waitForTotal(1);
    expect(await subjects()).toEqual(['Relevé trimestriel']);
    expect(await row('Relevé trimestriel').getByTestId('msg-mailbox-chip').getAttribute('aria-label')).toBe('Bob – Compta');

    await page.getByTestId('view-all').click();
    await waitForTotal(7);
    expect(await row('Re: Devis peinture façade').getByTestId('msg-folder').textContent()).toBe('Envoyés');
    await screenshot(page, 'folders-2-all', { docs: 'folders-all' });
  });
});

describe('actions reach the server', () => {
  it('archive from the reader: gone from the inbox at once, in the server’s Archive folder after the push', async () => {
    const { page } = s;
    await page.getByTestId('view-inbox').click();
    await waitForTotal(4);
    await row('Commande n° 1042').click();
    await page.getByTestId('reader-actions').waitFor();
    await screenshot(page, 'folders-3-reader-actions', { docs: 'reader-actions' });
    await page.getByTestId('reader-actions').getByTestId('action-archive').click();
    await waitForTotal(3);
    expect(await subjects()).not.toContain('Commande n° 1042 confirmée');
    await serverHas(ALICE.user, 'Archive', 'Commande n° 1042 confirmée');
    await serverHas(ALICE.user, 'INBOX', 'Commande n° 1042 confirmée', false);
  });

  it('keyboard: s stars, # deletes to the Trash; ? lists the shortcuts', async () => {
    const { page } = s;
    await row('Rendez-vous comptable').click();
    await page.getByTestId('reader-actions').waitFor();
    await page.keyboard.press('s');
    await row('Rendez-vous comptable').getByTestId('msg-star').waitFor();
    const deadline = Date.now() + 15_000;
    while (!(await peekFolder(s.dovecot, ALICE.user, 'INBOX')).find((m) => m.subject.startsWith('Rendez-vous'))?.flags.includes('\\Flagged')) {
      if (Date.now() > deadline) throw new Error('the star never reached the server');
      await new Promise((r) => setTimeout(r, 200));
    }
    await page.keyboard.press('#');
    await waitForTotal(2);
    await serverHas(ALICE.user, 'Trash', 'Rendez-vous comptable mardi');
    await serverHas(ALICE.user, 'INBOX', 'Rendez-vous comptable mardi', false);

    await page.keyboard.press('?');
    const help = page.getByTestId('shortcuts-help');
    await help.waitFor();
    expect(await help.textContent()).toContain('Archiver');
    await screenshot(page, 'folders-4-shortcuts', { docs: 'shortcuts-help' });
    await page.getByTestId('shortcuts-close').click();
  });

  it('multi-select: tick rows of both mailboxes and mark them read together', async () => {
    const { page } = s;
    await row('Devis peinture').getByTestId('msg-select').check();
    await row('Facture fournisseur').getByTestId('msg-select').check();
    const bar = page.getByTestId('bulk-bar');
    await bar.waitFor();
    expect(await bar.textContent()).toContain('2 messages sélectionnés');
    await screenshot(page, 'folders-5-bulk', { docs: 'bulk-select' });
    await bar.getByTestId('action-read').click();
    await page.locator('[data-testid="msg-row"][data-unread="true"]').first().waitFor({ state: 'detached' });
    const deadline = Date.now() + 15_000;
    for (;;) {
      const a = (await peekFolder(s.dovecot, ALICE.user, 'INBOX')).find((m) => m.subject === 'Devis peinture façade');
      const b = (await peekFolder(s.dovecot, BOB.user, 'INBOX')).find((m) => m.subject === 'Facture fournisseur mars');
      if (a?.flags.includes('\\Seen') && b?.flags.includes('\\Seen')) break;
      if (Date.now() > deadline) throw new Error('the read marks never reached both servers');
      await new Promise((r) => setTimeout(r, 200));
    }
  });
});
