// OAuth2 sign-ins for the FakeMailApi, with the contract's life cycle: begin → (the user signs in, here
// approve/deny from the test) → complete → the finished sign-in is taken once by createMailbox or reconnects
// the mailbox it was begun for. Unknown or unconfigured providers fail like the core's. The built-in providers'
// clients can be set through the settings, as in the core.
import { ReleveError, userError } from '../../shared/errors.js';
import { parseOAuthBeginInput, parseOAuthFlowId } from '../../shared/schemas.js';
import type {
  Locale,
  OAuthBegin,
  OAuthClientProviderId,
  OAuthClientSettings,
  OAuthCompletion,
  OAuthProviderInfo,
  Settings,
  SettingsPatch,
} from '../../shared/types.js';

type ClientFields = { client_id?: string; client_secret?: string; tenant?: string };

interface Flow {
  id: string;
  provider: string;
  mailboxId: number | null;
  email: string | null;
  state: 'pending' | 'approved' | 'denied' | 'cancelled' | 'taken';
  settled: Promise<void>;
  settle: () => void;
}

export class FakeOAuth {
  private flows = new Map<string, Flow>();
  private seq = 0;
  lastFlowId: string | null = null;
  /** When set, every sign-in is approved at once as this address (for UI tests). */
  autoApproveAs: string | null = null;
  /** Called when a sign-in for an existing mailbox is approved: the core stores the new tokens in it. */
  onReconnected: (mailboxId: number, email: string) => void = () => {};

  constructor(
    public providers: OAuthProviderInfo[],
    private locale: () => Locale,
    private mailboxProvider: (mailboxId: number) => { provider: string; email: string },
  ) {
    for (const p of providers) if (this.isBuiltIn(p.id) && p.configured) this.envClients[p.id] = { client_id: `${p.id}-env-client` };
  }

  /**
   * Clients of the built-in providers, like the core: settings (set through updateSettings) win over the
   * environment field by field. A built-in provider passed as configured stands for a client id in the
   * environment ("<id>-env-client").
   */
  private readonly envClients: Partial<Record<OAuthClientProviderId, ClientFields>> = {};
  private readonly settingClients: Record<OAuthClientProviderId, ClientFields> = { microsoft: {}, google: {} };

  private isBuiltIn(id: string): id is OAuthClientProviderId {
    return id === 'microsoft' || id === 'google';
  }

  private field(id: OAuthClientProviderId, name: keyof ClientFields): { value: string; source: 'settings' | 'env' } | null {
    const set = this.settingClients[id][name];
    if (set) return { value: set, source: 'settings' };
    const env = this.envClients[id]?.[name];
    return env ? { value: env, source: 'env' } : null;
  }

  clientReport(): Settings['oauth'] {
    const one = (id: OAuthClientProviderId): OAuthClientSettings => {
      const clientId = this.field(id, 'client_id');
      return {
        client_id: clientId?.value ?? null,
        has_client_secret: this.field(id, 'client_secret') !== null,
        tenant: id === 'microsoft' ? (this.field(id, 'tenant')?.value ?? null) : null,
        source: clientId?.source ?? null,
      };
    };
    return { microsoft: one('microsoft'), google: one('google') };
  }

  /** A patch already validated by parseSettingsPatch: null clears a field. */
  applyClientPatch(patch: NonNullable<SettingsPatch['oauth']>): void {
    for (const id of ['microsoft', 'google'] as const) {
      for (const [name, value] of Object.entries(patch[id] ?? {}) as Array<[keyof ClientFields, string | null | undefined]>) {
        if (value === undefined) continue;
        if (value === null) delete this.settingClients[id][name];
        else this.settingClients[id][name] = value;
      }
    }
  }

  private configured(p: OAuthProviderInfo): boolean {
    return this.isBuiltIn(p.id) ? this.field(p.id, 'client_id') !== null : p.configured;
  }

  list(): OAuthProviderInfo[] {
    return this.providers.map((p) => ({ ...p, configured: this.configured(p), preset_ids: [...p.preset_ids] }));
  }

