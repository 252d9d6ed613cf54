// The unified inbox: toolbar, virtualized list, reader.
import { useStore } from 'zustand';
import { describeUserError } from '../../lib/error-text.js';
import { formatCount } from '../../lib/format.js';
import { useServices, useT } from '../../store/services.js';
import { ErrorBox } from '../common/ErrorBox.js';
import { InboxToolbar } from './InboxToolbar.js';
import { VIEW_LABELS } from '../app/FolderNav.js';
import { TRIAGE_LABELS } from '../app/TriageNav.js';
import { useTriageShortcuts } from './triage-shortcuts.js';
import { BulkBar, useRunAction } from './MessageActions.js';
import { ShortcutsHelp, useInboxShortcuts } from './Shortcuts.js';
import { MessageList } from './MessageList.js';
import { Reader } from './Reader.js';
import { useEffect } from 'react';
import { ComposePane } from '../compose/ComposePane.js';
import { NewMessageButton } from '../compose/ReplyBar.js';
import { OutboxPanel } from '../compose/OutboxPanel.js';

function ListState() {
  const { stores } = useServices();
  const { t, tag, locale } = useT();
  const total = useStore(stores.inbox, (s) => s.total);
  const error = useStore(stores.inbox, (s) => s.listError);
  const filter = useStore(stores.inbox, (s) => s.filter);
  const noMailbox = useStore(stores.mailboxes, (s) => s.loaded && s.mailboxes.length === 0);
  const go = useStore(stores.nav, (s) => s.go);
  if (error) return <ErrorBox words={describeUserError(error, locale)} testId="inbox-error" />;
  if (noMailbox) {
    return (
      <div className="empty-state" data-testid="inbox-no-mailbox">
        <p>{t('inbox.noMailbox')}</p>
        <button type="button" className="btn btn-primary" onClick={() => go('wizard')}>
          {t('nav.addMailbox')}
        </button>
      </div>
    );
  }
  if (total === 0) {
    const filtered = filter.search.trim() !== '' || filter.unread_only || filter.mailbox_id !== null;
    return (
      <div className="empty-state" data-testid="inbox-empty">
        <p>{filtered ? t('inbox.noMatch') : t('inbox.empty')}</p>
      </div>
    );
  }
  if (total === null) return null;
  return (
    <p className="list-count muted" data-testid="inbox-count">
      {t('inbox.count', { count: total, n: formatCount(total, tag) })}
    </p>
  );
}

function ActionError() {
  const { stores } = useServices();
  const { t, locale } = useT();
  const error = useStore(stores.inbox, (s) => s.actionError);
  if (!error) return null;
  return (
    <div className="banner banner-warning small" role="alert" data-testid="action-error">
      <strong>{t('actions.error')}</strong> {describeUserError(error, locale).message}
      <button type="button" className="btn btn-small btn-link" onClick={() => stores.inbox.getState().dismissActionError()}>
        {t('shortcuts.close')}
      </button>
    </div>
  );
}

export function InboxScreen() {
  const { stores } = useServices();
  const { t } = useT();
  const view = useStore(stores.inbox, (s) => s.filter.folder);
  const triageView = useStore(stores.inbox, (s) => s.filter.triage);
  const { run, dialog } = useRunAction();
  const { help, setHelp } = useInboxShortcuts(run);
  const composing = useStore(stores.compose, (s) => s.draft !== null);
  // A draft left by a closed window or a crash comes back.
  useEffect(() => stores.compose.getState().restore(), [stores]);
  useTriageShortcuts();
  return (
    <section className="screen inbox" aria-labelledby="inbox-title">
      <header className="screen-header inbox-header">
        <h1 id="inbox-title" data-testid="inbox-title">
          {triageView !== null ? t(TRIAGE_LABELS[triageView]) : view === 'inbox' ? t('inbox.title') : t(VIEW_LABELS[view])}
        </h1>
        <InboxToolbar />
        <button type="button" className="btn btn-small" onClick={() => setHelp(true)} data-testid="shortcuts-open" title={t('shortcuts.open')}>
          ?
        </button>
        <NewMessageButton />
      </header>
      {help ? <ShortcutsHelp onClose={() => setHelp(false)} /> : null}
      {dialog}
      <ActionError />
      <div className="inbox-panes">
        <div className="list-pane">
          <BulkBar />
          <ListState />
          <MessageList />
          <OutboxPanel />
        </div>
        {composing ? <ComposePane /> : <Reader />}
      </div>
    </section>
  );
}
