// An in-memory MailApi for the renderer's unit tests. It keeps the contract honestly: every argument goes
// through the same validators as the real host (shared/schemas), errors are ReleveErrors with codes,
// passwords are stored but never returned, events fire like the core's (syncStarted → syncProgress →
// statusChanged, newMail, messagesChanged). IMAP servers are described by FakeServer records.
import { FakeOutbox, fakeSendFields } from './fake-send-api.js';
import type { EventName, MailApi, MailEvents, MethodName, Subscribe } from '../../shared/api.js';
import { cutHtml, cutText } from '../../shared/body-cut.js';
import { ReleveError, userError } from '../../shared/errors.js';
import type { ErrorCode } from '../../shared/errors.js';
import { presetForEmailDomain } from '../../shared/providers.js';
import { FakeMessageStore } from './fake-messages.js';
import type { FakeMessage } from './fake-messages.js';
import { FakeOAuth } from './fake-oauth.js';
import {
  parseConnectionTestInput,
  parseId,
  parseIdList,
  parseMailboxInput,
  parseMailboxPatch,
  parseMessageQuery,
  parseSettingsPatch,
} from '../../shared/schemas.js';
import { parseMessageActionInput } from '../../shared/folder-schemas.js';
import { parseTriageInput } from '../../shared/triage-schemas.js';
import type { TriageInput, TriageOverview, TriageResult } from '../../shared/types.js';
import type {
  AboutInfo,
  AttachmentData,
  BackupResult,
  ExportInput,
  ExportResult,
  ConnectionTestInput,
  ConnectionTestResult,
  FolderCounts,
  Locale,
  Mailbox,
  MailboxFolder,
  MessageActionInput,
  MessageActionResult,
  MailboxStatus,
  MessageBody,
  MessageDetail,
  MessagePage,
  OAuthProviderInfo,
  Settings,
  SettingsPatch,
  SyncResult,
  SyncRun,
} from '../../shared/types.js';

export interface FakeServer {
  host: string;
  /** login → password */
  accounts: Record<string, string>;
  messageCount: number;
  /** Present: the server's certificate is self-signed with this SHA-256 fingerprint. */
  selfSignedFingerprint?: string;
  oauthOnly?: boolean;
  /** Addresses that can log in with an OAuth2 sign-in (XOAUTH2). */
  oauthAccounts?: string[];
  down?: Extract<ErrorCode, 'DNS' | 'NETWORK' | 'TIMEOUT'>;
  /** The port speaks TLS straight away: a test with SSL unticked gets TLS_PORT_NEEDS_SSL (as the core's probe). */
  sslOnly?: boolean;
}


/** What the core holds to log a mailbox in: a password, or OAuth2 tokens (possibly revoked by the provider). */
type Credential = { password: string } | { oauthEmail: string; revoked: boolean };


export class FakeMailApi implements MailApi {
  readonly calls: Array<{ method: MethodName; arg: unknown }> = [];
  settings: Omit<Settings, 'oauth'>;
  private servers = new Map<string, FakeServer>();
  private mailboxes = new Map<number, Mailbox>();
  private creds = new Map<number, Credential>();
  readonly oauth: FakeOAuth;
  private runs = new Map<number, SyncRun>();
  private running = new Set<number>();
  readonly store = new FakeMessageStore();
  private listeners = new Map<EventName, Set<(p: unknown) => void>>();
  private nextId = 1;
  now: () => number;
  readonly outbox: FakeOutbox;

  constructor(opts: { locale?: Locale; servers?: FakeServer[]; now?: () => number; oauthProviders?: OAuthProviderInfo[] } = {}) {
    this.settings = { locale: opts.locale ?? 'fr', locale_chosen: true, notifications: true, triage_name: null };
    for (const s of opts.servers ?? []) this.servers.set(s.host, s);
    this.now = opts.now ?? (() => Date.now());
    this.oauth = new FakeOAuth(opts.oauthProviders ?? [], () => this.locale, (id) => {
      const m = this.mailbox(id);
      if (m.auth_method !== 'oauth2' || !m.oauth_provider) throw new ReleveError('VALIDATION', 'not an OAuth2 mailbox', { field: 'mailbox_id' });
      return { provider: m.oauth_provider, email: m.email_address };
    });
    this.oauth.onReconnected = (id, email) => this.creds.set(id, { oauthEmail: email, revoked: false });
    this.outbox = new FakeOutbox(() => this.locale, () => this.now(), (item) => this.emit('outboxChanged', item));
  }

