// The setup wizard as a small state machine: email → server → password (connection test) → finish.
// Each step validates its fields with the API's own rules before moving on; an oauth2_only provider stops
// at the server step (no password can work) unless the user picks another address or a custom server.
// Leaving the password step saves the mailbox paused (a "draft"): the server's folders can only be listed,
// and the sending settings tested, for a stored mailbox — the password is sent once, never again. "Finish"
// saves the last settings and turns it on; going back or leaving the wizard deletes the draft.
import { createStore } from 'zustand/vanilla';
import type { MailApi } from '../../shared/api.js';
import { getPreset, presetForEmailDomain, presetUsername, emailDomain } from '../../shared/providers.js';
import type { ProviderPreset } from '../../shared/providers.js';
import { DEFAULT_SYNC_INTERVAL_MINUTES } from '../../shared/schemas.js';
import type { ConnectionTestInput, Locale, Mailbox, MailboxPatch, UserError } from '../../shared/types.js';
import { makeTranslator } from '../i18n/i18n.js';
import { toUserError } from '../lib/error-text.js';
import { fieldError, fieldErrors } from '../lib/validate.js';
import type { CheckedField } from '../lib/validate.js';
import { newTestId } from '../lib/connection-test.js';
import { createOAuthSlice, initialAuthMode, loadOAuthProviders, oauthProviderFor } from './wizard-oauth.js';
import { draftInput } from './wizard-draft.js';
import type { OAuthSliceState } from './wizard-oauth.js';

export type WizardStep = 'email' | 'server' | 'password' | 'finish' | 'done';
export const WIZARD_STEPS: readonly WizardStep[] = ['email', 'server', 'password', 'finish'];
export type SyncWindowKind = 'all' | 'days' | 'count';
export type WizardField = CheckedField | 'email_password';

export interface ServerFields {
  imap_server: string;
  imap_port: string;
  use_ssl: boolean;
  username: string;
  allow_insecure_auth: boolean;
  tls_fingerprint: string | null;
}

export interface FinishFields {
  name: string;
  sync_interval_minutes: string;
  window: SyncWindowKind;
  window_days: string;
  window_count: string;
  color: string;
}

export type TestState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'ok'; message_count: number | null; secure: boolean | null }
  | { status: 'failed'; error: UserError };

export interface WizardState extends OAuthSliceState {
  step: WizardStep;
  email: string;
  detecting: boolean;
  /** The recognised provider, null for "other server". */
  preset: ProviderPreset | null;
  detectedVia: 'domain' | 'mx' | 'none' | 'local';
  /** The user chose to enter a server by hand although the provider is oauth2_only. */
  customServer: boolean;
  server: ServerFields;
  password: string;
  test: TestState;
  finish: FinishFields;
  errors: Partial<Record<WizardField, string>>;
  creating: boolean;
  createError: UserError | null;
  /** Saved paused when the password step is left; deleted unless the wizard is finished. */
  draft: Mailbox | null;
  /** Saving the draft (the password step's "Next"). */
  preparing: boolean;
  created: Mailbox | null;
  setEmail(email: string): void;
  submitEmail(): Promise<void>;
  setServer(patch: Partial<ServerFields>): void;
  useCustomServer(): void;
  useAnotherAddress(): void;
  submitServer(): void;
  setPassword(password: string): void;
  testConnection(): Promise<void>;
  /** Stops the running test at once (the core drops the connection). */
  cancelTest(): void;
  /** The port expects SSL/TLS: tick it and test again. */
  switchToSsl(): Promise<void>;
  trustCertificate(fingerprint: string): Promise<void>;
  /** After a successful test: saves the draft mailbox, then shows the last step. */
  submitPassword(): Promise<void>;
  setFinish(patch: Partial<FinishFields>): void;
  /** Saves the last settings (plus `extra`, e.g. sending) into the draft and turns it on. */
  create(extra?: MailboxPatch): Promise<Mailbox | null>;
  back(): void;
  /** Deletes the draft (the wizard left before finishing). */
  discardDraft(): Promise<void>;
}

/**
 * oauth2_only, not overridden by a custom server, and no sign-in ready for it: a password field would be a
 * trap and there is nothing else to offer, so the wizard stops at the server step with the ways out.
 */
export function passwordBlocked(s: Pick<WizardState, 'preset' | 'customServer' | 'oauthProviders'>): boolean {
  return s.preset?.auth === 'oauth2_only' && !s.customServer && !oauthProviderFor(s)?.configured;
}

/** Whether the wizard signs in with OAuth2 (no password step) right now. */
export function usesOAuth(s: Pick<WizardState, 'authMode' | 'preset' | 'customServer' | 'oauthProviders'>): boolean {
  return s.authMode === 'oauth2' && Boolean(oauthProviderFor(s)?.configured);
}

