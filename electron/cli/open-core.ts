// Builds the core for one CLI run: the data dir (--data-dir, RELEVE_DATA_DIR, OS default), the file-key
// SecretBox (RELEVE_SECRET_KEY honoured), the user's language, and extra CAs from RELEVE_EXTRA_CA.
// Imported lazily by main.ts so `--help` and `--version` never load SQLite or IMAP.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createCore } from '../core/create-core.js';
import { ensureDataDir, resolveDataDir } from '../core/data-dir.js';
import type { Core, Logger } from '../core/model.js';
import { createFileKeyBox } from '../core/secrets/index.js';
import { UsageError } from './cli-error.js';
import type { CliContext } from './context.js';

export function cliDataDir(ctx: Pick<CliContext, 'dataDirFlag' | 'env'>): string {
  return ensureDataDir(ctx.dataDirFlag ? path.resolve(ctx.dataDirFlag) : resolveDataDir(ctx.env));
}

/** PEM file(s) named by RELEVE_EXTRA_CA (path-list separated, like PATH). NODE_EXTRA_CA_CERTS works natively. */
export function extraCa(ctx: Pick<CliContext, 'env' | 't'>): string[] | undefined {
  const v = ctx.env.RELEVE_EXTRA_CA?.trim();
  if (!v) return undefined;
  return v
    .split(path.delimiter)
    .filter(Boolean)
    .map((file) => {
      try {
        return readFileSync(file, 'utf8');
      } catch (err) {
        throw new UsageError(ctx.t('extraCaUnreadable', { path: file, err: (err as NodeJS.ErrnoException).code ?? String(err) }));
      }
    });
}

/** With RELEVE_DEBUG=1 the core's log lines (already redacted by the core) also go to stderr. */
function stderrLogger(ctx: CliContext): Logger | undefined {
  if (ctx.env.RELEVE_DEBUG !== '1') return undefined;
  return {
    log(level, msg, fields) {
      ctx.err(`[${level}] ${msg}${fields ? ` ${JSON.stringify(fields)}` : ''}`);
    },
  };
}

export async function openCliCore(ctx: CliContext): Promise<Core> {
  const dataDir = cliDataDir(ctx);
  const tlsCa = extraCa(ctx);
  const logger = stderrLogger(ctx);
  return createCore({
    dataDir,
    secrets: createFileKeyBox(dataDir, ctx.env, logger ? { logger } : {}),
    locale: ctx.locale,
    // OAuth2 client ids (RELEVE_OAUTH_*) come from this run's environment.
    oauth: { env: ctx.env },
    ...(tlsCa ? { tlsCa } : {}),
    ...(logger ? { logger } : {}),
  });
}
