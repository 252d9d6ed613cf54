// Sends the outbox in the background, one message at a time, and never twice.
//
// Each row goes queued → sending(phase connect) → sending(phase committing) → sent, each step committed to
// SQLite before the next network step:
//   - phase 'connect' covers connecting, TLS, AUTH, MAIL/RCPT and streaming the message. An interruption here
//     (crash, kill -9, lost link) cannot have delivered anything: SMTP servers drop an unfinished DATA. Such a
//     row goes back to the queue and is resent.
//   - phase 'committing' is set synchronously just before the last bytes (and so the final ".") are handed to
//     the socket. From then until the server's "250" is recorded (one round trip plus one SQLite write) the
//     server may have accepted the message without us knowing. SMTP has no idempotency, so such a row is
//     never resent automatically: the Sent folder is searched for its Message-ID (providers that file sent
//     mail themselves), and otherwise it becomes 'failed' with SEND_UNCERTAIN for the user to decide.
//   - the "250" is written (state sent + the server's reply) before anything else happens.
// After sending, the Sent copy (APPEND, unless the provider files it) and \Answered on the original are
// separate, idempotent steps retried until done.
import type { ImapFlow } from 'imapflow';
import { ReleveError } from '../../../shared/errors.js';
import { classifyError } from '../imap/classify-error.js';
import { closeImap } from '../imap/connect.js';
import type { Logger } from '../model.js';
import * as store from '../store/index.js';
import type { DB, MailboxRow } from '../store/index.js';
import type { OutboxRow } from '../store/outbox.js';
import { isTransient } from './smtp-errors.js';
import { sendRaw, type SmtpTarget } from './smtp.js';
import { folderHasMessageId, sentFolderOrCreate } from './sent-folder.js';

const ob = store.outbox;

export interface OutboxWorkerDeps {
  db: DB;
  log: Logger;
  now(): number;
  tlsCa: string[] | undefined;
  /** SMTP settings and credentials of a mailbox; `rejectedToken`: the OAuth2 token the server just refused. */
  smtpTarget(row: MailboxRow, rejectedToken?: string): Promise<SmtpTarget>;
  openImap(row: MailboxRow): Promise<ImapFlow>;
  /** Only the process holding the data folder's lock sends (another may be mid-send). */
  mayRun(): boolean;
  onChange(item: OutboxRow): void;
  /** First retry delay; doubles per attempt up to 30 min. */
  retryBaseMs: number;
  maxAttempts: number;
  /** Look for messages queued by another process (`releve send` while the app runs) this often. Default 60 s. */
  pollMs?: number;
}

const RETRY_CAP_MS = 30 * 60_000;

