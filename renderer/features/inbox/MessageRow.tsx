// One line of the unified inbox: mailbox chips (every mailbox for collapsed copies), sender, subject,
// snippet, date, unread in bold, paperclip for attachments. Fixed height: the list is virtualized.
import { memo } from 'react';
import type { Mailbox, MessageSummary } from '../../../shared/types.js';
import { displayAddress, formatListDate } from '../../lib/format.js';
import { useServices, useT } from '../../store/services.js';
import { FolderTag } from './FolderTag.js';
import { TriageBadge } from './TriageControls.js';
import { PaperclipIcon } from '../common/icons.js';

export const ROW_HEIGHT = 68;

interface Props {
  message: MessageSummary;
  mailboxes: ReadonlyMap<number, Mailbox>;
  selected: boolean;
  now: number;
  onOpen: (id: number) => void;
  index: number;
  /** Ticked for a bulk action. */
  checked?: boolean;
}

export const MessageRow = memo(function MessageRow({ message, mailboxes, selected, now, onOpen, index, checked = false }: Props) {
  const { t, tag } = useT();
  const { stores } = useServices();
  const ids = message.mailbox_ids.length > 0 ? message.mailbox_ids : [message.mailbox_id];
  const sender = displayAddress(message.from) || t('inbox.noSender');
  return (
    <div
      role="option"
      id={`msg-${message.id}`}
      aria-selected={selected}
      aria-posinset={index + 1}
      className={`msg-row${message.seen ? '' : ' unread'}${selected ? ' selected' : ''}`}
      onClick={() => onOpen(message.id)}
      data-testid="msg-row"
      data-message-id={message.id}
      data-unread={message.seen ? undefined : 'true'}
    >
      <div className="msg-line1">
        <input
          type="checkbox"
          className="msg-check"
          checked={checked}
          aria-label={t('actions.select', { subject: message.subject || t('inbox.noSubject') })}
          onClick={(e) => e.stopPropagation()}
          onChange={() => stores.inbox.getState().toggleChecked(message.id)}
          data-testid="msg-select"
        />
        <span className="msg-chips">
          {ids.map((id) => {
            const mb = mailboxes.get(id);
            return (
              <span
                key={id}
                className="chip-dot"
                style={{ backgroundColor: mb?.color ?? '#9ca3af' }}
                title={mb?.name ?? ''}
                aria-label={mb?.name ?? ''}
                role="img"
                data-testid="msg-mailbox-chip"
              />
            );
          })}
        </span>
        <span className="msg-from">{sender}</span>
        {message.flagged ? (
          <span className="msg-star" title={t('actions.starred')} aria-label={t('actions.starred')} role="img" data-testid="msg-star">
            ★
          </span>
        ) : null}
        {message.action_error ? (
          <span className="msg-action-error" title={t('actions.failed', { error: message.action_error })} role="img" aria-label={t('actions.failed', { error: message.action_error })} data-testid="msg-action-error">
            ⚠
          </span>
        ) : null}
        <FolderTag message={message} />
        <TriageBadge message={message} />
        {message.has_attachments ? (
          <span className="msg-attach" title={t('inbox.hasAttachments')}>
            <PaperclipIcon label={t('inbox.hasAttachments')} />
          </span>
        ) : null}
        <time className="msg-date" dateTime={message.date ?? undefined}>
          {formatListDate(message.date, now, tag)}
        </time>
      </div>
      <div className="msg-line2">
        {!message.seen ? <span className="visually-hidden">{t('inbox.unread')} </span> : null}
        <span className="msg-subject">{message.subject || t('inbox.noSubject')}</span>
        <span className="msg-snippet"> — {message.snippet}</span>
      </div>
    </div>
  );
});

export function PlaceholderRow() {
  return (
    <div className="msg-row placeholder" aria-hidden="true" data-testid="msg-row-loading">
      <div className="msg-line1">
        <span className="skeleton skeleton-short" />
      </div>
      <div className="msg-line2">
        <span className="skeleton skeleton-long" />
      </div>
    </div>
  );
}
