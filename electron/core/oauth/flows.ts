// Sign-ins in progress: begin opens a loopback listener and builds the authorization URL (code + PKCE);
// the browser's redirect is exchanged for tokens in the background; completeOAuth waits for that; the
// finished tokens then wait in memory (never on disk) until a mailbox takes them, or expire.
import { randomBytes } from 'node:crypto';
import * as oidc from 'openid-client';
import { ReleveError, userError } from '../../../shared/errors.js';
import type { Locale, OAuthBegin } from '../../../shared/types.js';
import type { Redactor } from '../logger.js';
import type { Logger } from '../model.js';
import { listenForRedirect, type LoopbackRedirect } from './loopback.js';
import type { OAuthTokenSet, OidcClients, SignedInIdentity } from './oidc-client.js';
import type { OAuthProviderConfig, OAuthProviderRegistry } from './provider-config.js';

export interface FinishedSignIn {
  flowId: string;
  provider: OAuthProviderConfig;
  tokens: OAuthTokenSet;
  identity: SignedInIdentity;
  mailboxId: number | null;
}

export interface FlowDeps {
  registry: OAuthProviderRegistry;
  clients: OidcClients;
  redactor: Redactor;
  log: Logger;
  now(): number;
  locale(): Locale;
  /** How long the user has to sign in. Default 10 min. */
  timeoutMs?: number;
  /** How long finished tokens wait for a mailbox. Default 15 min. */
  keepMs?: number;
}

interface Flow {
  id: string;
  mailboxId: number | null;
  listener: LoopbackRedirect;
  outcome: Promise<FinishedSignIn>;
  finished: FinishedSignIn | null;
  taken: boolean;
}

/** More open sign-ins than this and the oldest is dropped (a client looping on beginOAuth holds no ports). */
const MAX_OPEN_FLOWS = 8;

export class OAuthFlows {
  private readonly flows = new Map<string, Flow>();

  constructor(private readonly deps: FlowDeps) {}

  private notFound(): ReleveError {
    return new ReleveError('OAUTH_DENIED', userError('OAUTH_DENIED', this.deps.locale()).message, {
      field: 'oauth_flow_id',
      detail: 'unknown or expired sign-in',
    });
  }

  /**
   * `apply` (reconnecting a mailbox) receives the tokens as soon as they are obtained, so the mailbox is
   * repaired even if nobody waits on the flow; those tokens are then no longer available to take().
   */
  async begin(
    provider: OAuthProviderConfig,
    opts: { loginHint?: string; mailboxId?: number; apply?: (signIn: FinishedSignIn) => void | Promise<void> },
  ): Promise<OAuthBegin> {
    const { deps } = this;
    const timeoutMs = deps.timeoutMs ?? 10 * 60_000;
    // Discovery first: a wrong issuer or no network fails here, before any port is opened.
    await deps.clients.configuration(provider);
    const state = oidc.randomState();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const listener = await listenForRedirect({ state, timeoutMs, locale: deps.locale() });
    const id = randomBytes(24).toString('base64url');
    let url: URL;
    try {
      url = await deps.clients.authorizationUrl(provider, {
        redirectUri: listener.redirectUri,
        state,
        codeVerifier,
        ...(opts.loginHint ? { loginHint: opts.loginHint } : {}),
      });
    } catch (err) {
      listener.close(new ReleveError('CANCELLED', 'sign-in not started'));
      throw err;
    }

    const flow: Flow = {
      id,
      mailboxId: opts.mailboxId ?? null,
      listener,
      finished: null,
      taken: false,
      outcome: listener.result.then(async (callbackUrl) => {
        const { tokens, identity } = await deps.clients.exchangeCode(provider, callbackUrl, { state, codeVerifier }, deps.now());
        deps.redactor.add(tokens.access_token);
        if (tokens.refresh_token) deps.redactor.add(tokens.refresh_token);
        const finished: FinishedSignIn = { flowId: id, provider, tokens, identity, mailboxId: flow.mailboxId };
        if (opts.apply) {
          await opts.apply(finished);
          flow.taken = true;
        }
        flow.finished = finished;
        deps.log.log('info', 'oauth sign-in finished', { provider: provider.id, mailbox: flow.mailboxId ?? undefined });
        return finished;
      }),
    };
    flow.outcome.catch((err: unknown) => {
      const code = err instanceof ReleveError ? err.code : 'UNKNOWN';
      deps.log.log('warn', 'oauth sign-in failed', { provider: provider.id, code, detail: err instanceof ReleveError ? err.detail : undefined });
    });
    // Whatever happens, the tokens do not outlive their usefulness in memory.
    const forget = setTimeout(() => this.drop(id), timeoutMs + (deps.keepMs ?? 15 * 60_000));
    forget.unref();
    this.flows.set(id, flow);
    this.trim();
    deps.log.log('info', 'oauth sign-in started', { provider: provider.id, port: listener.port });
    return {
      flow_id: id,
      authorization_url: url.toString(),
      redirect_uri: listener.redirectUri,
      expires_at: new Date(deps.now() + timeoutMs).toISOString(),
    };
  }

  /** Resolves when the redirect came back and the tokens were obtained; rejects on refusal, timeout, cancel. */
  async wait(flowId: string): Promise<FinishedSignIn> {
    const flow = this.flows.get(flowId);
    if (!flow) throw this.notFound();
    return flow.outcome;
  }

  /** The finished sign-in, left in place (connection test before the mailbox exists). */
  peek(flowId: string): FinishedSignIn {
    const flow = this.flows.get(flowId);
    if (!flow?.finished || flow.taken) throw this.notFound();
    return flow.finished;
  }

  /** The finished sign-in, used once: its tokens move into a mailbox and leave this map. */
  take(flowId: string): FinishedSignIn {
    const finished = this.peek(flowId);
    this.drop(flowId);
    return finished;
  }

  cancel(flowId: string): void {
    const flow = this.flows.get(flowId);
    if (!flow) return;
    flow.listener.close(new ReleveError('CANCELLED', userError('CANCELLED', this.deps.locale()).message, { detail: 'sign-in cancelled' }));
    this.drop(flowId);
  }

  closeAll(): void {
    for (const id of [...this.flows.keys()]) this.cancel(id);
  }

  private drop(flowId: string): void {
    const flow = this.flows.get(flowId);
    if (!flow) return;
    flow.taken = true;
    if (flow.listener.isListening()) flow.listener.close(new ReleveError('CANCELLED', 'sign-in dropped', { detail: 'sign-in dropped' }));
    this.flows.delete(flowId);
  }

  private trim(): void {
    const open = [...this.flows.values()].filter((f) => f.listener.isListening());
    for (const f of open.slice(0, Math.max(0, open.length - MAX_OPEN_FLOWS))) this.cancel(f.id);
  }
}