export class OutboxWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  /** Set by stop(): finish the message in flight, claim no other. */
  private closing = false;
  private recovered = false;
  private afterSendFailures = 0;

  constructor(private readonly d: OutboxWorkerDeps) {}

  start(): void {
    this.stopped = false;
    this.kick();
  }

  /** Something was queued (or a retry was asked for): look now. */
  kick(): void {
    if (this.stopped) return;
    void this.pass();
  }

  /** One full pass now, even when not started (CLI `releve send`, tests): sends what is due, then returns. */
  async drain(): Promise<void> {
    await this.pass();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.closing = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private pass(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.work();
        } while (this.again);
      } catch (err) {
        const c = classifyError(err);
        this.d.log.log('error', 'outbox pass failed', { code: c.code, detail: c.detail });
      } finally {
        this.running = null;
        this.schedule();
      }
    })();
    return this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    const next = ob.nextDueAt(this.d.db);
    let delay = next === null ? null : Math.max(0, next - this.d.now());
    if (ob.pendingAfterSend(this.d.db).length > 0) {
      const retry = Math.min(this.d.retryBaseMs * 2 ** Math.min(this.afterSendFailures, 10), RETRY_CAP_MS);
      delay = delay === null ? retry : Math.min(delay, retry);
    }
    // Another process (the CLI) may queue messages this one was not told about.
    delay = Math.min(delay ?? Infinity, this.d.pollMs ?? 60_000);
    this.timer = setTimeout(() => this.kick(), Math.min(delay, 2 ** 31 - 1));
    this.timer.unref?.();
  }

  private async work(): Promise<void> {
    if (!this.d.mayRun()) return;
    if (!this.recovered) {
      this.recovered = true;
      await this.recover();
    }
    for (;;) {
      if (this.closing) break;
      const row = ob.claimDue(this.d.db, this.d.now(), this.iso());
      if (!row) break;
      this.d.onChange(row);
      await this.sendOne(row);
    }
    await this.afterSend();
  }

  private iso(): string {
    return new Date(this.d.now()).toISOString();
  }

  private changed(id: number): void {
    const row = ob.getOutbox(this.d.db, id);
    if (row) this.d.onChange(row);
  }

  private async sendOne(row: OutboxRow): Promise<void> {
    const { db, log } = this.d;
    const mailbox = store.getMailbox(db, row.mailbox_id);
    const raw = ob.getOutboxRaw(db, row.id);
    if (!mailbox || !raw) {
      ob.markFailed(db, row.id, 'NOT_FOUND', 'the sending mailbox was deleted', this.iso());
      return this.changed(row.id);
    }
    if (!mailbox.smtp_server || !mailbox.smtp_port) {
      ob.markFailed(db, row.id, 'SMTP_NOT_CONFIGURED', 'no SMTP server', this.iso());
      return this.changed(row.id);
    }
    let committing = false;
    const envelope = { from: row.from_address, to: JSON.parse(row.recipients_json) as string[] };
    const attempt = async (target: SmtpTarget) =>
      sendRaw(target, envelope, raw, {
        tlsCa: this.d.tlsCa,
        onLastChunk: () => {
          committing = true;
          ob.markCommitting(db, row.id, this.iso());
        },
      });
    try {
      let target = await this.d.smtpTarget(mailbox);
      let outcome;
      try {
        outcome = await attempt(target);
      } catch (err) {
        // A refused OAuth2 token is renewed once; AUTH comes before DATA, so nothing was sent.
        if (!(err instanceof ReleveError && err.code === 'AUTH_RECONNECT' && target.access_token && !committing)) throw err;
        target = await this.d.smtpTarget(mailbox, target.access_token);
        outcome = await attempt(target);
      }
      ob.markSent(db, row.id, outcome.response, this.iso());
      log.log('info', 'message sent', { outbox: row.id, mailbox: row.mailbox_id, rejected: outcome.rejected.length });
    } catch (err) {
      const c = classifyError(err);
      const serverAnswered = typeof (err as { cause?: { responseCode?: unknown } })?.cause?.responseCode === 'number';
      if (committing && !serverAnswered) {
        // The link broke after the whole message left: the server may have taken it.
        log.log('warn', 'send interrupted while the server was accepting', { outbox: row.id, code: c.code, detail: c.detail });
        await this.resolveUncertain(row, mailbox, c.detail);
      } else if (isTransient(c.code) && row.attempts < this.d.maxAttempts) {
        const delay = Math.min(this.d.retryBaseMs * 2 ** Math.max(0, row.attempts - 1), RETRY_CAP_MS);
        ob.markRetry(db, row.id, this.d.now() + delay, c.code, c.detail, this.iso());
        log.log('warn', 'send failed, will retry', { outbox: row.id, code: c.code, detail: c.detail, delay_ms: delay });
      } else {
        ob.markFailed(db, row.id, c.code, c.detail, this.iso());
        log.log('warn', 'send failed', { outbox: row.id, code: c.code, detail: c.detail });
      }
    }
    this.changed(row.id);
  }

  /** Rows a dead process left in 'sending' (see the header comment). */
  private async recover(): Promise<void> {
    for (const row of ob.interruptedSends(this.d.db)) {
      if (row.phase !== 'committing') {
        ob.markRetry(this.d.db, row.id, this.d.now(), 'CANCELLED', 'interrupted before the message was complete', this.iso());
        this.d.log.log('info', 'interrupted send requeued (nothing was delivered)', { outbox: row.id });
      } else {
        const mailbox = store.getMailbox(this.d.db, row.mailbox_id);
        if (mailbox) await this.resolveUncertain(row, mailbox, 'interrupted after the message was handed to the server');
        else ob.markFailed(this.d.db, row.id, 'SEND_UNCERTAIN', 'interrupted; mailbox deleted', this.iso());
      }
      this.changed(row.id);
    }
  }

  /** Sent if the Sent folder has it; otherwise failed SEND_UNCERTAIN: never resent automatically. */
  private async resolveUncertain(row: OutboxRow, mailbox: MailboxRow, detail: string): Promise<void> {
    let found = false;
    let client: ImapFlow | null = null;
    try {
      client = await this.d.openImap(mailbox);
      found = await folderHasMessageId(client, await sentFolderOrCreate(client), row.message_id);
    } catch (err) {
      this.d.log.log('warn', 'could not check the Sent folder', { outbox: row.id, detail: classifyError(err).detail });
    } finally {
      if (client) await closeImap(client);
    }
    if (found) {
      ob.markSent(this.d.db, row.id, 'found in the Sent folder after an interruption', this.iso());
      ob.setStep(this.d.db, row.id, 'sent_copy', 1);
    } else {
      ob.markFailed(this.d.db, row.id, 'SEND_UNCERTAIN', detail, this.iso());
    }
  }

  /** Sent copy and \Answered, each checked before being done so a repeat after a crash changes nothing. */
  private async afterSend(): Promise<void> {
    const rows = ob.pendingAfterSend(this.d.db);
    if (rows.length === 0) return;
    const clients = new Map<number, ImapFlow>();
    const imapFor = async (mailboxId: number): Promise<ImapFlow | null> => {
      const existing = clients.get(mailboxId);
      if (existing) return existing;
      const mb = store.getMailbox(this.d.db, mailboxId);
      if (!mb) return null;
      const c = await this.d.openImap(mb);
      clients.set(mailboxId, c);
      return c;
    };
    let failed = false;
    try {
      for (const row of rows) {
        try {
          if (row.sent_copy === 0) await this.appendSentCopy(row, await imapFor(row.mailbox_id));
          if (row.answered === 0) await this.flagAnswered(row, imapFor);
          this.changed(row.id);
        } catch (err) {
          failed = true;
          const c = classifyError(err);
          this.d.log.log('warn', 'after-send step failed, will retry', { outbox: row.id, code: c.code, detail: c.detail });
        }
      }
    } finally {
      for (const c of clients.values()) await closeImap(c);
    }
    this.afterSendFailures = failed ? this.afterSendFailures + 1 : 0;
  }

  private async appendSentCopy(row: OutboxRow, client: ImapFlow | null): Promise<void> {
    if (!client) return ob.setStep(this.d.db, row.id, 'sent_copy', 2);
    const folder = await sentFolderOrCreate(client);
    if (!(await folderHasMessageId(client, folder, row.message_id))) {
      const raw = ob.getOutboxRaw(this.d.db, row.id);
      if (raw) await client.append(folder, raw, ['\\Seen'], new Date(row.sent_at ?? this.iso()));
    }
    ob.setStep(this.d.db, row.id, 'sent_copy', 1);
  }

  private async flagAnswered(row: OutboxRow, imapFor: (mailboxId: number) => Promise<ImapFlow | null>): Promise<void> {
    const original = row.source_message_id === null ? undefined : store.getMessageRow(this.d.db, row.source_message_id);
    const client = original ? await imapFor(original.mailbox_id) : null;
    if (!original || !client) return ob.setStep(this.d.db, row.id, 'answered', 2);
    const lock = await client.getMailboxLock(original.folder);
    try {
      const mailbox = client.mailbox;
      // Another UIDVALIDITY means the UID no longer names this message: leave the server alone.
      if (mailbox && String(mailbox.uidValidity) === original.uidvalidity) {
        await client.messageFlagsAdd(String(original.uid), ['\\Answered'], { uid: true });
      }
    } finally {
      lock.release();
    }
    ob.markAnsweredLocally(this.d.db, original.id);
    ob.setStep(this.d.db, row.id, 'answered', 1);
  }
}
