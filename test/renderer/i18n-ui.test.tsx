// The app on screen in both languages: counts take the singular or plural form the language wants, and picking
// English in Settings switches every visible text at once.
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { giveElementsASize } from './element-size.js';
import { FakeMailApi } from './fake-api.js';
import { renderWith } from './render-app.js';

giveElementsASize();
afterEach(() => cleanup());

const countText = () => screen.getByTestId('inbox-count').textContent;
const unreadLabel = () => screen.getByTestId('view-count-inbox').getAttribute('aria-label');

describe('UI language', () => {
  it('says "1 message" / "2 messages", "1 non lu" / "2 non lus", then switches to English', async () => {
    const api = new FakeMailApi({ locale: 'fr' });
    const a = await api.createMailbox({ name: 'Contact', imap_server: 'imap.gmail.com', imap_port: 993, email_address: 'contact@gmail.com', email_password: 'x', use_ssl: true });
    api.addMessages([{ mailbox_id: a.id, date: '2025-03-10T09:00:00Z', subject: 'Facture mars' }]);
    renderWith(api, { locale: 'fr' });
    await screen.findByTestId('msg-list');
    await waitFor(() => expect(countText()).toBe('1 message'));
    await waitFor(() => expect(unreadLabel()).toBe('1 non lu'));
    expect(screen.getByTestId('nav-inbox').textContent).toContain('Boîte unifiée');

    api.addMessages([{ mailbox_id: a.id, date: '2025-03-11T09:00:00Z', subject: 'Relance devis' }]);
    api.emit('messagesChanged', { mailbox_id: a.id });
    await waitFor(() => expect(countText()).toBe('2 messages'));
    await waitFor(() => expect(unreadLabel()).toBe('2 non lus'));

    fireEvent.click(screen.getByTestId('nav-settings'));
    fireEvent.change(await screen.findByTestId('settings-language'), { target: { value: 'en' } });
    await waitFor(() => expect(screen.getByTestId('nav-inbox').textContent).toContain('Unified inbox'));
    expect(api.callsOf('updateSettings')).toEqual([{ locale: 'en' }]);
    fireEvent.click(screen.getByTestId('nav-inbox'));
    await waitFor(() => expect(countText()).toBe('2 messages'));
    expect(unreadLabel()).toBe('2 unread');
  });
});
