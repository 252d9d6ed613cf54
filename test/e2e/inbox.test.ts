// The unified inbox in real Chromium against `releve serve`, the real core and Dovecot: two mailboxes in
// one list, accent-insensitive search, opening marks read, a hostile HTML mail (scripts never run, remote
// images not fetched until allowed — checked on the browser's network log and on a listener the mail
// points at), and "Sync now" bringing a freshly APPENDed message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFrenchMessage, makeMessage } from '../fixtures/dovecot.js';
import { startProbeServer } from './helpers/probe-server.js';
import { serverFlagsBySubject } from './helpers/server-flags.js';
import type { ProbeServer } from './helpers/probe-server.js';
import { screenshot } from './helpers/screenshots.js';
import { startE2E } from './helpers/stack.js';
import type { E2EStack } from './helpers/stack.js';
import type { Mailbox } from '../../shared/types.js';

const ALICE = { user: 'alice@example.test', password: 'alice-Secret-1' };
const BOB = { user: 'bob@example.test', password: 'bob-Secret-2' };
const HOUR = 3_600_000;
const HTML_SUBJECT = 'Catalogue de printemps';
const MEETING_SUBJECT = "Réunion de début d'année : ordre du jour détaillé";

let s: E2EStack;
let probe: ProbeServer;
/** Stands for an https:// image host: any TLS attempt shows up as a connection. */
let tlsProbe: ProbeServer;
let alice: Mailbox;
let bob: Mailbox;

function hostileHtml(): string {
  const p = probe.origin;
  return `<html><head><script>fetch('${p}/script-head')</script><link rel="stylesheet" href="${p}/style.css"></head>
<body onload="fetch('${p}/onload')">
<h1>Offre spéciale</h1>
<p>Bonjour, voici notre catalogue de printemps : remises sur toute la gamme.</p>
<p><img src="${p}/pixel.png" alt="logo" width="120" height="40"></p>
<p><img src="https://127.0.0.1:${tlsProbe.port}/secure.png" alt="bannière" width="200" height="50"></p>
<img src="cid:absent@example.test" onerror="fetch('${p}/onerror')" alt="">
<div style="background-image:url(${p}/background.png)">Livraison offerte dès 50 €.</div>
<script>document.title = 'pwned'; document.body.setAttribute('data-ran', '1'); fetch('${p}/script-body'); new Image().src = '${p}/script-img';</script>
</body></html>`;
}

beforeAll(async () => {
  probe = await startProbeServer();
  tlsProbe = await startProbeServer();
  s = await startE2E({ users: [ALICE, BOB], locale: 'fr', idle: false });
  const now = Date.now();
  const d = s.dovecot;
  await d.append(ALICE.user, makeMessage({ subject: 'Relevé de compte mensuel', from: 'Banque Populaire <releves@banque.example>', date: new Date(now - 48 * HOUR) }));
  await d.append(ALICE.user, makeFrenchMessage({ date: new Date(now - 3 * HOUR) }));
  await d.append(
    ALICE.user,
    makeMessage({ subject: HTML_SUBJECT, from: 'Boutique Exemple <news@boutique.example>', body: 'Notre catalogue.', html: hostileHtml(), date: new Date(now - 1 * HOUR) }),
  );
  await d.append(BOB.user, makeMessage({ subject: 'Facture de février', from: 'Fournitures Martin <compta@martin.example>', date: new Date(now - 72 * HOUR) }));
  await d.append(BOB.user, makeMessage({ subject: 'Livraison prévue jeudi', from: 'Transports Leroy <suivi@leroy.example>', date: new Date(now - 24 * HOUR) }));
  // Legacy charset, accent only in the body.
  await d.append(
    BOB.user,
    makeFrenchMessage({
      charset: 'iso-8859-1',
      subject: 'Compte rendu',
      body: 'Bonjour,\n\nCi-joint le compte rendu de la réunion de lundi.\n\nÉlodie\n',
      from: 'Élodie Garnier <elodie@example.test>',
      date: new Date(now - 5 * HOUR),
    }),
  );
  alice = await s.addMailbox(ALICE.user, { name: 'Alice – Accueil', color: '#2563eb' });
  bob = await s.addMailbox(BOB.user, { name: 'Bob – Compta', color: '#16a34a' });
  const results = await s.core.runOnce({ force: true });
  expect(results.map((r) => r.status)).toEqual(['success', 'success']);
  await s.open();
});

