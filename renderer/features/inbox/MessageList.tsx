// The virtualized message list: only the rows on screen exist in the DOM; their pages are fetched on
// demand (see inbox-store), so scrolling 100 000 messages stays smooth.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { KeyboardEvent } from 'react';
import { useStore } from 'zustand';
import type { Mailbox } from '../../../shared/types.js';
import { rowAt } from '../../store/inbox-store.js';
import { useServices, useT } from '../../store/services.js';
import { useNow } from '../common/use-now.js';
import { MessageRow, PlaceholderRow, ROW_HEIGHT } from './MessageRow.js';

export function MessageList() {
  const { stores } = useServices();
  const { t } = useT();
  const inbox = stores.inbox;
  const total = useStore(inbox, (s) => s.total);
  const pages = useStore(inbox, (s) => s.pages);
  const stalePages = useStore(inbox, (s) => s.stalePages);
  const generation = useStore(inbox, (s) => s.generation);
  const selectedId = useStore(inbox, (s) => s.selectedId);
  const checked = useStore(inbox, (s) => s.checked);
  const open = useStore(inbox, (s) => s.open);
  const mailboxList = useStore(stores.mailboxes, (s) => s.mailboxes);
  const mailboxes = useMemo(() => new Map<number, Mailbox>(mailboxList.map((m) => [m.id, m])), [mailboxList]);
  const now = useNow(60_000);
  const scrollRef = useRef<HTMLDivElement>(null);

  const count = total ?? 0;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    inbox.getState().ensureRange(first, last);
  }, [inbox, first, last, generation]);

  // A new filter starts at the top.
  const filter = useStore(inbox, (s) => s.filter);
  useEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [filter]);

  const onOpen = useCallback((id: number) => void open(id), [open]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const state = inbox.getState();
    let index = -1;
    for (const it of items) if (rowAt(state, it.index)?.id === state.selectedId) index = it.index;
    const next = Math.max(0, Math.min(count - 1, index + (e.key === 'ArrowDown' ? 1 : -1)));
    const row = rowAt(state, next);
    virtualizer.scrollToIndex(next);
    if (row) void state.open(row.id);
  };

  return (
    <div
      ref={scrollRef}
      className="msg-list"
      role="listbox"
      aria-label={t('inbox.listLabel')}
      aria-activedescendant={selectedId !== null ? `msg-${selectedId}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-testid="msg-list"
      data-total={total ?? ''}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
        {items.map((item) => {
          const m = rowAt({ pages, stalePages }, item.index);
          return (
            <div
              key={item.key}
              style={{ position: 'absolute', top: 0, left: 0, width: '100%', height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
            >
              {m ? (
                <MessageRow message={m} mailboxes={mailboxes} selected={m.id === selectedId} now={now} onOpen={onOpen} index={item.index} checked={checked.includes(m.id)} />
              ) : (
                <PlaceholderRow />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
