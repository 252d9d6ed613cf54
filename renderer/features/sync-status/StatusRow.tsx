// One mailbox on the status panel: identity, state, last/next sync, counts, error in plain words with
// what to do, progress while syncing, and "Sync now".
import { useStore } from 'zustand';
import { SETTINGS_ERROR_CODES } from '../../../shared/errors.js';
import type { MailboxStatus } from '../../../shared/types.js';
import { describeUserError, errorWords } from '../../lib/error-text.js';
import { formatCount, formatFullDate, formatRelativeTime } from '../../lib/format.js';
import { isBusy, statusBadge } from '../../store/status-store.js';
import { useServices, useT } from '../../store/services.js';
import { ErrorBox } from '../common/ErrorBox.js';
import { ReconnectButton } from '../common/ReconnectButton.js';
import { ProgressBar } from './ProgressBar.js';
import { StatusBadge } from './StatusBadge.js';

export function StatusRow({ status, now }: { status: MailboxStatus; now: number }) {
  const { stores } = useServices();
  const { t, tag, locale } = useT();
  const m = status.mailbox;
  const busy = useStore(stores.status, (s) => isBusy(s, status));
  const callError = useStore(stores.status, (s) => s.syncErrors[m.id]);
  const syncNow = useStore(stores.status, (s) => s.syncNow);
  const editMailbox = useStore(stores.nav, (s) => s.editMailbox);
  const badge = statusBadge(status);
  const showRunError = !status.running && (m.last_sync_status === 'error' || m.last_sync_status === 'partial') && m.last_sync_error_code;
  const words = showRunError ? errorWords(m.last_sync_error_code, locale) : null;
  if (words && m.last_sync_error) words.detail = m.last_sync_error;
  // A mailbox that worked and now cannot reach its server is having an outage, not a settings problem.
  if (words && status.last_success_at && (words.code === 'NETWORK' || words.code === 'TIMEOUT' || words.code === 'OFFLINE')) {
    words.hint = t('status.outageHint');
  }

  return (
    <li className={`status-row status-${badge}`} data-testid={`status-row-${m.id}`}>
      <div className="status-main">
        <div className="status-identity">
          <span className="color-dot" style={{ backgroundColor: m.color }} aria-hidden="true" />
          <div>
            <div className="status-name">
              {m.name}
              {!m.active ? (
                <span className="tag tag-muted" data-testid={`status-paused-${m.id}`}>
                  {t('status.paused')}
                </span>
              ) : null}
            </div>
            <div className="muted small">{m.email_address}</div>
          </div>
        </div>
        <StatusBadge badge={badge} testId={`status-badge-${m.id}`} />
        <span
          className={`health health-${status.health}`}
          data-testid={`status-health-${m.id}`}
          data-health={status.health}
          title={t(`status.health.${status.health}`)}
        >
          {status.health_reason}
        </span>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => void syncNow(m.id)}
          disabled={busy}
          data-testid={`sync-now-${m.id}`}
        >
          {busy ? t('status.syncing') : t('status.syncNow')}
        </button>
      </div>
      <dl className="status-facts">
        <div>
          <dt>{t('status.lastSync')}</dt>
          <dd title={formatFullDate(m.last_sync_at, tag)} data-testid={`status-last-sync-${m.id}`}>
            {m.last_sync_at ? formatRelativeTime(m.last_sync_at, now, tag) : t('status.neverSynced')}
          </dd>
        </div>
        <div>
          <dt>{t('status.lastSuccess')}</dt>
          <dd title={formatFullDate(status.last_success_at, tag)} data-testid={`status-last-success-${m.id}`}>
            {status.last_success_at ? formatRelativeTime(status.last_success_at, now, tag) : t('status.neverSynced')}
          </dd>
        </div>
        <div>
          <dt>{t('status.newLastRun')}</dt>
          {/* The last run that brought mail, not merely the last run: an empty run right after must not hide it. */}
          <dd
            data-testid={`status-new-${m.id}`}
            title={status.last_new ? formatFullDate(status.last_new.at, tag) : undefined}
          >
            {status.last_new ? formatCount(status.last_new.count, tag) : status.last_run ? '0' : '—'}
          </dd>
        </div>
        <div>
          <dt>{t('status.nextSync')}</dt>
          <dd data-testid={`status-next-${m.id}`}>
            {!m.active ? t('status.pausedShort') : status.next_sync_at ? formatRelativeTime(status.next_sync_at, now, tag) : '—'}
          </dd>
        </div>
        <div>
          <dt>{t('status.messages')}</dt>
          <dd data-testid={`status-counts-${m.id}`}>
            {formatCount(status.message_count, tag)}
            <span className="muted"> · {t('status.unread', { count: status.unread_count, n: formatCount(status.unread_count, tag) })}</span>
            {status.duplicate_count > 0 ? (
              <span className="small muted duplicates-note" data-testid={`status-duplicates-${m.id}`}>
                {t('status.duplicates', { count: status.duplicate_count, n: formatCount(status.duplicate_count, tag) })}
              </span>
            ) : null}
          </dd>
        </div>
      </dl>
      {status.running ? <ProgressBar progress={status.progress} testId={`status-progress-${m.id}`} /> : null}
      {words ? (
        <ErrorBox words={words} testId={`status-error-${m.id}`}>
          {m.auth_method === 'oauth2' && (words.code === 'AUTH_RECONNECT' || words.code === 'AUTH') ? (
            <ReconnectButton mailboxId={m.id} />
          ) : SETTINGS_ERROR_CODES.has(words.code) ? (
            <button type="button" className="btn btn-small" onClick={() => editMailbox(m.id)} data-testid={`status-fix-${m.id}`}>
              {t('status.fixSettings')}
            </button>
          ) : null}
          {status.failures > 1 ? <p className="small muted">{t('status.failures', { count: status.failures })}</p> : null}
        </ErrorBox>
      ) : null}
      {callError && !words ? <ErrorBox words={describeUserError(callError, locale)} testId={`status-call-error-${m.id}`} /> : null}
    </li>
  );
}