afterAll(async () => {
  await s?.stop();
  await probe?.close();
  await tlsProbe?.close();
});

const rows = () => s.page.getByTestId('msg-list').getByTestId('msg-row');
const row = (subject: string) => rows().filter({ has: s.page.locator('.msg-subject', { hasText: subject }) });

async function waitForTotal(n: number): Promise<void> {
  await s.page.locator(`[data-testid="msg-list"][data-total="${n}"]`).waitFor();
}

async function search(text: string): Promise<void> {
  await s.page.getByTestId('search-box').fill(text);
  await s.page.getByTestId('search-box').press('Enter');
}

describe('unified inbox', () => {
  it('shows both mailboxes in one list, newest first, each row with its mailbox colour', async () => {
    const { page } = s;
    await page.getByTestId('nav-inbox').click();
    await waitForTotal(6);
    expect(await rows().locator('.msg-subject').allTextContents()).toEqual([
      HTML_SUBJECT,
      MEETING_SUBJECT,
      'Compte rendu',
      'Livraison prévue jeudi',
      'Relevé de compte mensuel',
      'Facture de février',
    ]);
    expect(await row(HTML_SUBJECT).getByTestId('msg-mailbox-chip').getAttribute('aria-label')).toBe('Alice – Accueil');
    expect(await row('Compte rendu').getByTestId('msg-mailbox-chip').getAttribute('aria-label')).toBe('Bob – Compta');
    expect(await rows().and(page.locator('[data-unread="true"]')).count()).toBe(6);
    await screenshot(page, 'inbox-2-unified');
  });

  it('finds "Réunion" when searching "reunion", in UTF-8 and ISO-8859-1 mail of both mailboxes', async () => {
    const { page } = s;
    await search('reunion');
    await waitForTotal(2);
    expect((await rows().locator('.msg-subject').allTextContents()).sort()).toEqual(['Compte rendu', MEETING_SUBJECT].sort());
    await screenshot(page, 'inbox-3-search-reunion');
    await search('introuvablezzz');
    await page.getByTestId('inbox-empty').waitFor();
    await search('');
    await waitForTotal(6);
  });

  it('marks a message read when it is opened: the row, the unread count and the store all agree', async () => {
    const { page, core } = s;
    const navCount = page.getByTestId('nav-inbox').locator('.nav-count');
    expect(await navCount.textContent()).toBe('6');
    const meeting = row(MEETING_SUBJECT);
    expect(await meeting.getAttribute('data-unread')).toBe('true');
    await meeting.click();
    expect(await page.getByTestId('reader-subject').textContent()).toBe(MEETING_SUBJECT);
    await page.locator(`[data-testid="msg-row"][data-message-id="${await meeting.getAttribute('data-message-id')}"]:not([data-unread])`).waitFor();
    await page.locator('[data-testid="nav-inbox"] .nav-count', { hasText: /^5$/ }).waitFor();
    expect(await page.getByTestId('reader-text').textContent()).toContain("l'ordre du jour de la réunion");
    const stored = await core.api.listMessages({ search: 'ordre du jour', limit: 10, offset: 0 });
    expect(stored.items.map((m) => [m.subject, m.seen])).toEqual([[MEETING_SUBJECT, true]]);
    // The other messages are still unread.
    await expect.poll(() => rows().and(page.locator('[data-unread="true"]')).count()).toBe(5);
  });

  it('shows an HTML mail without running its scripts or fetching its remote images', async () => {
    const { page, net } = s;
    const appOrigin = new URL(s.appUrl).origin;
    const log = net.mark();
    await row(HTML_SUBJECT).click();
    const frameEl = page.getByTestId('reader-frame');
    await frameEl.waitFor();
    expect(await frameEl.getAttribute('data-images')).toBe('blocked');
    // No allow-scripts, no allow-same-origin: the mail cannot run code nor reach the app.
    const sandbox = (await frameEl.getAttribute('sandbox')) ?? '';
    expect(sandbox).not.toContain('allow-scripts');
    expect(sandbox).not.toContain('allow-same-origin');
    const frame = await (await frameEl.elementHandle())?.contentFrame();
    if (!frame) throw new Error('reader frame has no document');
    // 'load' waits for every subresource the document started: after it, nothing more is coming.
    await frame.waitForLoadState('load');
    expect(await frame.locator('h1').textContent()).toBe('Offre spéciale');
    await page.getByTestId('remote-images-banner').waitFor();

    expect(await frame.evaluate('document.title')).not.toBe('pwned');
    expect(await frame.evaluate('document.body.getAttribute("data-ran")')).toBeNull();
    expect(await frame.evaluate('document.querySelectorAll("script").length')).toBe(0);
    expect(await page.title()).not.toBe('pwned');
    expect(probe.hits).toEqual([]);
    expect(probe.connections()).toBe(0);
    expect(tlsProbe.connections()).toBe(0);
    // Anything leaving the browser for another host (a cid: left for the core to fill is not network).
    const foreign = log.since().filter((r) => /^(https?|wss?|ftp):/i.test(r.url) && !r.url.startsWith(`${appOrigin}/`));
    expect(foreign).toEqual([]);
    await screenshot(page, 'inbox-4-reader-images-blocked', { docs: 'inbox-reader' });
  });

  it('fetches the remote images once the user allows them, and still runs no script', async () => {
    const { page, net } = s;
    const log = net.mark();
    await page.getByTestId('show-images').click();
    await page.locator('[data-testid="reader-frame"][data-images="shown"]').waitFor();
    const frame = await (await page.getByTestId('reader-frame').elementHandle())?.contentFrame();
    if (!frame) throw new Error('reader frame has no document');
    await frame.waitForLoadState('load');
    // The same checks as above now see the image: they are able to fail.
    await expect.poll(() => probe.hits).toContain('/pixel.png');
    expect(log.since().map((r) => r.url)).toContain(`${probe.origin}/pixel.png`);
    expect(log.since().map((r) => r.url)).toContain(`https://127.0.0.1:${tlsProbe.port}/secure.png`);
    expect(probe.hits.filter((h) => /script|onload|onerror/.test(h))).toEqual([]);
    expect(await frame.evaluate('document.body.getAttribute("data-ran")')).toBeNull();
    await screenshot(page, 'inbox-5-reader-images-shown');
  });

  it('brings a message APPENDed on the server after "Sync now" on the status panel', async () => {
    const { page, dovecot } = s;
    await dovecot.append(BOB.user, makeMessage({ subject: 'Commande urgente pour vendredi', from: 'Client Dubois <dubois@client.example>', date: new Date() }));
    await search('urgente');
    await page.getByTestId('inbox-empty').waitFor();

    await page.getByTestId('nav-status').click();
    await page.getByTestId(`sync-now-${bob.id}`).click();
    // New messages of the last run: exactly the one appended (nothing else syncs in this file).
    await page.locator(`[data-testid="status-new-${bob.id}"]`, { hasText: /^1$/ }).waitFor();
    await page.locator(`[data-testid="status-badge-${bob.id}"][data-status="success"]`).waitFor();
    expect(await page.getByTestId(`status-badge-${alice.id}`).getAttribute('data-status')).toBe('success');
    await screenshot(page, 'status-3-after-sync-now');

    await page.getByTestId('nav-inbox').click();
    await waitForTotal(1);
    expect(await rows().locator('.msg-subject').allTextContents()).toEqual(['Commande urgente pour vendredi']);
    await search('');
    await waitForTotal(7);
    expect(await rows().first().locator('.msg-subject').textContent()).toBe('Commande urgente pour vendredi');
    await screenshot(page, 'inbox-6-after-sync-now');
  });

  it('carries the read state of the opened messages to the server, and only theirs', async () => {
    // The core pushes \\Seen to the server shortly after the click, in the background.
    await expect
      .poll(async () => (await serverFlagsBySubject(s.dovecot, ALICE.user)).get(HTML_SUBJECT), { timeout: 20_000 })
      .toContain('\\Seen');
    const aliceFlags = await serverFlagsBySubject(s.dovecot, ALICE.user);
    expect(aliceFlags.get(MEETING_SUBJECT)).toContain('\\Seen');
    expect(aliceFlags.get('Relevé de compte mensuel')).not.toContain('\\Seen');
    const bobFlags = await serverFlagsBySubject(s.dovecot, BOB.user);
    for (const [subject, flags] of bobFlags) expect(flags, subject).not.toContain('\\Seen');
  });
});
