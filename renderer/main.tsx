// Entry point: pick the link to the core (Electron bridge or WebSocket), build the stores, wire the
// events, render. A browser that is not logged in gets the explanation page (App, on a 4401 close).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { detectLocale } from '../shared/i18n/index.js';
import { pickConnection } from './api.js';
import { followCoreState } from './connection/core-link.js';
import { App } from './features/app/App.js';
import { ServicesProvider } from './store/services.js';
import { createStores, loadAll, wireEvents } from './store/stores.js';
import './styles/base.css';
import './styles/frame.css';
import './styles/forms.css';
import './styles/boxes.css';
import './styles/wizard.css';
import './styles/inbox.css';
import './styles/status.css';
import './styles/screens.css';
import './styles/folders.css';
import './styles/compose.css';
import './styles/conversation.css';
import './styles/triage.css';

const rootEl = document.getElementById('root');
if (!rootEl) throw new Error('#root missing');
const root = createRoot(rootEl);
// The browser's languages in its order of preference; English when none is French or English.
const browserLocale = detectLocale({ preferred: [...navigator.languages, navigator.language] });
const conn = pickConnection();

{
  const stores = createStores(conn.client, browserLocale, conn.kind === 'desktop' ? 'desktop' : 'connecting');
  wireEvents(conn.client, stores);
  const reload = () => {
    void loadAll(stores);
    stores.inbox.getState().refresh();
  };
  if (conn.kind === 'web') {
    conn.onState((s) => stores.connection.getState().setState(s));
    conn.onReconnected(reload);
  } else {
    followCoreState(conn.shell, { setState: (s) => stores.connection.getState().setState(s), recovered: reload });
  }
  root.render(
    <StrictMode>
      <ServicesProvider services={{ client: conn.client, shell: conn.shell, stores }}>
        <App />
      </ServicesProvider>
    </StrictMode>,
  );
}
