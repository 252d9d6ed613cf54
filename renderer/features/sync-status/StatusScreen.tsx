// The sync-status panel: overall summary, "Sync all", then one row per mailbox. Relative times age on
// screen (refreshed every 30 s).
import { useStore } from 'zustand';
import { describeUserError } from '../../lib/error-text.js';
import { useServices, useT } from '../../store/services.js';
import { ErrorBox } from '../common/ErrorBox.js';
import { useNow } from '../common/use-now.js';
import { StatusRow } from './StatusRow.js';
import { healthCounts } from '../../store/status-store.js';

export function StatusScreen() {
  const { stores } = useServices();
  const { t, locale } = useT();
  const order = useStore(stores.status, (s) => s.order);
  const statuses = useStore(stores.status, (s) => s.statuses);
  const allPending = useStore(stores.status, (s) => s.allPending);
  const error = useStore(stores.status, (s) => s.error);
  const syncAll = useStore(stores.status, (s) => s.syncAll);
  const go = useStore(stores.nav, (s) => s.go);
  const now = useNow(30_000);

  const list = order.map((id) => statuses[id]).filter((s) => s !== undefined);
  const running = list.filter((s) => s.running).length;
  // Live health, not the last run: "all up to date" only when every active mailbox is 'ok' (a lost
  // connection or a stale success is not up to date, even if the last run said success).
  const health = healthCounts(list);
  const inError = health.error;
  const warnings = health.warning;
  const summaryKind =
    list.length === 0 ? 'none' : inError > 0 ? 'error' : running > 0 ? 'syncing' : warnings > 0 ? 'warning' : 'ok';

  return (
    <section className="screen status" aria-labelledby="status-title">
      <header className="screen-header with-actions">
        <h1 id="status-title">{t('status.title')}</h1>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => void syncAll()}
          disabled={allPending || list.length === 0 || running > 0}
          data-testid="sync-all"
        >
          {allPending || running > 0 ? t('status.syncing') : t('status.syncAll')}
        </button>
      </header>
      {error ? <ErrorBox words={describeUserError(error, locale)} testId="status-load-error" /> : null}
      <div className={`summary summary-${summaryKind}`} role="status" data-testid="status-summary" data-kind={summaryKind}>
        {summaryKind === 'none'
          ? t('status.summary.none')
          : summaryKind === 'error'
            ? t('status.summary.error', { count: inError })
            : summaryKind === 'syncing'
              ? t('status.summary.syncing', { count: running })
              : summaryKind === 'warning'
                ? t('status.summary.warning', { count: warnings })
                : t('status.summary.ok')}
      </div>
      {list.length === 0 ? (
        <div className="empty-state">
          <button type="button" className="btn btn-primary" onClick={() => go('wizard')}>
            {t('nav.addMailbox')}
          </button>
        </div>
      ) : (
        <ul className="status-list">
          {list.map((s) => (
            <StatusRow key={s.mailbox.id} status={s} now={now} />
          ))}
        </ul>
      )}
    </section>
  );
}
