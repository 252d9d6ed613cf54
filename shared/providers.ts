// Provider presets shown by the setup wizard and the CLI: IMAP settings, how to get a password that works,
// and the rules that recognise a provider from an e-mail domain or from the MX hosts of a custom domain.
// Pure data and pure functions: the DNS lookup itself lives in electron/core/net/detect-provider.ts.
import { PROVIDER_PRESETS } from './provider-presets.js';

export { PROVIDER_PRESETS };

export type ProviderAuth = 'app_password' | 'password' | 'password_or_app_password' | 'oauth2_only';

export interface ProviderHelp {
  summary: string;
  steps: string[];
  warning?: string;
  url?: string;
}

export interface ProviderPreset {
  id: string;
  name: string;
  imap_server: string;
  imap_port: number;
  use_ssl: boolean;
  auth: ProviderAuth;
  /** Exact e-mail domains, lower case. */
  domains: string[];
  /** `label.*`: the label followed by any public suffix (yahoo.fr, yahoo.co.uk…). */
  domainPatterns?: string[];
  /** MX host suffixes identifying a custom domain hosted by this provider. */
  mxPatterns: string[];
  help: { fr: ProviderHelp; en: ProviderHelp };
  /** What the IMAP login is; absent means the full e-mail address. */
  username?: 'email' | 'local_part';
  /** Simultaneous IMAP connections the provider documents per account (absent: not documented). */
  imapConnectionLimit?: number;
}

/** Connections Relève opens at once for one mailbox on a server whose limit is not documented. */
export const DEFAULT_CONNECTION_CAP = 4;
const MAX_CONNECTION_CAP = 8;

/**
 * How many IMAP connections Relève may hold at once for one mailbox, its listening (IDLE) one included:
 * half the provider's documented limit (the user's phone and other apps use the same account), at most 8;
 * a conservative 4 for servers we know nothing about.
 */
export function connectionCap(presetId: string | null | undefined): number {
  const limit = presetId ? getPreset(presetId)?.imapConnectionLimit : undefined;
  if (limit === undefined) return DEFAULT_CONNECTION_CAP;
  return Math.max(1, Math.min(MAX_CONNECTION_CAP, Math.floor(limit / 2)));
}

export function getPreset(id: string): ProviderPreset | undefined {
  return PROVIDER_PRESETS.find((p) => p.id === id);
}

/** The domain of an address, lower case, without a trailing dot; '' when there is none. */
export function emailDomain(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 0) return '';
  return email
    .slice(at + 1)
    .trim()
    .toLowerCase()
    .replace(/\.$/, '');
}

/** `yahoo.*` matches yahoo.fr or yahoo.co.uk, never yahoo.example.org: the tail must look like a public suffix. */
function matchesDomainPattern(domain: string, pattern: string): boolean {
  if (!pattern.endsWith('.*')) return domain === pattern;
  const label = pattern.slice(0, -2);
  if (!domain.startsWith(label + '.')) return false;
  return /^(?:[a-z]{2,3}\.)?[a-z]{2,6}$/.test(domain.slice(label.length + 1));
}

export function presetForEmailDomain(email: string): ProviderPreset | undefined {
  const domain = emailDomain(email);
  if (!domain) return undefined;
  return (
    PROVIDER_PRESETS.find((p) => p.domains.includes(domain)) ??
    PROVIDER_PRESETS.find((p) => (p.domainPatterns ?? []).some((pat) => matchesDomainPattern(domain, pat)))
  );
}

function hostMatchesSuffix(host: string, suffix: string): boolean {
  return host === suffix || host.endsWith('.' + suffix);
}

/**
 * MX hosts in preference order (lowest priority value first). The first host any preset recognises decides;
 * among presets the longest matching suffix wins, so a specific rule beats a broad one.
 */
export function presetForMxHosts(mxHosts: string[]): ProviderPreset | undefined {
  for (const raw of mxHosts) {
    const host = raw.trim().toLowerCase().replace(/\.$/, '');
    let best: { preset: ProviderPreset; length: number } | undefined;
    for (const preset of PROVIDER_PRESETS) {
      for (const suffix of preset.mxPatterns) {
        if (hostMatchesSuffix(host, suffix) && (!best || suffix.length > best.length)) {
          best = { preset, length: suffix.length };
        }
      }
    }
    if (best) return best.preset;
  }
  return undefined;
}

/** The IMAP login a preset expects for this address. */
export function presetUsername(preset: ProviderPreset, email: string): string {
  const trimmed = email.trim();
  if (preset.username !== 'local_part') return trimmed;
  const at = trimmed.lastIndexOf('@');
  return at < 0 ? trimmed : trimmed.slice(0, at);
}
