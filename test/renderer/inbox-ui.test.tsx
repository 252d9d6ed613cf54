import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { giveElementsASize } from './element-size.js';
import { FRAME_SANDBOX } from '../../renderer/lib/email-frame.js';
import { FakeMailApi } from './fake-api.js';
import { renderWith } from './render-app.js';

giveElementsASize();

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

async function setup() {
  const api = new FakeMailApi({ locale: 'fr' });
  const a = await api.createMailbox({ name: 'Contact', imap_server: 'imap.gmail.com', imap_port: 993, email_address: 'contact@gmail.com', email_password: 'x', use_ssl: true, color: '#2563eb' });
  const b = await api.createMailbox({ name: 'Support', imap_server: 'imap.orange.fr', imap_port: 993, email_address: 'support@orange.fr', email_password: 'x', use_ssl: true, color: '#dc2626' });
  api.addMessages([
    { mailbox_id: a.id, date: '2025-03-01T09:00:00Z', subject: 'Ancien', seen: true, text: 'vieux' },
    {
      mailbox_id: a.id,
      date: '2025-03-10T09:00:00Z',
      subject: 'Facture mars',
      message_id: '<same@x>',
      from: { name: 'Compta Fournisseur', address: 'compta@fournisseur.fr' },
      to: [{ name: '', address: 'contact@gmail.com' }],
      html: '<p onclick="x()">Bonjour <img src="https://tracker.example/p.gif"> <img src="cid:logo@f"></p><script>alert(1)</script>',
      text: 'Bonjour',
      attachments: [
        { index: 0, filename: 'facture.pdf', content_type: 'application/pdf', size: 2048, inline: false, content_id: null },
        { index: 1, filename: 'logo.png', content_type: 'image/png', size: 10, inline: true, content_id: 'logo@f' },
      ],
      attachmentData: ['JVBERi0xLjQK', 'iVBORw0KGgo='],
    },
    // The copy received by the other mailbox (a minute later on its server clock).
    { mailbox_id: b.id, date: '2025-03-10T08:59:00Z', subject: 'Facture mars', message_id: '<same@x>' },
  ]);
  const view = renderWith(api);
  await screen.findByTestId('msg-list');
  return { ...view, a, b };
}

describe('unified inbox on screen', () => {
  it('lists the messages of all mailboxes newest first, one row for copies with both colours', async () => {
    await setup();
    const rows = await screen.findAllByTestId('msg-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain('Facture mars');
    expect(rows[0]!.getAttribute('data-unread')).toBe('true');
    const chips = within(rows[0]!).getAllByTestId('msg-mailbox-chip');
    expect(chips.map((c) => c.getAttribute('aria-label')).sort()).toEqual(['Contact', 'Support']);
    expect(chips.map((c) => (c).style.backgroundColor).sort()).toEqual(['rgb(220, 38, 38)', 'rgb(37, 99, 235)']);
    expect(rows[1]!.getAttribute('data-unread')).toBeNull();
  });

  it('opening a message marks it read and shows it sanitized in a sandboxed frame, remote images blocked', async () => {
    const { api } = await setup();
    const [first] = await screen.findAllByTestId('msg-row');
    fireEvent.click(first!);
    const frame = await screen.findByTestId<HTMLIFrameElement>('reader-frame');
    expect(frame.getAttribute('sandbox')).toBe(FRAME_SANDBOX);
    expect(frame.getAttribute('sandbox')).not.toMatch(/allow-scripts|allow-same-origin/);
    const doc = frame.getAttribute('srcdoc') ?? '';
    expect(doc).toMatch(/^<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'/);
    expect(doc).not.toContain('tracker.example');
    expect(doc).not.toMatch(/<script|onclick/);
    expect(screen.getByTestId('remote-images-banner').textContent).toContain('Images distantes bloquées');
    await waitFor(() => expect(screen.getAllByTestId('msg-row')[0]!.getAttribute('data-unread')).toBeNull());
    expect(api.callsOf('setSeen')).toHaveLength(1);
    // The embedded (cid:) logo is fetched and inlined as data:.
    await waitFor(() => expect(frame.getAttribute('srcdoc')).toContain('data:image/png;base64,iVBORw0KGgo='));

    fireEvent.click(screen.getByTestId('show-images'));
    await waitFor(() => expect(frame.getAttribute('srcdoc')).toContain('https://tracker.example/p.gif'));
    expect(frame.getAttribute('srcdoc')).toContain('img-src data: cid: https: http:');
    expect(screen.queryByTestId('remote-images-banner')).toBeNull();
  });

  it('shows headers and lets the user save an attachment', async () => {
    await setup();
    fireEvent.click((await screen.findAllByTestId('msg-row'))[0]!);
    expect((await screen.findByTestId('reader-from')).textContent).toContain('Compta Fournisseur <compta@fournisseur.fr>');
    expect(screen.getByTestId('reader-to').textContent).toContain('contact@gmail.com');
    expect(screen.getByTestId('reader-mailboxes').textContent).toContain('Contact');
    const items = screen.getAllByTestId('attachment');
    expect(items).toHaveLength(1);
    expect(items[0]!.textContent).toContain('facture.pdf');
    const created: Blob[] = [];
    URL.createObjectURL = (b: Blob) => {
      created.push(b);
      return 'blob:test';
    };
    URL.revokeObjectURL = () => {};
    const clicks: string[] = [];
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicks.push(this.download);
    };
    fireEvent.click(within(items[0]!).getByTestId('attachment-save'));
    await waitFor(() => expect(clicks).toEqual(['facture.pdf']));
    expect(created[0]!.type).toBe('application/pdf');
    expect(new Uint8Array(await created[0]!.arrayBuffer()).slice(0, 4)).toEqual(new Uint8Array([0x25, 0x50, 0x44, 0x46]));
  });

  it('filters by search (debounced, accents ignored), by mailbox and by unread', async () => {
    const { api, b } = await setup();
    fireEvent.change(screen.getByTestId('search-box'), { target: { value: 'facture MARS' } });
    await waitFor(() => expect(screen.getAllByTestId('msg-row')).toHaveLength(1));
    expect(api.callsOf('listMessages').at(-1)).toMatchObject({ search: 'facture MARS' });
    fireEvent.change(screen.getByTestId('search-box'), { target: { value: '' } });
    await waitFor(() => expect(screen.getAllByTestId('msg-row')).toHaveLength(2));
    fireEvent.change(screen.getByTestId('mailbox-filter'), { target: { value: String(b.id) } });
    await waitFor(() => expect(screen.getAllByTestId('msg-row')).toHaveLength(1));
    fireEvent.change(screen.getByTestId('mailbox-filter'), { target: { value: '' } });
    fireEvent.click(screen.getByTestId('unread-toggle'));
    await waitFor(() => expect(screen.getAllByTestId('msg-row')).toHaveLength(1));
    expect(screen.getByTestId('unread-toggle').getAttribute('aria-pressed')).toBe('true');
  });

  it('refreshes when the core says messages changed', async () => {
    const { api, a } = await setup();
    await screen.findAllByTestId('msg-row');
    api.addMessages([{ mailbox_id: a.id, date: '2025-03-11T09:00:00Z', subject: 'Nouvelle commande' }]);
    api.emit('messagesChanged', { mailbox_id: a.id });
    await waitFor(() => expect(screen.getAllByTestId('msg-row')[0]!.textContent).toContain('Nouvelle commande'));
  });
});
