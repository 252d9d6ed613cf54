// The host side of the core process: starts it (through a SpawnCore: utilityProcess or child_process), gives a
// MailApi + events that stay the same object across restarts, answers its secret requests with the host's
// boxes, and restarts it with backoff when it dies. The store is crash-safe (one transaction per batch with
// its watermark), so a restarted core resumes where the dead one stopped.
import { EVENT_NAMES, METHOD_NAMES } from '../../../shared/api.js';
import type { MailApi, MailClient, MethodName } from '../../../shared/api.js';
import { ReleveError } from '../../../shared/errors.js';
import { EventListeners } from '../../../shared/listeners.js';
import { createRpcClient, RpcError, toErrorBody } from '../../../shared/rpc.js';
import type { EventSource, RpcMessage } from '../../../shared/rpc.js';
import type { Logger, SecretBox } from '../model.js';
import { SYNC_MALLOC_ENV, SYNC_V8_FLAGS } from '../runtime-flags.js';
import type { CoreProcessInit, CoreToHost } from './protocol.js';
import type { CoreChild, SpawnCore } from './spawn.js';

/** starting: first start; ready: calls go through; restarting: it died, a new one is on its way; stopped. */
export type CoreLinkState = 'starting' | 'ready' | 'restarting' | 'stopped';

export interface CoreHostOptions {
  spawn: SpawnCore;
  /** The core process entry (dist/electron/core-process.cjs, or the .ts source under tsx in tests). */
  script: string;
  init: CoreProcessInit;
  /** Default: SYNC_V8_FLAGS. Tests running the TypeScript source add `--import tsx`. */
  execArgv?: string[];
  /** Default: this process's; SYNC_MALLOC_ENV is added to it either way (read by malloc at start). */
  env?: NodeJS.ProcessEnv;
  /** The boxes only the host can use (Electron safeStorage), answering the core's requests by kind. */
  hostBoxes?: SecretBox[];
  logger?: Logger;
  /** Restart delays: base × 2^attempt up to max; an attempt counter reset once a core stayed up stableMs. */
  restart?: { baseMs?: number; maxMs?: number; stableMs?: number };
  /** How long a clean close may take (runs stop at a batch boundary) before the process is killed. */
  closeTimeoutMs?: number;
}

type Waiter = { resolve: (c: MailClient) => void; reject: (e: unknown) => void };

const cancelled = (message: string) => new RpcError({ code: 'CANCELLED', message });

export class CoreHost {
  readonly api: MailApi;
  readonly on: EventSource;
  private readonly events = new EventListeners();
  private readonly stateListeners = new Set<(s: CoreLinkState) => void>();
  private state: CoreLinkState = 'stopped';
  private child: CoreChild | null = null;
  private client: (MailClient & { dispose(): void }) | null = null;
  private waiters: Waiter[] = [];
  private everReady = false;
  private readyAt = 0;
  private attempt = 0;
  private restarts = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closing = false;
  private schedulerWanted = false;
  private firstStart: { resolve: () => void; reject: (e: unknown) => void } | null = null;
  /** What the last core that could not start said. */
  private failure: string | null = null;

  constructor(private readonly opts: CoreHostOptions) {
    const api = {} as Record<MethodName, (arg: unknown) => Promise<unknown>>;
    for (const method of METHOD_NAMES) api[method] = (arg: unknown) => this.call(method, arg);
    this.api = api as unknown as MailApi;
    this.on = this.events.on;
  }

  /** Resolves when the first core process is ready; rejects if it dies before (a startup failure, not retried). */
  start(): Promise<void> {
    if (this.state !== 'stopped' || this.closing) return Promise.reject(new Error('core host already started'));
    return new Promise<void>((resolve, reject) => {
      this.firstStart = { resolve, reject };
      this.setState('starting');
      this.spawnOne();
    });
  }

  /** One MailApi call by name (the renderer relay uses this): waits for a live core, fails CANCELLED if it dies meanwhile. */
  async call(method: MethodName, arg: unknown): Promise<unknown> {
    const client = await this.live();
    const fn = client.api[method] as (a: unknown) => Promise<unknown>;
    return fn.call(client.api, arg);
  }

  /** Starts (and keeps starting, after every restart) the core's background scheduler. */
  startScheduler(): void {
    this.schedulerWanted = true;
    if (this.state === 'ready') this.child?.send({ k: 'start-scheduler' });
  }

