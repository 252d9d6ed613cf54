// Team triage in real Chromium against `releve serve`, the real core (listening with IDLE) and Dovecot
// (issue 16): "who am I" in Settings, the sidebar views and counts, state and assignee from the reader,
// multi-select with a keyboard shortcut — each read back on the server with a plain IMAP client — and a
// colleague's change made on the server showing up by itself, signed with their name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMessage } from '../fixtures/dovecot.js';
import { peekFolder } from '../helpers/imap-peek.js';
import { screenshot } from './helpers/screenshots.js';
import { startE2E } from './helpers/stack.js';
import type { E2EStack } from './helpers/stack.js';

const CONTACT = { user: 'contact@example.test', password: 'contact-Secret-1' };
const VENTES = { user: 'ventes@example.test', password: 'ventes-Secret-2' };
const HOUR = 3_600_000;
let s: E2EStack;
let claimUid = 0;

beforeAll(async () => {
  s = await startE2E({ users: [CONTACT, VENTES], locale: 'fr' });
  const now = Date.now();
  const d = s.dovecot;
  await d.append(CONTACT.user, makeMessage({ subject: 'Demande de devis cuisine', from: 'Mme Petit <petit@client.example>', date: new Date(now - 1 * HOUR) }));
  // Jean (another Relève on this mailbox) already took this one: the keywords are on the server.
  claimUid = await d.append(
    CONTACT.user,
    makeMessage({ subject: 'Réclamation livraison', from: 'M. Girard <girard@client.example>', date: new Date(now - 2 * HOUR) }),
    { flags: ['$Releve_Doing', '$Releve_To_Jean', '$Releve_By_Jean'] },
  );
  await d.append(CONTACT.user, makeMessage({ subject: 'Question horaires', from: 'Lucie <lucie@client.example>', date: new Date(now - 3 * HOUR) }));
  await d.append(VENTES.user, makeMessage({ subject: 'Commande 2231', from: 'Boutique Rey <achats@rey.example>', date: new Date(now - 4 * HOUR) }));
  await s.addMailbox(CONTACT.user, { name: 'Contact', color: '#2563eb' });
  await s.addMailbox(VENTES.user, { name: 'Ventes', color: '#16a34a' });
  const results = await s.core.runOnce({ force: true });
  expect(results.map((r) => r.status)).toEqual(['success', 'success']);
  await s.open();
}, 120_000);

afterAll(async () => {
  await s?.stop();
});

const rows = () => s.page.getByTestId('msg-list').getByTestId('msg-row');
const row = (subject: string) => rows().filter({ has: s.page.locator('.msg-subject', { hasText: subject }) });
const waitForTotal = (n: number) => s.page.locator(`[data-testid="msg-list"][data-total="${n}"]`).waitFor();
const count = (view: string) => s.page.getByTestId(`triage-count-${view}`);

/** Polls the server until the message carries (or no longer carries) these keywords. */
async function serverFlags(user: string, subject: string, want: string[], absent: string[] = []): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const flags = (await peekFolder(s.dovecot, user, 'INBOX')).find((m) => m.subject === subject)?.flags ?? [];
    if (want.every((f) => flags.includes(f)) && absent.every((f) => !flags.includes(f))) return;
    if (Date.now() > deadline) throw new Error(`${subject}: server flags ${flags.join(' ')}, wanted ${want.join(' ')} without ${absent.join(' ')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('team triage', () => {
  it('"who am I" is set in Settings', async () => {
    const { page } = s;
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-triage-name').fill('Marie');
    await page.getByTestId('settings-triage-name').press('Enter');
    await page.getByTestId('settings-triage-saved').waitFor();
    expect((await s.core.api.getSettings()).triage_name).toBe('Marie');
  });

  it('the sidebar counts each view across mailboxes; a colleague’s claim shows with their name', async () => {
    const { page } = s;
    await page.getByTestId('nav-inbox').click();
    await expect.poll(() => count('todo').textContent()).toBe('3');
    expect(await count('doing').textContent()).toBe('1');
    expect(await count('unassigned').textContent()).toBe('3');
    expect(await page.getByTestId('triage-count-mine').count()).toBe(0);

    await page.getByTestId('triage-view-doing').click();
    await waitForTotal(1);
    expect(await page.getByTestId('inbox-title').textContent()).toBe('En cours');
    expect(await row('Réclamation livraison').getByTestId('msg-triage').textContent()).toBe('En cours → Jean');
    await row('Réclamation livraison').click();
    expect(await page.getByTestId('triage-by').textContent()).toBe('en cours, par Jean');
  });

  it('state and assignee from the reader reach the server as keywords', async () => {
    const { page } = s;
    await page.getByTestId('triage-view-todo').click();
    await waitForTotal(3);
    await row('Demande de devis cuisine').click();
    const reader = page.getByTestId('reader-triage');
    await expect.poll(() => reader.getByTestId('triage-set-todo').getAttribute('aria-pressed')).toBe('true');
    await reader.getByTestId('triage-assignee').selectOption('Marie');
    await expect.poll(() => count('mine').textContent()).toBe('1');
    await reader.getByTestId('triage-set-doing').click();
    // The click applies at once in the store, then the reader re-reads the message: wait for it, not a fixed time.
    await expect.poll(() => reader.getByTestId('triage-set-doing').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => page.getByTestId('triage-by').textContent()).toMatch(/^en cours, par Marie, \d\d:\d\d$/);
    await serverFlags(CONTACT.user, 'Demande de devis cuisine', ['$Releve_Doing', '$Releve_To_Marie', '$Releve_By_Marie'], ['$Releve_Todo']);
    await waitForTotal(2); // it left "à traiter"
    await expect.poll(() => count('doing').textContent()).toBe('2');
  });

  it('multi-select and the keyboard: 3 marks the ticked messages done, in both mailboxes', async () => {
    const { page } = s;
    await row('Question horaires').getByTestId('msg-select').check();
    await row('Commande 2231').getByTestId('msg-select').check();
    await page.getByTestId('bulk-triage').waitFor();
    await page.keyboard.press('3');
    await waitForTotal(0);
    await expect.poll(() => count('done').textContent()).toBe('2');
    await serverFlags(CONTACT.user, 'Question horaires', ['$Releve_Done', '$Releve_By_Marie']);
    await serverFlags(VENTES.user, 'Commande 2231', ['$Releve_Done', '$Releve_By_Marie']);
  });

  it('a colleague marking a message done on the server shows up by itself, "traité par Jean"', async () => {
    const { page } = s;
    await page.getByTestId('triage-view-done').click();
    await waitForTotal(2);
    // Jean's Relève (here: any IMAP client) stores the keywords; IDLE tells this install.
    await s.dovecot.setFlags(CONTACT.user, claimUid, ['$Releve_Done', '$Releve_To_Jean', '$Releve_By_Jean']);
    await waitForTotal(3);
    await expect.poll(() => count('done').textContent()).toBe('3');
    expect(await page.getByTestId('triage-count-doing').textContent()).toBe('1');
    await row('Réclamation livraison').click();
    // The time this install saw Jean's change (IMAP keeps none for keywords).
    expect(await page.getByTestId('triage-by').textContent()).toMatch(/^traité par Jean, \d\d:\d\d$/);
    expect(await row('Réclamation livraison').getByTestId('msg-triage').textContent()).toBe('Traité → Jean');
    await screenshot(page, 'triage-1-done', { docs: 'triage-views' });

    await page.getByTestId('shortcuts-open').click();
    const help = page.getByTestId('shortcuts-help');
    expect(await help.textContent()).toContain('Me le confier');
    await page.getByTestId('shortcuts-close').click();
  });
});
