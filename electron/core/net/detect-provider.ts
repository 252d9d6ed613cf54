// Recognises the provider behind an e-mail address so the wizard can prefill the IMAP settings:
// first from the address domain (no network), then from the MX hosts of a custom domain.
// Detection is a convenience: any DNS failure or slowness yields `none`, never an error.
import { Resolver } from 'node:dns/promises';
import { emailDomain, presetForEmailDomain, presetForMxHosts } from '../../../shared/providers.js';
import type { ProviderDetection } from '../../../shared/types.js';

export interface MxRecord {
  exchange: string;
  priority: number;
}

export interface DetectProviderOptions {
  /** Upper bound for the whole MX lookup (default 3000 ms). */
  timeoutMs?: number;
  /** The DNS boundary; defaults to a node:dns Resolver bounded by timeoutMs. */
  resolveMx?: (domain: string) => Promise<MxRecord[]>;
}

const DEFAULT_TIMEOUT_MS = 3000;
const NONE: ProviderDetection = { preset_id: null, via: 'none' };

function systemResolveMx(timeoutMs: number): { resolveMx: (domain: string) => Promise<MxRecord[]>; cancel: () => void } {
  // tries: 1 so the resolver's own retries cannot outlast our timeout.
  const resolver = new Resolver({ timeout: timeoutMs, tries: 1 });
  return { resolveMx: (domain) => resolver.resolveMx(domain), cancel: () => resolver.cancel() };
}

/** Resolves to the records, or to null on error or when `timeoutMs` elapses first. */
async function lookupWithin(
  lookup: () => Promise<MxRecord[]>,
  timeoutMs: number,
  onTimeout: () => void,
): Promise<MxRecord[] | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => {
      onTimeout();
      resolve(null);
    }, timeoutMs);
  });
  try {
    return await Promise.race([lookup().catch(() => null), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function isSearchableDomain(domain: string): boolean {
  return /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/.test(domain);
}

export async function detectProvider(email: string, opts: DetectProviderOptions = {}): Promise<ProviderDetection> {
  const byDomain = presetForEmailDomain(email);
  if (byDomain) return { preset_id: byDomain.id, via: 'domain' };

  const domain = emailDomain(email);
  if (!isSearchableDomain(domain)) return NONE;

  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const system = opts.resolveMx ? null : systemResolveMx(timeoutMs);
  const resolveMx = opts.resolveMx ?? system!.resolveMx;
  const records = await lookupWithin(() => resolveMx(domain), timeoutMs, () => system?.cancel());
  if (!records || records.length === 0) return NONE;

  const mxHosts = [...records]
    .filter((r) => typeof r.exchange === 'string' && r.exchange.length > 0)
    .sort((a, b) => a.priority - b.priority)
    .map((r) => r.exchange.toLowerCase().replace(/\.$/, ''));
  const byMx = presetForMxHosts(mxHosts);
  if (!byMx) return { ...NONE, mx_hosts: mxHosts };
  return { preset_id: byMx.id, via: 'mx', mx_hosts: mxHosts };
}
