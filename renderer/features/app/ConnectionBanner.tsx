// Says when the link to the core is down and that it is being retried: the WebSocket to `releve serve` in a
// browser, the sync engine's process (restarted by the app) on the desktop.
import { useStore } from 'zustand';
import { useServices, useT } from '../../store/services.js';

export function ConnectionBanner() {
  const { stores } = useServices();
  const { t } = useT();
  const state = useStore(stores.connection, (s) => s.state);
  if (state === 'failing') {
    return (
      <div className="banner banner-warning" role="status" data-testid="connection-failing">
        <strong>{t('connection.cannotReach')}</strong> {t('connection.cannotReachHint')}
      </div>
    );
  }
  if (state === 'core-restarting') {
    return (
      <div className="banner banner-warning" role="status" data-testid="core-restarting">
        <strong>{t('connection.coreRestarting')}</strong> {t('connection.coreRestartingHint')}
      </div>
    );
  }
  if (state !== 'reconnecting' && state !== 'closed') return null;
  return (
    <div className="banner banner-warning" role="status" data-testid="connection-lost">
      <strong>{t('connection.lost')}</strong> {state === 'reconnecting' ? t('connection.retrying') : t('connection.closed')}
    </div>
  );
}
