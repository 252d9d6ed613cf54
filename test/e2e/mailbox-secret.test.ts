// The mailbox editor in Chromium: changing where the stored password would go (here the port) asks for the
// password before testing or saving, in words (FR), and sends nothing meanwhile; with the password typed
// again the change is saved. A recording listener stands for the other server: it never sees the password.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mailbox } from '../../shared/types.js';
import { startImapRecorder, type ImapRecorder } from '../fixtures/imap-recorder.js';
import { startE2E, type E2EStack } from './helpers/stack.js';

const ALICE = { user: 'alice@example.test', password: 'alice-Secret-1' };
const RETYPED = 'typed-Again-For-The-New-Port-8';
let s: E2EStack;
let rec: ImapRecorder;
let mailbox: Mailbox;

beforeAll(async () => {
  rec = await startImapRecorder();
  s = await startE2E({ users: [ALICE], locale: 'fr', idle: false });
  mailbox = await s.addMailbox(ALICE.user, { name: 'Alice' });
  await s.open();
}, 120_000);
afterAll(async () => {
  await s?.stop();
  await rec?.stop();
});

describe('mailbox editor and the stored password', () => {
  it('a new port asks for the password before testing or saving; nothing is sent until it is typed', async () => {
    const { page } = s;
    await page.getByTestId('nav-mailboxes').click();
    await page.getByTestId(`mailbox-edit-${mailbox.id}`).click();
    const editor = page.getByTestId(`mailbox-editor-${mailbox.id}`);
    await editor.getByTestId('wizard-port-input').fill(String(rec.port));
    await editor.getByTestId('wizard-ssl-checkbox').uncheck();
    await editor.getByTestId('wizard-insecure-checkbox').check();
    await editor.getByTestId('edit-test-button').click();
    const error = editor.getByTestId('edit-password-input-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/tapez le mot de passe de cette boîte/);
    await editor.getByTestId('edit-save').click();
    await error.waitFor();
    // The editor itself stopped both (the core would refuse too, but with a save error, not this field error).
    expect(await editor.getByTestId('edit-save-error').count()).toBe(0);
    expect(rec.connections()).toBe(0);
    expect((await s.core.api.getMailbox({ id: mailbox.id })).imap_port).toBe(mailbox.imap_port);

    await editor.getByTestId('edit-password-input').fill(RETYPED);
    expect(await error.count()).toBe(0);
    await editor.getByTestId('edit-test-button').click();
    await expect.poll(() => rec.saw(RETYPED)).toBe(true);
    // Saving tests the new settings first (issue #11): this recorder logs nobody in, so the save is refused with
    // the reason, nothing is stored, and the stored password never went there.
    await editor.getByTestId('edit-save').click();
    await expect.poll(async () => editor.getByTestId('edit-save-error').or(editor.getByTestId('wizard-test-error')).count()).toBeGreaterThan(0);
    expect((await s.core.api.getMailbox({ id: mailbox.id })).imap_port).toBe(mailbox.imap_port);
    expect(rec.saw(ALICE.password)).toBe(false);
  });
});
