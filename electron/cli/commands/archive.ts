// `releve export`, `releve backup FILE`, `releve restore FILE`: the way out of Relève (no lock-in). Export and
// backup read the store through their own read-only connection, so they run beside the app or `releve serve`;
// restore replaces the store and so refuses while another process uses the data folder.
import path from 'node:path';
import { ReleveError } from '../../../shared/errors.js';
import { exportMessages } from '../../core/archive/export.js';
import { backupStore, restoreStore, STORE_FILE_NAME } from '../../core/archive/backup.js';
import { createFileKeyBox, openSecret } from '../../core/secrets/index.js';
import { flag, intOption, noPositionals, parseCommandArgs, str } from '../args.js';
import { EXIT_OK, UsageError } from '../cli-error.js';
import type { CliContext } from '../context.js';
import { cliDataDir } from '../open-core.js';

const HELP = { help: { type: 'boolean', short: 'h' }, json: { type: 'boolean' } } as const;

/** A core validation refusal said in the user's language (the core's own message is English). */
function reword(ctx: CliContext, err: unknown, file: string): never {
  if (err instanceof ReleveError && err.code === 'VALIDATION' && err.field) {
    const keys = {
      backup_unreadable: 'backupUnreadable',
      backup_damaged: 'backupDamaged',
      backup_foreign: 'backupForeign',
      backup_newer: 'backupNewer',
      data_busy: 'dataBusy',
    } as const;
    const key = Object.hasOwn(keys, err.field) ? keys[err.field as keyof typeof keys] : undefined;
    if (key) throw new UsageError(ctx.t(key, { file, detail: err.detail ?? '' }));
  }
  throw err;
}

/** Progress on stderr, only for a person watching a terminal (cron logs stay clean). */
function progressLine(ctx: CliContext): (done: number, total: number) => void {
  if (!ctx.stderr.isTTY) return () => undefined;
  return (done, total) => ctx.stderr.write(`\r${ctx.t('exportProgress', { done, count: total })}${done >= total ? '\n' : ''}`);
}

export async function exportCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const p = parseCommandArgs(
    argv,
    { ...HELP, mailbox: { type: 'string' }, all: { type: 'boolean' }, format: { type: 'string' }, out: { type: 'string' } },
    ctx.locale,
    'export',
  );
  noPositionals(p, ctx.locale, 'export');
  const mailbox = intOption(p, 'mailbox', ctx.locale, 'export');
  if ((mailbox === undefined) === !flag(p, 'all')) throw new UsageError(ctx.t('exportWhich'), 'export');
  const format = str(p, 'format') ?? 'mbox';
  if (format !== 'mbox' && format !== 'eml') throw new UsageError(ctx.t('exportFormat', { v: format }), 'export');
  const out = str(p, 'out');
  if (!out) throw new UsageError(ctx.t('missingOption', { opt: '--out' }), 'export');
  const dataDir = cliDataDir(ctx);
  const result = await exportMessages({
    storeFile: path.join(dataDir, STORE_FILE_NAME),
    mailboxIds: mailbox === undefined ? null : [mailbox],
    format: format,
    out,
    onProgress: progressLine(ctx),
  });
  if (flag(p, 'json')) ctx.json(result);
  else ctx.out(ctx.t('exportDone', { count: result.messages, files: ctx.t('exportFiles', { count: result.files }), out: result.out, format }));
  return EXIT_OK;
}

export async function backupCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const p = parseCommandArgs(argv, HELP, ctx.locale, 'backup');
  const [file, extra] = p.positionals;
  if (extra !== undefined) throw new UsageError(ctx.t('unexpectedArg', { arg: extra }), 'backup');
  if (!file) throw new UsageError(ctx.t('backupNeedsFile'), 'backup');
  const result = backupStore(cliDataDir(ctx), file);
  if (flag(p, 'json')) ctx.json(result);
  else {
    ctx.out(ctx.t('backupDone', {
        file: result.file,
        mailboxes: ctx.t('mailboxes', { count: result.mailboxes }),
        messages: ctx.t('messages', { count: result.messages }),
        mb: (result.bytes / 1048576).toFixed(1),
      }));
    ctx.out(ctx.t('backupKeyNote'));
  }
  return EXIT_OK;
}

export async function restoreCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const p = parseCommandArgs(argv, { ...HELP, yes: { type: 'boolean' } }, ctx.locale, 'restore');
  const [file, extra] = p.positionals;
  if (extra !== undefined) throw new UsageError(ctx.t('unexpectedArg', { arg: extra }), 'restore');
  if (!file) throw new UsageError(ctx.t('backupNeedsFile'), 'restore');
  const dataDir = cliDataDir(ctx);
  const box = createFileKeyBox(dataDir, ctx.env);
  let result;
  try {
    result = await restoreStore({
      dataDir,
      file,
      canOpenSecret: async (enc, kind) => {
        try {
          await openSecret([box], enc, kind);
          return true;
        } catch {
          return false;
        }
      },
    });
  } catch (err) {
    reword(ctx, err, file);
  }
  if (flag(p, 'json')) ctx.json(result);
  else {
    ctx.out(ctx.t('restoreDone', { mailboxes: ctx.t('mailboxes', { count: result.mailboxes }), messages: ctx.t('messages', { count: result.messages }) }));
    if (result.previous) ctx.out(ctx.t('restorePrevious', { file: result.previous }));
    for (const m of result.needSecretAgain) ctx.out(ctx.t('restoreNeedsSecret', { id: m.id, name: m.name, email: m.email_address }));
  }
  return EXIT_OK;
}