  /** The provider revoked the mailbox's sign-in: its next login fails with AUTH_RECONNECT. */
  revokeOAuth(mailboxId: number): void {
    const c = this.creds.get(mailboxId);
    if (c && 'oauthEmail' in c) c.revoked = true;
  }

  private get locale(): Locale {
    return this.settings.locale;
  }

  private log(method: MethodName, arg: unknown) {
    this.calls.push({ method, arg });
  }

  callsOf(method: MethodName): unknown[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.arg);
  }

  on: Subscribe = (event, listener) => {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const l = listener as (p: unknown) => void;
    set.add(l);
    return () => set.delete(l);
  };

  emit<E extends EventName>(event: E, payload: MailEvents[E]): void {
    for (const l of this.listeners.get(event) ?? []) l(payload);
  }

  addServer(server: FakeServer): void {
    this.servers.set(server.host, server);
  }


  /** Adds messages (ids assigned), as a sync would have stored them. */
  addMessages(list: Array<Partial<FakeMessage> & { mailbox_id: number; date: string }>): FakeMessage[] {
    return this.store.add(list, () => this.nextId++);
  }

  private mailbox(id: number): Mailbox {
    const m = this.mailboxes.get(id);
    if (!m) throw new ReleveError('NOT_FOUND', userError('NOT_FOUND', this.locale).message);
    return m;
  }

  async listMailboxes(): Promise<Mailbox[]> {
    this.log('listMailboxes', undefined);
    return [...this.mailboxes.values()].map((m) => ({ ...m }));
  }

  async getMailbox(arg: { id: number }): Promise<Mailbox> {
    this.log('getMailbox', arg);
    return { ...this.mailbox(parseId(arg?.id, 'id', this.locale)) };
  }

  async createMailbox(arg: Parameters<MailApi['createMailbox']>[0]): Promise<Mailbox> {
    this.log('createMailbox', { ...arg, email_password: arg?.email_password ? '<redacted>' : arg?.email_password });
    const used = [...this.mailboxes.values()].map((m) => m.color);
    const p = parseMailboxInput(arg, this.locale, { usedColors: used });
    const id = this.nextId++;
    const at = new Date(this.now()).toISOString();
    const { email_password, oauth_flow_id, auth_method: _method, smtp_password: _smtpPassword, ...rest } = p;
    const signIn = oauth_flow_id ? this.oauth.take(oauth_flow_id) : null;
    const mb: Mailbox = {
      ...rest,
      ...fakeSendFields(p, p.username ?? p.email_address, p.preset_id),
      id,
      username: p.username ?? p.email_address,
      has_password: !signIn,
      auth_method: signIn ? 'oauth2' : 'password',
      oauth_provider: signIn?.provider ?? null,
      last_sync_at: null,
      last_sync_status: null,
      last_sync_error: null,
      last_sync_error_code: null,
      created_at: at,
      updated_at: at,
    };
    this.mailboxes.set(id, mb);
    this.creds.set(id, signIn ? { oauthEmail: signIn.email, revoked: false } : { password: email_password ?? '' });
    this.emit('mailboxesChanged', { ids: [id] });
    return { ...mb };
  }

  async updateMailbox(arg: Parameters<MailApi['updateMailbox']>[0]): Promise<Mailbox> {
    this.log('updateMailbox', arg);
    const mb = this.mailbox(parseId(arg?.id, 'id', this.locale));
    const parsed = parseMailboxPatch(arg.patch, this.locale);
    const { email_password, username, oauth_flow_id, auth_method: _method, smtp_password: _smtpPassword, ...patch } = parsed;
    const updated: Mailbox = { ...mb, ...patch, ...fakeSendFields(parsed, mb.username, mb.preset_id, mb), updated_at: new Date(this.now()).toISOString() };
    if (username !== undefined) updated.username = username === '' ? updated.email_address : username;
    if (email_password) {
      this.creds.set(mb.id, { password: email_password });
      Object.assign(updated, { auth_method: 'password', oauth_provider: null, has_password: true });
    }
    if (oauth_flow_id) {
      const signIn = this.oauth.take(oauth_flow_id);
      this.creds.set(mb.id, { oauthEmail: signIn.email, revoked: false });
      Object.assign(updated, { auth_method: 'oauth2', oauth_provider: signIn.provider, has_password: false });
    }
    this.mailboxes.set(mb.id, updated);
    this.emit('mailboxesChanged', { ids: [mb.id] });
    return { ...updated };
  }

  async deleteMailbox(arg: { id: number; keep_messages: boolean }): Promise<{ deleted: true }> {
    this.log('deleteMailbox', arg);
    const mb = this.mailbox(parseId(arg?.id, 'id', this.locale));
    if (typeof arg.keep_messages !== 'boolean') throw new ReleveError('VALIDATION', 'keep_messages', { field: 'keep_messages' });
    this.mailboxes.delete(mb.id);
    this.creds.delete(mb.id);
    if (!arg.keep_messages) this.store.removeMailbox(mb.id);
    this.emit('mailboxesChanged', { ids: [mb.id] });
    return { deleted: true };
  }

  /** What a login to `input`'s server would answer, as the core classifies it. */
  private connect(input: ConnectionTestInput, cred: Credential): ConnectionTestResult {
    const server = this.servers.get(input.imap_server);
    const fail = (code: ErrorCode, extra: { cert_fingerprint?: string } = {}) => ({ ok: false, error: userError(code, this.locale, extra) });
    if (!server) return fail('DNS');
    if (server.down) return fail(server.down);
    if (server.selfSignedFingerprint && input.tls_fingerprint !== server.selfSignedFingerprint) {
      return fail('TLS_CERT', { cert_fingerprint: server.selfSignedFingerprint });
    }
    if (!input.use_ssl && server.sslOnly) return fail('TLS_PORT_NEEDS_SSL');
    if (!input.use_ssl && !input.allow_insecure_auth) return fail('INSECURE_AUTH_REFUSED');
    if ('oauthEmail' in cred) {
      if (cred.revoked) return fail('AUTH_RECONNECT');
      if (!(server.oauthAccounts ?? []).includes(cred.oauthEmail)) return fail('AUTH');
    } else {
      if (server.oauthOnly) return fail('AUTH_OAUTH_ONLY');
      const login = input.username ?? input.email_address;
      if (server.accounts[login] === undefined || server.accounts[login] !== cred.password) return fail('AUTH');
    }
    return { ok: true, message_count: server.messageCount, secure: input.use_ssl, capabilities: ['IMAP4rev1', 'IDLE'] };
  }

  /** When true, connection tests hang until cancelled (a server that accepts and never answers). */
  hangTests = false;
  private readonly hanging = new Map<string, () => void>();

  async cancelConnectionTest(arg: { test_id: string }): Promise<{ cancelled: boolean }> {
    this.log('cancelConnectionTest', arg);
    const release = this.hanging.get(arg.test_id);
    this.hanging.delete(arg.test_id);
    release?.();
    return { cancelled: release !== undefined };
  }

  async testConnection(arg: ConnectionTestInput): Promise<ConnectionTestResult> {
    this.log('testConnection', { ...arg, email_password: arg?.email_password ? '<redacted>' : undefined });
    const input = parseConnectionTestInput(arg, this.locale);
    if (this.hangTests) {
      await new Promise<void>((resolve) => this.hanging.set(input.test_id ?? '', resolve));
      return { ok: false, error: userError('CANCELLED', this.locale, { context: 'test' }) };
    }
    let cred: Credential;
    if (input.email_password) cred = { password: input.email_password };
    else if (input.oauth_flow_id) cred = { oauthEmail: this.oauth.peek(input.oauth_flow_id).email, revoked: false };
    else cred = this.creds.get(this.mailbox(input.mailbox_id!).id) ?? { password: '' };
    return this.connect(input, cred);
  }

  async listOAuthProviders(): Promise<OAuthProviderInfo[]> {
    this.log('listOAuthProviders', undefined);
    return this.oauth.list();
  }

  async beginOAuth(arg: Parameters<MailApi['beginOAuth']>[0]) {
    this.log('beginOAuth', arg);
    return this.oauth.begin(arg);
  }

  async completeOAuth(arg: { flow_id: string }) {
    this.log('completeOAuth', arg);
    return this.oauth.complete(arg);
  }

  async cancelOAuth(arg: { flow_id: string }): Promise<{ cancelled: true }> {
    this.log('cancelOAuth', arg);
    return this.oauth.cancel(arg);
  }

  async detectProvider(arg: { email: string }): Promise<{ preset_id: string | null; via: 'domain' | 'none' }> {
    this.log('detectProvider', arg);
    const preset = presetForEmailDomain(String(arg?.email ?? ''));
    return preset ? { preset_id: preset.id, via: 'domain' } : { preset_id: null, via: 'none' };
  }

  async syncMailbox(arg: { id: number }): Promise<SyncResult> {
    this.log('syncMailbox', arg);
    const mb = this.mailbox(parseId(arg?.id, 'id', this.locale));
    if (this.running.has(mb.id)) return { mailbox_id: mb.id, status: 'success', new_messages: 0, updated_messages: 0, skipped: 'running' };
    this.running.add(mb.id);
    const started = new Date(this.now()).toISOString();
    this.emit('syncStarted', { mailbox_id: mb.id });
    await Promise.resolve();
    const result = this.connect({ ...mb, email_address: mb.email_address, username: mb.username }, this.creds.get(mb.id) ?? { password: '' });
    const total = this.servers.get(mb.imap_server)?.messageCount ?? 0;
    if (result.ok) {
      this.emit('syncProgress', { mailbox_id: mb.id, folder: 'INBOX', done: Math.floor(total / 2), total });
      await Promise.resolve();
      this.emit('syncProgress', { mailbox_id: mb.id, folder: 'INBOX', done: total, total });
    }
    const finished = new Date(this.now()).toISOString();
    const status = result.ok ? 'success' : 'error';
    const run: SyncRun = {
      id: this.nextId++,
      mailbox_id: mb.id,
      started_at: started,
      finished_at: finished,
      status,
      new_messages: 0,
      updated_messages: 0,
      error_code: result.error?.code ?? null,
      error: result.error?.message ?? null,
    };
    this.runs.set(mb.id, run);
    this.mailboxes.set(mb.id, {
      ...mb,
      last_sync_at: finished,
      last_sync_status: status,
      last_sync_error: run.error,
      last_sync_error_code: run.error_code,
    });
    this.running.delete(mb.id);
    this.emit('statusChanged', this.statusOf(mb.id));
    const out: SyncResult = { mailbox_id: mb.id, status, new_messages: 0, updated_messages: 0 };
    if (result.error) out.error = result.error;
    return out;
  }

  async syncAll(): Promise<SyncResult[]> {
    this.log('syncAll', undefined);
    const active = [...this.mailboxes.values()].filter((m) => m.active);
    return Promise.all(active.map((m) => this.syncMailbox({ id: m.id })));
  }

  private statusOf(id: number): MailboxStatus {
    const mailbox = { ...this.mailbox(id) };
    const mine = this.store.ofMailbox(id);
    return {
      mailbox,
      running: this.running.has(id),
      progress: null,
      next_sync_at: mailbox.active ? new Date(this.now() + mailbox.sync_interval_minutes * 60_000).toISOString() : null,
      message_count: mine.length,
      unread_count: mine.filter((m) => !m.seen).length,
      last_run: this.runs.get(id) ?? null,
      failures: mailbox.last_sync_status === 'error' ? 1 : 0,
      // The fake has no live link: health follows the last run, as the core's does when no link is needed.
      health: !mailbox.active || mailbox.last_sync_status === 'success' ? 'ok' : mailbox.last_sync_status === 'error' ? 'error' : 'warning',
      health_reason: mailbox.last_sync_error ?? '',
      health_code: mailbox.last_sync_status === 'success' ? null : mailbox.last_sync_error_code,
      last_success_at: mailbox.last_sync_status === 'success' ? mailbox.last_sync_at : null,
      last_new: null,
      duplicate_count: 0,
      inbox_unread_count: mine.filter((m) => !m.seen && m.mailbox_ids[0] === id).length,
    };
  }

  async getStatus(): Promise<MailboxStatus[]> {
    this.log('getStatus', undefined);
    return [...this.mailboxes.keys()].map((id) => this.statusOf(id));
  }

  async listMessages(arg: Parameters<MailApi['listMessages']>[0]): Promise<MessagePage> {
    this.log('listMessages', arg);
    const q = parseMessageQuery(arg, this.locale);
    const rows = this.store.query(q);
    const offset = q.offset ?? 0;
    return { items: rows.slice(offset, offset + (q.limit ?? 50)).map((m) => ({ ...m, mailbox_ids: [...m.mailbox_ids] })), total: rows.length, offset };
  }

  async getMessage(arg: { id: number }): Promise<MessageDetail> {
    this.log('getMessage', arg);
    const id = parseId(arg?.id, 'id', this.locale);
    const m = this.store.find(id);
    if (!m) throw new ReleveError('NOT_FOUND', userError('NOT_FOUND', this.locale).message);
    const { attachmentData: _data, references: _refs, ...detail } = m;
    // Cut as the core does (issue 10), so the renderer meets the same bounded payload.
    const text = cutText(detail.text);
    const html = detail.html === null ? null : cutHtml(detail.html);
    return {
      ...detail,
      mailbox_ids: [...detail.mailbox_ids],
      text: text.text,
      html: html ? html.html : null,
      body_truncated: text.cut || (html?.cut ?? false),
      body_length: detail.html ? detail.html.length : detail.text.length,
    };
  }

  async getMessageBody(arg: { id: number }): Promise<MessageBody> {
    this.log('getMessageBody', arg);
    const m = this.store.find(parseId(arg?.id, 'id', this.locale));
    if (!m) throw new ReleveError('NOT_FOUND', userError('NOT_FOUND', this.locale).message);
    return { text: m.text, html: m.html };
  }

  async setSeen(arg: { ids: number[]; seen: boolean }): Promise<{ updated: number }> {
    this.log('setSeen', arg);
    const ids = new Set(parseIdList(arg?.ids, 'ids', this.locale));
    const updated = this.store.setSeen(ids, arg.seen === true);
    // As the core does: the views' counts change with it.
    const mailboxes = new Set([...ids].flatMap((id) => this.store.find(id)?.mailbox_id ?? []));
    if (updated > 0) for (const m of mailboxes) this.emit('messagesChanged', { mailbox_id: m });
    return { updated };
  }

  async getAttachment(arg: { message_id: number; index: number }): Promise<AttachmentData> {
    this.log('getAttachment', arg);
    const m = this.store.find(arg?.message_id);
    const meta = m?.attachments.find((a) => a.index === arg.index);
    const data = m?.attachmentData?.[arg.index];
    if (!m || !meta || data === undefined) throw new ReleveError('NOT_FOUND', userError('NOT_FOUND', this.locale).message);
    return { filename: meta.filename, content_type: meta.content_type, data_base64: data };
  }

  /** What the data screen shows; exports and backups "written" by the fake are listed in `written`. */
  readonly written: string[] = [];
  lastBackup: AboutInfo['last_backup'] = null;

  async getAbout(): Promise<AboutInfo> {
    this.log('getAbout', undefined);
    return {
      version: '0.1.0',
      data_dir: '/home/marie/.config/Releve',
      store_bytes: 52_428_800,
      log_file: '/home/marie/.config/Releve/logs/releve.log',
      last_backup: this.lastBackup,
      default_export_dir: '/home/marie/Releve-export-2026-12-03',
      default_backup_file: '/home/marie/Releve-sauvegarde-2026-12-03.db',
    };
  }

  async exportMessages(arg: ExportInput): Promise<ExportResult> {
    this.log('exportMessages', arg);
    if (!arg.out_dir.startsWith('/')) throw new ReleveError('VALIDATION', 'out_dir: an absolute path on this computer is expected', { field: 'out_dir' });
    const ids = arg.mailbox_ids ?? [...this.mailboxes.keys()];
    const n = ids.reduce((sum, id) => sum + this.store.ofMailbox(id).length, 0);
    this.emit('exportProgress', { done: n, total: n });
    this.written.push(arg.out_dir);
    return { messages: n, files: arg.format === 'eml' ? n : 1, bytes: n * 1000, out: arg.out_dir };
  }

  async backupStore(arg: { file: string }): Promise<BackupResult> {
    this.log('backupStore', arg);
    this.written.push(arg.file);
    this.lastBackup = { at: new Date(this.now()).toISOString(), file: arg.file };
    return { file: arg.file, bytes: 52_428_800, mailboxes: this.mailboxes.size, messages: [...this.mailboxes.keys()].reduce((sum, id) => sum + this.store.ofMailbox(id).length, 0) };
  }

  // Folders and actions (issue 14).
  async listFolders(arg: { id: number; refresh?: boolean }): Promise<MailboxFolder[]> {
    this.log('listFolders', arg);
    const id = parseId(arg?.id, 'id', this.locale);
    if (!this.mailboxes.has(id)) throw new ReleveError('NOT_FOUND', userError('NOT_FOUND', this.locale).message);
    const count = (path: string) => this.store.ofMailbox(id).filter((m) => m.folder === path).length;
    return (
      [['INBOX', 'inbox', true], ['Archive', 'archive', true], ['Clients', 'other', false], ['Junk', 'junk', true], ['Sent', 'sent', true], ['Trash', 'trash', false]] as const
    ).map(([path, role, chosen]) => ({ path, role, chosen, message_count: count(path) }));
  }

  async getFolderCounts(): Promise<FolderCounts> {
    this.log('getFolderCounts', undefined);
    return this.store.counts();
  }

  async messageAction(arg: MessageActionInput): Promise<MessageActionResult> {
    this.log('messageAction', arg);
    const o = (arg ?? {}) as unknown as Record<string, unknown>;
    const input = parseMessageActionInput(o, parseIdList(o.ids, 'ids', this.locale), this.locale);
    const updated = this.store.act(new Set(input.ids), input.action, input.folder);
    this.emit('messagesChanged', { mailbox_id: this.store.find(input.ids[0] ?? 0)?.mailbox_id ?? 0 });
    return { updated, skipped: [] };
  }

  // ---- sending (fake-send-api.ts) ----
  async testSmtp(arg: Parameters<MailApi['testSmtp']>[0]) {
    this.log('testSmtp', { ...arg, smtp_password: arg?.smtp_password ? '<redacted>' : undefined });
    return this.outbox.testSmtp(arg);
  }

  async sendMessage(arg: Parameters<MailApi['sendMessage']>[0]) {
    this.log('sendMessage', arg);
    this.mailbox(arg.mailbox_id);
    return this.outbox.send(arg);
  }

  async replyToMessage(arg: Parameters<MailApi['replyToMessage']>[0]) {
    this.log('replyToMessage', arg);
    const m = this.store.find(arg?.message_id);
    if (!m) throw new ReleveError('NOT_FOUND', userError('NOT_FOUND', this.locale).message);
    return this.outbox.reply(arg, m);
  }

  async forwardMessage(arg: Parameters<MailApi['forwardMessage']>[0]) {
    this.log('forwardMessage', arg);
    const m = this.store.find(arg?.message_id);
    if (!m) throw new ReleveError('NOT_FOUND', userError('NOT_FOUND', this.locale).message);
    return this.outbox.forward(arg, m);
  }

  async listOutbox(arg: Parameters<MailApi['listOutbox']>[0]) {
    this.log('listOutbox', arg);
    return this.outbox.list();
  }

  async cancelOutbox(arg: { id: number }) {
    this.log('cancelOutbox', arg);
    return this.outbox.cancel(arg.id);
  }

  async retryOutbox(arg: { id: number }) {
    this.log('retryOutbox', arg);
    return this.outbox.retry(arg.id);
  }

  async getThread(arg: { id: number }) {
    this.log('getThread', arg);
    const m = this.store.find(arg?.id);
    if (!m) throw new ReleveError('NOT_FOUND', userError('NOT_FOUND', this.locale).message);
    // As the core links them: every stored message sharing a Message-ID through References, one row per
    // Message-ID (the first stored copy), oldest first.
    const ids = new Set([m.message_id, ...(m.references ?? [])]);
    const members = new Map<string | null, (typeof this.store.messages)[number]>([[m.message_id, m]]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const x of [...this.store.messages].sort((p, q) => p.id - q.id)) {
        if (members.has(x.message_id) || ![x.message_id, ...(x.references ?? [])].some((r) => ids.has(r))) continue;
        members.set(x.message_id, x);
        for (const r of [x.message_id, ...(x.references ?? [])]) ids.add(r);
        grew = true;
      }
    }
    const messages = [...members.values()]
      .sort((p, q) => (p.date ?? '').localeCompare(q.date ?? '') || p.id - q.id)
      .map(({ attachmentData: _d, references: _f, to: _t, cc: _c, reply_to: _r, text: _x, html: _h, attachments: _a, parse_error: _p, ...summary }) => summary);
    return { messages, outbox: this.outbox.list().filter((o) => o.source_message_id === m.id) };
  }

  // Team triage (issue 16).
  async setTriage(arg: TriageInput): Promise<TriageResult> {
    this.log('setTriage', arg);
    const o = (arg ?? {}) as unknown as Record<string, unknown>;
    const input = parseTriageInput(o, parseIdList(o.ids, 'ids', this.locale), this.locale);
    this.store.me = this.settings.triage_name;
    const ask = { ...(input.state !== undefined ? { state: input.state } : {}), ...(input.assignee !== undefined ? { assignee: input.assignee } : {}) };
    const updated = this.store.setTriage(new Set(input.ids), ask);
    this.emit('messagesChanged', { mailbox_id: this.store.find(input.ids[0] ?? 0)?.mailbox_id ?? 0 });
    return { updated, local_only: 0 };
  }

  async getTriageOverview(): Promise<TriageOverview> {
    this.log('getTriageOverview', undefined);
    this.store.me = this.settings.triage_name;
    const names = new Set<string>();
    if (this.settings.triage_name) names.add(this.settings.triage_name);
    for (const m of this.store.messages) for (const n of [m.triage.assignee, m.triage.by]) if (n) names.add(n);
    return { me: this.settings.triage_name, people: [...names].sort(), counts: this.store.triageCounts(), local_only_mailboxes: [] };
  }

  async getSettings(): Promise<Settings> {
    this.log('getSettings', undefined);
    return { ...this.settings, oauth: this.oauth.clientReport() };
  }

  async updateSettings(arg: SettingsPatch): Promise<Settings> {
    this.log('updateSettings', arg);
    const { oauth, ...plain } = parseSettingsPatch(arg, this.locale);
    if (oauth) this.oauth.applyClientPatch(oauth);
    this.settings = { ...this.settings, ...plain };
    return { ...this.settings, oauth: this.oauth.clientReport() };
  }
}

export { manyMessages } from './fake-messages.js';
export type { FakeMessage } from './fake-messages.js';
