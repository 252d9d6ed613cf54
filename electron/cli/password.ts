// Where a password may come from: never argv (it shows in `ps`). --password-stdin reads the whole of stdin;
// otherwise a terminal prompts without echo; otherwise RELEVE_PASSWORD (for unattended installs).
import type { Locale } from '../../shared/types.js';
import { UsageError } from './cli-error.js';
import { t } from './text.js';

export interface PasswordSources {
  fromStdin: boolean;
  stdin: NodeJS.ReadStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
  locale: Locale;
  /** Shown in the prompt. */
  email: string;
  /** Printed (on a terminal only) before the prompt, e.g. the provider's app-password steps. */
  beforePrompt?: string;
}

export async function readPassword(src: PasswordSources): Promise<string> {
  if (src.fromStdin) {
    // Only the line end a shell or `echo` adds is removed: spaces may belong to the password.
    const text = (await readAll(src.stdin)).replace(/\r?\n$/, '');
    if (text.length === 0) throw new UsageError(t(src.locale, 'emptyPassword'));
    return text;
  }
  if (src.stdin.isTTY) {
    if (src.beforePrompt) src.stderr.write(`${src.beforePrompt}\n\n`);
    const typed = await promptHidden(src.stdin, src.stderr, t(src.locale, 'passwordPrompt', { email: src.email }));
    if (typed.length === 0) throw new UsageError(t(src.locale, 'emptyPassword'));
    return typed;
  }
  const fromEnv = src.env.RELEVE_PASSWORD;
  if (fromEnv) return fromEnv;
  throw new UsageError(t(src.locale, 'noPassword'));
}

async function readAll(stream: NodeJS.ReadStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads one line in raw mode, echoing nothing; Ctrl-C aborts with the usual exit status 130. */
function promptHidden(stdin: NodeJS.ReadStream, stderr: NodeJS.WriteStream, prompt: string): Promise<string> {
  return new Promise((resolve) => {
    stderr.write(prompt);
    let value = '';
    const wasRaw = stdin.isRaw;
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const finish = () => {
      stdin.setRawMode(wasRaw);
      stdin.pause();
      stdin.off('data', onData);
      stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          finish();
          resolve(value);
          return;
        }
        if (ch === '\u0003') {
          finish();
          process.exit(130);
        }
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
  });
}
