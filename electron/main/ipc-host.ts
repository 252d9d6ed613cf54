// Main-process side of the bridge: a relay, not a handler per method (Actual Budget's model). Every MailApi call
// arrives on one channel as { method, arg } and is forwarded to the core process (core-host.ts); the contract
// events and the core process's state are pushed to the window, and the few desktop-only shell calls are
// answered here. Every call is checked to come from our window's main frame showing the app's page; replies
// are envelopes because ipcMain.handle loses an error's code and field.
import { ipcMain } from 'electron';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { EVENT_NAMES, METHOD_NAMES } from '../../shared/api.js';
import type { MailApi, MethodName } from '../../shared/api.js';
import { validateArg } from '../../shared/arg-checkers.js';
import { toErrorBody } from '../../shared/rpc.js';
import type { EventSource } from '../../shared/rpc.js';
import { CORE_STATE_CHANNEL, eventChannel, RPC_CHANNEL, shellChannel } from '../../shared/shell.js';
import type { CoreLinkView, RelayedCall, ShellApi, ShellCallName } from '../../shared/shell.js';
import type { Locale } from '../../shared/types.js';
import type { Logger } from '../core/model.js';
import type { IpcEnvelope } from '../preload/ipc-envelope.js';
import { isAppPageUrl } from './url-policy.js';
import type { AppPage } from './url-policy.js';

/** The shell calls as the main process implements them (ShellApi minus the constant flag). */
export type ShellHandlers = {
  [K in ShellCallName]: (...args: Parameters<ShellApi[K]>) => Awaited<ReturnType<ShellApi[K]>> | ReturnType<ShellApi[K]>;
};

export interface IpcHostOptions {
  api: MailApi;
  on: EventSource;
  page: AppPage;
  /** The window whose page is trusted; null while it does not exist. */
  getWindow(): BrowserWindow | null;
  shell: ShellHandlers;
  /** The app's language: arguments are checked in it before the call goes to the core process. */
  locale(): Locale;
  logger?: Logger;
  /** The core process's state, pushed to the window ("reconnecting" while main restarts a dead core). */
  coreState?: { current(): CoreLinkView; on(listener: (s: CoreLinkView) => void): () => void };
}

const knownMethods: ReadonlySet<string> = new Set(METHOD_NAMES);

function validationError(message: string, field: string): Error {
  return Object.assign(new Error(message), { code: 'VALIDATION', field });
}

/** What the renderer sent, checked: an object naming a contract method. Arguments are checked by the relay. */
function relayedCall(v: unknown): { method: MethodName; arg: unknown } {
  const call = v && typeof v === 'object' ? (v as Partial<RelayedCall>) : null;
  if (!call || typeof call.method !== 'string' || !knownMethods.has(call.method)) {
    throw Object.assign(new Error(`Unknown method ${String(call?.method)}`), { code: 'NOT_FOUND' });
  }
  return { method: call.method as MethodName, arg: call.arg ?? null };
}

export class UntrustedSenderError extends Error {
  constructor(channel: string) {
    super(`IPC call ${channel} refused: not from the app's window`);
    this.name = 'UntrustedSenderError';
  }
}

/** Only the main frame of our own window, currently showing the app's page, may call in. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, win: BrowserWindow | null, page: AppPage): boolean {
  if (!win || win.isDestroyed()) return false;
  if (event.sender.id !== win.webContents.id) return false;
  const frame = event.senderFrame;
  // null when the frame navigated away or was destroyed before the call arrived
  if (!frame || frame.parent !== null) return false;
  return isAppPageUrl(page, frame.url);
}

async function envelope(run: () => unknown): Promise<IpcEnvelope> {
  try {
    const result = await run();
    return { ok: true, result: result === undefined ? null : result };
  } catch (err) {
    return { ok: false, error: toErrorBody(err) };
  }
}

/** Registers every channel; returns a function that removes them and the event forwarding. */
export function registerIpcHost(opts: IpcHostOptions): () => void {
  const channels: string[] = [];
  const handle = (channel: string, name: (arg: unknown) => string, run: (arg: unknown) => unknown) => {
    channels.push(channel);
    ipcMain.handle(channel, async (event, arg: unknown) => {
      if (!isTrustedSender(event, opts.getWindow(), opts.page)) {
        opts.logger?.log('warn', 'ipc.untrusted_sender', { channel, url: event.senderFrame?.url ?? null });
        throw new UntrustedSenderError(channel);
      }
      const reply = await envelope(() => run(arg));
      // Arguments are never logged: createMailbox / testConnection carry a password.
      if (!reply.ok && reply.error.code === 'UNKNOWN') opts.logger?.log('error', 'ipc.call_failed', { method: name(arg) });
      return reply;
    });
  };

  // The relay: one generic forwarder for every contract method, to the core process behind opts.api.
  handle(
    RPC_CHANNEL,
    (arg) => String((arg as Partial<RelayedCall> | null)?.method),
    (arg) => {
      const { method, arg: inner } = relayedCall(arg);
      // Refused here in the app's language, the same check as every other transport (shared/arg-checkers.ts).
      validateArg(method, inner, opts.locale());
      const fn = opts.api[method] as (a: unknown) => Promise<unknown>;
      return fn.call(opts.api, inner);
    },
  );

  handle(shellChannel('getStartAtLogin'), () => 'getStartAtLogin', () => opts.shell.getStartAtLogin());
  handle(shellChannel('setStartAtLogin'), () => 'setStartAtLogin', (arg) => {
    if (typeof arg !== 'boolean') throw validationError('setStartAtLogin expects true or false', 'on');
    return opts.shell.setStartAtLogin(arg);
  });
  handle(shellChannel('getSecretsWarning'), () => 'getSecretsWarning', () => opts.shell.getSecretsWarning());
  handle(CORE_STATE_CHANNEL, () => 'coreState', () => opts.coreState?.current() ?? 'ready');

  const push = (channel: string, payload: unknown) => {
    const win = opts.getWindow();
    if (!win || win.isDestroyed() || win.webContents.isDestroyed()) return;
    win.webContents.send(channel, payload);
  };
  const unsubscribe = EVENT_NAMES.map((name) => opts.on(name, (payload) => push(eventChannel(name), payload)));
  if (opts.coreState) unsubscribe.push(opts.coreState.on((s) => push(CORE_STATE_CHANNEL, s)));

  return () => {
    for (const c of channels) ipcMain.removeHandler(c);
    for (const u of unsubscribe) u();
  };
}
