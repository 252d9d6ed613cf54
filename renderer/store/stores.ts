// All the app's stores, created once per client, and the wiring of core events into them.
import type { MailClient } from '../../shared/api.js';
import type { Locale } from '../../shared/types.js';
import { createComposeStore } from './compose-store.js';
import { createConnectionStore } from './connection-store.js';
import type { LinkState } from './connection-store.js';
import { createInboxStore } from './inbox-store.js';
import { createFolderCountsStore } from './folder-counts-store.js';
import { createMailboxesStore } from './mailboxes-store.js';
import { createNavStore } from './nav-store.js';
import { createSettingsStore } from './settings-store.js';
import { createStatusStore } from './status-store.js';
import { createTriageStore } from './triage-store.js';

export function createStores(client: MailClient, initialLocale: Locale, link: LinkState = 'desktop') {
  const settings = createSettingsStore(client.api, initialLocale, link !== 'desktop');
  const locale = () => settings.getState().locale;
  return {
    settings,
    mailboxes: createMailboxesStore(client.api, locale),
    status: createStatusStore(client.api, locale),
    inbox: createInboxStore(client.api, locale),
    folders: createFolderCountsStore(client.api),
    triage: createTriageStore(client.api, locale),
    nav: createNavStore(),
    connection: createConnectionStore(link),
    compose: createComposeStore(client.api, locale),
  };
}
export type Stores = ReturnType<typeof createStores>;

/** Core events → stores. Returns the function that unsubscribes everything. */
export function wireEvents(client: MailClient, stores: Stores): () => void {
  const offs = [
    client.on('syncStarted', (e) => stores.status.getState().applyStarted(e)),
    client.on('syncProgress', (p) => stores.status.getState().applyProgress(p)),
    client.on('statusChanged', (s) => {
      stores.status.getState().applyStatus(s);
      stores.mailboxes.getState().upsert(s.mailbox);
    }),
    client.on('mailboxesChanged', () => {
      void stores.mailboxes.getState().load();
      void stores.status.getState().load();
    }),
    client.on('newMail', () => {
      stores.inbox.getState().scheduleRefresh();
      stores.folders.getState().scheduleLoad();
    }),
    client.on('messagesChanged', () => {
      stores.inbox.getState().scheduleRefresh();
      stores.folders.getState().scheduleLoad();
      stores.triage.getState().scheduleLoad();
    }),
    client.on('outboxChanged', (item) => stores.compose.getState().applyOutbox(item)),
  ];
  return () => {
    for (const off of offs) off();
  };
}

/** First load, and reload after a reconnection (events may have been missed meanwhile). */
export async function loadAll(stores: Stores): Promise<void> {
  await Promise.all([
    stores.settings.getState().load(),
    stores.mailboxes.getState().load(),
    stores.status.getState().load(),
    stores.folders.getState().load(),
    stores.compose.getState().loadOutbox(),
    stores.triage.getState().load(),
  ]);
}
