// « Move to… »: the folders of one mailbox, as last listed on its server (loaded when the menu is first used).
import { useEffect, useId, useState } from 'react';
import type { MailboxFolder } from '../../../shared/types.js';
import { useServices, useT } from '../../store/services.js';

export function MoveMenu({ mailboxId, onMove }: { mailboxId: number; onMove: (path: string) => void }) {
  const { client } = useServices();
  const { t } = useT();
  const id = useId();
  const [folders, setFolders] = useState<MailboxFolder[]>([]);
  useEffect(() => {
    let cancelled = false;
    client.api
      .listFolders({ id: mailboxId })
      .then((list) => {
        if (!cancelled) setFolders(list.filter((f) => f.role !== 'all'));
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [client, mailboxId]);
  return (
    <>
      <label htmlFor={id} className="visually-hidden">
        {t('actions.moveLabel')}
      </label>
      <select
        id={id}
        className="move-menu"
        value=""
        onChange={(e) => {
          if (e.target.value) onMove(e.target.value);
        }}
        data-testid="action-move"
      >
        <option value="">{t('actions.move')}</option>
        {folders.map((f) => (
          <option key={f.path} value={f.path}>
            {f.path}
          </option>
        ))}
      </select>
    </>
  );
}
