// Renders the real app (or one screen) over a FakeMailApi, as main.tsx does.
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { App } from '../../renderer/features/app/App.js';
import { ServicesProvider } from '../../renderer/store/services.js';
import { createStores, wireEvents } from '../../renderer/store/stores.js';
import type { ShellApi } from '../../shared/shell.js';
import type { Locale } from '../../shared/types.js';
import { FakeMailApi } from './fake-api.js';

export function renderWith(api: FakeMailApi, opts: { locale?: Locale; shell?: ShellApi | null; ui?: ReactElement } = {}) {
  const client = { api, on: api.on };
  const stores = createStores(client, opts.locale ?? 'fr');
  wireEvents(client, stores);
  const view = render(
    <ServicesProvider services={{ client, shell: opts.shell ?? null, stores }}>{opts.ui ?? <App />}</ServicesProvider>,
  );
  return { ...view, stores, api };
}
