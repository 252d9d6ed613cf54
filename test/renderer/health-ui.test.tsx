// Issue #11 on screen (renderer over the fake API): a Cancel button on every running connection test (wizard
// and editor), the editor tests changed settings before saving (a wrong password is not saved), and the
// status panel only offers "Corriger les réglages" for settings errors — not during a network outage.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MailboxEditor } from '../../renderer/features/mailboxes/MailboxEditor.js';
import type { ConnectionTestInput } from '../../shared/types.js';
import { FakeMailApi, type FakeServer } from './fake-api.js';
import { renderWith } from './render-app.js';

afterEach(cleanup);

const server = (): FakeServer => ({ host: 'imap.gmail.com', accounts: { 'contact@gmail.com': 'abcdefghijklmnop' }, messageCount: 12 });

async function toPasswordStep() {
  fireEvent.change(await screen.findByTestId('wizard-email-input'), { target: { value: 'contact@gmail.com' } });
  fireEvent.click(screen.getByTestId('wizard-email-next'));
  fireEvent.click(await screen.findByTestId('wizard-server-next'));
  fireEvent.change(await screen.findByTestId('wizard-password-input'), { target: { value: 'abcdefghijklmnop' } });
}

describe('connection tests can be cancelled', () => {
  it('in the wizard: Cancel stops the test in the core (same test_id) and the wizard is usable again', async () => {
    const api = new FakeMailApi({ servers: [server()] });
    api.hangTests = true;
    renderWith(api);
    await toPasswordStep();
    fireEvent.click(screen.getByTestId('wizard-test-button'));
    const running = await screen.findByTestId('wizard-test-running');
    fireEvent.click(within(running).getByTestId('test-cancel'));
    await waitFor(() => expect(screen.queryByTestId('wizard-test-running')).toBeNull());
    const [started] = api.callsOf('testConnection') as ConnectionTestInput[];
    expect(started?.test_id).toMatch(/^wizard-/);
    await waitFor(() => expect(api.callsOf('cancelConnectionTest')).toEqual([{ test_id: started!.test_id }]));
    expect(screen.queryByTestId('wizard-test-error')).toBeNull();
    // A new test works once the server answers again.
    api.hangTests = false;
    fireEvent.click(screen.getByTestId('wizard-test-button'));
    expect(await screen.findByTestId('wizard-test-success')).toBeTruthy();
  });
});

describe('a failed test of a new mailbox', () => {
  it('never promises an automatic retry on the next cycle', async () => {
    const srv = { ...server(), down: 'TIMEOUT' as const };
    const api = new FakeMailApi({ servers: [srv] });
    renderWith(api);
    await toPasswordStep();
    fireEvent.click(screen.getByTestId('wizard-test-button'));
    const box = await screen.findByTestId('wizard-test-error');
    expect(box.getAttribute('data-error-code')).toBe('TIMEOUT');
    expect(box.textContent).not.toMatch(/prochain cycle/);
    expect(box.textContent).toContain('puis relancez le test');
  });
});

describe('SSL/TLS port with SSL unticked', () => {
  it('the wizard says the port expects SSL/TLS and one click ticks it and tests again', async () => {
    const api = new FakeMailApi({ servers: [{ host: 'mail.entreprise.fr', accounts: { 'compta@entreprise.fr': 'Pw-Compta-1' }, messageCount: 3, sslOnly: true }] });
    renderWith(api);
    fireEvent.change(await screen.findByTestId('wizard-email-input'), { target: { value: 'compta@entreprise.fr' } });
    fireEvent.click(screen.getByTestId('wizard-email-next'));
    await screen.findByTestId('wizard-step-server');
    fireEvent.change(screen.getByTestId('wizard-server-input'), { target: { value: 'mail.entreprise.fr' } });
    fireEvent.click(screen.getByTestId('wizard-ssl-checkbox'));
    fireEvent.change(screen.getByTestId('wizard-port-input'), { target: { value: '993' } });
    fireEvent.click(screen.getByTestId('wizard-server-next'));
    fireEvent.change(await screen.findByTestId('wizard-password-input'), { target: { value: 'Pw-Compta-1' } });
    fireEvent.click(screen.getByTestId('wizard-test-button'));
    const box = await screen.findByTestId('wizard-test-error');
    expect(box.getAttribute('data-error-code')).toBe('TLS_PORT_NEEDS_SSL');
    expect(box.textContent).toContain('Ce port attend une connexion SSL/TLS.');
    fireEvent.click(within(box).getByTestId('test-switch-ssl'));
    expect(await screen.findByTestId('wizard-test-success')).toBeTruthy();
    const last = api.callsOf('testConnection').at(-1) as ConnectionTestInput;
    expect(last).toMatchObject({ use_ssl: true, imap_port: 993 });
  });
});

