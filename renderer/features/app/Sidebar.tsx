// Left navigation: the four screens, with the unread count and the number of mailboxes in error.
import { useStore } from 'zustand';
import type { LabelKey } from '../../i18n/i18n.js';
import { useServices, useT } from '../../store/services.js';
import type { Screen } from '../../store/nav-store.js';
import { FolderNav } from './FolderNav.js';
import { TriageNav } from './TriageNav.js';

const ITEMS: Array<{ screen: Exclude<Screen, 'wizard'>; label: LabelKey; icon: string }> = [
  { screen: 'inbox', label: 'nav.inbox', icon: '✉' },
  { screen: 'status', label: 'nav.status', icon: '⟳' },
  { screen: 'mailboxes', label: 'nav.mailboxes', icon: '☰' },
  { screen: 'settings', label: 'nav.settings', icon: '⚙' },
];

export function Sidebar() {
  const { stores } = useServices();
  const { t, tag } = useT();
  const screen = useStore(stores.nav, (s) => s.screen);
  const go = useStore(stores.nav, (s) => s.go);
  // The same number as « Réception » below and as the unread list: the Inbox view's unread count, a message
  // several mailboxes received counted once (the core's view-counts.ts, one source for both).
  const unread = useStore(stores.folders, (s) => s.counts?.inbox.unread ?? 0);
  // Live health of the active mailboxes, as the status banner and the tray show it.
  const inError = useStore(stores.status, (s) => Object.values(s.statuses).filter((x) => x.mailbox.active && x.health === 'error').length);
  const warnings = useStore(stores.status, (s) => Object.values(s.statuses).filter((x) => x.mailbox.active && x.health === 'warning').length);
  return (
    <nav className="sidebar" aria-label={t('nav.label')}>
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          R
        </span>
        <span className="brand-name">Relève</span>
      </div>
      <ul className="nav-list">
        {ITEMS.map((item) => (
          <li key={item.screen}>
            <button
              type="button"
              className={`nav-item${screen === item.screen ? ' active' : ''}`}
              aria-current={screen === item.screen ? 'page' : undefined}
              onClick={() => go(item.screen)}
              data-testid={`nav-${item.screen}`}
            >
              <span className="nav-icon" aria-hidden="true">
                {item.icon}
              </span>
              <span className="nav-label">{t(item.label)}</span>
              {item.screen === 'inbox' && unread > 0 ? (
                <span className="nav-count" aria-label={t('nav.unreadCount', { count: unread })}>
                  {new Intl.NumberFormat(tag).format(unread)}
                </span>
              ) : null}
              {item.screen === 'status' && inError > 0 ? (
                <span className="nav-count nav-count-error" aria-label={t('nav.errorCount', { count: inError })} data-testid="nav-status-errors">
                  {inError}
                </span>
              ) : item.screen === 'status' && warnings > 0 ? (
                <span className="nav-count nav-count-warning" aria-label={t('nav.warningCount', { count: warnings })} data-testid="nav-status-warnings">
                  {warnings}
                </span>
              ) : null}
            </button>
            {item.screen === 'inbox' ? <FolderNav /> : null}
            {item.screen === 'inbox' ? <TriageNav /> : null}
          </li>
        ))}
      </ul>
      <button
        type="button"
        className={`nav-add${screen === 'wizard' ? ' active' : ''}`}
        onClick={() => go('wizard')}
        data-testid="nav-add-mailbox"
      >
        + {t('nav.addMailbox')}
      </button>
    </nav>
  );
}
