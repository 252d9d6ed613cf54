// Mailbox management: the list (colour, name, address, active), edit, pause/resume, remove.
import { useState } from 'react';
import { useStore } from 'zustand';
import type { Mailbox } from '../../../shared/types.js';
import { describeUserError } from '../../lib/error-text.js';
import { useServices, useT } from '../../store/services.js';
import { ErrorBox } from '../common/ErrorBox.js';
import { DeleteMailboxDialog } from './DeleteMailboxDialog.js';
import { MailboxEditor } from './MailboxEditor.js';

function MailboxItem({ mailbox, onDelete }: { mailbox: Mailbox; onDelete: (m: Mailbox) => void }) {
  const { stores } = useServices();
  const { t } = useT();
  const editMailbox = useStore(stores.nav, (s) => s.editMailbox);
  const setActive = useStore(stores.mailboxes, (s) => s.setActive);
  return (
    <li className="mailbox-item" data-testid={`mailbox-item-${mailbox.id}`}>
      <span className="color-dot color-dot-large" style={{ backgroundColor: mailbox.color }} aria-hidden="true" />
      <div className="mailbox-item-text">
        <div className="mailbox-item-name">{mailbox.name}</div>
        <div className="muted small">
          {mailbox.email_address} · {mailbox.imap_server}:{mailbox.imap_port}
        </div>
      </div>
      <span className={`tag ${mailbox.active ? 'tag-ok' : 'tag-muted'}`} data-testid={`mailbox-active-${mailbox.id}`}>
        {mailbox.active ? t('mailboxes.active') : t('mailboxes.paused')}
      </span>
      <div className="mailbox-item-actions">
        <button type="button" className="btn btn-small" onClick={() => editMailbox(mailbox.id)} data-testid={`mailbox-edit-${mailbox.id}`}>
          {t('mailboxes.edit.button')}
        </button>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => void setActive(mailbox.id, !mailbox.active)}
          data-testid={`mailbox-toggle-${mailbox.id}`}
        >
          {mailbox.active ? t('mailboxes.pause') : t('mailboxes.resume')}
        </button>
        <button type="button" className="btn btn-small btn-danger-outline" onClick={() => onDelete(mailbox)} data-testid={`mailbox-delete-${mailbox.id}`}>
          {t('mailboxes.delete.button')}
        </button>
      </div>
    </li>
  );
}

export function MailboxesScreen() {
  const { stores } = useServices();
  const { t, locale } = useT();
  const mailboxes = useStore(stores.mailboxes, (s) => s.mailboxes);
  const error = useStore(stores.mailboxes, (s) => s.error);
  const editingId = useStore(stores.nav, (s) => s.editingMailboxId);
  const editMailbox = useStore(stores.nav, (s) => s.editMailbox);
  const go = useStore(stores.nav, (s) => s.go);
  const [deleting, setDeleting] = useState<Mailbox | null>(null);
  const editing = editingId === null ? undefined : mailboxes.find((m) => m.id === editingId);

  return (
    <section className="screen mailboxes" aria-labelledby="mailboxes-title">
      <header className="screen-header with-actions">
        <h1 id="mailboxes-title">{t('mailboxes.title')}</h1>
        <button type="button" className="btn btn-primary" onClick={() => go('wizard')} data-testid="mailboxes-add">
          + {t('nav.addMailbox')}
        </button>
      </header>
      {error ? <ErrorBox words={describeUserError(error, locale)} testId="mailboxes-error" /> : null}
      {editing ? <MailboxEditor key={editing.id} mailbox={editing} onDone={() => editMailbox(null)} /> : null}
      {mailboxes.length === 0 ? (
        <p className="empty-state">{t('mailboxes.none')}</p>
      ) : (
        <ul className="mailbox-list card">
          {mailboxes.map((m) => (
            <MailboxItem key={m.id} mailbox={m} onDelete={setDeleting} />
          ))}
        </ul>
      )}
      {deleting ? <DeleteMailboxDialog mailbox={deleting} onClose={() => setDeleting(null)} /> : null}
    </section>
  );
}
