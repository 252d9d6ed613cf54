// Plays the user on the authorization server's own pages in Chromium: the tab the app opened with
// window.open goes to the test oidc-provider, the user signs in (when the server asks) and accepts the
// consent, and the browser follows the redirect to the app's loopback listener. Nothing is short-cut:
// cookies, form posts and redirects are the browser's.
import type { BrowserContext, Page, Request } from 'playwright-core';

export interface ProviderSignIn {
  /** The authorization URL the tab was opened on. */
  authorizationUrl: URL;
  /** Where the authorization server sent the browser back (the app's loopback redirect, with code and state). */
  redirectedTo: URL;
  /** What the app's loopback listener showed the user. */
  finalText: string;
  /** Which of the server's pages were shown, in order ('login', 'consent'). */
  prompts: string[];
}

/**
 * Runs `trigger` (the click that opens the provider's page) and completes the sign-in in the tab it opens.
 * The tab is closed afterwards, as the user would.
 */
export async function signInOnProviderPage(
  context: BrowserContext,
  trigger: () => Promise<void>,
  opts: { issuer: string; login: string },
): Promise<ProviderSignIn> {
  const issuerOrigin = new URL(opts.issuer).origin;
  // The authorization request itself: the server redirects to its login page at once, so by the time the
  // tab is handed over its URL is already another one.
  let authorizationUrl: URL | null = null;
  const onRequest = (r: Request) => {
    const u = new URL(r.url());
    if (!authorizationUrl && r.isNavigationRequest() && u.origin === issuerOrigin && u.searchParams.has('redirect_uri')) authorizationUrl = u;
  };
  context.on('request', onRequest);
  try {
    const [tab] = await Promise.all([context.waitForEvent('page'), trigger()]);
    try {
      await tab.waitForURL((u) => u.origin === issuerOrigin);
      if (!authorizationUrl) throw new Error(`the tab reached ${tab.url()} without an authorization request`);
      return await completeOnTab(tab, authorizationUrl, issuerOrigin, opts.login);
    } finally {
      await tab.close();
    }
  } finally {
    context.off('request', onRequest);
  }
}

async function completeOnTab(tab: Page, authorizationUrl: URL, issuerOrigin: string, login: string): Promise<ProviderSignIn> {
  const redirectUri = authorizationUrl.searchParams.get('redirect_uri');
  if (!redirectUri) throw new Error(`no redirect_uri in the authorization URL ${authorizationUrl.href}`);
  const isRedirect = (u: URL) => u.href.startsWith(redirectUri);
  const prompts: string[] = [];

  for (let step = 0; step < 6; step++) {
    await tab.waitForURL((u) => isRedirect(u) || (u.origin === issuerOrigin && u.pathname.startsWith('/interaction/')));
    const current = new URL(tab.url());
    if (isRedirect(current)) {
      return { authorizationUrl, redirectedTo: current, finalText: await tab.locator('body').innerText(), prompts };
    }
    // Each page of the server is a form with a hidden prompt field saying what it asks for.
    const prompt = await tab.locator('form input[name="prompt"]').getAttribute('value');
    prompts.push(prompt ?? '?');
    if (prompt === 'login') {
      await tab.locator('input[name="login"]').fill(login);
      await tab.locator('input[name="password"]').fill('any');
    } else if (prompt !== 'consent') {
      throw new Error(`unexpected page on the authorization server (${current.href}): ${await tab.locator('body').innerText()}`);
    }
    await tab.locator('form button[type="submit"]').click();
    // The next page has another interaction id, or is the redirect.
    await tab.waitForURL((u) => u.href !== current.href);
  }
  throw new Error('too many steps on the authorization server');
}
