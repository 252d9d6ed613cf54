// `releve send`: a new message, a reply or a forward from a script, through the same durable outbox as the
// app (no undo delay here). Sent at once when this process may send; otherwise left queued for the app.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { OutboxItem, OutgoingAttachment } from '../../../shared/types.js';
import { validateArg } from '../../../shared/arg-checkers.js';
import { flag, intOption, noPositionals, parseCommandArgs, str, strList } from '../args.js';
import { EXIT_FAILED, EXIT_OK, UsageError } from '../cli-error.js';
import { withCore } from '../context.js';
import type { CliContext } from '../context.js';

const COMMAND = 'send';

function readFile(ctx: CliContext, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new UsageError(ctx.t('sendFileUnreadable', { path: file, err: (err as NodeJS.ErrnoException).code ?? String(err) }), COMMAND);
  }
}

async function readStdin(ctx: CliContext): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of ctx.stdin) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

export async function sendCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const p = parseCommandArgs(
    argv,
    {
      mailbox: { type: 'string' },
      to: { type: 'string', multiple: true },
      cc: { type: 'string', multiple: true },
      bcc: { type: 'string', multiple: true },
      from: { type: 'string' },
      subject: { type: 'string' },
      text: { type: 'string' },
      'text-file': { type: 'string' },
      'text-stdin': { type: 'boolean' },
      'html-file': { type: 'string' },
      attach: { type: 'string', multiple: true },
      reply: { type: 'string' },
      'reply-all': { type: 'string' },
      forward: { type: 'string' },
      flush: { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    ctx.locale,
    COMMAND,
  );
  noPositionals(p, ctx.locale, COMMAND);
  if (flag(p, 'flush')) {
    const items = await withCore(ctx, async (core) => {
      await core.sendOutbox();
      return core.api.listOutbox();
    });
    if (flag(p, 'json')) ctx.json(items);
    return items.some((o) => o.state === 'failed') ? EXIT_FAILED : EXIT_OK;
  }
  const reply = intOption(p, 'reply', ctx.locale, COMMAND);
  const replyAll = intOption(p, 'reply-all', ctx.locale, COMMAND);
  const forward = intOption(p, 'forward', ctx.locale, COMMAND);
  if ([reply, replyAll, forward].filter((v) => v !== undefined).length > 1) throw new UsageError(ctx.t('sendOneKind'), COMMAND);

  const textFile = str(p, 'text-file');
  const text = flag(p, 'text-stdin') ? await readStdin(ctx) : textFile ? readFile(ctx, textFile).toString('utf8') : (str(p, 'text') ?? '');
  const htmlFile = str(p, 'html-file');
  const attachments: OutgoingAttachment[] = strList(p, 'attach').map((file) => ({
    filename: path.basename(file),
    data_base64: readFile(ctx, file).toString('base64'),
  }));
  const common = {
    text,
    ...(htmlFile ? { html: readFile(ctx, htmlFile).toString('utf8') } : {}),
    ...(attachments.length > 0 ? { attachments } : {}),
    ...(str(p, 'from') ? { from: str(p, 'from') } : {}),
    ...(strList(p, 'cc').length > 0 ? { cc: strList(p, 'cc') } : {}),
    ...(strList(p, 'bcc').length > 0 ? { bcc: strList(p, 'bcc') } : {}),
    undo_seconds: 0,
  };

  const item: OutboxItem = await withCore(ctx, async (core) => {
    let queued: OutboxItem;
    if (reply !== undefined || replyAll !== undefined) {
      const arg = { ...common, message_id: (reply ?? replyAll) as number, all: replyAll !== undefined };
      validateArg('replyToMessage', arg, ctx.locale);
      queued = await core.api.replyToMessage(arg);
    } else if (forward !== undefined) {
      const arg = { ...common, message_id: forward, to: strList(p, 'to'), ...(str(p, 'subject') ? { subject: str(p, 'subject') } : {}) };
      validateArg('forwardMessage', arg, ctx.locale);
      queued = await core.api.forwardMessage(arg);
    } else {
      const mailbox = intOption(p, 'mailbox', ctx.locale, COMMAND);
      if (mailbox === undefined) throw new UsageError(ctx.t('sendNeedsMailbox'), COMMAND);
      const arg = { ...common, mailbox_id: mailbox, to: strList(p, 'to'), subject: str(p, 'subject') ?? '' };
      validateArg('sendMessage', arg, ctx.locale);
      queued = await core.api.sendMessage(arg);
    }
    await core.sendOutbox();
    return (await core.api.listOutbox()).find((o) => o.id === queued.id) ?? queued;
  });
  if (flag(p, 'json')) ctx.json(item);
  else if (item.state === 'sent') ctx.out(ctx.t('sendSent', { id: item.message_id, response: item.smtp_response ?? '' }));
  else if (item.state === 'failed') ctx.err(ctx.t('sendFailed', { id: item.message_id, message: item.error?.message ?? '', hint: item.error?.hint ?? '' }));
  else ctx.out(ctx.t('sendQueued', { id: item.message_id, reason: item.error?.message ?? '' }));
  return item.state === 'failed' ? EXIT_FAILED : EXIT_OK;
}
