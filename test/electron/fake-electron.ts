// Small recording stand-ins for the parts of the `electron` module the shell uses. The Electron binary is
// not available on the test machines, so tests replace the module at this boundary:
//   vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule);
// The fake ipcRenderer delivers to the fake ipcMain handlers, with an event whose sender the test chooses,
// and webContents.send reaches the fake ipcRenderer listeners: preload and IPC host talk to each other.
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import type { WebPreferences } from 'electron';

type Handler = (event: FakeInvokeEvent, ...args: unknown[]) => unknown;

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

export interface FakeInvokeEvent {
  sender: { id: number };
  senderFrame: FakeFrame | null;
}

let nextContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' | 'allow' }) | null = null;
  destroyed = false;
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  loadedUrl: string | null = null;
  mainFrame: FakeFrame = { url: '', parent: null };
  setWindowOpenHandler(h: (details: { url: string }) => { action: 'deny' | 'allow' }): void {
    this.windowOpenHandler = h;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
    ipcRenderer.deliver(channel, payload);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Emits an Electron-style cancellable event; returns whether a listener called preventDefault(). */
  emitCancellable(name: string, extra: Record<string, unknown> = {}, ...args: unknown[]): boolean {
    let prevented = false;
    const event = { ...extra, preventDefault: () => (prevented = true) };
    this.emit(name, event, ...args);
    return prevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly options: { webPreferences?: WebPreferences } & Record<string, unknown>;
  visible = false;
  destroyed = false;
  maximized = false;
  bounds = { x: 0, y: 0, width: 0, height: 0 };
  constructor(options: { webPreferences?: WebPreferences } & Record<string, unknown>) {
    super();
    this.options = options;
    this.bounds = {
      x: (options.x as number | undefined) ?? 0,
      y: (options.y as number | undefined) ?? 0,
      width: options.width as number,
      height: options.height as number,
    };
    FakeBrowserWindow.instances.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.webContents.loadedUrl = url;
    this.webContents.mainFrame = { url, parent: null };
    return Promise.resolve();
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {}
  isVisible(): boolean {
    return this.visible;
  }
  isFocused(): boolean {
    return this.visible;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  maximize(): void {
    this.maximized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  getNormalBounds() {
    return { ...this.bounds };
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Simulates the user closing the window; returns whether the close was prevented. */
  userClose(): boolean {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    return prevented;
  }
}

export const ipcMain = {
  handlers: new Map<string, Handler>(),
  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  },
  /** Calls a handler as Electron would, with a structured clone of the argument and of the result. */
  async invokeAs(event: FakeInvokeEvent, channel: string, arg?: unknown): Promise<unknown> {
    const h = this.handlers.get(channel);
    if (!h) throw new Error(`No handler registered for '${channel}'`);
    return structuredClone(await h(event, arg === undefined ? undefined : structuredClone(arg)));
  },
};

type RendererListener = (event: { sender: unknown }, payload: unknown) => void;

export const ipcRenderer = {
  listeners: new Map<string, Set<RendererListener>>(),
  /** The identity the "renderer" presents to the main process (set by tests). */
  senderEvent: null as FakeInvokeEvent | null,
  invokeCalls: [] as Array<{ channel: string; arg: unknown }>,
  invoke(channel: string, arg?: unknown): Promise<unknown> {
    this.invokeCalls.push({ channel, arg });
    if (!this.senderEvent) return Promise.reject(new Error('test did not set ipcRenderer.senderEvent'));
    return ipcMain.invokeAs(this.senderEvent, channel, arg);
  },
  on(channel: string, listener: RendererListener) {
    let set = this.listeners.get(channel);
    if (!set) this.listeners.set(channel, (set = new Set()));
    set.add(listener);
    return this;
  },
  removeListener(channel: string, listener: RendererListener) {
    this.listeners.get(channel)?.delete(listener);
    return this;
  },
  listenerCount(channel: string): number {
    return this.listeners.get(channel)?.size ?? 0;
  },
  deliver(channel: string, payload: unknown): void {
    for (const l of this.listeners.get(channel) ?? []) l({ sender: 'ipc-renderer-internal' }, structuredClone(payload));
  },
};

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    if (this.exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property: ${key}`);
    this.exposed.set(key, api);
  },
};

export const shell = {
  opened: [] as string[],
  openExternal(url: string): Promise<void> {
    this.opened.push(url);
    return Promise.resolve();
  },
};

export const screen = {
  workAreas: [{ x: 0, y: 0, width: 1920, height: 1040 }],
  getAllDisplays() {
    return this.workAreas.map((workArea) => ({ workArea }));
  },
};

/** Reversible, key-dependent "encryption" with a version prefix, like Chromium's os_crypt output ("v10…"). */
export const safeStorage = {
  encryptionAvailable: true,
  backend: 'gnome_libsecret' as string,
  key: 0x5a,
  isEncryptionAvailable(): boolean {
    return this.encryptionAvailable;
  },
  getSelectedStorageBackend(): string {
    return this.backend;
  },
  encryptString(plain: string): Buffer {
    if (!this.encryptionAvailable) throw new Error('Encryption is not available.');
    const body = Buffer.from(plain, 'utf8').map((b) => b ^ this.key);
    // The key's id travels with the data, so another key fails loudly like an authenticated cipher would.
    return Buffer.concat([Buffer.from('v10'), Buffer.from([this.key]), body]);
  },
  decryptString(cipher: Buffer): string {
    if (!this.encryptionAvailable) throw new Error('Decryption is not available.');
    if (cipher.subarray(0, 3).toString() !== 'v10' || cipher[3] !== this.key) {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    }
    return Buffer.from(cipher.subarray(4).map((b) => b ^ this.key)).toString('utf8');
  },
};

export class FakeNativeImage {
  template = false;
  constructor(readonly path: string) {}
  setTemplateImage(on: boolean): void {
    this.template = on;
  }
}

export const nativeImage = {
  createFromPath: (p: string) => new FakeNativeImage(p),
};

export interface FakeMenuItem {
  label?: string;
  type?: string;
  enabled?: boolean;
  role?: string;
  click?: () => void;
}

export const Menu = {
  applicationMenu: undefined as unknown,
  buildFromTemplate: (template: FakeMenuItem[]) => ({ items: template }),
  setApplicationMenu(menu: unknown): void {
    this.applicationMenu = menu;
  },
};

export class FakeTray extends EventEmitter {
  static instances: FakeTray[] = [];
  image: FakeNativeImage;
  tooltip = '';
  menu: { items: FakeMenuItem[] } | null = null;
  destroyed = false;
  constructor(image: FakeNativeImage) {
    super();
    this.image = image;
    FakeTray.instances.push(this);
  }
  setImage(image: FakeNativeImage): void {
    this.image = image;
  }
  setToolTip(t: string): void {
    this.tooltip = t;
  }
  setContextMenu(menu: { items: FakeMenuItem[] }): void {
    this.menu = menu;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
  menuItem(label: string): FakeMenuItem {
    const item = this.menu?.items.find((i) => i.label === label);
    if (!item) throw new Error(`no menu item "${label}" in ${JSON.stringify(this.menu?.items.map((i) => i.label))}`);
    return item;
  }
}

export class FakeNotification extends EventEmitter {
  static instances: FakeNotification[] = [];
  static supported = true;
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  shown = false;
  constructor(readonly options: { title: string; body: string; icon?: string }) {
    super();
    FakeNotification.instances.push(this);
  }
  show(): void {
    this.shown = true;
  }
}

/** Records privileged schemes and the handler of each scheme, which tests call with a Request. */
export const protocol = {
  privileged: [] as Array<{ scheme: string; privileges?: Record<string, boolean> }>,
  handlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
  registerSchemesAsPrivileged(schemes: Array<{ scheme: string; privileges?: Record<string, boolean> }>): void {
    this.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response> | Response): void {
    if (this.handlers.has(scheme)) throw new Error(`scheme ${scheme} is already handled`);
    this.handlers.set(scheme, handler);
  },
};

export const app = {
  loginItem: { openAtLogin: false, wasOpenedAtLogin: false, args: [] as string[] },
  getLoginItemSettings(_opts?: unknown) {
    return { ...this.loginItem };
  },
  setLoginItemSettings(s: { openAtLogin: boolean; args?: string[] }): void {
    this.loginItem = { ...this.loginItem, openAtLogin: s.openAtLogin, args: s.args ?? [] };
  },
  getLocale: () => 'fr-FR',
};

/** Forget everything recorded, between tests. */
export function resetFakeElectron(): void {
  ipcMain.handlers.clear();
  ipcRenderer.listeners.clear();
  ipcRenderer.senderEvent = null;
  ipcRenderer.invokeCalls = [];
  contextBridge.exposed.clear();
  shell.opened = [];
  safeStorage.encryptionAvailable = true;
  safeStorage.backend = 'gnome_libsecret';
  FakeBrowserWindow.instances = [];
  FakeTray.instances = [];
  FakeNotification.instances = [];
  FakeNotification.supported = true;
  app.loginItem = { openAtLogin: false, wasOpenedAtLogin: false, args: [] };
  utilityProcess.forks.length = 0;
  protocol.privileged = [];
  protocol.handlers.clear();
}

/** One process started by the fake utilityProcess: a real Node child (see fixtures/fake-utility-process.cjs). */
export interface FakeUtilityChild extends EventEmitter {
  pid: number | undefined;
  postMessage(message: unknown): void;
  kill(): boolean;
}

/** Electron's utilityProcess, really forking the module (tsx for .ts sources) with a process.parentPort. */
export const utilityProcess = (createRequire(import.meta.url)('./fixtures/fake-utility-process.cjs') as { utilityProcess: unknown }).utilityProcess as {
  forks: Array<{ modulePath: string; args: string[]; options: { execArgv?: string[]; serviceName?: string }; process: FakeUtilityChild }>;
  fork(modulePath: string, args?: string[], options?: { execArgv?: string[]; serviceName?: string; env?: NodeJS.ProcessEnv }): FakeUtilityChild;
};

export const electronModule = {
  app,
  BrowserWindow: FakeBrowserWindow,
  contextBridge,
  ipcMain,
  ipcRenderer,
  Menu,
  nativeImage,
  Notification: FakeNotification,
  protocol,
  safeStorage,
  screen,
  shell,
  Tray: FakeTray,
  utilityProcess,
};
