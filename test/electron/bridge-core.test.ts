// The whole desktop call path with the real core in its own process: page → preload bridge → (fake) IPC →
// IPC relay in main → core host → utilityProcess (the fake really forks the core process entry) → core →
// SQLite on disk; passwords sealed by main's safeStorage box at the core's request. Then a kill -9 of the core
// process: main restarts it, the page is told "reconnecting" then "ready", and calls work again.
// Only the `electron` module is replaced.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => {
  const fake = await import('./fake-electron.js');
  return { ...fake.electronModule, default: fake.electronModule };
});

import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { BrowserWindow } from 'electron';
import type { CoreLinkView, ReleveBridge } from '../../shared/shell.js';
import type { MailboxInput } from '../../shared/types.js';
import { CoreHost } from '../../electron/core/process/core-host.js';
import { SYNC_V8_FLAGS } from '../../electron/core/runtime-flags.js';
import { createFileKeyBox } from '../../electron/core/secrets/index.js';
import { forkWithUtilityProcess } from '../../electron/main/core-utility-process.js';
import { registerIpcHost } from '../../electron/main/ipc-host.js';
import { chooseSecretBoxes } from '../../electron/main/safe-storage-box.js';
import { appPageFor } from '../../electron/main/url-policy.js';
import { contextBridge, FakeBrowserWindow, ipcRenderer, resetFakeElectron, safeStorage, utilityProcess } from './fake-electron.js';

const PASSWORD = 'app-password-9f3k2';
const page = appPageFor('/opt/releve/dist/renderer/index.html');
const ENTRY = path.resolve(import.meta.dirname, '../../electron/core/process/core-process.ts');
let dataDir: string;
let core: CoreHost;
let bridge: ReleveBridge;
let disposeHost: () => void;

const input: MailboxInput = {
  name: 'Support',
  imap_server: '127.0.0.1',
  imap_port: 1, // nothing listens there: a connection test fails fast with NETWORK
  email_address: 'support@example.com',
  email_password: PASSWORD,
  use_ssl: false,
  allow_insecure_auth: true,
};

beforeAll(async () => {
  process.env.RELEVE_PARSE_WORKERS = '0';
  resetFakeElectron();
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'releve-bridge-'));
  // As main.ts does: the keychain box stays in main, the core process asks for it.
  const secrets = chooseSecretBoxes(createFileKeyBox(dataDir), 'linux');
  const keychain = secrets.all.filter((b) => b.kind !== 'file');
  core = new CoreHost({
    spawn: forkWithUtilityProcess,
    script: ENTRY,
    init: { dataDir, locale: 'fr', hostBoxes: keychain.map((b) => ({ kind: b.kind, available: b.available() })), preferredBox: secrets.preferred.kind, idle: false },
    hostBoxes: keychain,
    restart: { baseMs: 100, maxMs: 1000 },
  });
  await core.start();
  const host = core;
  const win = new FakeBrowserWindow({ width: 1000, height: 700 });
  await win.loadURL(page.url);
  disposeHost = registerIpcHost({
    api: core.api,
    on: core.on,
    page,
    getWindow: () => win as unknown as BrowserWindow,
    shell: { getStartAtLogin: () => false, setStartAtLogin: () => {}, getSecretsWarning: () => null },
    locale: () => 'fr',
    coreState: {
      current: () => (host.linkState === 'restarting' ? 'reconnecting' : 'ready'),
      on: (listener) => host.onState((s) => listener(s === 'restarting' ? 'reconnecting' : 'ready')),
    },
  });
  ipcRenderer.senderEvent = { sender: { id: win.webContents.id }, senderFrame: win.webContents.mainFrame };
  await import('../../electron/preload/preload.js');
  bridge = contextBridge.exposed.get('releve') as ReleveBridge;
}, 60_000);

