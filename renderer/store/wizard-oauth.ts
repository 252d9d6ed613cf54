// The OAuth2 half of the wizard: which sign-in serves the recognised provider, and the sign-in itself —
// beginOAuth, open the provider's page in the system browser, wait for completeOAuth, then test the
// connection with the finished sign-in. No password is involved; the tokens never reach the renderer.
import type { MailApi } from '../../shared/api.js';
import type { ProviderPreset } from '../../shared/providers.js';
import type { Locale, OAuthBegin, OAuthCompletion, OAuthProviderInfo, UserError } from '../../shared/types.js';
import { toUserError } from '../lib/error-text.js';

export type AuthMode = 'password' | 'oauth2';

export type SignInState =
  | { status: 'idle' }
  | { status: 'starting' }
  | { status: 'waiting'; flow: OAuthBegin }
  | { status: 'done'; completion: OAuthCompletion }
  | { status: 'failed'; error: UserError };

export interface OAuthSliceState {
  oauthProviders: OAuthProviderInfo[];
  authMode: AuthMode;
  signIn: SignInState;
  setAuthMode(mode: AuthMode): void;
  /** `open` shows the provider's page (system browser in Electron, a new tab in a browser). */
  startSignIn(open: (url: string) => void): Promise<void>;
  cancelSignIn(): Promise<void>;
}

/** The sign-in that serves this preset (Microsoft for Outlook, Google for Gmail…), if the core offers one. */
export function oauthProviderFor(
  s: { preset: ProviderPreset | null; customServer: boolean; oauthProviders: OAuthProviderInfo[] },
): OAuthProviderInfo | null {
  if (!s.preset || s.customServer) return null;
  const id = s.preset.id;
  return s.oauthProviders.find((p) => p.preset_ids.includes(id)) ?? null;
}

/** Providers list for the wizard; failures just mean "no sign-in offered" (older core, offline). */
export async function loadOAuthProviders(api: MailApi): Promise<OAuthProviderInfo[]> {
  try {
    return await api.listOAuthProviders();
  } catch {
    return [];
  }
}

/** The mode a freshly detected provider starts in: OAuth2 when passwords cannot work and a sign-in is ready. */
export function initialAuthMode(preset: ProviderPreset | null, providers: OAuthProviderInfo[]): AuthMode {
  if (preset?.auth !== 'oauth2_only') return 'password';
  const p = providers.find((x) => x.preset_ids.includes(preset.id));
  return p?.configured ? 'oauth2' : 'password';
}

type Host = OAuthSliceState & {
  email: string;
  preset: ProviderPreset | null;
  customServer: boolean;
  testConnection(): Promise<void>;
};

export function createOAuthSlice<S extends Host>(
  api: MailApi,
  locale: () => Locale,
  set: (partial: Partial<S>) => void,
  get: () => S,
): OAuthSliceState {
  let attempt = 0;
  return {
    oauthProviders: [],
    authMode: 'password',
    signIn: { status: 'idle' },

    setAuthMode(mode) {
      void get().cancelSignIn();
      set({ authMode: mode, signIn: { status: 'idle' }, test: { status: 'idle' } } as unknown as Partial<S>);
    },

    async startSignIn(open) {
      const provider = oauthProviderFor(get());
      if (!provider) return;
      const mine = ++attempt;
      set({ signIn: { status: 'starting' }, test: { status: 'idle' } } as unknown as Partial<S>);
      try {
        const email = get().email.trim();
        const flow = await api.beginOAuth({ provider: provider.id, ...(email ? { email } : {}) });
        if (mine !== attempt) return;
        set({ signIn: { status: 'waiting', flow } } as Partial<S>);
        open(flow.authorization_url);
        const completion = await api.completeOAuth({ flow_id: flow.flow_id });
        if (mine !== attempt) return;
        set({ signIn: { status: 'done', completion } } as Partial<S>);
        await get().testConnection();
      } catch (err) {
        if (mine !== attempt) return;
        set({ signIn: { status: 'failed', error: toUserError(err, locale()) } } as Partial<S>);
      }
    },

    async cancelSignIn() {
      const s = get().signIn;
      attempt++;
      if (s.status === 'waiting') {
        set({ signIn: { status: 'idle' } } as Partial<S>);
        try {
          await api.cancelOAuth({ flow_id: s.flow.flow_id });
        } catch {
          // Already finished or expired on the core's side: nothing left to stop.
        }
      }
    },
  };
}
