// OAuth2 client ids baked into a build by its packager (scripts/build.mjs reads RELEVE_OAUTH_<ID>_CLIENT_ID,
// _CLIENT_SECRET and _TENANT from the build's environment), so that an office manager signs in to Outlook or
// Gmail with no administrator step. Run from the sources, nothing is baked: the environment and the settings
// still work. Order of precedence (provider-config.ts): settings on this computer, environment, then this.

declare const __RELEVE_BUILT_IN_OAUTH__: string | undefined;

/** The baked values, keyed like the environment (RELEVE_OAUTH_MICROSOFT_CLIENT_ID …). */
export function builtInOAuthClients(): Record<string, string> {
  if (typeof __RELEVE_BUILT_IN_OAUTH__ === 'undefined' || !__RELEVE_BUILT_IN_OAUTH__) return {};
  try {
    const parsed = JSON.parse(__RELEVE_BUILT_IN_OAUTH__) as unknown;
    if (parsed === null || typeof parsed !== 'object') return {};
    return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string' && /^RELEVE_OAUTH_/.test(e[0])));
  } catch {
    return {};
  }
}