describe('the mailbox editor tests before saving', () => {
  async function editorFor(api: FakeMailApi) {
    const mb = await api.createMailbox({
      name: 'Contact',
      imap_server: 'imap.gmail.com',
      imap_port: 993,
      use_ssl: true,
      email_address: 'contact@gmail.com',
      email_password: 'abcdefghijklmnop',
    });
    let done = 0;
    renderWith(api, { ui: <MailboxEditor mailbox={mb} onDone={() => done++} /> });
    return { mb, done: () => done };
  }

  it('a wrong new password is refused with the reason and never sent to updateMailbox', async () => {
    const api = new FakeMailApi({ servers: [server()] });
    const e = await editorFor(api);
    fireEvent.change(screen.getByTestId('edit-password-input'), { target: { value: 'not the password' } });
    expect(screen.getByTestId('edit-test-first')).toBeTruthy();
    fireEvent.click(screen.getByTestId('edit-save'));
    const box = await screen.findByTestId('wizard-test-error');
    expect(box.getAttribute('data-error-code')).toBe('AUTH');
    expect(api.callsOf('updateMailbox')).toEqual([]);
    expect(e.done()).toBe(0);

    fireEvent.change(screen.getByTestId('edit-password-input'), { target: { value: 'abcdefghijklmnop' } });
    fireEvent.click(screen.getByTestId('edit-save'));
    await waitFor(() => expect(e.done()).toBe(1));
    expect(api.callsOf('testConnection')).toHaveLength(2);
    expect(api.callsOf('updateMailbox')).toHaveLength(1);
  });

  it('a change that does not touch the connection is saved without a test; a running test can be cancelled', async () => {
    const api = new FakeMailApi({ servers: [server()] });
    const e = await editorFor(api);
    fireEvent.change(screen.getByTestId('edit-name-input'), { target: { value: 'Accueil' } });
    fireEvent.click(screen.getByTestId('edit-save'));
    await waitFor(() => expect(e.done()).toBe(1));
    expect(api.callsOf('testConnection')).toEqual([]);

    api.hangTests = true;
    fireEvent.click(screen.getByTestId('edit-test-button'));
    fireEvent.click(await screen.findByTestId('test-cancel'));
    await waitFor(() => expect(api.callsOf('cancelConnectionTest')).toHaveLength(1));
    expect((api.callsOf('cancelConnectionTest')[0] as { test_id: string }).test_id).toMatch(/^editor-/);
  });
});

describe('status panel during an outage', () => {
  it('a network error offers no "Corriger les réglages"; a refused password does', async () => {
    const srv = server();
    const api = new FakeMailApi({ servers: [srv] });
    const ok = await api.createMailbox({ name: 'A', imap_server: 'imap.gmail.com', imap_port: 993, use_ssl: true, email_address: 'contact@gmail.com', email_password: 'abcdefghijklmnop' });
    const bad = await api.createMailbox({ name: 'B', imap_server: 'imap.gmail.com', imap_port: 993, use_ssl: true, email_address: 'other@gmail.com', email_password: 'wrong' });
    srv.down = 'NETWORK';
    await api.syncMailbox({ id: ok.id });
    srv.down = undefined;
    await api.syncMailbox({ id: bad.id });
    const { stores } = renderWith(api);
    stores.nav.getState().go('status');
    const outage = await screen.findByTestId(`status-error-${ok.id}`);
    expect(outage.getAttribute('data-error-code')).toBe('NETWORK');
    expect(within(outage).queryByTestId(`status-fix-${ok.id}`)).toBeNull();
    const auth = await screen.findByTestId(`status-error-${bad.id}`);
    expect(within(auth).getByTestId(`status-fix-${bad.id}`)).toBeTruthy();
    expect(screen.getByTestId(`status-health-${ok.id}`).getAttribute('data-health')).toBe('error');
    expect(screen.getByTestId('status-summary').getAttribute('data-kind')).toBe('error');
  });
});
