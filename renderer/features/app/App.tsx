// The app frame: sidebar, connection banner and the current screen. On first launch without any mailbox
// the setup wizard opens by itself.
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { InboxScreen } from '../inbox/InboxScreen.js';
import { MailboxesScreen } from '../mailboxes/MailboxesScreen.js';
import { SettingsScreen } from '../settings/SettingsScreen.js';
import { SetupWizard } from '../setup-wizard/SetupWizard.js';
import { StatusScreen } from '../sync-status/StatusScreen.js';
import { loadAll } from '../../store/stores.js';
import { useServices, useT } from '../../store/services.js';
import { ConnectionBanner } from './ConnectionBanner.js';
import { NoTokenPage } from './NoTokenPage.js';
import { Sidebar } from './Sidebar.js';

export function App() {
  const { stores } = useServices();
  const { t, locale } = useT();
  const screen = useStore(stores.nav, (s) => s.screen);
  const link = useStore(stores.connection, (s) => s.state);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let cancelled = false;
    void loadAll(stores).then(() => {
      if (cancelled) return;
      const mb = stores.mailboxes.getState();
      if (mb.loaded && !mb.error && mb.mailboxes.length === 0) stores.nav.getState().go('wizard');
      setReady(true);
    });
    return () => {
      cancelled = true;
    };
  }, [stores]);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  if (link === 'unauthorized') return <NoTokenPage locale={locale} refused />;

  return (
    <div className="app">
      <Sidebar />
      <main className="main" aria-busy={!ready}>
        <ConnectionBanner />
        {!ready ? (
          <div className="loading" data-testid="app-loading">
            {t('app.loading')}
          </div>
        ) : screen === 'inbox' ? (
          <InboxScreen />
        ) : screen === 'status' ? (
          <StatusScreen />
        ) : screen === 'mailboxes' ? (
          <MailboxesScreen />
        ) : screen === 'settings' ? (
          <SettingsScreen />
        ) : (
          <SetupWizard />
        )}
      </main>
    </div>
  );
}
