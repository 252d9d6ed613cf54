// Buttons for one message (reader) or the ticked ones (bulk bar): read/unread, star, archive, delete (for good
// from the Trash, after a confirmation), not spam, move to a folder of the message's mailbox.
import { useCallback, useState } from 'react';
import { useStore } from 'zustand';
import type { FolderRole, MessageAction } from '../../../shared/types.js';
import { useServices, useT } from '../../store/services.js';
import { Dialog } from '../common/ConfirmDialog.js';
import { MoveMenu } from './MoveMenu.js';
import { TriageControls } from './TriageControls.js';

export interface ActionTarget {
  ids: number[];
  /** Where they show now: decides "not spam" and "delete for good". */
  roles: FolderRole[];
  allSeen: boolean;
  allFlagged: boolean;
  /** The mailbox when every target is in the same one (moving needs one mailbox's folders). */
  mailboxId: number | null;
}

export function ConfirmDeleteForever({ count, onConfirm, onCancel }: { count: number; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useT();
  return (
    <Dialog title={t('actions.confirmTitle')} onClose={onCancel} testId="confirm-delete">
      <p>{t('actions.confirmText', { count })}</p>
      <div className="actions">
        <button type="button" className="btn" onClick={onCancel} data-testid="confirm-delete-cancel">
          {t('actions.cancel')}
        </button>
        <button type="button" className="btn btn-danger" onClick={onConfirm} data-testid="confirm-delete-ok">
          {t('actions.deleteForever')}
        </button>
      </div>
    </Dialog>
  );
}

/** Runs an action; deleting from the Trash asks first. Shared by the buttons and the keyboard shortcuts. */
export function useRunAction() {
  const { stores } = useServices();
  const [confirm, setConfirm] = useState<ActionTarget | null>(null);
  const run = useCallback(
    (action: MessageAction, target: ActionTarget, folder?: string) => {
      if (target.ids.length === 0) return;
      if (action === 'delete' && target.roles.includes('trash')) {
        setConfirm(target);
        return;
      }
      void stores.inbox.getState().act(action, target.ids, folder);
    },
    [stores],
  );
  const dialog = confirm ? (
    <ConfirmDeleteForever
      count={confirm.ids.length}
      onCancel={() => setConfirm(null)}
      onConfirm={() => {
        void stores.inbox.getState().act('delete', confirm.ids);
        setConfirm(null);
      }}
    />
  ) : null;
  return { run, dialog };
}

export function MessageActions({ target, testId, label }: { target: ActionTarget; testId: string; label: string }) {
  const { t } = useT();
  const { run, dialog } = useRunAction();
  const inTrash = target.roles.length > 0 && target.roles.every((r) => r === 'trash');
  const inJunk = target.roles.includes('junk');
  const inArchive = target.roles.length > 0 && target.roles.every((r) => r === 'archive');
  const button = (action: MessageAction, text: string, extra = '') => (
    <button type="button" className={`btn btn-small${extra}`} onClick={() => run(action, target)} data-testid={`action-${action}`}>
      {text}
    </button>
  );
  return (
    <div className="msg-actions" role="toolbar" aria-label={label} data-testid={testId}>
      {target.allSeen ? button('unread', t('actions.unread')) : button('read', t('actions.read'))}
      {target.allFlagged ? button('unflag', `★ ${t('actions.unflag')}`) : button('flag', `☆ ${t('actions.flag')}`)}
      {inArchive ? null : button('archive', t('actions.archive'))}
      {inJunk ? button('not-spam', t('actions.notSpam')) : null}
      {button('delete', inTrash ? t('actions.deleteForever') : t('actions.delete'), inTrash ? ' btn-danger' : '')}
      {target.mailboxId !== null ? <MoveMenu mailboxId={target.mailboxId} onMove={(path) => run('move', target, path)} /> : null}
      {dialog}
    </div>
  );
}

/** The bar over the list while messages are ticked. */
export function BulkBar() {
  const { stores } = useServices();
  const { t } = useT();
  const checked = useStore(stores.inbox, (s) => s.checked);
  const pages = useStore(stores.inbox, (s) => s.pages);
  if (checked.length === 0) return null;
  const rows = Object.values(pages).flat().filter((m) => checked.includes(m.id));
  const mailboxes = new Set(rows.map((m) => m.mailbox_id));
  const target: ActionTarget = {
    ids: checked,
    roles: rows.map((m) => m.folder_role),
    allSeen: rows.length > 0 && rows.every((m) => m.seen),
    allFlagged: rows.length > 0 && rows.every((m) => m.flagged),
    mailboxId: mailboxes.size === 1 ? ([...mailboxes][0] ?? null) : null,
  };
  return (
    <div className="bulk-bar" data-testid="bulk-bar">
      <span className="bulk-count">{t('actions.selected', { count: checked.length })}</span>
      <MessageActions target={target} testId="bulk-actions" label={t('actions.bulkLabel')} />
      <TriageControls rows={rows} testId="bulk-triage" />
      <button type="button" className="btn btn-small btn-link" onClick={() => stores.inbox.getState().clearChecked()} data-testid="bulk-clear">
        {t('actions.clear')}
      </button>
    </div>
  );
}
