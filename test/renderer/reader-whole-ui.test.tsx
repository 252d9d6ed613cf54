// "Show the whole message" (issue 10): the reader gets a body cut by getMessage (body_truncated), says so, and
// asks getMessageBody for the whole only when the user clicks; a failure says why and keeps the cut body.
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { giveElementsASize } from './element-size.js';
import { ReleveError } from '../../shared/errors.js';
import { FakeMailApi } from './fake-api.js';
import { renderWith } from './render-app.js';

giveElementsASize();
afterEach(cleanup);

const LONG = `Début du texte. ${'mot '.repeat(100_000)}FIN-DU-TEXTE`;
// Few elements: jsdom's DOM (used by the sanitizer here) is slow on tens of thousands of them.
const LONG_HTML = `<p>Début HTML.</p><p>${'mot '.repeat(80_000)}</p><p>FIN-DU-HTML</p>`;

async function setup() {
  const api = new FakeMailApi({ locale: 'fr' });
  const box = await api.createMailbox({ name: 'Contact', imap_server: 'imap.gmail.com', imap_port: 993, email_address: 'contact@gmail.com', email_password: 'x', use_ssl: true });
  api.addMessages([
    { mailbox_id: box.id, date: '2025-03-10T09:00:00Z', subject: 'Très long texte', text: LONG },
    { mailbox_id: box.id, date: '2025-03-09T09:00:00Z', subject: 'Très long HTML', text: 'Début HTML.', html: LONG_HTML },
    { mailbox_id: box.id, date: '2025-03-08T09:00:00Z', subject: 'Court', text: 'Bref.' },
  ]);
  renderWith(api);
  await screen.findByTestId('msg-list');
  return api;
}

const openRow = async (subject: string) => {
  const rows = await screen.findAllByTestId('msg-row');
  const row = rows.find((r) => r.textContent?.includes(subject));
  if (!row) throw new Error(`no row ${subject}`);
  fireEvent.click(row);
  await waitFor(() => expect(screen.getByTestId('reader-subject').textContent).toContain(subject));
};

describe('the whole of a very long message, on demand', () => {
  it('shows the cut text with a notice, then fetches and shows the whole on click', async () => {
    const api = await setup();
    await openRow('Très long texte');
    const notice = await screen.findByTestId('reader-truncated');
    expect(notice.textContent).toContain(`sur ${Math.round(LONG.length / 1000)}`);
    expect(screen.getByTestId('reader-text').textContent).toContain('Début du texte.');
    expect(screen.getByTestId('reader-text').textContent).not.toContain('FIN-DU-TEXTE');
    expect(api.callsOf('getMessageBody')).toHaveLength(0);

    fireEvent.click(screen.getByTestId('show-whole-message'));
    await waitFor(() => expect(screen.getByTestId('reader-text').textContent).toContain('FIN-DU-TEXTE'));
    expect(api.callsOf('getMessageBody')).toHaveLength(1);
    expect(screen.queryByTestId('reader-truncated')).toBeNull();

    // Another message starts cut again; HTML too.
    await openRow('Très long HTML');
    await screen.findByTestId('reader-truncated');
    const frame = await screen.findByTestId('reader-frame');
    expect(frame.getAttribute('srcdoc')).not.toContain('FIN-DU-HTML');
    fireEvent.click(screen.getByTestId('show-whole-message'));
    await waitFor(() => expect(screen.getByTestId('reader-frame').getAttribute('srcdoc')).toContain('FIN-DU-HTML'));
    expect(api.callsOf('getMessageBody')).toHaveLength(2);

    await openRow('Court');
    await waitFor(() => expect(screen.getByTestId('reader-text').textContent).toBe('Bref.'));
    expect(screen.queryByTestId('reader-truncated')).toBeNull();
  });

  it('when the whole cannot be fetched, says why and keeps the cut body and the button', async () => {
    const api = await setup();
    api.getMessageBody = () => Promise.reject(new ReleveError('NOT_FOUND', 'Message introuvable.'));
    await openRow('Très long texte');
    fireEvent.click(await screen.findByTestId('show-whole-message'));
    const error = await screen.findByTestId('whole-message-error');
    expect(error.getAttribute('data-error-code')).toBe('NOT_FOUND');
    expect(screen.getByTestId('reader-text').textContent).toContain('Début du texte.');
    expect(screen.getByTestId('show-whole-message')).toBeTruthy();
  });
});
