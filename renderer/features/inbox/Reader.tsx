// The reading pane: headers, attachments, then the body (safe HTML or plain text).
import { useStore } from 'zustand';
import type { Address, Mailbox } from '../../../shared/types.js';
import { describeUserError } from '../../lib/error-text.js';
import { formatFullDate, fullAddress } from '../../lib/format.js';
import { useServices, useT } from '../../store/services.js';
import { ErrorBox } from '../common/ErrorBox.js';
import { MailboxChip } from '../common/MailboxChip.js';
import { Attachments } from './Attachments.js';
import { ReaderBody } from './ReaderBody.js';
import { FolderTag } from './FolderTag.js';
import { MessageActions } from './MessageActions.js';
import { ReplyBar } from '../compose/ReplyBar.js';
import { TriageControls } from './TriageControls.js';
import { Conversation } from './Conversation.js';

function AddressLine({ label, list, testId }: { label: string; list: Address[]; testId: string }) {
  if (list.length === 0) return null;
  return (
    <div className="reader-header-line" data-testid={testId}>
      <span className="reader-label">{label}</span>
      <span>{list.map(fullAddress).join(', ')}</span>
    </div>
  );
}

export function Reader() {
  const { stores } = useServices();
  const { t, tag, locale } = useT();
  const detail = useStore(stores.inbox, (s) => s.detail);
  const loading = useStore(stores.inbox, (s) => s.detailLoading);
  const error = useStore(stores.inbox, (s) => s.detailError);
  const showImages = useStore(stores.inbox, (s) => s.showImages);
  const allowImages = useStore(stores.inbox, (s) => s.allowImages);
  const mailboxes = useStore(stores.mailboxes, (s) => s.mailboxes);
  // The list row is refreshed when a colleague's triage arrives; the opened detail is not re-read.
  const listed = useStore(stores.inbox, (s) => (s.selectedId === null ? undefined : Object.values(s.pages).flat().find((m) => m.id === s.selectedId)));

  if (error) {
    return (
      <section className="reader reader-empty" data-testid="reader">
        <ErrorBox words={describeUserError(error, locale)} testId="reader-error" />
      </section>
    );
  }
  if (loading) {
    return (
      <section className="reader reader-empty" aria-busy="true" data-testid="reader">
        <p className="muted">{t('reader.loading')}</p>
      </section>
    );
  }
  if (!detail) {
    return (
      <section className="reader reader-empty" data-testid="reader">
        <p className="muted">{t('reader.empty')}</p>
      </section>
    );
  }
  const ids = detail.mailbox_ids.length > 0 ? detail.mailbox_ids : [detail.mailbox_id];
  const boxes = ids.map((id) => mailboxes.find((m) => m.id === id)).filter((m): m is Mailbox => Boolean(m));
  return (
    <section className="reader" aria-label={t('reader.label')} data-testid="reader">
      <MessageActions
        target={{ ids: [detail.id], roles: [detail.folder_role], allSeen: detail.seen, allFlagged: detail.flagged, mailboxId: detail.mailbox_id }}
        testId="reader-actions"
        label={t('actions.label')}
      />
      <TriageControls rows={[listed ? { ...detail, triage: listed.triage } : detail]} testId="reader-triage" />
      <header className="reader-header">
        <h2 className="reader-subject" data-testid="reader-subject">
          {detail.subject || t('inbox.noSubject')}
        </h2>
        <div className="reader-header-line" data-testid="reader-from">
          <span className="reader-label">{t('reader.from')}</span>
          <strong>{detail.from ? fullAddress(detail.from) : t('inbox.noSender')}</strong>
        </div>
        <AddressLine label={t('reader.to')} list={detail.to} testId="reader-to" />
        <AddressLine label={t('reader.cc')} list={detail.cc} testId="reader-cc" />
        <div className="reader-header-line">
          <span className="reader-label">{t('reader.date')}</span>
          <time dateTime={detail.date ?? undefined} data-testid="reader-date">
            {formatFullDate(detail.date, tag) || t('reader.noDate')}
          </time>
        </div>
        <div className="reader-header-line">
          <span className="reader-label">{t('reader.mailbox')}</span>
          <span className="reader-boxes" data-testid="reader-mailboxes">
            {boxes.map((m) => (
              <MailboxChip key={m.id} mailbox={m} />
            ))}
          </span>
        </div>
        <div className="reader-header-line">
          <span className="reader-label">{t('actions.folder')}</span>
          <FolderTag message={detail} />
        </div>
        {detail.action_error ? (
          <p className="banner banner-warning small" data-testid="reader-action-error">
            {t('actions.failed', { error: detail.action_error })}
          </p>
        ) : null}
        {detail.parse_error ? (
          <p className="banner banner-warning small" data-testid="reader-parse-error">
            {t('reader.parseError')}
          </p>
        ) : null}
      </header>
      <ReplyBar detail={detail} />
      <Conversation key={`conversation-${detail.id}`} messageId={detail.id} />
      <Attachments key={detail.id} messageId={detail.id} attachments={detail.attachments} />
      <div className="reader-body">
        <ReaderBody detail={detail} showImages={showImages} onShowImages={allowImages} />
      </div>
    </section>
  );
}
