// Under the message being read: its whole conversation (References / In-Reply-To across every mailbox of the
// company, subject fallback, plus the replies sent from Relève), oldest first, one line per message — mailbox,
// sender, date, first line — that unfolds to its subject, full date and opening text; the open message is
// marked, any other opens on a click. Read from getThread, again when the outbox or the stored mail changes.
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { MessageThread } from '../../../shared/types.js';
import { displayAddress, formatFullDate, formatListDate } from '../../lib/format.js';
import { useServices, useT } from '../../store/services.js';
import { MailboxChip } from '../common/MailboxChip.js';

const SETTLE_MS = 400;

interface Entry {
  key: string;
  /** A stored message (openable), or null for a reply Relève sent that is not synced back yet. */
  id: number | null;
  at: string | null;
  who: string;
  mailboxId: number;
  subject: string;
  text: string;
  to: string | null;
}

function entriesOf(thread: MessageThread, you: string): Entry[] {
  return [
    ...thread.messages.map((m) => ({ key: `m${m.id}`, id: m.id, at: m.date, who: displayAddress(m.from), mailboxId: m.mailbox_id, subject: m.subject, text: m.snippet, to: null })),
    ...thread.outbox.map((o) => ({ key: `o${o.id}`, id: null, at: o.sent_at ?? o.created_at, who: you, mailboxId: o.mailbox_id, subject: o.subject, text: '', to: o.to.join(', ') })),
  ].sort((a, b) => (a.at ?? '').localeCompare(b.at ?? ''));
}

export function Conversation({ messageId }: { messageId: number }) {
  const { client, stores } = useServices();
  const { t, tag } = useT();
  const outboxVersion = useStore(stores.compose, (s) => s.outbox.map((o) => `${o.id}:${o.state}`).join());
  const mailboxes = useStore(stores.mailboxes, (s) => s.mailboxes);
  const [thread, setThread] = useState<MessageThread | null>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  // New mail may answer this conversation (a colleague's reply synced from another mailbox): read it again
  // once a burst of changes has settled.
  const [mailVersion, setMailVersion] = useState(0);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = client.on('messagesChanged', () => {
      clearTimeout(timer);
      timer = setTimeout(() => setMailVersion((v) => v + 1), SETTLE_MS);
    });
    return () => {
      clearTimeout(timer);
      off();
    };
  }, [client]);
  useEffect(() => {
    let live = true;
    client.api.getThread({ id: messageId }).then(
      (th) => live && setThread(th),
      () => live && setThread(null),
    );
    return () => {
      live = false;
    };
  }, [client, messageId, outboxVersion, mailVersion]);
  if (!thread || thread.messages.length + thread.outbox.length <= 1) return null;
  const entries = entriesOf(thread, t('conversation.you'));
  const toggle = (key: string) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  const open = (id: number) => void stores.inbox.getState().open(id);
  const now = Date.now();
  return (
    <section className="conversation" aria-label={t('conversation.title', { count: entries.length })} data-testid="conversation">
      <h3 className="small">{t('conversation.title', { count: entries.length })}</h3>
      <ol>
        {entries.map((e) => {
          const current = e.id === messageId;
          const target = current ? null : e.id;
          const isOpen = expanded.has(e.key);
          const box = mailboxes.find((m) => m.id === e.mailboxId);
          const line = (
            <>
              {box ? <MailboxChip mailbox={box} /> : null}
              <strong className="conversation-who">{e.who}</strong>
              <time className="muted small" dateTime={e.at ?? undefined} title={formatFullDate(e.at, tag)}>
                {formatListDate(e.at, now, tag)}
              </time>
              <span className="conversation-first muted small">{e.text || e.subject}</span>
            </>
          );
          return (
            <li
              key={e.key}
              className={`conversation-item${current ? ' current' : ''}`}
              aria-current={current ? 'true' : undefined}
              data-testid="conversation-item"
              data-sent={e.id === null ? 'true' : undefined}
              data-expanded={isOpen ? 'true' : undefined}
            >
              <div className="conversation-line">
                <button
                  type="button"
                  className="btn btn-link conversation-toggle"
                  aria-expanded={isOpen}
                  aria-label={t(isOpen ? 'conversation.collapse' : 'conversation.expand', { who: e.who })}
                  data-testid="conversation-toggle"
                  onClick={() => toggle(e.key)}
                >
                  {isOpen ? '▾' : '▸'}
                </button>
                {target !== null ? (
                  <button type="button" className="conversation-open" title={t('conversation.open')} data-testid="conversation-open" onClick={() => open(target)}>
                    {line}
                  </button>
                ) : (
                  <div className="conversation-open">
                    {line}
                    {current ? <span className="conversation-current small">{t('conversation.current')}</span> : null}
                  </div>
                )}
              </div>
              {isOpen ? (
                <div className="conversation-more small" data-testid="conversation-more">
                  <p className="conversation-subject">{e.subject}</p>
                  <p className="muted">{formatFullDate(e.at, tag)}</p>
                  {e.to ? <p className="muted">{t('conversation.to', { to: e.to })}</p> : null}
                  <p>{e.text || t('conversation.noText')}</p>
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
