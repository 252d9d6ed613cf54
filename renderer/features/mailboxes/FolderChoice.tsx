// Which folders of one mailbox are synced (issue 14): the server's folders with what each is for; a tick
// saves at once (PATCH folders). INBOX is always synced, Gmail's All Mail never.
import { useCallback, useEffect, useState } from 'react';
import type { MailboxFolder } from '../../../shared/types.js';
import { describeUserError, toUserError } from '../../lib/error-text.js';
import { useServices, useT } from '../../store/services.js';
import { useFolderName } from '../inbox/FolderTag.js';

export function FolderChoice({ mailboxId }: { mailboxId: number }) {
  const { client } = useServices();
  const { t, locale } = useT();
  const folderName = useFolderName();
  const [folders, setFolders] = useState<MailboxFolder[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const load = useCallback(
    (refresh: boolean) => {
      setError(null);
      client.api
        .listFolders({ id: mailboxId, refresh })
        .then(setFolders)
        .catch((err: unknown) => setError(describeUserError(toUserError(err, locale), locale).message));
    },
    [client, mailboxId, locale],
  );
  useEffect(() => load(false), [load]);

  const toggle = async (path: string, on: boolean) => {
    if (!folders) return;
    const next = folders.map((f) => (f.path === path ? { ...f, chosen: on } : f));
    setFolders(next);
    setSaved(false);
    try {
      const chosen = next.filter((f) => f.chosen && f.role !== 'inbox').map((f) => f.path);
      await client.api.updateMailbox({ id: mailboxId, patch: { folders: chosen } });
      setSaved(true);
    } catch (err) {
      setError(describeUserError(toUserError(err, locale), locale).message);
      load(false);
    }
  };

  return (
    <fieldset className="folder-choice" data-testid="folder-choice">
      <legend>{t('folders.title')}</legend>
      <p className="muted small">{t('folders.help')}</p>
      {error ? <p className="banner banner-warning small">{t('folders.unavailable', { error })}</p> : null}
      {folders === null && !error ? <p className="muted small">{t('folders.loading')}</p> : null}
      {folders?.map((f) => (
        <label key={f.path} className="checkbox folder-choice-item">
          <input
            type="checkbox"
            checked={f.chosen}
            disabled={f.role === 'inbox' || f.role === 'all'}
            onChange={(e) => void toggle(f.path, e.target.checked)}
            data-testid={`folder-choice-${f.path}`}
          />
          <span>
            {f.path}
            {f.role !== 'other' && f.role !== 'all' ? <span className="muted small"> — {folderName({ folder: f.path, folder_role: f.role })}</span> : null}
            {f.message_count > 0 ? <span className="muted small"> ({t('folders.count', { count: f.message_count })})</span> : null}
          </span>
        </label>
      ))}
      {saved ? (
        <p className="muted small" role="status" data-testid="folder-choice-saved">
          {t('folders.saved')}
        </p>
      ) : null}
      <button type="button" className="btn btn-small" onClick={() => load(true)} data-testid="folder-choice-refresh">
        {t('folders.refresh')}
      </button>
    </fieldset>
  );
}
