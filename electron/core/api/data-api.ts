// Settings › "Données et sauvegarde": version, where the data is, and the ways out (export, backup) from the UI
// and REST, on the same code as `releve export` / `releve backup` (electron/core/archive/).
import { statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MailApi } from '../../../shared/api.js';
import { parseExportChoice } from '../../../shared/data-arg-checks.js';
import { ReleveError } from '../../../shared/errors.js';
import { translator } from '../../../shared/i18n/index.js';
import type { ExportInput, Locale } from '../../../shared/types.js';
import { appVersion } from '../app-version.js';
import { backupStore, lastBackup } from '../archive/backup.js';
import { exportMessages } from '../archive/export.js';
import type { CoreContext } from '../core-context.js';
import { packsBytes } from '../store/source-files.js';
import { DATA_TEXT } from './api.i18n.js';

type DataHandlers = Pick<MailApi, 'getAbout' | 'exportMessages' | 'backupStore'>;

function fileSize(file: string): number {
  return statSync(file, { throwIfNoEntry: false })?.size ?? 0;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** An absolute destination on this computer; a relative one would land wherever the process was started. */
function absolutePath(v: unknown, field: string, locale: Locale): string {
  if (typeof v !== 'string' || v.trim() === '' || v.includes('\0') || !path.isAbsolute(v.trim())) {
    throw new ReleveError('VALIDATION', translator(DATA_TEXT, locale)('absolutePath', { field }), { field });
  }
  return path.normalize(v.trim());
}

/** The shared check of the mailboxes and format (as every transport applies it), then the path on this computer. */
function parseExportInput(arg: unknown, locale: Locale): ExportInput {
  const a = (arg ?? {}) as Record<string, unknown>;
  return { ...parseExportChoice(a, locale), out_dir: absolutePath(a.out_dir, 'out_dir', locale) };
}

export function dataHandlers(ctx: CoreContext, where: { dataDir: string; dbPath: string; logFile: string | null }): DataHandlers {
  return {
    async getAbout() {
      const home = os.homedir();
      return {
        version: appVersion(),
        data_dir: where.dataDir,
        store_bytes: fileSize(where.dbPath) + fileSize(`${where.dbPath}-wal`) + packsBytes(where.dbPath),
        log_file: where.logFile,
        last_backup: lastBackup(where.dataDir),
        default_export_dir: path.join(home, `Releve-export-${today()}`),
        default_backup_file: path.join(home, `Releve-sauvegarde-${today()}.db`),
      };
    },

    async exportMessages(arg) {
      const input = parseExportInput(arg, ctx.locale());
      let last = 0;
      return exportMessages({
        storeFile: where.dbPath,
        mailboxIds: input.mailbox_ids,
        format: input.format,
        out: input.out_dir,
        onProgress: (done, total) => {
          // A few events a second at most, and always the last one.
          if (done < total && ctx.now() - last < 250) return;
          last = ctx.now();
          ctx.hub.emit('exportProgress', { done, total });
        },
      });
    },

    async backupStore(arg) {
      const file = absolutePath((arg as { file?: unknown } | undefined)?.file, 'file', ctx.locale());
      const r = backupStore(where.dataDir, file);
      return { file: r.file, bytes: r.bytes, mailboxes: r.mailboxes, messages: r.messages };
    },
  };
}
