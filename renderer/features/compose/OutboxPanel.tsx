// The outbox: each message's state (queued, sending, sent, failed with the reason), "Annuler l'envoi" while
// it waits, "Renvoyer" after a failure.
import { useStore } from 'zustand';
import type { OutboxItem } from '../../../shared/types.js';
import { describeUserError } from '../../lib/error-text.js';
import { useServices, useT } from '../../store/services.js';
import { useNow } from '../common/use-now.js';

function Row({ item }: { item: OutboxItem }) {
  const { stores } = useServices();
  const { t, locale } = useT();
  const now = useNow(1000);
  const compose = stores.compose.getState();
  const wait = Math.max(0, Math.ceil((Date.parse(item.not_before) - now) / 1000));
  const words = item.error ? describeUserError(item.error, locale) : null;
  return (
    <li className={`outbox-item outbox-${item.state}`} data-testid="outbox-item" data-state={item.state} data-id={item.id}>
      <span className="outbox-state">{t(`outbox.state.${item.state}`)}</span>{' '}
      <span className="outbox-subject">{item.subject || t('inbox.noSubject')}</span>{' '}
      <span className="muted small">→ {item.to.join(', ')}</span>
      {item.state === 'queued' && item.attempts === 0 && wait > 0 ? (
        <>
          {' '}
          <span className="muted small">{t('outbox.leavesIn', { s: wait })}</span>{' '}
          <button type="button" className="btn btn-small" onClick={() => void compose.cancel(item.id)} data-testid="outbox-undo">
            {t('outbox.undo')}
          </button>
        </>
      ) : null}
      {item.state === 'queued' && item.attempts > 0 && words ? <p className="muted small">{t('outbox.willRetry', { reason: words.message })}</p> : null}
      {item.state === 'failed' && words ? (
        <p className="small" data-testid="outbox-error">
          {words.message} {words.hint}{' '}
          <button type="button" className="btn btn-small" onClick={() => void compose.retry(item.id)} data-testid="outbox-retry">
            {t('outbox.retry')}
          </button>
        </p>
      ) : null}
    </li>
  );
}

export function OutboxPanel() {
  const { stores } = useServices();
  const { t } = useT();
  const items = useStore(stores.compose, (s) => s.outbox);
  const visible = items.filter((o) => o.state !== 'sent').concat(items.filter((o) => o.state === 'sent').slice(0, 3));
  if (visible.length === 0) return null;
  return (
    <section className="outbox" aria-label={t('outbox.title')} data-testid="outbox">
      <h2 className="small">{t('outbox.title')}</h2>
      <ul>
        {visible.map((o) => (
          <Row key={o.id} item={o} />
        ))}
      </ul>
    </section>
  );
}
