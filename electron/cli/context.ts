// What every command receives: the language, the environment, the streams, and a way to open the core.
import type { Locale } from '../../shared/types.js';
import type { Core } from '../core/model.js';
import { cliText, type CliTranslate } from './text.js';

export interface CliContext {
  locale: Locale;
  env: NodeJS.ProcessEnv;
  /** --data-dir as given (absent → RELEVE_DATA_DIR → OS default). */
  dataDirFlag: string | undefined;
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  /** The CLI's words in `locale`: `ctx.t('key', { param })`, parameters checked against the text. */
  t: CliTranslate;
  /** A line for the user (stdout). */
  out(line: string): void;
  /** A line for the user that is not the result (stderr): warnings, hints, errors. */
  err(line: string): void;
  /** The machine-readable result (stdout only). */
  json(value: unknown): void;
  /** Opens the core on the data dir; the command must close it. */
  openCore(): Promise<Core>;
}

export function createContext(opts: {
  locale: Locale;
  env: NodeJS.ProcessEnv;
  dataDirFlag: string | undefined;
  openCore: (ctx: CliContext) => Promise<Core>;
}): CliContext {
  const ctx: CliContext = {
    locale: opts.locale,
    env: opts.env,
    dataDirFlag: opts.dataDirFlag,
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    t: cliText(opts.locale),
    out: (line) => void process.stdout.write(`${line}\n`),
    err: (line) => void process.stderr.write(`${line}\n`),
    json: (value) => void process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    openCore: () => opts.openCore(ctx),
  };
  return ctx;
}

/** Opens the core, runs `fn`, and always closes it (a cron pass must leave nothing running). */
export async function withCore<T>(ctx: CliContext, fn: (core: Core) => Promise<T>): Promise<T> {
  const core = await ctx.openCore();
  try {
    return await fn(core);
  } finally {
    await core.close();
  }
}
