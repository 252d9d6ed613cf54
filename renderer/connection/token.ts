// The access token of `releve serve` arrives once in the URL fragment (#token=…, never sent to the server
// in a request line or a Referer), is moved to sessionStorage and wiped from the address bar.
const STORAGE_KEY = 'releve.token';

export interface TokenEnv {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState' | 'state'>;
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
}

export function takeToken(env: TokenEnv): string | null {
  const hash = env.location.hash.replace(/^#/, '');
  const fromHash = new URLSearchParams(hash).get('token');
  if (fromHash) {
    env.storage.setItem(STORAGE_KEY, fromHash);
    env.history.replaceState(env.history.state, '', env.location.pathname + env.location.search);
    return fromHash;
  }
  const stored = env.storage.getItem(STORAGE_KEY);
  return stored && stored.length > 0 ? stored : null;
}

/** Called when the server refuses the token: the next load asks for a fresh URL. */
export function forgetToken(env: Pick<TokenEnv, 'storage'>): void {
  env.storage.removeItem(STORAGE_KEY);
}

/** Without a token the browser's session cookie (set by a login link) authenticates the socket. */
export function rpcUrl(location: Pick<Location, 'protocol' | 'host'>, token: string | null): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/rpc${token ? `?token=${encodeURIComponent(token)}` : ''}`;
}