export function guessServerFor(email: string): string {
  const domain = emailDomain(email);
  return domain ? `imap.${domain}` : '';
}

export interface WizardOptions {
  locale: () => Locale;
  /** Colour proposed for the new mailbox (the first free palette colour). */
  defaultColor: string;
}

export function createWizardStore(api: MailApi, opts: WizardOptions) {
  return createStore<WizardState>()((set, get) => {
    const L = opts.locale;
    const resetTest = () => (get().test.status === 'idle' ? {} : { test: { status: 'idle' } as TestState });
    /** The test in flight: a late answer of a cancelled or replaced test is ignored. */
    let testId: string | null = null;

    const signedInFlow = (): string | null => {
      const s = get();
      return usesOAuth(s) && s.signIn.status === 'done' ? s.signIn.completion.flow_id : null;
    };

    const testInput = (): ConnectionTestInput => {
      const s = get();
      const flow = signedInFlow();
      const input: ConnectionTestInput = {
        imap_server: s.server.imap_server.trim(),
        imap_port: Number(s.server.imap_port),
        use_ssl: s.server.use_ssl,
        email_address: s.email.trim(),
        ...(flow ? { oauth_flow_id: flow } : { email_password: s.password }),
        allow_insecure_auth: s.server.allow_insecure_auth,
        tls_fingerprint: s.server.tls_fingerprint,
      };
      if (s.server.username.trim()) input.username = s.server.username.trim();
      return input;
    };

    return {
      ...createOAuthSlice<WizardState>(api, L, set, get),
      step: 'email',
      email: '',
      detecting: false,
      preset: null,
      detectedVia: 'none',
      customServer: false,
      server: { imap_server: '', imap_port: '993', use_ssl: true, username: '', allow_insecure_auth: false, tls_fingerprint: null },
      password: '',
      test: { status: 'idle' },
      finish: { name: '', sync_interval_minutes: String(DEFAULT_SYNC_INTERVAL_MINUTES), window: 'all', window_days: '90', window_count: '1000', color: opts.defaultColor },
      errors: {},
      creating: false,
      createError: null,
      draft: null,
      preparing: false,
      created: null,

      setEmail(email) {
        const { email_address: _cleared, ...errors } = get().errors;
        set({ email, errors });
      },

      async submitEmail() {
        const email = get().email.trim();
        const error = fieldError('email_address', email, L());
        if (error) {
          set({ errors: { ...get().errors, email_address: error } });
          return;
        }
        set({ detecting: true, errors: {} });
        let preset: ProviderPreset | null;
        let via: WizardState['detectedVia'];
        try {
          const d = await api.detectProvider({ email });
          preset = d.preset_id ? (getPreset(d.preset_id) ?? null) : null;
          via = d.via;
        } catch {
          // Detection is a convenience: fall back to the local domain table.
          preset = presetForEmailDomain(email) ?? null;
          via = preset ? 'local' : 'none';
        }
        const server: ServerFields = preset
          ? { imap_server: preset.imap_server, imap_port: String(preset.imap_port), use_ssl: preset.use_ssl, username: presetUsername(preset, email), allow_insecure_auth: false, tls_fingerprint: null }
          : { imap_server: guessServerFor(email), imap_port: '993', use_ssl: true, username: email, allow_insecure_auth: false, tls_fingerprint: null };
        const name = preset ? `${preset.name} – ${email}` : email;
        const oauthProviders = await loadOAuthProviders(api);
        set({
          oauthProviders,
          authMode: initialAuthMode(preset, oauthProviders),
          signIn: { status: 'idle' },
          detecting: false,
          preset,
          detectedVia: via,
          customServer: false,
          server,
          test: { status: 'idle' },
          finish: { ...get().finish, name: name.slice(0, 100) },
          step: 'server',
        });
      },

      setServer(patch) {
        const errors = { ...get().errors };
        for (const k of Object.keys(patch)) delete errors[k as WizardField];
        set({ server: { ...get().server, ...patch }, errors, ...resetTest() });
      },

      useCustomServer() {
        const email = get().email.trim();
        void get().cancelSignIn();
        set({
          customServer: true,
          authMode: 'password',
          server: { imap_server: '', imap_port: '993', use_ssl: true, username: email, allow_insecure_auth: false, tls_fingerprint: null },
          errors: {},
          ...resetTest(),
        });
      },

      useAnotherAddress() {
        void get().cancelSignIn();
        set({ step: 'email', preset: null, customServer: false, errors: {}, password: '', test: { status: 'idle' } });
      },

      submitServer() {
        if (passwordBlocked(get())) return;
        const s = get().server;
        const errors: WizardState['errors'] = fieldErrors(
          { imap_server: s.imap_server.trim(), imap_port: s.imap_port.trim(), ...(s.username.trim() ? { username: s.username.trim() } : {}) },
          L(),
        );
        set({ errors });
        if (Object.keys(errors).length === 0) set({ step: 'password' });
      },

      setPassword(password) {
        const { email_password: _cleared, ...errors } = get().errors;
        set({ password, errors, ...resetTest() });
      },

      async testConnection() {
        if (usesOAuth(get())) {
          if (!signedInFlow()) return;
        } else if (get().password.trim() === '') {
          set({ errors: { ...get().errors, email_password: passwordRequired(L()) } });
          return;
        }
        const id = newTestId('wizard');
        testId = id;
        set({ test: { status: 'running' } });
        try {
          const r = await api.testConnection({ ...testInput(), test_id: id });
          if (testId !== id) return;
          if (r.ok) set({ test: { status: 'ok', message_count: r.message_count ?? null, secure: r.secure ?? null } });
          else set({ test: { status: 'failed', error: r.error ?? { code: 'UNKNOWN', message: '', hint: '' } } });
        } catch (err) {
          if (testId === id) set({ test: { status: 'failed', error: toUserError(err, L()) } });
        } finally {
          if (testId === id) testId = null;
        }
      },

      cancelTest() {
        const id = testId;
        if (!id) return;
        testId = null;
        set({ test: { status: 'idle' } });
        void api.cancelConnectionTest({ test_id: id }).catch(() => undefined);
      },

      async switchToSsl() {
        set({ server: { ...get().server, use_ssl: true } });
        await get().testConnection();
      },

      async trustCertificate(fingerprint) {
        set({ server: { ...get().server, tls_fingerprint: fingerprint } });
        await get().testConnection();
      },

      async submitPassword() {
        const s = get();
        if (s.test.status !== 'ok' || s.preparing) return;
        const input = draftInput(s, signedInFlow());
        set({ preparing: true, createError: null });
        try {
          const draft = await api.createMailbox(input);
          // The password is not kept in memory once the mailbox holds it.
          set({ preparing: false, draft, password: '', step: 'finish' });
        } catch (err) {
          set({ preparing: false, createError: toUserError(err, L()) });
        }
      },

      setFinish(patch) {
        const errors = { ...get().errors };
        for (const k of Object.keys(patch)) {
          if (k === 'window_days') delete errors.sync_window_days;
          else if (k === 'window_count') delete errors.sync_window_count;
          else delete errors[k as WizardField];
        }
        set({ finish: { ...get().finish, ...patch }, errors });
      },

      async create(extra = {}) {
        const s = get();
        const f = s.finish;
        const checks: Partial<Record<CheckedField, unknown>> = {
          name: f.name.trim(),
          sync_interval_minutes: f.sync_interval_minutes.trim(),
          color: f.color,
        };
        if (f.window === 'days') checks.sync_window_days = f.window_days.trim() || 'x';
        if (f.window === 'count') checks.sync_window_count = f.window_count.trim() || 'x';
        const errors = fieldErrors(checks, L());
        set({ errors });
        if (Object.keys(errors).length > 0 || !s.draft) return null;
        const patch: MailboxPatch = {
          ...extra,
          name: f.name.trim(),
          sync_interval_minutes: Number(f.sync_interval_minutes),
          active: true,
          color: f.color,
          sync_window_days: f.window === 'days' ? Number(f.window_days) : null,
          sync_window_count: f.window === 'count' ? Number(f.window_count) : null,
        };
        set({ creating: true, createError: null });
        try {
          const created = await api.updateMailbox({ id: s.draft.id, patch });
          set({ creating: false, created, draft: null, step: 'done' });
          return created;
        } catch (err) {
          set({ creating: false, createError: toUserError(err, L()) });
          return null;
        }
      },

      async discardDraft() {
        const draft = get().draft;
        // While "Add the mailbox" is saving, the user has asked for it: it is not thrown away.
        if (!draft || get().creating) return;
        set({ draft: null });
        await api.deleteMailbox({ id: draft.id, keep_messages: false }).catch(() => undefined);
      },

      back() {
        const order: WizardStep[] = ['email', 'server', 'password', 'finish'];
        const i = order.indexOf(get().step);
        if (get().step === 'finish') {
          // The draft goes: changed server settings or another password will make a new one. Its password (or
          // sign-in) is gone from memory, so the connection is tested again.
          void get().discardDraft();
          set({ step: 'password', errors: {}, createError: null, test: { status: 'idle' }, signIn: { status: 'idle' } });
          return;
        }
        if (i > 0) set({ step: order[i - 1] ?? 'email', errors: {}, createError: null });
      },
    };
  });
}
export type WizardStore = ReturnType<typeof createWizardStore>;

function passwordRequired(locale: Locale): string {
  return makeTranslator(locale).t('wizard.password.required');
}
