// The preset table: IMAP settings and how to get a password that works (provider-presets.i18n.ts, in French and
// English). Data only; the matching rules live in providers.ts.
import { LOCALES, say, type Catalog, type Entry } from './i18n/index.js';
import {
  FREE_HELP, GMAIL_HELP, GMX_HELP, GOOGLE_WORKSPACE_HELP, ICLOUD_HELP, IONOS_HELP, LAPOSTE_HELP, MICROSOFT365_HELP,
  ORANGE_HELP, OUTLOOK_HELP, OVH_HELP, SFR_HELP, YAHOO_HELP, ZOHO_COM_HELP, ZOHO_HELP,
} from './provider-presets.i18n.js';
import type { ProviderHelp, ProviderPreset } from './providers.js';
import type { Locale } from './types.js';

/** Every preset uses implicit TLS on 993, the setting the seed table lists for all providers. */
const imaps = (host: string) => ({ imap_server: host, imap_port: 993, use_ssl: true }) as const;

type HelpWords = Catalog & { readonly summary: Entry; readonly warning?: Entry };

/** A preset's help in each language: its table's summary, `step…` entries in order, and warning if any. */
function help(words: HelpWords, url?: string): ProviderPreset['help'] {
  const helpIn = (locale: Locale): ProviderHelp => {
    const steps = Object.entries(words).filter(([key]) => key.startsWith('step'));
    const out: ProviderHelp = { summary: say(locale, words.summary), steps: steps.map(([, step]) => say(locale, step)) };
    if (words.warning) out.warning = say(locale, words.warning);
    if (url) out.url = url;
    return out;
  };
  return Object.fromEntries(LOCALES.map((locale) => [locale, helpIn(locale)])) as ProviderPreset['help'];
}

export const PROVIDER_PRESETS: readonly ProviderPreset[] = [
  {
    id: 'gmail',
    name: 'Gmail',
    ...imaps('imap.gmail.com'),
    imapConnectionLimit: 15, // Google: 15 simultaneous IMAP connections per account
    auth: 'app_password',
    domains: ['gmail.com', 'googlemail.com'],
    mxPatterns: [],
    help: help(GMAIL_HELP, 'https://myaccount.google.com/apppasswords'),
  },
  {
    id: 'google_workspace',
    name: 'Google Workspace',
    ...imaps('imap.gmail.com'),
    imapConnectionLimit: 15, // Google: 15 simultaneous IMAP connections per account
    auth: 'app_password',
    domains: [],
    mxPatterns: ['google.com', 'googlemail.com'],
    help: help(GOOGLE_WORKSPACE_HELP, 'https://myaccount.google.com/apppasswords'),
  },
  {
    id: 'orange',
    name: 'Orange',
    ...imaps('imap.orange.fr'),
    auth: 'password_or_app_password',
    domains: ['orange.fr', 'wanadoo.fr'],
    mxPatterns: [],
    help: help(ORANGE_HELP),
  },
  {
    id: 'outlook',
    name: 'Outlook.com / Hotmail / Live',
    ...imaps('outlook.office365.com'),
    imapConnectionLimit: 16, // Exchange Online: 16 IMAP connections per user (MaxConnectionsPerUser)
    auth: 'oauth2_only',
    domains: ['msn.com'],
    domainPatterns: ['outlook.*', 'hotmail.*', 'live.*'],
    mxPatterns: ['olc.protection.outlook.com'],
    help: help(OUTLOOK_HELP),
  },
  {
    id: 'microsoft365',
    name: 'Microsoft 365 (Exchange Online)',
    ...imaps('outlook.office365.com'),
    imapConnectionLimit: 16, // Exchange Online: 16 IMAP connections per user (MaxConnectionsPerUser)
    auth: 'oauth2_only',
    domains: [],
    mxPatterns: ['mail.protection.outlook.com'],
    help: help(MICROSOFT365_HELP),
  },
  {
    id: 'yahoo',
    name: 'Yahoo Mail',
    ...imaps('imap.mail.yahoo.com'),
    auth: 'app_password',
    domains: ['ymail.com', 'rocketmail.com'],
    domainPatterns: ['yahoo.*'],
    mxPatterns: [],
    help: help(YAHOO_HELP, 'https://login.yahoo.com/account/security'),
  },
  {
    id: 'ovh',
    name: 'OVHcloud (Mail Pro, MX Plan)',
    ...imaps('ssl0.ovh.net'),
    auth: 'password_or_app_password',
    domains: [],
    mxPatterns: ['mail.ovh.net', 'ovh.net'],
    help: help(OVH_HELP),
  },
  {
    id: 'ionos',
    name: 'IONOS',
    ...imaps('imap.ionos.fr'),
    auth: 'password',
    domains: [],
    mxPatterns: ['ionos.fr', 'ionos.com', 'ionos.de', 'ionos.co.uk', 'ionos.es', 'kundenserver.de', '1and1.fr', '1and1.com'],
    help: help(IONOS_HELP),
  },
  {
    id: 'free',
    name: 'Free',
    ...imaps('imap.free.fr'),
    auth: 'password',
    domains: ['free.fr'],
    mxPatterns: [],
    help: help(FREE_HELP),
  },
  {
    id: 'sfr',
    name: 'SFR',
    ...imaps('imap.sfr.fr'),
    auth: 'password',
    domains: ['sfr.fr', 'neuf.fr'],
    mxPatterns: [],
    help: help(SFR_HELP),
  },
  {
    id: 'laposte',
    name: 'La Poste',
    ...imaps('imap.laposte.net'),
    auth: 'password',
    domains: ['laposte.net'],
    mxPatterns: [],
    username: 'local_part',
    help: help(LAPOSTE_HELP),
  },
  {
    id: 'icloud',
    name: 'iCloud Mail',
    ...imaps('imap.mail.me.com'),
    auth: 'app_password',
    domains: ['icloud.com', 'me.com', 'mac.com'],
    mxPatterns: [],
    username: 'local_part',
    help: help(ICLOUD_HELP, 'https://account.apple.com'),
  },
  {
    id: 'gmx',
    name: 'GMX',
    ...imaps('imap.gmx.net'),
    auth: 'password_or_app_password',
    domains: ['gmx.fr', 'gmx.com', 'gmx.de', 'gmx.net'],
    mxPatterns: [],
    help: help(GMX_HELP),
  },
  {
    id: 'zoho',
    name: 'Zoho Mail (Europe)',
    ...imaps('imap.zoho.eu'),
    auth: 'password_or_app_password',
    domains: ['zohomail.eu', 'zoho.eu'],
    mxPatterns: ['zoho.eu'],
    help: help(ZOHO_HELP, 'https://accounts.zoho.eu'),
  },
  {
    id: 'zoho_com',
    name: 'Zoho Mail (international)',
    ...imaps('imap.zoho.com'),
    auth: 'password_or_app_password',
    domains: ['zoho.com', 'zohomail.com'],
    mxPatterns: ['zoho.com'],
    help: help(ZOHO_COM_HELP, 'https://accounts.zoho.com'),
  },
];