afterAll(async () => {
  disposeHost?.();
  await core?.close();
  rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

const dbPath = () => path.join(dataDir, 'releve.db');

describe('bridge → IPC relay → core process', () => {
  it('runs the core in a utility process with the memory V8 flags', () => {
    expect(utilityProcess.forks).toHaveLength(1);
    expect(utilityProcess.forks[0]).toMatchObject({ modulePath: ENTRY, options: { execArgv: [...SYNC_V8_FLAGS], serviceName: 'Relève core' } });
    expect(core.pid).toBe(utilityProcess.forks[0]!.process.pid);
    expect(core.pid).not.toBe(process.pid);
  });

  it('creates a mailbox, announces it as an event, and never returns the password', async () => {
    const changed: unknown[] = [];
    const off = bridge.on('mailboxesChanged', (p) => changed.push(p));
    const created = await bridge.api.createMailbox(input);
    off();
    expect(created).toMatchObject({ name: 'Support', email_address: 'support@example.com', has_password: true });
    expect(JSON.stringify(created)).not.toContain(PASSWORD);
    expect(changed).toEqual([{ ids: [created.id] }]);
    const listed = await bridge.api.listMailboxes();
    expect(listed.map((m) => m.id)).toEqual([created.id]);
  });

  it('stores the password sealed by safeStorage, not in clear', () => {
    const db = new Database(dbPath(), { readonly: true });
    try {
      const row = db.prepare('SELECT password_enc, secret_kind FROM mailboxes').get() as { password_enc: Buffer; secret_kind: string };
      expect(row.secret_kind).toBe('safestorage');
      expect(row.password_enc.subarray(0, 3).toString()).toBe('v10');
      expect(row.password_enc.includes(Buffer.from(PASSWORD))).toBe(false);
    } finally {
      db.close();
    }
  });

  it('decrypts it with the same box when the core needs it, and reports a changed keyring clearly', async () => {
    const [mailbox] = await bridge.api.listMailboxes();
    const base = { imap_server: '127.0.0.1', imap_port: 1, use_ssl: false, email_address: input.email_address, allow_insecure_auth: true };
    // The stored password was opened: the test got as far as the network.
    const reached = await bridge.api.testConnection({ ...base, mailbox_id: mailbox!.id });
    expect(reached.ok).toBe(false);
    expect(reached.error?.code).toBe('NETWORK');
    // Another keyring key (the OS keyring was reset): the password cannot be opened, and the user is told so.
    const key = safeStorage.key;
    safeStorage.key = 0x33;
    try {
      const locked = await bridge.api.testConnection({ ...base, mailbox_id: mailbox!.id }).then(
        (r) => r.error?.code,
        (e: { code?: string }) => e.code,
      );
      expect(locked).toBe('SECRETS_UNAVAILABLE');
    } finally {
      safeStorage.key = key;
    }
  });

  it('rejects invalid input with the code and the field, as data the renderer can use', async () => {
    const err = (await bridge.api.createMailbox({ ...input, imap_port: 70000 }).catch((e: unknown) => e)) as Record<string, unknown>;
    expect(err).toMatchObject({ name: 'RpcError', code: 'VALIDATION', field: 'imap_port' });
    expect(typeof err.message).toBe('string');
  });

  it('rejects an unknown id with NOT_FOUND', async () => {
    await expect(bridge.api.getMailbox({ id: 424242 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('the core process dies', () => {
  it('main restarts it, the page sees "reconnecting" then "ready", and calls work again', async () => {
    // A server that accepts and never answers: a connection test hangs there, mid-operation, until the kill.
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      const states: CoreLinkView[] = [];
      const off = bridge.shell.onCoreState((s) => states.push(s));
      const before = await bridge.api.listMailboxes();
      const firstPid = core.pid!;

      const hanging = bridge.api
        .testConnection({ imap_server: '127.0.0.1', imap_port: port, use_ssl: true, email_address: 'a@example.com', email_password: 'x' })
        .then(() => 'answered', (e: { code?: string }) => e.code);
      await until(() => sockets.length > 0);
      process.kill(firstPid, 'SIGKILL');

      expect(await hanging).toBe('CANCELLED');
      await until(() => states.at(-1) === 'ready' && states.includes('reconnecting'));
      expect(core.pid).not.toBe(firstPid);
      expect(utilityProcess.forks).toHaveLength(2);
      expect(utilityProcess.forks[1]!.options.execArgv).toEqual([...SYNC_V8_FLAGS]);
      off();

      // Same store, same sealed password, through the new process.
      const after = await bridge.api.listMailboxes();
      expect(after).toEqual(before);
      const reached = await bridge.api.testConnection({
        imap_server: '127.0.0.1', imap_port: 1, use_ssl: false, email_address: input.email_address, allow_insecure_auth: true, mailbox_id: before[0]!.id,
      });
      expect(reached.error?.code).toBe('NETWORK');
      const events: unknown[] = [];
      const offEvents = bridge.on('mailboxesChanged', (p) => events.push(p));
      await bridge.api.updateMailbox({ id: before[0]!.id, patch: { name: 'Support (après redémarrage)' } });
      offEvents();
      expect(events).toEqual([{ ids: [before[0]!.id] }]);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((r) => silent.close(r));
    }
  }, 60_000);
});

async function until(ok: () => boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
