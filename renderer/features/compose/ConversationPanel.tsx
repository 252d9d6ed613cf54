// Under the message being read: the other messages of its conversation (linked by References / In-Reply-To,
// across mailboxes) and the replies sent from Relève, oldest first. Refreshed when the outbox changes.
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { MessageThread } from '../../../shared/types.js';
import { displayAddress, formatFullDate } from '../../lib/format.js';
import { useServices, useT } from '../../store/services.js';

export function ConversationPanel({ messageId }: { messageId: number }) {
  const { client, stores } = useServices();
  const { t, tag } = useT();
  const outboxVersion = useStore(stores.compose, (s) => s.outbox.map((o) => `${o.id}:${o.state}`).join());
  const [thread, setThread] = useState<MessageThread | null>(null);
  useEffect(() => {
    let live = true;
    client.api.getThread({ id: messageId }).then(
      (th) => live && setThread(th),
      () => live && setThread(null),
    );
    return () => {
      live = false;
    };
  }, [client, messageId, outboxVersion]);
  if (!thread || thread.messages.length + thread.outbox.length <= 1) return null;
  const entries = [
    ...thread.messages.map((m) => ({ key: `m${m.id}`, at: m.date, who: displayAddress(m.from), subject: m.subject, id: m.id, sent: false })),
    ...thread.outbox.map((o) => ({ key: `o${o.id}`, at: o.sent_at ?? o.created_at, who: o.from, subject: o.subject, id: null, sent: true })),
  ].sort((a, b) => (a.at ?? '').localeCompare(b.at ?? ''));
  const open = stores.inbox.getState().open;
  return (
    <section className="conversation" aria-label={t('thread.title')} data-testid="conversation">
      <h3 className="small">{t('thread.title')} ({entries.length})</h3>
      <ol>
        {entries.map((e) => (
          <li key={e.key} className={e.id === messageId ? 'current' : ''} data-testid="conversation-item" data-sent={e.sent ? 'true' : undefined}>
            {e.id !== null && e.id !== messageId ? (
              <button type="button" className="btn btn-link" onClick={() => void open(e.id)}>
                {e.who}
              </button>
            ) : (
              <strong>{e.sent ? t('thread.you') : e.who}</strong>
            )}{' '}
            <span className="muted small">{formatFullDate(e.at, tag)}</span> <span className="small">{e.subject}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
