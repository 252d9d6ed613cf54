// The sending half of the renderer's in-memory MailApi: SMTP fields on mailboxes and an outbox whose
// messages stay queued until the test calls deliver() (the real sending is tested against a real SMTP server
// in test/core/send-*.test.ts).
import { ReleveError, userError } from '../../shared/errors.js';
import { parseForwardInput, parseNewMessageInput, parseReplyInput, parseSmtpTestInput, type SendFields } from '../../shared/send-schemas.js';
import { smtpPreset } from '../../shared/smtp-presets.js';
import type { Locale, Mailbox, OutboxItem, SmtpTestResult } from '../../shared/types.js';

type SendDto = Pick<Mailbox, 'smtp_server' | 'smtp_port' | 'smtp_use_ssl' | 'smtp_username' | 'has_smtp_password' | 'sender_name' | 'signature' | 'aliases'>;

/** The sending fields of a mailbox after an input or a patch (`current`: before the patch). */
export function fakeSendFields(f: SendFields, login: string, presetId: string | null, current?: SendDto): SendDto {
  const preset = current ? undefined : smtpPreset(presetId);
  return {
    smtp_server: f.smtp_server !== undefined ? f.smtp_server : (current?.smtp_server ?? preset?.smtp_server ?? null),
    smtp_port: f.smtp_port !== undefined ? f.smtp_port : (current?.smtp_port ?? preset?.smtp_port ?? null),
    smtp_use_ssl: f.smtp_use_ssl ?? current?.smtp_use_ssl ?? preset?.smtp_use_ssl ?? true,
    smtp_username: f.smtp_username === null ? login : (f.smtp_username ?? current?.smtp_username ?? login),
    has_smtp_password: f.smtp_password === null ? false : f.smtp_password !== undefined || (current?.has_smtp_password ?? false),
    sender_name: f.sender_name ?? current?.sender_name ?? '',
    signature: f.signature ?? current?.signature ?? '',
    aliases: f.aliases ?? current?.aliases ?? [],
  };
}

export class FakeOutbox {
  private items: OutboxItem[] = [];
  private nextId = 1;

  constructor(
    private readonly locale: () => Locale,
    private readonly now: () => number,
    private readonly emit: (item: OutboxItem) => void,
  ) {}

  private add(mailboxId: number, kind: OutboxItem['kind'], source: number | null, to: string[], subject: string, undo = 5): OutboxItem {
    const at = this.now();
    const item: OutboxItem = {
      id: this.nextId++, mailbox_id: mailboxId, kind, source_message_id: source, message_id: `<fake-${at}-${this.nextId}@releve.test>`,
      from: '', to, subject, state: 'queued', attempts: 0, not_before: new Date(at + undo * 1000).toISOString(), error: null,
      smtp_response: null, sent_at: null, sent_copy: 'pending', created_at: new Date(at).toISOString(),
    };
    this.items.unshift(item);
    this.emit({ ...item });
    return { ...item };
  }

  testSmtp(arg: unknown): SmtpTestResult {
    const input = parseSmtpTestInput(arg, this.locale());
    return input.smtp_server === 'smtp.unreachable.test' ? { ok: false, error: userError('NETWORK', this.locale()) } : { ok: true, secure: true };
  }

  send(arg: unknown): OutboxItem {
    const i = parseNewMessageInput(arg, this.locale());
    return this.add(i.mailbox_id, 'new', null, i.to.map((a) => (typeof a === 'string' ? a : a.address)), i.subject, i.undo_seconds);
  }

  reply(arg: unknown, original: { mailbox_id: number; subject: string; from: { address: string } | null }): OutboxItem {
    const i = parseReplyInput(arg, this.locale());
    return this.add(original.mailbox_id, i.all ? 'reply_all' : 'reply', i.message_id, original.from ? [original.from.address] : [], `Re: ${original.subject}`, i.undo_seconds);
  }

  forward(arg: unknown, original: { mailbox_id: number; subject: string }): OutboxItem {
    const i = parseForwardInput(arg, this.locale());
    return this.add(original.mailbox_id, 'forward', i.message_id, i.to.map((a) => (typeof a === 'string' ? a : a.address)), `Fwd: ${original.subject}`, i.undo_seconds);
  }

  list(): OutboxItem[] {
    return this.items.map((i) => ({ ...i }));
  }

  cancel(id: number): { cancelled: true } {
    const i = this.items.find((x) => x.id === id);
    if (!i || (i.state !== 'queued' && i.state !== 'failed')) throw new ReleveError('VALIDATION', 'too late', { field: 'id' });
    this.items = this.items.filter((x) => x !== i);
    this.emit({ ...i, state: 'failed', error: userError('CANCELLED', this.locale()) });
    return { cancelled: true };
  }

  retry(id: number): OutboxItem {
    const i = this.items.find((x) => x.id === id && x.state === 'failed');
    if (!i) throw new ReleveError('VALIDATION', 'not failed', { field: 'id' });
    Object.assign(i, { state: 'queued', error: null });
    this.emit({ ...i });
    return { ...i };
  }

  /** The test's stand-in for the background sender. */
  deliver(id: number): void {
    const i = this.items.find((x) => x.id === id);
    if (!i) return;
    Object.assign(i, { state: 'sent', sent_at: new Date(this.now()).toISOString(), smtp_response: '250 OK', sent_copy: 'done' });
    this.emit({ ...i });
  }
}