  onState(listener: (s: CoreLinkState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  get linkState(): CoreLinkState {
    return this.state;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** How many times a dead core was replaced. */
  get restartCount(): number {
    return this.restarts;
  }

  /** Asks the core to stop its runs and close the store; kills it after closeTimeoutMs. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const child = this.child;
    if (child) {
      const gone = new Promise<void>((resolve) => child.onExit(() => resolve()));
      child.send({ k: 'close' });
      let killTimer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        killTimer = setTimeout(() => resolve('timeout'), this.opts.closeTimeoutMs ?? 15_000);
      });
      if ((await Promise.race([gone, timeout])) === 'timeout') {
        this.opts.logger?.log('warn', 'core.close_timeout', { pid: child.pid ?? null });
        child.kill();
        await gone;
      }
      clearTimeout(killTimer);
    }
    this.dropClient();
    for (const w of this.waiters.splice(0)) w.reject(cancelled('The core process stopped'));
    this.setState('stopped');
  }

  private live(): Promise<MailClient> {
    if (this.client && this.state === 'ready') return Promise.resolve(this.client);
    if (this.closing || this.state === 'stopped') return Promise.reject(cancelled('The core process is not running'));
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private setState(s: CoreLinkState): void {
    if (this.state === s) return;
    this.state = s;
    for (const l of this.stateListeners) l(s);
  }

  private spawnOne(): void {
    this.timer = null;
    if (this.closing) return;
    const child = this.opts.spawn(this.opts.script, [JSON.stringify(this.opts.init)], {
      execArgv: this.opts.execArgv ?? [...SYNC_V8_FLAGS],
      env: { ...(this.opts.env ?? process.env), ...SYNC_MALLOC_ENV },
    });
    this.child = child;
    const rpcHandlers = new Set<(m: RpcMessage) => void>();
    child.onMessage((msg) => {
      if (this.child !== child) return;
      if (msg.k === 'rpc') for (const h of rpcHandlers) h(msg.m);
      else if (msg.k === 'secret-req') void this.answerSecret(child, msg);
      else if (msg.k === 'ready') this.becameReady(child, rpcHandlers);
      else if (msg.k === 'failed') {
        this.failure = msg.message;
        child.kill();
      }
    });
    child.onExit((code) => this.exited(child, code));
  }

  private becameReady(child: CoreChild, rpcHandlers: Set<(m: RpcMessage) => void>): void {
    const client = createRpcClient({
      send: (m) => child.send({ k: 'rpc', m }),
      onMessage: (h) => {
        rpcHandlers.add(h);
        return () => rpcHandlers.delete(h);
      },
    });
    for (const name of EVENT_NAMES) client.on(name, (payload) => this.events.emit(name, payload as never));
    this.client = client;
    this.readyAt = Date.now();
    const again = this.everReady;
    this.everReady = true;
    if (again) this.opts.logger?.log('info', 'core.restarted', { pid: child.pid ?? null, restarts: this.restarts });
    if (this.schedulerWanted) child.send({ k: 'start-scheduler' });
    this.setState('ready');
    for (const w of this.waiters.splice(0)) w.resolve(client);
    this.firstStart?.resolve();
    this.firstStart = null;
  }

  private exited(child: CoreChild, code: number | null): void {
    if (this.child !== child) return;
    this.child = null;
    // Calls in flight may or may not have been applied: they fail (CANCELLED); new calls wait for the next core.
    this.dropClient();
    if (this.closing) return;
    if (!this.everReady) {
      this.setState('stopped');
      for (const w of this.waiters.splice(0)) w.reject(cancelled('The core process could not start'));
      this.firstStart?.reject(new Error(this.failure ?? `the core process exited before it was ready (code ${String(code)})`));
      this.firstStart = null;
      return;
    }
    const r = this.opts.restart ?? {};
    if (Date.now() - this.readyAt >= (r.stableMs ?? 60_000)) this.attempt = 0;
    const delay = Math.min(r.maxMs ?? 30_000, (r.baseMs ?? 500) * 2 ** this.attempt);
    this.attempt++;
    this.restarts++;
    this.opts.logger?.log('error', 'core.exited', { code, restart_in_ms: delay });
    this.setState('restarting');
    this.timer = setTimeout(() => this.spawnOne(), delay);
  }

  /** Forgets the current core's client; its pending calls fail with CANCELLED ("Connection closed"). */
  private dropClient(): void {
    const client = this.client;
    this.client = null;
    client?.dispose();
  }

  private async answerSecret(child: CoreChild, req: Extract<CoreToHost, { k: 'secret-req' }>): Promise<void> {
    try {
      const box = (this.opts.hostBoxes ?? []).find((b) => b.kind === req.kind);
      if (!box || !box.available()) {
        throw new ReleveError('SECRETS_UNAVAILABLE', `The "${req.kind}" secret store is not available.`);
      }
      const value =
        req.op === 'encrypt'
          ? Buffer.from(await box.encrypt(req.data)).toString('base64')
          : await box.decrypt(Buffer.from(req.data, 'base64'));
      child.send({ k: 'secret-res', id: req.id, ok: true, value });
    } catch (err) {
      const body = toErrorBody(err);
      // A box's own plain error (the keychain refused) is still a secrets problem for the user.
      const error = body.code === 'UNKNOWN' ? { code: 'SECRETS_UNAVAILABLE' as const, message: 'The secret store refused the request.' } : body;
      child.send({ k: 'secret-res', id: req.id, ok: false, error });
    }
  }
}
