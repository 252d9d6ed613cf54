// Filters of the unified inbox: one mailbox or all, unread only, and full-text search (debounced; the
// server's FTS ignores accents and case).
import { useEffect, useId, useState } from 'react';
import { useStore } from 'zustand';
import { useServices, useT } from '../../store/services.js';

export const SEARCH_DEBOUNCE_MS = 300;

export function InboxToolbar() {
  const { stores } = useServices();
  const { t } = useT();
  const filter = useStore(stores.inbox, (s) => s.filter);
  const setFilter = useStore(stores.inbox, (s) => s.setFilter);
  const mailboxes = useStore(stores.mailboxes, (s) => s.mailboxes);
  const [search, setSearch] = useState(filter.search);
  const selectId = useId();
  const searchId = useId();

  useEffect(() => {
    if (search === stores.inbox.getState().filter.search) return;
    const timer = window.setTimeout(() => setFilter({ search }), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [search, setFilter, stores]);

  return (
    <div className="toolbar" role="search">
      <div className="toolbar-search">
        <label htmlFor={searchId} className="visually-hidden">
          {t('inbox.search')}
        </label>
        <input
          id={searchId}
          type="search"
          placeholder={t('inbox.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') setFilter({ search });
          }}
          data-testid="search-box"
        />
      </div>
      <label htmlFor={selectId} className="visually-hidden">
        {t('inbox.mailboxFilter')}
      </label>
      <select
        id={selectId}
        value={filter.mailbox_id === null ? '' : String(filter.mailbox_id)}
        onChange={(e) => setFilter({ mailbox_id: e.target.value === '' ? null : Number(e.target.value) })}
        data-testid="mailbox-filter"
      >
        <option value="">{t('inbox.allMailboxes')}</option>
        {mailboxes.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        className={`btn btn-toggle${filter.unread_only ? ' on' : ''}`}
        aria-pressed={filter.unread_only}
        onClick={() => setFilter({ unread_only: !filter.unread_only })}
        data-testid="unread-toggle"
      >
        {t('inbox.unreadOnly')}
      </button>
    </div>
  );
}