  begin(arg: unknown): OAuthBegin {
    const input = parseOAuthBeginInput(arg, this.locale());
    const target = input.mailbox_id !== undefined ? this.mailboxProvider(input.mailbox_id) : null;
    const providerId = target?.provider ?? input.provider!;
    const provider = this.providers.find((p) => p.id === providerId);
    if (!provider) throw new ReleveError('NOT_FOUND', userError('NOT_FOUND', this.locale()).message, { field: 'provider' });
    if (!this.configured(provider)) throw new ReleveError('OAUTH_NOT_CONFIGURED', userError('OAUTH_NOT_CONFIGURED', this.locale()).message);
    const id = `flow${String(++this.seq).padStart(20, '0')}`;
    let settle = () => {};
    const settled = new Promise<void>((r) => (settle = r));
    const flow: Flow = { id, provider: providerId, mailboxId: input.mailbox_id ?? null, email: null, state: 'pending', settled, settle };
    this.flows.set(id, flow);
    this.lastFlowId = id;
    if (this.autoApproveAs) this.approve(id, target?.email ?? input.email ?? this.autoApproveAs);
    return {
      flow_id: id,
      authorization_url: `https://login.example.com/authorize?client_id=releve&state=${id}${input.email ? `&login_hint=${encodeURIComponent(input.email)}` : ''}`,
      redirect_uri: 'http://127.0.0.1:53682/callback',
      expires_at: new Date(Date.now() + 600_000).toISOString(),
    };
  }

  /** The user signed in on the provider's page. */
  approve(flowId: string, email: string): void {
    const f = this.flows.get(flowId);
    if (!f || f.state !== 'pending') throw new Error(`flow ${flowId} is not pending`);
    f.state = 'approved';
    f.email = email;
    if (f.mailboxId !== null) this.onReconnected(f.mailboxId, email);
    f.settle();
  }

  /** The user refused access or closed the page. */
  deny(flowId: string): void {
    const f = this.flows.get(flowId);
    if (!f || f.state !== 'pending') throw new Error(`flow ${flowId} is not pending`);
    f.state = 'denied';
    f.settle();
  }

  private flow(arg: unknown): Flow {
    const id = parseOAuthFlowId(arg, this.locale());
    const f = this.flows.get(id);
    if (!f) throw new ReleveError('OAUTH_DENIED', userError('OAUTH_DENIED', this.locale()).message, { field: 'oauth_flow_id' });
    return f;
  }

  async complete(arg: unknown): Promise<OAuthCompletion> {
    const f = this.flow(arg);
    await f.settled;
    if (f.state !== 'approved' && f.state !== 'taken') {
      const code = f.state === 'cancelled' ? 'CANCELLED' : 'OAUTH_DENIED';
      throw new ReleveError(code, userError(code, this.locale()).message);
    }
    return { flow_id: f.id, provider: f.provider, email: f.email, mailbox_id: f.mailboxId };
  }

  cancel(arg: unknown): { cancelled: true } {
    const f = this.flow(arg);
    if (f.state === 'pending') {
      f.state = 'cancelled';
      f.settle();
    }
    return { cancelled: true };
  }

  /** A finished sign-in's account, without using it up (connection test). */
  peek(flowId: string): { provider: string; email: string } {
    const f = this.flows.get(flowId);
    if (!f || (f.state !== 'approved' && f.state !== 'taken') || !f.email) {
      throw new ReleveError('OAUTH_DENIED', userError('OAUTH_DENIED', this.locale()).message, { field: 'oauth_flow_id' });
    }
    return { provider: f.provider, email: f.email };
  }

  /** A finished sign-in given to a new mailbox: usable once. */
  take(flowId: string): { provider: string; email: string } {
    const f = this.flows.get(flowId);
    if (f?.state === 'taken') throw new ReleveError('OAUTH_DENIED', userError('OAUTH_DENIED', this.locale()).message, { field: 'oauth_flow_id' });
    const out = this.peek(flowId);
    f!.state = 'taken';
    return out;
  }
}
