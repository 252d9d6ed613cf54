// Main-process side of the bridge: one ipcMain.handle per contract method, the contract events pushed to the
// window, and the few desktop-only shell calls. Every call is checked to come from our window's main frame
// showing the app's page; replies are envelopes because ipcMain.handle loses an error's code and field.
import { ipcMain } from 'electron';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { EVENT_NAMES, METHOD_NAMES } from '../../shared/api.js';
import type { MailApi } from '../../shared/api.js';
import { toErrorBody } from '../../shared/rpc.js';
import type { EventSource } from '../../shared/rpc.js';
import { eventChannel, invokeChannel, shellChannel } from '../../shared/shell.js';
import type { ShellApi } from '../../shared/shell.js';
import type { Logger } from '../core/model.js';
import type { IpcEnvelope } from '../preload/ipc-envelope.js';
import { isAppPageUrl } from './url-policy.js';
import type { AppPage } from './url-policy.js';

/** The shell calls as the main process implements them (ShellApi minus the constant flag). */
export type ShellHandlers = {
  [K in keyof Omit<ShellApi, 'isDesktop'>]: (...args: Parameters<ShellApi[K]>) => Awaited<ReturnType<ShellApi[K]>> | ReturnType<ShellApi[K]>;
};

export interface IpcHostOptions {
  api: MailApi;
  on: EventSource;
  page: AppPage;
  /** The window whose page is trusted; null while it does not exist. */
  getWindow(): BrowserWindow | null;
  shell: ShellHandlers;
  logger?: Logger;
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
  const handle = (channel: string, name: string, run: (arg: unknown) => unknown) => {
    channels.push(channel);
    ipcMain.handle(channel, async (event, arg: unknown) => {
      if (!isTrustedSender(event, opts.getWindow(), opts.page)) {
        opts.logger?.log('warn', 'ipc.untrusted_sender', { channel, url: event.senderFrame?.url ?? null });
        throw new UntrustedSenderError(channel);
      }
      const reply = await envelope(() => run(arg));
      // Arguments are never logged: createMailbox / testConnection carry a password.
      if (!reply.ok && reply.error.code === 'UNKNOWN') opts.logger?.log('error', 'ipc.call_failed', { method: name });
      return reply;
    });
  };

  for (const method of METHOD_NAMES) {
    const fn = opts.api[method] as (arg: unknown) => Promise<unknown>;
    handle(invokeChannel(method), method, (arg) => fn.call(opts.api, arg));
  }

  handle(shellChannel('getStartAtLogin'), 'getStartAtLogin', () => opts.shell.getStartAtLogin());
  handle(shellChannel('setStartAtLogin'), 'setStartAtLogin', (arg) => {
    if (typeof arg !== 'boolean') {
      throw Object.assign(new Error('setStartAtLogin expects true or false'), { code: 'VALIDATION', field: 'on' });
    }
    return opts.shell.setStartAtLogin(arg);
  });
  handle(shellChannel('getSecretsWarning'), 'getSecretsWarning', () => opts.shell.getSecretsWarning());

  const unsubscribe = EVENT_NAMES.map((name) =>
    opts.on(name, (payload) => {
      const win = opts.getWindow();
      if (!win || win.isDestroyed() || win.webContents.isDestroyed()) return;
      win.webContents.send(eventChannel(name), payload);
    }),
  );

  return () => {
    for (const c of channels) ipcMain.removeHandler(c);
    for (const u of unsubscribe) u();
  };
}
