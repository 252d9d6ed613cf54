// React access to the client, the desktop shell (when present) and the stores.
import { createContext, useContext, useMemo } from 'react';
import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import type { MailClient } from '../../shared/api.js';
import type { ShellApi } from '../../shared/shell.js';
import { makeTranslator } from '../i18n/i18n.js';
import type { Translator } from '../i18n/i18n.js';
import type { Stores } from './stores.js';

export interface Services {
  client: MailClient;
  shell: ShellApi | null;
  stores: Stores;
}

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({ services, children }: { services: Services; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): Services {
  const s = useContext(ServicesContext);
  if (!s) throw new Error('useServices outside ServicesProvider');
  return s;
}

/** The translator for the current UI language; components re-render when it changes. */
export function useT(): Translator {
  const { stores } = useServices();
  const locale = useStore(stores.settings, (s) => s.locale);
  return useMemo(() => makeTranslator(locale), [locale]);
}
