// Removing a mailbox asks what to do with its mail already stored: keep it (readable archive) or delete it.
import { useState } from 'react';
import type { Mailbox } from '../../../shared/types.js';
import { describeThrown } from '../../lib/error-text.js';
import type { ErrorWords } from '../../lib/error-text.js';
import { useServices, useT } from '../../store/services.js';
import { Dialog } from '../common/ConfirmDialog.js';
import { ErrorBox } from '../common/ErrorBox.js';

export function DeleteMailboxDialog({ mailbox, onClose }: { mailbox: Mailbox; onClose: () => void }) {
  const { stores } = useServices();
  const { t, locale } = useT();
  const [keep, setKeep] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorWords | null>(null);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await stores.mailboxes.getState().remove(mailbox.id, keep);
      stores.status.getState().forget(mailbox.id);
      if (stores.inbox.getState().filter.mailbox_id === mailbox.id) stores.inbox.getState().setFilter({ mailbox_id: null });
      else stores.inbox.getState().refresh();
      onClose();
    } catch (err) {
      setError(describeThrown(err, locale));
      setBusy(false);
    }
  };
  return (
    <Dialog title={t('mailboxes.delete.title', { name: mailbox.name })} onClose={onClose} testId="delete-dialog">
      <p>{t('mailboxes.delete.question', { email: mailbox.email_address })}</p>
      <div className="radio-group" role="radiogroup">
        <label className="radio">
          <input type="radio" name="keep" checked={keep} onChange={() => setKeep(true)} data-testid="delete-keep" />
          <span>
            <strong>{t('mailboxes.delete.keep')}</strong>
            <br />
            <span className="muted small">{t('mailboxes.delete.keepHelp')}</span>
          </span>
        </label>
        <label className="radio">
          <input type="radio" name="keep" checked={!keep} onChange={() => setKeep(false)} data-testid="delete-purge" />
          <span>
            <strong>{t('mailboxes.delete.purge')}</strong>
            <br />
            <span className="muted small">{t('mailboxes.delete.purgeHelp')}</span>
          </span>
        </label>
      </div>
      <p className="muted small">{t('mailboxes.delete.serverUntouched')}</p>
      {error ? <ErrorBox words={error} testId="delete-error" /> : null}
      <div className="actions">
        <button type="button" className="btn" onClick={onClose} data-testid="delete-cancel">
          {t('common.cancel')}
        </button>
        <button type="button" className="btn btn-danger" onClick={() => void confirm()} disabled={busy} data-testid="delete-confirm">
          {t('mailboxes.delete.confirm')}
        </button>
      </div>
    </Dialog>
  );
}
