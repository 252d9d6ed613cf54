// The views under « Unified inbox »: Inbox, Sent, Spam, Archive, Trash, All — each across every mailbox,
// with its unread count (issue 14).
import { useStore } from 'zustand';
import { FOLDER_VIEWS, type FolderView } from '../../../shared/types.js';
import type { LabelKey } from '../../i18n/i18n.js';
import { useServices, useT } from '../../store/services.js';

export const VIEW_LABELS: Record<FolderView, LabelKey> = {
  inbox: 'views.inbox',
  sent: 'views.sent',
  junk: 'views.junk',
  archive: 'views.archive',
  trash: 'views.trash',
  all: 'views.all',
};

export function FolderNav() {
  const { stores } = useServices();
  const { t, tag } = useT();
  const screen = useStore(stores.nav, (s) => s.screen);
  const current = useStore(stores.inbox, (s) => (s.filter.triage === null ? s.filter.folder : null));
  const counts = useStore(stores.folders, (s) => s.counts);
  const choose = (view: FolderView) => {
    stores.nav.getState().go('inbox');
    const f = stores.inbox.getState().filter;
    if (f.folder !== view || f.triage !== null) stores.inbox.getState().setFilter({ folder: view, triage: null });
  };
  return (
    <ul className="folder-nav" aria-label={t('views.label')}>
      {FOLDER_VIEWS.map((view) => {
        const active = screen === 'inbox' && current === view;
        const unread = counts?.[view].unread ?? 0;
        // Sent and Trash hold mail nobody needs to "read": their totals say more than unread counts.
        const shown = view === 'sent' || view === 'trash' || view === 'all' ? 0 : unread;
        return (
          <li key={view}>
            <button
              type="button"
              className={`folder-item${active ? ' active' : ''}`}
              aria-current={active ? 'page' : undefined}
              onClick={() => choose(view)}
              data-testid={`view-${view}`}
            >
              <span className="folder-label">{t(VIEW_LABELS[view])}</span>
              {shown > 0 ? (
                <span className="folder-count" aria-label={t('views.unreadCount', { count: shown })} data-testid={`view-count-${view}`}>
                  {new Intl.NumberFormat(tag).format(shown)}
                </span>
              ) : null}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
