// Which folder a message is in, shown on each row and in the reader: the view's name for the well-known
// folders (Sent, Spam …), the folder's own path for the others.
import type { MessageSummary } from '../../../shared/types.js';
import { useT } from '../../store/services.js';
import { VIEW_LABELS } from '../app/FolderNav.js';

export function useFolderName(): (m: Pick<MessageSummary, 'folder' | 'folder_role'>) => string {
  const { t } = useT();
  return (m) => {
    const role = m.folder_role;
    if (role === 'drafts') return t('views.drafts');
    if (role === 'other' || role === 'all') return m.folder;
    return t(VIEW_LABELS[role]);
  };
}

export function FolderTag({ message }: { message: Pick<MessageSummary, 'folder' | 'folder_role'> }) {
  const name = useFolderName();
  return (
    <span className={`msg-folder folder-${message.folder_role}`} title={message.folder} data-testid="msg-folder">
      {name(message)}
    </span>
  );
}
