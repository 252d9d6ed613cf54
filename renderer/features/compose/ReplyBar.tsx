// The reader's Reply / Reply all / Forward buttons and the inbox's "New message" button.
import { useStore } from 'zustand';
import type { MessageDetail } from '../../../shared/types.js';
import { useServices, useT } from '../../store/services.js';

export function ReplyBar({ detail }: { detail: MessageDetail }) {
  const { stores } = useServices();
  const { t } = useT();
  const compose = stores.compose.getState();
  return (
    <div className="reply-bar actions" data-testid="reply-bar">
      <button type="button" className="btn" onClick={() => compose.openReply(detail, false)} data-testid="reply">
        {t('compose.reply')}
      </button>
      <button type="button" className="btn" onClick={() => compose.openReply(detail, true)} data-testid="reply-all">
        {t('compose.replyAll')}
      </button>
      <button type="button" className="btn" onClick={() => compose.openForward(detail)} data-testid="forward">
        {t('compose.forward')}
      </button>
    </div>
  );
}

export function NewMessageButton() {
  const { stores } = useServices();
  const { t } = useT();
  const filter = useStore(stores.inbox, (s) => s.filter.mailbox_id);
  const mailboxes = useStore(stores.mailboxes, (s) => s.mailboxes);
  if (mailboxes.length === 0) return null;
  return (
    <button
      type="button"
      className="btn btn-primary"
      onClick={() => stores.compose.getState().openNew(filter ?? mailboxes[0]?.id ?? null)}
      data-testid="compose-new"
    >
      {t('compose.new')}
    </button>
  );
}
