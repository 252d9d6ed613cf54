// The whole desktop call path with the real core: page → preload bridge → (fake) IPC → IPC host → core →
// SQLite on disk, passwords sealed by the safeStorage box. Only the `electron` module is replaced.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => {
  const fake = await import('./fake-electron.js');
  return { ...fake.electronModule, default: fake.electronModule };
});

import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserWindow } from 'electron';
import type { ReleveBridge } from '../../shared/shell.js';
import type { MailboxInput } from '../../shared/types.js';
import { createCore } from '../../electron/core/create-core.js';
import type { Core } from '../../electron/core/model.js';
import { registerIpcHost } from '../../electron/main/ipc-host.js';
import { createSafeStorageBox } from '../../electron/main/safe-storage-box.js';
import { appPageFor } from '../../electron/main/url-policy.js';
import { contextBridge, FakeBrowserWindow, ipcRenderer, resetFakeElectron, safeStorage } from './fake-electron.js';

const PASSWORD = 'app-password-9f3k2';
const page = appPageFor('/opt/releve/dist/renderer/index.html');
let dataDir: string;
let core: Core;
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
  core = createCore({ dataDir, secrets: createSafeStorageBox('linux'), locale: 'fr' });
  const win = new FakeBrowserWindow({ width: 1000, height: 700 });
  await win.loadURL(page.url);
  disposeHost = registerIpcHost({
    api: core.api,
    on: core.on,
    page,
    getWindow: () => win as unknown as BrowserWindow,
    shell: { getStartAtLogin: () => false, setStartAtLogin: () => {}, getSecretsWarning: () => null },
  });
  ipcRenderer.senderEvent = { sender: { id: win.webContents.id }, senderFrame: win.webContents.mainFrame };
  await import('../../electron/preload/preload.js');
  bridge = contextBridge.exposed.get('releve') as ReleveBridge;
});

afterAll(async () => {
  disposeHost?.();
  await core?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('bridge → IPC host → core', () => {
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
    const db = new Database(core.dbPath, { readonly: true });
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
